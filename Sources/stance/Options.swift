import ArgumentParser
import Foundation
import StanceModel
import StancePipeline
import StanceRules
import StanceStore

/// `--db PATH`: where the database lives.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The database file (default: $STANCE_DB, else ./stance.sqlite).")
    var path: String?

    var resolvedPath: String {
        StanceDatabase.resolvePath(explicit: path, environment: ProcessInfo.processInfo.environment,
                                   currentDirectory: FileManager.default.currentDirectoryPath)
    }

    func open() throws -> StanceDatabase {
        do {
            return try StanceDatabase.open(path: resolvedPath)
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }
}

/// `--rules DIR`: an analyst's copy of Rules/ instead of the built-in rules.
struct RulesOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: "A rules folder to use instead of the built-in rules (default: $STANCE_RULES).")
    var directory: String?

    /// Loads and validates the rules; refuses to go on if they do not check.
    func load() throws -> RuleSet {
        let (rules, diagnostics) = RuleSet.load(directory: RuleSet.directory(option: directory))
        for diagnostic in diagnostics where diagnostic.severity == .warning { Console.error(diagnostic.description) }
        let errors = diagnostics.filter { $0.severity == .error }
        guard let rules, errors.isEmpty else {
            errors.forEach { Console.error($0.description) }
            throw CommandFailure("the rules do not check (\(errors.count) error\(errors.count == 1 ? "" : "s")); fix them or run `stance rules check`")
        }
        return rules
    }
}

/// Parses a `YYYY-MM-DD` option value.
extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
    public static var defaultCompletionKind: CompletionKind { .default }
}

extension CountryCode: ExpressibleByArgument {
    public init?(argument: String) {
        let code = CountryCode(rawValue: argument.uppercased())
        guard code.isWellFormed else { return nil }
        self = code
    }
}

/// A failure to report as `stance: message` with exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Standard output carries data; everything else goes to standard error.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// Colour only on a terminal and only when NO_COLOR is unset.
    static var useColor: Bool { stdoutIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }
}

/// Buffered writes to standard output (rows by the million must not cost a syscall each).
final class OutputBuffer {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}
