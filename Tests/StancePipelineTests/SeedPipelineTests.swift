import Foundation
import StanceModel
import StanceRules
import StanceStore
import StanceText
import Testing

@testable import StancePipeline

/// The seeds through the whole pipeline with the built-in rules: what a newcomer's `stance track seeds`
/// stores.
@Suite struct SeedPipelineTests {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("seeds").path

    static func processor() throws -> DocumentProcessor {
        let (rules, diagnostics) = RuleSet.embedded
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
        return try DocumentProcessor(rules: try #require(rules))
    }

    static func ingestSeeds() throws -> StanceDatabase {
        let database = try StanceDatabase.inMemory()
        let ingestor = Ingestor(database: database, processor: try processor(), options: IngestOptions(jobs: 2))
        let report = try ingestor.run(DocumentReader(paths: [seeds]), onDiagnostic: { Issue.record("\($0)") },
                                      onProgress: { _ in })
        #expect(report.summary.documentsNew == 2)
        #expect(report.undated == 0)
        return database
    }

    static func rows(_ database: StanceDatabase) throws -> [ExportRow] {
        var rows: [ExportRow] = []
        try database.exportRows(.all) { rows.append($0) }
        return rows
    }

    @Test func maruyamaOpposesDialogueAndSupportsPressureAgainstNorthKorea() throws {
        let rows = try Self.rows(try Self.ingestSeeds())
        let first = rows.filter { $0.statement == "000_c2941bbf795685c8:0" }
        #expect(first.map { "\($0.stance) \($0.polarity)" } == ["dialogue oppose", "pressure support"])
        for row in first {
            #expect(row.country == "JPN")
            #expect(row.target == "PRK")
            #expect(row.actor == "Norio Maruyama")
            #expect(row.speaker == "Japan's foreign ministry spokesman Norio Maruyama")
            #expect(row.date == Day(iso: "2017-07-18"))
        }
        #expect(first.first?.text == "This is not a time for dialogue.")
    }

    @Test func labelSpansSliceTheirTextFromTheFile() throws {
        let database = try Self.ingestSeeds()
        for row in try Self.rows(database) {
            let file = try String(contentsOfFile: "\(Self.seeds)/\(row.document).txt", encoding: .utf8)
            let scalars = Array(file.unicodeScalars)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[row.start..<row.end])
            #expect(String(view) == row.text)
        }
    }

    @Test func nothingComesOutOfThePaywallBlock() throws {
        let rows = try Self.rows(try Self.ingestSeeds())
        let file = try String(contentsOfFile: "\(Self.seeds)/000_c2941bbf795685c8.txt", encoding: .utf8)
        let paywall = file.unicodeScalars.distance(
            from: file.unicodeScalars.startIndex,
            to: try #require(file.range(of: "Disclaimer:")).lowerBound.samePosition(in: file.unicodeScalars)!)
        #expect(rows.filter { $0.document.hasPrefix("000") }.allSatisfy { $0.end <= paywall })
    }

    @Test func groupStatementGivesEachCountryItsLabel() throws {
        let rows = try Self.rows(try Self.ingestSeeds())
        let agreed = rows.filter { $0.text.contains("pile greater pressure") && $0.stance == .pressure }
        #expect(Set(agreed.compactMap(\.country)) == ["JPN", "USA", "KOR"])
    }

    @Test func kishidaCallsForRestraintAsForeignMinister() throws {
        let database = try Self.ingestSeeds()
        let row = try #require(try Self.rows(database).first { $0.actor == "Fumio Kishida" && $0.stance == .restraint })
        #expect(row.polarity == .support)
        #expect(row.target == "PRK")
        let detail = try #require(try database.statement(key: row.statement))
        #expect(detail.statement.statement.speaker.role == "foreign minister")
    }

    @Test func narrationOfFactsIsNoStatement() throws {
        let processed = try Self.processor().process(SourceDocument(
            metadata: DocumentMetadata(id: "narration"),
            text: "North Korea conducted two nuclear tests last year. Russia opened a new ferry service to Rajin.",
            origin: DocumentOrigin(path: "test")))
        #expect(processed.statements.isEmpty)
    }

    @Test func reingestingStoresNothingAndReclassifyingChangesNothing() throws {
        let database = try Self.ingestSeeds()
        let before = try Self.rows(database)
        let ingestor = Ingestor(database: database, processor: try Self.processor(), options: IngestOptions(jobs: 1))
        let again = try ingestor.run(DocumentReader(paths: [Self.seeds]), onDiagnostic: { _ in }, onProgress: { _ in })
        #expect(again.summary.documentsUnchanged == 2)
        #expect(again.summary.documentsNew == 0)
        let report = try Reclassifier(database: database, processor: try Self.processor(), jobs: 2).run()
        #expect(report.changes.isEmpty)
        #expect(try Self.rows(database) == before)
    }

    @Test func oneWorkerAndTwoWorkersStoreTheSameLabels() throws {
        func export(jobs: Int) throws -> [ExportRow] {
            let database = try StanceDatabase.inMemory()
            let ingestor = Ingestor(database: database, processor: try Self.processor(), options: IngestOptions(jobs: jobs))
            _ = try ingestor.run(DocumentReader(paths: [Self.seeds]), onDiagnostic: { _ in }, onProgress: { _ in })
            return try Self.rows(database)
        }
        #expect(try export(jobs: 1) == export(jobs: 2))
    }
}
