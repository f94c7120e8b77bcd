// TcpglintReport: findings out, in every output format, and the documents generated from rule
// sets. Formats write as the files finish (begin, findings file by file, end), without
// timestamps, so that the same findings always give the same bytes.
//
// Folders:
//   (top level)  Report and Reporter, fingerprints, XML escaping, rule docs, the JSON Schema export
//   Formats/     the reporters: text, JSON, SARIF, JUnit, GitHub Actions, GitLab Code Quality
//
// Imports: TcpglintCore only; it reads no file and loads no rule.
