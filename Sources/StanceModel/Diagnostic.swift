/// A problem found in an input, a rule file or a database, located as precisely as known.
///
/// Its description reads like a compiler's: `file:line:column: severity: message`.
public struct Diagnostic: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Codable, Sendable, Comparable {
        case warning, error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    public var severity: Severity
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(_ severity: Severity, _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    public static func error(_ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil) -> Diagnostic {
        Diagnostic(.error, message, file: file, line: line, column: column)
    }

    public static func warning(_ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil) -> Diagnostic {
        Diagnostic(.warning, message, file: file, line: line, column: column)
    }

    public var location: String? {
        guard let file else { return nil }
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }

    public var description: String {
        [location, "\(severity.rawValue): \(message)"].compactMap { $0 }.joined(separator: ": ")
    }
}
