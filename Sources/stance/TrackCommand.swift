import ArgumentParser
import Foundation
import StanceModel
import StanceReports
import StanceStore

struct TrackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "track",
        abstract: "Ingest articles, then summarise every country's stances.",
        discussion: """
            Examples:
              stance track seeds
              stance track archive/ --db archive.sqlite

            Prints, per country: labels per stance (+ supports, − opposes) and its latest statement.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var ingest: IngestArguments

    func run() throws {
        _ = try ingest.run(database: database, rules: rules)
        let store = try database.open()
        let summaries = try store.countrySummaries()
        let output = OutputBuffer()
        defer { output.flush() }
        output.write(TrackSummary.render(summaries))
    }
}
