// TcpglintInput: from a file's bytes to TcpglintCore documents, with exact positions. Every
// fault becomes an input problem at its place, and limits bound what a hostile file can cost.
//
// Folders:
//   (top level)  InputReader (encodings, JSON or YAML, streams), the limits, inline suppressions
//   JSON/        the strict RFC 8259 scanner, with positions and duplicate keys
//   YAML/        the libyaml event loader and YAML 1.2 scalar typing, with YAML 1.1's differences
//   Binary/      documents as bytes, for the built-in pack parsed at build time
//
// Imports: TcpglintCore and CYAML (libyaml); no other Tcpglint module.
