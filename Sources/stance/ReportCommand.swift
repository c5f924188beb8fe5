import ArgumentParser
import Foundation
import StanceModel
import StanceReports
import StanceStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Show positions by country over time: labels per stance, a position index, and the statements behind them.",
        discussion: """
            Examples:
              stance report --by month
              stance report --target PRK --country JPN --country USA --by quarter
              stance report --format html > positions.html    with charts and statements
              stance report --stance sanctions --format csv

            Per country and period: labels per stance (+ supports, − opposes), the statements behind them, and the position index = (hard-line labels − engagement labels) ÷ labels, from −1 (all engagement: dialogue and restraint supported, pressure and sanctions opposed) to +1 (all pressure: pressure and sanctions supported, dialogue and restraint opposed). Figures resting on fewer than --thin statements are marked with *.

            Only dated labels by speakers with a country count. The report says how many were left out, which rule sets the labels came from, and what the filters were; in CSV that goes to standard error.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: ReportFilterOptions

    @Option(help: "Group by week (ISO, Monday to Sunday), month, quarter or year.")
    var by: ReportPeriod = .month

    @Option(help: "List this many statements behind each figure, latest first (default: 10 in html, else 0).")
    var statements: Int?

    @Option(help: "Mark figures resting on fewer statements than this as thin.")
    var thin: Int = PositionIndex.defaultThinBelow

    @OptionGroup var output: ReportOutputOptions

    func validate() throws {
        if let statements, statements < 0 { throw ValidationError("--statements must be 0 or more") }
        if thin < 1 { throw ValidationError("--thin must be 1 or more") }
    }

    func run() throws {
        let store = try database.open()
        let report = try PositionsReport.build(
            store, filter: filters.filter, by: by,
            statementsPerFigure: statements ?? (output.format == .html ? 10 : 0), thinBelow: thin)
        output.write(report.render(output.format, colour: output.useColour), coverage: report.coverageLines)
    }
}

/// `--from` and `--to`, shared by the reports and export.
struct DateRangeOptions: ParsableArguments {
    @Option(help: "Only labels dated on or after this day (YYYY-MM-DD).")
    var from: Day?

    @Option(help: "Only labels dated on or before this day (YYYY-MM-DD).")
    var to: Day?

    func validate() throws {
        if let from, let to, to < from { throw ValidationError("--to \(to) is before --from \(from)") }
    }
}

/// Which statements a report looks at, apart from their dates (`compare` has periods of its own).
struct SelectionOptions: ParsableArguments {
    @Option(name: .customLong("country"), help: "Only statements by this country or body (repeatable), e.g. JPN, EU.")
    var countries: [CountryCode] = []

    @Option(name: .customLong("target"), help: "Only stances towards this country (repeatable), e.g. PRK.")
    var targets: [CountryCode] = []

    @Option(name: .customLong("stance"), help: "Only this stance (repeatable).")
    var stances: [StanceModel.Stance] = []

    @Option(help: "Only documents whose source contains this text (ASCII letters in any case).")
    var source: String?

    func filter(dates: DateRangeOptions? = nil) -> ReportFilter {
        ReportFilter(
            from: dates?.from, to: dates?.to, countries: countries, targets: targets, stances: stances, source: source)
    }
}

/// The filters of `report`, `actor` and `search`: dates and selection.
struct ReportFilterOptions: ParsableArguments {
    @OptionGroup var dates: DateRangeOptions
    @OptionGroup var selection: SelectionOptions

    var filter: ReportFilter { selection.filter(dates: dates) }
}

/// `--format`, and where the output goes.
struct ReportOutputOptions: ParsableArguments {
    @Option(help: "The output format.")
    var format: ReportFormat = .table

    /// Colour only in tables on a terminal with NO_COLOR unset.
    var useColour: Bool { format == .table && Console.useColor }

    /// Writes the report to standard output. CSV has no place for what the report covers, so it goes
    /// to standard error, where it informs without breaking the data.
    func write(_ text: String, coverage: [CoverageLine]) {
        let buffer = OutputBuffer()
        buffer.write(text)
        buffer.flush()
        if format == .csv {
            for line in coverage { Console.error("\(line.label): \(line.text)") }
        }
    }
}

extension ReportPeriod: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension StanceModel.Stance: ExpressibleByArgument {}
