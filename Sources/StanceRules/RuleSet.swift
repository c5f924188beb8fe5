import Foundation
import StanceModel
import StanceText

/// A loaded, validated and compiled rule set: rules, shared lists, the actor dictionary and the
/// boilerplate patterns, with the version every stored label records.
public struct RuleSet: Sendable {
    public let rules: [Rule]
    public let lists: [PhraseList]
    public let actors: ActorDictionary
    /// The actor dictionary compiled for finding country mentions in text.
    public let lexicon: ActorLexicon
    /// International bodies (UN, EU ...), which name who acts more often than whom it is aimed at.
    let bodies: Set<CountryCode>
    /// Regexes: a line matching one is boilerplate.
    public let boilerplateLines: [String]
    /// Regexes: a line matching one starts a trailing block that is cut to the end of the document.
    public let boilerplateCuts: [String]
    /// A short hex hash of every file's path and contents: the same files give the same version anywhere.
    public let version: String
    /// Every example of every rule, in rule order.
    public let examples: [RuleExample]
    /// The files the set was loaded from (paths relative to the rules root).
    public let files: [RuleFile]
    let matcher: Matcher
    let rulesByID: [String: Int]

    init(
        rules: [Rule], lists: [PhraseList], actors: ActorDictionary, boilerplateLines: [String],
        boilerplateCuts: [String], version: String, examples: [RuleExample], files: [RuleFile], matcher: Matcher
    ) {
        self.rules = rules
        self.lists = lists
        self.actors = actors
        self.lexicon = ActorLexicon(actors)
        self.bodies = actors.internationalBodyCodes
        self.boilerplateLines = boilerplateLines
        self.boilerplateCuts = boilerplateCuts
        self.version = version
        self.examples = examples
        self.files = files
        self.matcher = matcher
        self.rulesByID = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
    }

    public func rule(id: String) -> Rule? { rulesByID[id].map { rules[$0] } }

    // MARK: Loading

    /// Loads the rules in `directory`, or the rules built into the binary when it is nil.
    ///
    /// The set is nil when any diagnostic is an error; warnings come back either way.
    public static func load(directory: URL?) -> (RuleSet?, [Diagnostic]) {
        guard let directory else { return embedded }
        var diagnostics: [Diagnostic] = []
        let files = readFiles(in: directory, diagnostics: &diagnostics)
        var prefix = directory.path
        if !prefix.hasSuffix("/") { prefix += "/" }
        if diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
        let (set, more) = load(files: files, prefix: prefix)
        return (set, diagnostics + more)
    }

    /// Loads a rule set from files in memory; `prefix` is prepended to paths in diagnostics.
    public static func load(files: [RuleFile], prefix: String = "") -> (RuleSet?, [Diagnostic]) {
        var loader = RuleSetLoader(prefix: prefix)
        let set = loader.load(files)
        return (set, loader.diagnostics)
    }

    /// The rules built into the binary from the repository's Rules/ folder (loaded once).
    public static var embedded: (RuleSet?, [Diagnostic]) { EmbeddedRuleSet.shared }

    /// The files of the built-in rules.
    public static var embeddedFiles: [RuleFile] { EmbeddedRules.files.map { RuleFile(path: $0.path, contents: $0.contents) } }

    /// The rules directory an analyst chose: `--rules DIR` first, then `$STANCE_RULES`; nil means built in.
    public static func directory(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> URL?
    {
        if let option, !option.isEmpty { return URL(fileURLWithPath: option) }
        if let variable = environment["STANCE_RULES"], !variable.isEmpty { return URL(fileURLWithPath: variable) }
        return nil
    }

    static func readFiles(in directory: URL, diagnostics: inout [Diagnostic]) -> [RuleFile] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.append(.error("rules directory not found (expected a folder with pressure/, dialogue/, …)", file: directory.path))
            return []
        }
        let root = directory.standardizedFileURL.resolvingSymlinksInPath().path
        var files: [RuleFile] = []
        guard
            let walker = manager.enumerator(
                at: directory.standardizedFileURL.resolvingSymlinksInPath(), includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles])
        else { return [] }
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            let relative = full.hasPrefix(root + "/") ? String(full.dropFirst(root.count + 1)) : url.lastPathComponent
            guard let data = manager.contents(atPath: url.path) else {
                diagnostics.append(.error("cannot read file", file: directory.path + "/" + relative))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                    diagnostics.append(.error("not UTF-8 text; save the file as UTF-8", file: directory.path + "/" + relative, line: 1, column: 1))
                }
                continue
            }
            files.append(RuleFile(path: relative, contents: text))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// FNV-1a over every path and contents, in path order; 12 hex digits are plenty to tell sets apart.
    static func version(of files: [RuleFile]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        for file in files.sorted(by: { $0.path < $1.path }) {
            mix(file.path.utf8)
            mix([0])
            mix(file.contents.utf8)
            mix([0])
        }
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(12))
    }
}

/// Loads the embedded rules once per process.
private enum EmbeddedRuleSet {
    static let shared: (RuleSet?, [Diagnostic]) = RuleSet.load(files: RuleSet.embeddedFiles, prefix: "Rules/")
}
