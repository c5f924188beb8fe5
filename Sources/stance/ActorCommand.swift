import ArgumentParser
import Foundation
import StanceModel
import StanceReports
import StanceRules
import StanceStore

struct ActorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actor",
        abstract: "Show one actor's position: who they are, their stance profile and timeline, and their statements.",
        discussion: """
            Examples:
              stance actor Kishida
              stance actor "Kim Hong Kyun" --country KOR
              stance actor JPN                  Japan speaking as itself, and its other speakers
              stance actor Lavrov --from 2014-01-01 --format html > lavrov.html

            A name is matched against actor names and the actor dictionary's names and aliases, then as whole words of actor names ("Kishida" finds "Fumio Kishida"). When several actors match, they are listed and the command fails (exit 1): give the full name, or --country.

            A country code (JPN, EU) shows the statements made in the country's own name (its name, capital or government as the speaker) and lists its other speakers; `stance report --country JPN` puts all of them together.

            Roles come from the statements (the title the text gave) and from the actor dictionary (roles with dates); a statement without a role in the text shows the role the dictionary says was held on its date.
            """
    )

    @Argument(help: "A name (Kishida, \"Fumio Kishida\") or a country code (JPN).")
    var name: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var filters: ReportFilterOptions

    @Option(help: "Timeline by week, month, quarter or year.")
    var by: ReportPeriod = .month

    @Option(help: "List at most this many statements, newest first.")
    var limit: Int = 50

    @OptionGroup var output: ReportOutputOptions

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let store = try database.open()
        var filter = filters.filter
        // --country narrows which actor a name means; the actor's own statements are all its country's.
        let restriction = filter.countries.count == 1 ? filter.countries[0] : nil
        if filter.countries.count > 1 { throw ValidationError("give --country at most once with stance actor") }
        filter.countries = []
        switch try ActorLookup.find(name, country: restriction, in: store, dictionary: dictionary()) {
        case .notFound:
            throw CommandFailure("no actor matches \"\(name)\"; `stance actors unknown` lists speakers the dictionary lacks")
        case .ambiguous(let groups):
            let lines = ActorLookup.describe(groups).map { "  " + $0 }
            throw CommandFailure(
                "\"\(name)\" matches \(groups.count) actors; which one?\n" + lines.joined(separator: "\n")
                    + "\nGive the full name, or add --country CODE.")
        case .found(let match):
            let report = try ActorReport.build(store, match: match, filter: filter, by: by, statementLimit: limit)
            output.write(report.render(output.format, colour: output.useColour), coverage: report.coverageLines)
        }
    }

    /// The actor dictionary, for roles with dates and aliases. Only the files under actors/ are
    /// loaded: compiling every rule would cost more than the report. The report stands without the
    /// dictionary: when it does not load, the command says so once and shows what the database knows.
    func dictionary() -> ActorDictionary? {
        var files: [RuleFile]
        var prefix = ""
        if let directory = RuleSet.directory(option: rules.directory) {
            files = Self.actorFiles(in: directory)
            prefix = directory.path.hasSuffix("/") ? directory.path : directory.path + "/"
        } else {
            files = RuleSet.embeddedFiles.filter { $0.path.hasPrefix("actors/") }
        }
        let (ruleSet, diagnostics) = RuleSet.load(files: files, prefix: prefix)
        guard let ruleSet, !files.isEmpty else {
            let errors = diagnostics.filter { $0.severity == .error }.count
            Console.error(
                "stance: warning: the actor dictionary does not load (\(errors) error\(errors == 1 ? "" : "s"); see `stance rules check`), so roles and aliases from it are left out")
            return nil
        }
        return ruleSet.actors
    }

    /// The YAML files under `directory`/actors, with paths relative to `directory`.
    static func actorFiles(in directory: URL) -> [RuleFile] {
        let root = directory.appendingPathComponent("actors")
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var files: [RuleFile] = []
        for case let url as URL in walker where ["yaml", "yml"].contains(url.pathExtension) {
            guard let contents = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let relative = url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)
            files.append(RuleFile(path: "actors/" + relative, contents: contents))
        }
        return files.sorted { $0.path < $1.path }
    }
}
