import ArgumentParser
import TcpglintCore
import TcpglintInput
import TcpglintReport
import TcpglintRules

// MARK: - Exit statuses

/// The exit statuses, documented in the README.
public enum ExitStatus: Int32 {
    /// Nothing at or above the fail level.
    case clean = 0
    /// Findings at or above the fail level.
    case findings = 1
    /// A usage error or a rule-file error.
    case usage = 2
    /// An internal or I/O failure: a path that cannot be read (the other files are still
    /// linted), or a file or standard output that cannot be written.
    case failure = 3
}
