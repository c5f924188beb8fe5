import ArgumentParser
import Foundation
import StanceModel
import StanceReports
import StanceStore

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare each country's position in two periods or at two dates, and show what changed.",
        discussion: """
            Examples:
              stance compare --before 2017-01-01..2017-12-31 --after 2018-01-01..2018-12-31
              stance compare --at 2017-04-24 --at 2017-07-18 --window 30d
              stance compare --at 2017-04-24 --at 2017-07-18 --format html > change.html

            --at DATE looks back over the window ending on that date (both ends included): the position as it stood on the day, from what had been said by then. Windows are Nd, Nw, Nm or Ny (default 90d).

            Per country: the stance mix before and after, the index before and after, and a direction: hardened (the index rose by --min-change or more), softened (fell by as much), or unchanged (moved less, or either side has fewer than --min-statements statements: too thin to say). Positions newly taken or no longer held are listed with the statements that show them.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The first period, FROM..TO (e.g. 2017-01-01..2017-12-31).")
    var before: String?

    @Option(help: "The second period, FROM..TO.")
    var after: String?

    @Option(name: .customLong("at"), help: "A date to compare (give two); each looks back over --window.")
    var dates: [Day] = []

    @Option(help: "With --at: the window ending on each date: Nd, Nw, Nm or Ny.")
    var window: String = "90d"

    @OptionGroup var selection: SelectionOptions

    @Option(help: "Call a side with fewer statements too thin to say (direction unchanged).")
    var minStatements: Int = PositionIndex.defaultThinBelow

    @Option(help: "The smallest move of the index that counts as hardened or softened.")
    var minChange: Double = 0.1

    @Option(help: "Statements shown for each change.")
    var examples: Int = 3

    @OptionGroup var output: ReportOutputOptions

    /// The two windows, and how each was asked for.
    func windows() throws -> (CompareWindow, CompareWindow, String?, String?) {
        switch (before, after, dates.count) {
        case (let before?, let after?, 0):
            guard let first = CompareWindow(range: before) else {
                throw ValidationError("--before \(before) is not FROM..TO (e.g. 2017-01-01..2017-12-31)")
            }
            guard let second = CompareWindow(range: after) else {
                throw ValidationError("--after \(after) is not FROM..TO (e.g. 2018-01-01..2018-12-31)")
            }
            return (first, second, nil, nil)
        case (nil, nil, 2):
            guard let length = WindowLength(window) else {
                throw ValidationError("--window \(window) is not a length such as 30d, 12w, 3m or 1y")
            }
            let first = CompareWindow(length: length, endingOn: dates[0])
            let second = CompareWindow(length: length, endingOn: dates[1])
            return (first, second, "\(length) ending \(dates[0].iso)", "\(length) ending \(dates[1].iso)")
        default:
            throw ValidationError("give --before FROM..TO and --after FROM..TO, or --at DATE twice (with --window)")
        }
    }

    func validate() throws {
        let (first, second, _, _) = try windows()
        if second.from < first.from {
            throw ValidationError("the second period (\(second.description)) starts before the first (\(first.description))")
        }
        if minStatements < 1 { throw ValidationError("--min-statements must be 1 or more") }
        if minChange < 0 || minChange > 2 { throw ValidationError("--min-change must be between 0 and 2") }
        if examples < 0 { throw ValidationError("--examples must be 0 or more") }
    }

    func run() throws {
        let (first, second, firstText, secondText) = try windows()
        if first.to >= second.from {
            Console.error("stance: note: the two periods overlap (\(first.description) and \(second.description))")
        }
        let store = try database.open()
        let report = try CompareReport.build(
            store, filter: selection.filter(), before: first, after: second, descriptions: (firstText, secondText),
            options: CompareReport.Options(minStatements: minStatements, minChange: minChange, examples: examples))
        output.write(report.render(output.format, colour: output.useColour), coverage: report.coverageLines)
    }
}
