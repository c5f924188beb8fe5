import StanceModel
import Yams

/// A YAML file being read, collecting diagnostics that point at file:line:column.
///
/// Loaders read Yams `Node`s through this so that every complaint names where it is and what would
/// have been valid, the way a compiler does, and so that one bad value never stops the rest of the
/// file from being checked.
struct YAMLReader {
    /// The file's path as diagnostics show it (e.g. `Rules/pressure/raise-pressure.yaml`).
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    /// The file's root node, or nil with a diagnostic when it is not valid YAML.
    ///
    /// Scalars keep their text and are not typed: Yams's default resolver tries seven regular
    /// expressions (NSRegularExpression) on a scalar each time its type is asked, and it checks every
    /// mapping for duplicate keys by hashing their types; that was half the time of loading the rules.
    /// The loaders read text, and `bool(_:)` reads the one boolean field as the default resolver would.
    /// (UTF-8 is what `Parser.Encoding.default` works out for a native string, reading the environment
    /// every time.)
    mutating func compose(_ contents: String) -> Node? {
        do {
            return try Yams.compose(yaml: contents, .basic, .default, .utf8)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                diagnostics.append(.error("invalid YAML: \(problem)", file: file, line: mark.line, column: mark.column))
            case .duplicatedKeysInMapping(let duplicates, let context):
                diagnostics.append(
                    .error(
                        "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in a mapping",
                        file: file, line: context.mark.line, column: context.mark.column))
            case .reader(let problem, _, _, _):
                diagnostics.append(.error("unreadable YAML: \(problem)", file: file, line: 1, column: 1))
            default:
                diagnostics.append(.error("invalid YAML: \(error)", file: file, line: 1, column: 1))
            }
            return nil
        } catch {
            diagnostics.append(.error("invalid YAML: \(error)", file: file, line: 1, column: 1))
            return nil
        }
    }

    /// What `Node.bool` gave the loader under the default resolver (which it never asked to type a
    /// value first): true for yes, true or on and false for no, false or off in any case, unless the
    /// scalar was quoted or tagged `!!str`.
    static func bool(_ node: Node) -> Bool? {
        guard case .scalar(let scalar) = node, scalar.tag.description != Tag.Name.str.rawValue else { return nil }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    mutating func error(_ message: String, at node: Node?, columnOffset: Int = 0) {
        let mark = node?.mark
        diagnostics.append(
            .error(message, file: file, line: mark?.line ?? 1, column: mark.map { $0.column + columnOffset } ?? 1))
    }

    mutating func warning(_ message: String, at node: Node?) {
        let mark = node?.mark
        diagnostics.append(.warning(message, file: file, line: mark?.line ?? 1, column: mark?.column ?? 1))
    }

    mutating func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// The key/value pairs of a mapping, checking every key against `allowed`.
    mutating func mapping(_ node: Node, what: String, allowed: [String]) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            error("\(what) must be a mapping with keys \(Self.list(allowed)), found \(describe(node))", at: node)
            return nil
        }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                error("keys must be plain words; expected one of \(Self.list(allowed))", at: key)
                continue
            }
            guard allowed.contains(name) else {
                error("unknown key '\(name)' in \(what); expected one of \(Self.list(allowed))", at: key)
                continue
            }
            result[name] = value
        }
        return result
    }

    /// A scalar as text. Numbers and booleans are accepted as their text (YAML reads `no` as false).
    mutating func string(_ node: Node, what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error("\(what) must be a single value, found \(describe(node))", at: node)
            return nil
        }
        return scalar.string
    }

    /// A list of scalars; a single scalar counts as a list of one.
    mutating func strings(_ node: Node, what: String) -> [(String, Node)] {
        switch node {
        case .scalar(let scalar):
            return [(scalar.string, node)]
        case .sequence(let sequence):
            var result: [(String, Node)] = []
            for item in sequence {
                if let text = string(item, what: "each item of \(what)") { result.append((text, item)) }
            }
            return result
        default:
            error("\(what) must be a list of values, found \(describe(node))", at: node)
            return []
        }
    }

    /// The items of a sequence (a single mapping or scalar counts as a list of one).
    mutating func items(_ node: Node, what: String) -> [Node] {
        switch node {
        case .sequence(let sequence): return Array(sequence)
        case .mapping, .scalar: return [node]
        case .alias:
            error("\(what) must be a list, not an alias", at: node)
            return []
        }
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    static func list(_ words: [String]) -> String {
        switch words.count {
        case 0: return "nothing"
        case 1: return words[0]
        default: return words.dropLast().joined(separator: ", ") + " or " + words.last!
        }
    }

    /// The column (1-based) where a scalar's text begins, for pointing inside it. Quoted scalars
    /// start one column after their mark.
    static func textColumn(of node: Node) -> Int {
        guard case .scalar(let scalar) = node, let mark = scalar.mark else { return 1 }
        switch scalar.style {
        case .singleQuoted, .doubleQuoted: return mark.column + 1
        default: return mark.column
        }
    }
}

/// A file of the rule set: its path relative to the rules root and its text.
public struct RuleFile: Sendable, Hashable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}
