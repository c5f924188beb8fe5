import Foundation
import GRDB
import StanceModel
import Testing

@testable import StanceStore

@Suite struct IngestTests {
    @Test func storesADocumentWithStatementsLabelsAndVerbatimTexts() throws {
        let (database, rulesetID, runID) = try Fixtures.database()
        let (document, statements) = Fixtures.negotiatorsDocument()
        #expect(try database.documentStatus(key: document.metadata.id, contentHash: "h004") == .new)
        let outcome = try database.store(
            document, contentHash: "h004", statements: statements, rulesetID: rulesetID, runID: runID)
        #expect(outcome == .inserted)

        let detail = try #require(try database.statement(key: "004_57b25ce32ab654a7:0"))
        #expect(
            detail.text
                == "\"We agreed to urge (North Korea) to exercise restraint and strengthen (our) deterrence power,\" Kenji Kanasugi, director general at Japan’s Foreign Ministry, added.")
        #expect(detail.contentTexts == ["We agreed to urge (North Korea) to exercise restraint and strengthen (our) deterrence power,"])
        #expect(detail.labels.map(\.text) == ["urge (North Korea) to exercise restraint", "strengthen (our) deterrence power"])
        #expect(detail.labels.map(\.rulesetVersion) == ["rules-3f9a1c", "rules-3f9a1c"])
        #expect(detail.statement.statement == statements[0].statement)
        #expect(detail.statement.date == Day(iso: "2017-04-24"))
        #expect(detail.actor.name == "Kenji Kanasugi")
        #expect(detail.actor.country == "JPN")
        #expect(detail.document.metadata == document.metadata)
        #expect(detail.document.origin == document.origin)
        #expect(detail.document.byteCount == document.text.utf8.count)
        #expect(try database.documentText(key: "004_57b25ce32ab654a7") == document.text)
    }

    @Test func storingTheSameDocumentTwiceChangesNothing() throws {
        let (database, rulesetID, runID) = try Fixtures.database()
        let (document, statements) = Fixtures.maruyamaDocument()
        #expect(try database.store(document, contentHash: "h000", statements: statements, rulesetID: rulesetID, runID: runID) == .inserted)
        let countsAfterFirst = try database.counts()
        #expect(try database.documentStatus(key: document.metadata.id, contentHash: "h000") == .unchanged)
        #expect(try database.store(document, contentHash: "h000", statements: statements, rulesetID: rulesetID, runID: runID) == .unchanged)
        #expect(try database.counts() == countsAfterFirst)
        #expect(countsAfterFirst.documents == 1)
        #expect(countsAfterFirst.statements == 3)
        #expect(countsAfterFirst.labels == 4)
        #expect(countsAfterFirst.actors == 2)
    }

    @Test func theSameContentUnderAnotherKeyIsStoredOnce() throws {
        let (database, rulesetID, runID) = try Fixtures.database()
        let (document, statements) = Fixtures.maruyamaDocument()
        _ = try database.store(document, contentHash: "h000", statements: statements, rulesetID: rulesetID, runID: runID)
        var copy = document
        copy.metadata.id = "bs-2017-07-18-maruyama"
        #expect(try database.documentStatus(key: copy.metadata.id, contentHash: "h000") == .unchanged)
        #expect(try database.store(copy, contentHash: "h000", statements: statements, rulesetID: rulesetID, runID: runID) == .unchanged)
        #expect(try database.counts().documents == 1)
    }

    @Test func changedContentUnderTheSameKeyReplacesTheOldVersionAndItsStatements() throws {
        let (database, rulesetID, runID) = try Fixtures.database()
        let (original, originalStatements) = Fixtures.maruyamaDocument()
        _ = try database.store(original, contentHash: "h000-v1", statements: originalStatements, rulesetID: rulesetID, runID: runID)
        let oldID = try #require(try database.document(key: original.metadata.id)?.id)

        let revisedText = Fixtures.maruyamaArticle.replacingOccurrences(of: "today in New York", with: "on Monday in New York")
        let (revised, revisedStatements) = Fixtures.maruyamaDocument(text: revisedText)
        #expect(try database.documentStatus(key: revised.metadata.id, contentHash: "h000-v2") == .changed(existingID: oldID))
        let kept = Array(revisedStatements.prefix(1))
        #expect(try database.store(revised, contentHash: "h000-v2", statements: kept, rulesetID: rulesetID, runID: runID) == .replaced)

        let counts = try database.counts()
        #expect(counts.documents == 1)
        #expect(counts.statements == 1)
        #expect(counts.labels == 2)
        #expect(try database.statement(key: "000_c2941bbf795685c8:1") == nil)
        let first = try #require(try database.statement(key: "000_c2941bbf795685c8:0"))
        #expect(first.text.contains("on Monday in New York"))
        #expect(try database.search(text: "serious dialogue", filter: .all, limit: 10).isEmpty)
        #expect(try database.integrityProblems().isEmpty)
    }

    @Test func aChangedDocumentWhoseNewContentIsStoredElsewhereDropsItsStaleVersion() throws {
        let (database, rulesetID, runID) = try Fixtures.database()
        let (a, aStatements) = Fixtures.maruyamaDocument(id: "a")
        let (b, bStatements) = Fixtures.negotiatorsDocument(id: "b")
        _ = try database.store(a, contentHash: "ha", statements: aStatements, rulesetID: rulesetID, runID: runID)
        _ = try database.store(b, contentHash: "hb", statements: bStatements, rulesetID: rulesetID, runID: runID)
        var aNow = b
        aNow.metadata.id = "a"
        #expect(try database.store(aNow, contentHash: "hb", statements: bStatements, rulesetID: rulesetID, runID: runID) == .replaced)
        #expect(try database.document(key: "a") == nil)
        #expect(try database.document(key: "b") != nil)
        #expect(try database.counts().documents == 1)
    }

    @Test func deletingADocumentCascadesToStatementsLabelsAndTheSearchIndex() throws {
        let (database, rulesetID, runID) = try Fixtures.database()
        let (first, firstStatements) = Fixtures.maruyamaDocument()
        let (second, secondStatements) = Fixtures.negotiatorsDocument()
        _ = try database.store(first, contentHash: "h000", statements: firstStatements, rulesetID: rulesetID, runID: runID)
        _ = try database.store(second, contentHash: "h004", statements: secondStatements, rulesetID: rulesetID, runID: runID)
        try database.writer.write { db in
            try db.execute(sql: "DELETE FROM document WHERE key = '000_c2941bbf795685c8'")
        }
        let counts = try database.counts()
        #expect(counts.documents == 1)
        #expect(counts.statements == 1)
        #expect(counts.labels == 2)
        #expect(try database.search(text: "pressure", filter: .all, limit: 10).isEmpty)
        #expect(try database.search(text: "deterrence", filter: .all, limit: 10).map(\.statement) == ["004_57b25ce32ab654a7:0"])
        #expect(try database.integrityProblems().isEmpty)
    }

    @Test func aFailedDocumentLeavesNothingBehindAndTheNextOneStores() throws {
        let (database, rulesetID, runID) = try Fixtures.database()
        let (document, statements) = Fixtures.maruyamaDocument()
        var broken = statements
        broken[1].statement.ordinal = 0  // two statements with one ordinal: UNIQUE(document_id, ordinal)
        #expect(throws: (any Error).self) {
            try database.store(document, contentHash: "h000", statements: broken, rulesetID: rulesetID, runID: runID)
        }
        #expect(try database.counts().documents == 0)
        #expect(try database.counts().actors == 0)
        // The actor cache must not remember the rolled-back actors.
        #expect(try database.store(document, contentHash: "h000", statements: statements, rulesetID: rulesetID, runID: runID) == .inserted)
        #expect(try database.integrityProblems().isEmpty)
    }

    @Test func actorsAreSharedAcrossDocumentsAndLearnTheirDictionaryKey() throws {
        let (database, rulesetID, runID) = try Fixtures.database()
        let (first, firstStatements) = Fixtures.maruyamaDocument(id: "first")
        _ = try database.store(first, contentHash: "h1", statements: firstStatements, rulesetID: rulesetID, runID: runID)
        var (second, secondStatements) = Fixtures.maruyamaDocument(id: "second", date: Day(iso: "2017-09-01"))
        second.text += "\n"
        for index in secondStatements.indices {
            secondStatements[index].statement.speaker.actorKey = secondStatements[index].statement.speaker.actorKey ?? "norio-maruyama"
        }
        _ = try database.store(second, contentHash: "h2", statements: secondStatements, rulesetID: rulesetID, runID: runID)
        try database.writer.read { (db: Database) throws in
            let rows = try Row.fetchAll(db, sql: "SELECT name, country, dictionary_key FROM actor ORDER BY name")
            #expect(rows.count == 2)
            #expect(rows.map { $0["name"] as String } == ["Japan", "Norio Maruyama"])
            #expect(rows.map { $0["dictionary_key"] as String? } == ["JPN", "norio-maruyama"])
        }
    }

    @Test func runsRecordTheirSummary() throws {
        let (database, rulesetID, runID) = try Fixtures.database()
        #expect(try database.registerRuleset(version: "rules-3f9a1c", ruleCount: 42) == rulesetID)
        let summary = RunSummary(
            documentsRead: 2, documentsNew: 1, documentsUnchanged: 1, statements: 3, labels: 4, bytes: 1234)
        try database.finishRun(runID, summary: summary)
        try database.writer.read { (db: Database) throws in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM ingest_run WHERE id = ?", arguments: [runID]))
            #expect(row["documents_read"] == 2)
            #expect(row["labels"] == 4)
            #expect(row["bytes"] == 1234)
            #expect((row["finished_at"] as String?) != nil)
        }
        #expect(throws: StoreError.self) { try database.finishRun(999, summary: summary) }
        #expect(try database.counts().latestRulesetVersion == "rules-3f9a1c")
    }

    @Test func readersSeeTheStoreWhileAWriterIsOpenOnAFile() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("stance.sqlite").path
        let writer = try StanceDatabase.open(path: path)
        let rulesetID = try writer.registerRuleset(version: "v1", ruleCount: 1)
        let runID = try writer.beginRun(command: "ingest", rulesetID: rulesetID)
        let (document, statements) = Fixtures.maruyamaDocument()
        _ = try writer.store(document, contentHash: "h", statements: statements, rulesetID: rulesetID, runID: runID)
        let reader = try StanceDatabase.open(path: path)
        #expect(try reader.counts().labels == 4)
        try reader.close()
        try writer.close()
    }
}

