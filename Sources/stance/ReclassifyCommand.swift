import ArgumentParser
import Foundation
import StanceModel
import StancePipeline
import StanceReports
import StanceStore

struct ReclassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reclassify",
        abstract: "Re-run the current rules over stored statements and show what changed.",
        discussion: """
            Examples:
              stance reclassify                       after editing Rules/ and rebuilding
              stance reclassify --rules my-rules/     with an analyst's copy of the rules

            Sources are not re-read: the stored text and statements are classified again. Labels found
            again move to the new rule-set version; the rest are added or removed.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: RulesOptions

    @Option(help: "Classification workers (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        let ruleSet = try rules.load()
        let store = try database.open()
        let reclassifier = Reclassifier(database: store, processor: try DocumentProcessor(rules: ruleSet), jobs: jobs)
        let report = try reclassifier.run()
        let changes = report.changes
        let output = OutputBuffer()
        defer { output.flush() }
        if changes.isEmpty {
            output.write("No labels changed.\n")
        } else {
            var rows: [[String]] = [["country", "stance", "polarity", "added", "removed"]]
            let groups = Set(changes.added.keys).union(changes.removed.keys).sorted()
            for group in groups {
                rows.append([group.country?.rawValue ?? "—", group.stance.rawValue, group.polarity.rawValue,
                             "+\(changes.added[group] ?? 0)", "−\(changes.removed[group] ?? 0)"])
            }
            output.write(TextTable.render(rows))
        }
        Console.error(String(format: "%d documents, %d statements (%d changed): +%d −%d labels, %d unchanged; %.2f s (%.0f statements/s); rules %@",
                             report.documents, changes.statementsSeen, changes.statementsChanged, changes.totalAdded,
                             changes.totalRemoved, changes.unchanged, report.seconds, report.statementsPerSecond,
                             report.rulesetVersion))
    }
}
