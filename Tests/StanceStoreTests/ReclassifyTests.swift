import Foundation
import GRDB
import StanceModel
import Testing

@testable import StanceStore

@Suite struct ReclassifyTests {
    func seeded() throws -> (StanceDatabase, [ClassifiedStatement]) {
        let (database, rulesetID, runID) = try Fixtures.database()
        let (maruyama, statements) = Fixtures.maruyamaDocument()
        let (negotiators, negotiatorsStatements) = Fixtures.negotiatorsDocument()
        _ = try database.store(maruyama, contentHash: "h000", statements: statements, rulesetID: rulesetID, runID: runID)
        _ = try database.store(negotiators, contentHash: "h004", statements: negotiatorsStatements, rulesetID: rulesetID, runID: runID)
        return (database, statements)
    }

    @Test func batchesRebuildStatementsWithTheirDocumentText() throws {
        let (database, statements) = try seeded()
        var documents: [ReclassifyDocument] = []
        try database.forEachReclassifyBatch(documentsPerBatch: 1) { batch in
            #expect(batch.count == 1)
            documents += batch
        }
        #expect(documents.map(\.metadata.id) == ["000_c2941bbf795685c8", "004_57b25ce32ab654a7"])
        #expect(documents[0].text == Fixtures.maruyamaArticle)
        #expect(documents[0].metadata.date == Day(iso: "2017-07-18"))
        // What the rules read of each statement, and what its new labels record.
        #expect(documents[0].statements.map(\.ordinal) == [0, 1, 2])
        #expect(documents[0].statements.map(\.content) == statements.map(\.statement.content))
        #expect(documents[0].statements.map(\.country) == statements.map(\.statement.speaker.country))
        #expect(documents[0].statements.allSatisfy { $0.date == Day(iso: "2017-07-18") })
        let stored = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, actor_id FROM statement WHERE document_id = ? ORDER BY ordinal", arguments: [documents[0].id])
        }
        #expect(documents[0].statements.map(\.id) == stored.map { $0[0] as Int64 })
        #expect(documents[0].statements.map(\.actorID) == stored.map { $0[1] as Int64 })

        var seen: [Int] = []
        try database.forEachStatementForReclassify { statement, text in
            seen.append(statement.ordinal)
            #expect(text.unicodeScalars.count >= statement.content.map(\.end).max() ?? 0)
        }
        #expect(seen.count == 4)
    }

    @Test func replacingLabelsReportsWhatChangedAndMovesKeptLabelsToTheNewRuleset() throws {
        let (database, statements) = try seeded()
        let newRuleset = try database.registerRuleset(version: "rules-77b0e2", ruleCount: 43)
        var changes = LabelChanges()
        try database.forEachReclassifyBatch { batch in
            let reclassified = batch.map { document in
                ReclassifiedDocument(
                    document: document,
                    labels: document.statements.map { stored in
                        guard document.metadata.id == "000_c2941bbf795685c8" else {
                            return statements.first.map { _ in [] } ?? []  // 004's labels are all dropped
                        }
                        var labels = statements[stored.ordinal].labels
                        if stored.ordinal == 2 {
                            // The new rules read "supports new sanctions" against Russia and China too.
                            labels.append(Label(
                                stance: .sanctions, polarity: .support, target: "RUS", span: labels[0].span,
                                rule: "sanctions/support-new"))
                        }
                        return labels
                    })
            }
            changes.merge(try database.replaceLabels(reclassified, rulesetID: newRuleset))
        }
        let japanSanctions = LabelChanges.Group(stance: .sanctions, polarity: .support, country: "JPN")
        #expect(changes.added == [japanSanctions: 1])
        #expect(changes.removed == [
            LabelChanges.Group(stance: .restraint, polarity: .support, country: "JPN"): 1,
            LabelChanges.Group(stance: .pressure, polarity: .support, country: "JPN"): 1,
        ])
        #expect(changes.unchanged == 4)
        #expect(changes.statementsChanged == 2)
        #expect(changes.statementsSeen == 4)

        try database.writer.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM label") == 5)
            #expect(try String.fetchSet(db, sql: "SELECT r.version FROM label l JOIN ruleset r ON r.id = l.ruleset_id") == ["rules-77b0e2"])
            let russia = try #require(try Row.fetchOne(db, sql: "SELECT * FROM label WHERE target = 'RUS'"))
            #expect(russia["text"] == "Japan supports new sanctions")
            #expect(russia["country"] == "JPN")
            #expect(russia["date"] == "2017-07-18")
        }
        #expect(try database.integrityProblems().isEmpty)
    }

    @Test func replacingOneStatementsLabelsLeavesTheOthersAlone() throws {
        let (database, _) = try seeded()
        let newRuleset = try database.registerRuleset(version: "rules-77b0e2", ruleCount: 43)
        let detail = try #require(try database.statement(key: "000_c2941bbf795685c8:1"))
        let changes = try database.replaceLabels(statementID: detail.statement.id, labels: [], rulesetID: newRuleset)
        #expect(changes.removed == [LabelChanges.Group(stance: .pressure, polarity: .support, country: "JPN"): 1])
        #expect(changes.added.isEmpty)
        try database.writer.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM label WHERE ruleset_id = ?", arguments: [newRuleset]) == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM label") == 5)
        }
        #expect(throws: StoreError.self) { try database.replaceLabels(statementID: 9999, labels: [], rulesetID: newRuleset) }
    }

    @Test func mismatchedLabelListsAreRefused() throws {
        let (database, _) = try seeded()
        var first: ReclassifyDocument?
        try database.forEachDocumentForReclassify { document in first = first ?? document }
        let document = try #require(first)
        #expect(throws: StoreError.self) {
            try database.replaceLabels([ReclassifiedDocument(document: document, labels: [])], rulesetID: 1)
        }
    }
}
