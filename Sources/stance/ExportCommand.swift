import ArgumentParser
import Foundation
import StanceModel
import StanceReports
import StanceStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print one row per stance label, with the sentence and rule it came from.",
        discussion: """
            Examples:
              stance export > labels.jsonl
              stance export --format csv --country JPN --country KOR --from 2017-01-01 --to 2017-12-31

            Fields: statement, document, date, source, speaker, actor, country, stance, polarity, target,
            text, start, end (Unicode scalar offsets into the document's text as read), rule.
            Date filters leave out undated documents.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, csv
    }

    @OptionGroup var database: DatabaseOptions

    @Option(help: "jsonl or csv.")
    var format: Format = .jsonl

    @OptionGroup var dates: DateRangeOptions

    @Option(name: .customLong("country"), help: "Only this country or body (repeatable), e.g. JPN, EU.")
    var countries: [CountryCode] = []

    @Flag(help: "Also labels of statements whose speaker has no country (unnamed sources, unknown people).")
    var includeUnattributed = false

    func run() throws {
        let store = try database.open()
        let output = OutputBuffer()
        defer { output.flush() }
        if format == .csv { output.write(CSV.line(ExportRow.fieldNames)) }
        try store.exportRows(ExportFilter(from: dates.from, to: dates.to, countries: countries)) { row in
            guard includeUnattributed || row.country != nil else { return }
            switch format {
            case .jsonl: output.write(row.jsonLine)
            case .csv: output.write(CSV.line(row.csvFields))
            }
        }
    }
}
