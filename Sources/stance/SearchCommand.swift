import ArgumentParser
import Foundation
import StanceModel
import StanceReports
import StanceStore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find statements by their words, with the labels they got.",
        discussion: """
            Examples:
              stance search restraint
              stance search "maximum pressure" --country USA --from 2017-01-01
              stance search sanctions --stance sanctions --target PRK --format csv

            Every word and every "quoted phrase" must occur; case and accents do not matter, and FTS operators are taken as plain words. Statements without labels are found too, unless --target or --stance asks for labelled ones. Date filters leave out undated statements.
            """
    )

    @Argument(parsing: .remaining, help: "Words and \"quoted phrases\" to find.")
    var words: [String]

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: ReportFilterOptions

    @Option(help: "Show at most this many statements, best matches first.")
    var limit: Int = 50

    @OptionGroup var output: ReportOutputOptions

    func validate() throws {
        if words.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("give the words to search for")
        }
        if limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let store = try database.open()
        let query = words.map { $0.contains(" ") && !$0.contains("\"") ? "\"\($0)\"" : $0 }.joined(separator: " ")
        let report = try SearchReport.build(store, query: query, filter: filters.filter, limit: limit)
        output.write(report.render(output.format, colour: output.useColour), coverage: report.coverageLines)
    }
}