@Suite struct BatchIngestTests {
    @Test func aBatchStoresEachDocumentAsStoreWouldInOneTransaction() throws {
        let (database, rulesetID, runID) = try Fixtures.database()
        let (first, firstStatements) = Fixtures.maruyamaDocument()
        let (second, secondStatements) = Fixtures.negotiatorsDocument()
        let batch = [
            DocumentToStore(document: first, contentHash: "h000", statements: firstStatements),
            DocumentToStore(document: second, contentHash: "h004", statements: secondStatements),
            DocumentToStore(document: first, contentHash: "h000", statements: firstStatements),
        ]
        let outcomes = database.store(batch, rulesetID: rulesetID, runID: runID).map { try? $0.get() }
        #expect(outcomes == [.inserted, .inserted, .unchanged])
        #expect(try database.counts().labels == 6)
        #expect(try database.search(text: "deterrence", filter: .all, limit: 5).count == 1)
        #expect(try database.integrityProblems().isEmpty)
    }

    @Test func aFailingDocumentFailsAloneAndTheRestOfTheBatchIsStored() throws {
        let (database, rulesetID, runID) = try Fixtures.database()
        let (first, firstStatements) = Fixtures.maruyamaDocument()
        let (second, secondStatements) = Fixtures.negotiatorsDocument()
        var broken = firstStatements
        broken[2].statement.ordinal = 1
        let batch = [
            DocumentToStore(document: second, contentHash: "h004", statements: secondStatements),
            DocumentToStore(document: first, contentHash: "h000", statements: broken),
        ]
        let results = database.store(batch, rulesetID: rulesetID, runID: runID)
        #expect((try? results[0].get()) == .inserted)
        #expect((try? results[1].get()) == nil)
        let counts = try database.counts()
        #expect(counts.documents == 1)
        #expect(counts.actors == 1)
        #expect(try database.integrityProblems().isEmpty)
    }
}

