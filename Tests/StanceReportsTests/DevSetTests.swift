import Foundation
import StanceModel
import StanceReports
import StanceStore
import Testing

/// On the shared dev set, ingested by the real pipeline with the built-in rules: the figures of
/// `stance report` (as the command prints them, and as the library computes them) agree with the
/// labels `stance export` writes. Needs the `stance` executable beside the test bundle (`swift
/// test` builds it) and ../shared/eval/dev.jsonl; skipped without them.
@Suite(.enabled(if: DevSet.binary != nil && DevSet.corpus != nil, "needs the stance executable and ../shared/eval/dev.jsonl"))
struct DevSetTests {
    @Test func reportsAgreeWithExportedLabels() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("dev.sqlite").path
        let ingest = try DevSet.run(["ingest", DevSet.corpus!, "--db", path, "--quiet"])
        try #require(ingest.status == 0, "stance ingest failed: \(ingest.error)")

        let database = try StanceDatabase.open(path: path)
        let rows = try Fixtures.exportRows(database)
        #expect(rows.count > 50, "the dev set should give a fair number of labels")
        for period in ReportPeriod.allCases {
            let expected = AgreementTests.expected(rows, filter: .all, period: period, perCountry: true)
            let cells = try database.positionCells(.all, by: period)
            #expect(cells.count == expected.count)
            for cell in cells {
                let key = "\(cell.country!.rawValue)|\(cell.period)"
                #expect(cell.tally == expected[key]?.tally, "\(key)")
                #expect(cell.statements == expected[key]?.statements.count, "\(key)")
            }
        }
        try database.close()

        // The command's CSV, column by column, against the export.
        let report = try DevSet.run(["report", "--db", path, "--by", "month", "--format", "csv"])
        try #require(report.status == 0, "stance report failed: \(report.error)")
        let table = CSVReader.rows(report.output)
        let header = try #require(table.first)
        let expected = AgreementTests.expected(rows, filter: .all, period: .month, perCountry: true)
        #expect(table.count - 1 == expected.count)
        for line in table.dropFirst() {
            let field = Dictionary(uniqueKeysWithValues: zip(header, line))
            let key = "\(field["country"] ?? "")|\(field["period"] ?? "")"
            guard let cell = expected[key] else {
                Issue.record("the report has \(key), the export does not")
                continue
            }
            #expect(field["statements"] == String(cell.statements.count), "\(key)")
            #expect(field["labels"] == String(cell.tally.labels), "\(key)")
            for position in StancePosition.all {
                #expect(field["\(position.stance.rawValue)_\(position.polarity.rawValue)"] == String(cell.tally[position]), "\(key)")
            }
            #expect(field["index"] == PositionIndex.plain(cell.tally.positionIndex), "\(key)")
        }
    }
}

enum DevSet {
    /// The `stance` executable built beside this test bundle.
    static let binary: String? = {
        let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = bundleFolder.appendingPathComponent("stance").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }()

    /// ../shared/eval/dev.jsonl beside the repository.
    static let corpus: String? = {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = repository.deletingLastPathComponent().appendingPathComponent("shared/eval/dev.jsonl").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    /// Runs `stance` with output and errors in files (no pipe can fill up and block it).
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputURL = folder.appendingPathComponent("out"), errorURL = folder.appendingPathComponent("err")
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary!)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.removeValue(forKey: "STANCE_RULES")
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (
            process.terminationStatus, try String(contentsOf: outputURL, encoding: .utf8),
            try String(contentsOf: errorURL, encoding: .utf8)
        )
    }
}

/// RFC 4180 CSV, as `CSV.line` writes it.
enum CSVReader {
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"": quoted = true
            case ",":
                row.append(field)
                field = ""
            case "\r\n", "\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            default: field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
