import Foundation
import GRDB
import StanceModel
import Testing

@testable import StanceStore

@Suite struct OpeningTests {
    @Test func pathComesFromOptionThenEnvironmentThenCurrentDirectory() {
        let environment = ["STANCE_DB": "/data/archive.sqlite"]
        #expect(
            StanceDatabase.resolvePath(explicit: "/tmp/x.sqlite", environment: environment, currentDirectory: "/home/ana")
                == "/tmp/x.sqlite")
        #expect(
            StanceDatabase.resolvePath(explicit: "db/x.sqlite", environment: environment, currentDirectory: "/home/ana")
                == "/home/ana/db/x.sqlite")
        #expect(
            StanceDatabase.resolvePath(explicit: nil, environment: environment, currentDirectory: "/home/ana")
                == "/data/archive.sqlite")
        #expect(
            StanceDatabase.resolvePath(explicit: nil, environment: ["STANCE_DB": ""], currentDirectory: "/home/ana/")
                == "/home/ana/stance.sqlite")
        #expect(
            StanceDatabase.resolvePath(explicit: nil, environment: [:], currentDirectory: "/home/ana")
                == "/home/ana/stance.sqlite")
    }

    @Test func migrationsApplyToANewFileInWALModeWithForeignKeys() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("stance.sqlite").path
        let database = try StanceDatabase.open(path: path)
        #expect(try database.appliedMigrations() == StanceDatabase.knownMigrations)
        try database.writer.read { (db: Database) throws in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            #expect(try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") == true)
            #expect(try Int.fetchOne(db, sql: "PRAGMA synchronous") == 1)
            for table in ["ruleset", "ingest_run", "document", "actor", "statement", "label", "statement_search"] {
                #expect(try db.tableExists(table), "missing table \(table)")
            }
        }
        try database.close()

        // Reopening an up-to-date database changes nothing.
        let reopened = try StanceDatabase.open(path: path)
        #expect(try reopened.appliedMigrations() == StanceDatabase.knownMigrations)
        try reopened.close()
    }

    @Test func anEmptyFileBecomesANewDatabase() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("empty.sqlite").path
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let database = try StanceDatabase.open(path: path)
        #expect(try database.counts().documents == 0)
        try database.close()
    }

    @Test func aFileThatIsNotADatabaseIsRefusedAndLeftUntouched() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("notes.sqlite").path
        let original = Data("Analyst notes, not a database.\nJapan: pressure\n".utf8)
        _ = FileManager.default.createFile(atPath: path, contents: original)

        #expect(throws: StoreError.notADatabase(path: path)) { try StanceDatabase.open(path: path) }
        #expect(FileManager.default.contents(atPath: path) == original)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(StoreError.notADatabase(path: path).description.contains("not a stance database"))
    }

    @Test func aDatabaseFromANewerSchemaIsRefusedNamingTheMigrationAndLeftUntouched() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("future.sqlite").path
        // A database as a newer stance would leave it: our migrations plus one we do not know, in
        // rollback-journal mode so that any write by us would show in the file's bytes.
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue)
            try queue.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('099 actor aliases')")
            }
            try queue.close()
        }
        let before = try #require(FileManager.default.contents(atPath: path))

        #expect(throws: StoreError.newerSchema(path: path, unknownMigrations: ["099 actor aliases"])) {
            try StanceDatabase.open(path: path)
        }
        #expect(FileManager.default.contents(atPath: path) == before)
        let message = StoreError.newerSchema(path: path, unknownMigrations: ["099 actor aliases"]).description
        #expect(message.contains("newer version of stance"))
        #expect(message.contains("099 actor aliases"))
    }

    @Test func anotherProgramsDatabaseIsRefusedAndLeftUntouched() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("browser-history.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE visit(url TEXT, at TEXT); INSERT INTO visit VALUES ('https://example.org', '2017-07-18')")
            }
            try queue.close()
        }
        let before = try #require(FileManager.default.contents(atPath: path))
        #expect(throws: StoreError.foreignDatabase(path: path)) { try StanceDatabase.open(path: path) }
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test func anUnwritablePathIsRefusedWithThePathAndTheReason() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missingFolder = folder.appendingPathComponent("no/such/folder/stance.sqlite").path
        do {
            _ = try StanceDatabase.open(path: missingFolder)
            Issue.record("opened a database in a missing folder")
        } catch let error as StoreError {
            guard case .unwritable(let path, let reason) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path == missingFolder)
            #expect(reason.contains("does not exist"))
            #expect(error.description.contains(missingFolder))
        }

        let aFolder = folder.path
        #expect(throws: StoreError.unwritable(path: aFolder, reason: "it is a folder, not a file")) {
            try StanceDatabase.open(path: aFolder)
        }
    }

    @Test func everyModelEnumValuePassesTheSchemaChecks() throws {
        // A new case in the model must come with a migration that admits it; this test says so.
        let database = try StanceDatabase.inMemory()
        try database.writer.write { db in
            for kind in ActorKind.allCases {
                try db.execute(sql: "INSERT INTO actor(name, kind) VALUES (?, ?)", arguments: ["a-\(kind)", kind.rawValue])
            }
            let actorID = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO ruleset(version, rule_count) VALUES ('v', 1)")
            let rulesetID = db.lastInsertedRowID
            try db.execute(
                sql: "INSERT INTO document(key, content_hash, text, byte_count) VALUES ('d', 'h', 'text', 4)")
            let documentID = db.lastInsertedRowID
            var ordinal = 0
            for kind in StatementKind.allCases {
                for resolution in ResolutionPath.allCases {
                    try db.execute(
                        sql: """
                            INSERT INTO statement(document_id, ordinal, key, kind, actor_id, resolution, span_start, span_end, text)
                            VALUES (?, ?, ?, ?, ?, ?, 0, 4, 'text')
                            """,
                        arguments: [documentID, ordinal, "d:\(ordinal)", kind.rawValue, actorID, resolution.rawValue])
                    ordinal += 1
                }
            }
            let statementID = db.lastInsertedRowID
            for stance in Stance.allCases {
                for polarity in Polarity.allCases {
                    try db.execute(
                        sql: """
                            INSERT INTO label(statement_id, document_id, actor_id, ruleset_id, stance, polarity,
                                span_start, span_end, text, rule)
                            VALUES (?, ?, ?, ?, ?, ?, 0, 4, 'text', 'r')
                            """,
                        arguments: [statementID, documentID, actorID, rulesetID, stance.rawValue, polarity.rawValue])
                }
            }
        }
    }

    @Test func theSchemaRefusesImpossibleDatesAndUnknownStances() throws {
        let database = try StanceDatabase.inMemory()
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in
                try db.execute(
                    sql: "INSERT INTO document(key, content_hash, date, text, byte_count) VALUES ('d', 'h', '2017-02-30', 't', 1)")
            }
        }
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in
                try db.execute(sql: "INSERT INTO actor(name, kind) VALUES ('Kishida', 'minister')")
            }
        }
    }
}