@Suite struct ConcurrentUseTests {
    @Test func twoWritersAndAReaderOnANewFileStoreEveryDocumentOnce() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("shared.sqlite").path
        let failures = Locked([String]())
        DispatchQueue.concurrentPerform(iterations: 3) { worker in
            do {
                // All three open the new file at once, so they race to migrate it.
                let database = try StanceDatabase.open(path: path)
                defer { try? database.close() }
                if worker == 2 {
                    for _ in 0..<20 { _ = try database.counts() }
                    return
                }
                let rulesetID = try database.registerRuleset(version: "rules-3f9a1c", ruleCount: 42)
                let runID = try database.beginRun(command: "ingest \(worker)", rulesetID: rulesetID)
                for index in 0..<30 {
                    // Documents 0..<10 are ingested by both writers; the rest by one each.
                    let id = index < 10 ? "shared-\(index)" : "w\(worker)-\(index)"
                    var (document, statements) = Fixtures.maruyamaDocument(id: id)
                    document.text += "\n(\(id))"
                    for slot in statements.indices { statements[slot].statement.ordinal = slot }
                    _ = try database.store(
                        document, contentHash: "hash-\(id)", statements: statements, rulesetID: rulesetID, runID: runID)
                }
                try database.finishRun(runID, summary: RunSummary(documentsRead: 30))
            } catch {
                failures.withLock { $0.append("worker \(worker): \(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let database = try StanceDatabase.open(path: path)
        let counts = try database.counts()
        #expect(counts.documents == 10 + 20 + 20)
        #expect(counts.labels == 50 * 4)
        #expect(counts.rulesets == 1)
        #expect(try database.integrityProblems().isEmpty)
        try database.close()
    }
}
