import Foundation
import StanceModel
import StanceReports
import StanceStore
import Testing

/// Every report in every format against a file under Golden/. After an intended change, regenerate
/// them and review the diff:
///
///     STANCE_UPDATE_GOLDEN=1 swift test --filter StanceReportsTests.GoldenTests
@Suite struct GoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let updating = ProcessInfo.processInfo.environment["STANCE_UPDATE_GOLDEN"] == "1"

    static func fileExtension(_ format: ReportFormat) -> String {
        switch format {
        case .table: "txt"
        case .markdown: "md"
        case .json: "json"
        case .csv: "csv"
        case .html: "html"
        }
    }

    func check(_ text: String, _ name: String) throws {
        let url = Self.directory.appendingPathComponent(name)
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        guard text != expected else { return }
        let actualLines = text.components(separatedBy: "\n"), expectedLines = expected.components(separatedBy: "\n")
        let line = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(actualLines.count, expectedLines.count)
        Issue.record(
            """
            \(name) differs from Golden/\(name) at line \(line + 1):
              expected: \(line < expectedLines.count ? expectedLines[line] : "(end of file)")
              actual:   \(line < actualLines.count ? actualLines[line] : "(end of file)")
            If the change is intended: STANCE_UPDATE_GOLDEN=1 swift test --filter StanceReportsTests.GoldenTests
            """)
    }

    static func positions() throws -> PositionsReport {
        try PositionsReport.build(Fixtures.seedDatabase(), filter: .all, by: .month, statementsPerFigure: 2)
    }

    static func actor() throws -> ActorReport {
        let database = try Fixtures.seedDatabase()
        guard case .found(let match) = try ActorLookup.find("Kishida", in: database, dictionary: Fixtures.dictionary) else {
            throw StoreError.invalidArgument("Kishida not found")
        }
        return try ActorReport.build(database, match: match, filter: .all, by: .month, statementLimit: 10)
    }

    static func compare() throws -> CompareReport {
        let length = WindowLength("30d")!
        let (before, after) = (Day(iso: "2017-04-24")!, Day(iso: "2017-07-18")!)
        return try CompareReport.build(
            Fixtures.seedDatabase(), filter: .all, before: CompareWindow(length: length, endingOn: before),
            after: CompareWindow(length: length, endingOn: after),
            descriptions: ("30d ending 2017-04-24", "30d ending 2017-07-18"))
    }

    static func search() throws -> SearchReport {
        try SearchReport.build(Fixtures.seedDatabase(), query: "restraint", filter: .all, limit: 10)
    }

    @Test(arguments: ReportFormat.allCases) func positionsReport(_ format: ReportFormat) throws {
        try check(Self.positions().render(format), "report.\(Self.fileExtension(format))")
    }

    @Test(arguments: ReportFormat.allCases) func actorReport(_ format: ReportFormat) throws {
        try check(Self.actor().render(format), "actor.\(Self.fileExtension(format))")
    }

    @Test(arguments: ReportFormat.allCases) func compareReport(_ format: ReportFormat) throws {
        try check(Self.compare().render(format), "compare.\(Self.fileExtension(format))")
    }

    @Test(arguments: ReportFormat.allCases) func searchReport(_ format: ReportFormat) throws {
        try check(Self.search().render(format), "search.\(Self.fileExtension(format))")
    }

    @Test func colourOnlyWhenAsked() throws {
        let report = try Self.positions()
        let coloured = report.render(.table, colour: true)
        try check(coloured, "report.colour.txt")
        #expect(coloured.contains("\u{1B}["))
        for format in ReportFormat.allCases {
            #expect(!report.render(format).contains("\u{1B}"), "\(format) without colour has escape codes")
        }
        // Escape codes never widen a column: without them the coloured table is the plain one.
        let stripped = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(stripped == report.render(.table))
    }
}
