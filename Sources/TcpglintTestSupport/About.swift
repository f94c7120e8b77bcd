// TcpglintTestSupport: what the test targets share, and nothing a user runs; no production
// target may import it.
//
// Files (no folders):
//   Testdata.swift   the package root (tests run there), test files read and written, listings
//   Goldens.swift    the only golden logic: compare, or record with TCPGLINT_UPDATE_GOLDENS=1
//   InProcess.swift  the CLI run in-process, its output captured
//   TempDir.swift    scratch folders under /tmp (mkdtemp), removed with all they hold; mkdir -p
//   TinyFileSystem.swift  a tiny tmpfs mounted for a test, to fill: a real full disk (root only)
//   RuleSets.swift   the built-in pack, a linter over a rule set, rule sets of extra rules
//   Documents.swift  whether two documents are the same node for node
//
// Recording a golden fails the test, so that a golden is never accepted silently.
//
// Imports: TcpglintSystem, TcpglintCore, TcpglintInput, TcpglintRules, TcpglintCLI and Testing.
