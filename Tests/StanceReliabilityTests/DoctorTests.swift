import Foundation
import GRDB
import StanceModel
import Testing

@testable import StanceStore

/// `stance doctor`: each finding says what to run, and running it fixes the finding.
@Suite(.serialized) struct DoctorTests {
    /// A database with a few ingested documents.
    static func ingested(_ scratch: Scratch, count: Int = 20) throws -> String {
        let db = scratch.file("stance.sqlite")
        let feed = try scratch.write("feed.jsonl", Corpus.jsonLines(count: count))
        let result = try StanceCLI.run(["ingest", feed, "--db", db, "--quiet"])
        #expect(result.status == 0, "\(result.error)")
        return db
    }

    /// Edits the file behind stance's back, with foreign keys off (as a hand edit or another tool might).
    static func tamper(_ db: String, _ sql: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: db, configuration: configuration)
        try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
        try queue.close()
    }

    @Test func aHealthyDatabasePassesEveryCheck() throws {
        let scratch = try Scratch("doctor")
        defer { scratch.remove() }
        let db = try Self.ingested(scratch)
        let result = try StanceCLI.run(["doctor", "--db", db])
        #expect(result.status == 0, "\(result.output)\(result.error)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("\(db): 20 documents, ") == true)
        #expect(lines.contains("  ok       schema: \(StanceDatabase.knownMigrations.count) of \(StanceDatabase.knownMigrations.count) migrations"))
        #expect(lines.contains("  ok       integrity_check: ok"))
        #expect(lines.contains("  ok       foreign_key_check: no orphaned rows"))
        #expect(lines.contains("  ok       every run finished"))
        #expect(lines.contains("  ok       full-text index: in step with the statements"))
        #expect(lines.contains { $0.hasPrefix("  ok       every label comes from the current rules (") })
        #expect(lines.last == "healthy: nothing to fix")

        let json = try StanceCLI.run(["doctor", "--db", db, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(object?["healthy"] as? Bool == true)
        #expect((object?["counts"] as? [String: Any])?["documents"] as? Int == 20)
    }

    @Test func orphanedRowsCopiesOutOfStepAndTheSearchIndexAreRepairedByFix() throws {
        let scratch = try Scratch("doctor")
        defer { scratch.remove() }
        let db = try Self.ingested(scratch)
        let (statementID, labels): (Int64, Int) = try {
            let database = try StanceDatabase.open(path: db)
            defer { try? database.close() }
            let row = try #require(
                try Inspect.rows(
                    database,
                    "SELECT statement_id, count(*) FROM label GROUP BY statement_id ORDER BY statement_id LIMIT 1"
                ).first)
            return (row[0], row[1])
        }()
        // A statement deleted with foreign keys off leaves its labels behind; a label's copy of its
        // statement's country goes wrong; a search entry goes missing.
        try Self.tamper(db, "DELETE FROM statement WHERE id = \(statementID)")
        try Self.tamper(db, "UPDATE label SET country = 'XXX' WHERE id = (SELECT max(id) FROM label)")
        try Self.tamper(
            db,
            "INSERT INTO statement_search(statement_search, rowid, text) SELECT 'delete', id, text FROM statement WHERE id = (SELECT max(id) FROM statement)"
        )

        let result = try StanceCLI.run(["doctor", "--db", db])
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n").map(String.init)
        let fix = "           fix: stance doctor --fix --db \(db)"
        let orphans = "  PROBLEM  orphaned rows: \(labels) label row\(labels == 1 ? "" : "s") refer\(labels == 1 ? "s" : "") to a missing statement row"
        #expect(lines.contains(orphans), "\(lines)")
        #expect(lines.contains("  PROBLEM  1 label disagree with their statement (document, actor, country or date); reports would count them wrongly"))
        #expect(lines.contains { $0.hasPrefix("  PROBLEM  the full-text index of statements holds ") })
        #expect(lines.filter { $0 == fix }.count == 3)
        #expect(lines.last == "3 problems to fix")

        let repaired = try StanceCLI.run(["doctor", "--fix", "--db", db])
        #expect(repaired.status == 0, "\(repaired.output)\(repaired.error)")
        #expect(
            repaired.errorLines == [
                "fixed: deleted \(labels) orphaned label row\(labels == 1 ? "" : "s")",
                "fixed: realigned 1 label with their statements",
                "fixed: rebuilt the full-text index of statements",
            ])
        #expect(repaired.output.hasSuffix("healthy: nothing to fix\n"))
        let database = try StanceDatabase.open(path: db)
        defer { try? database.close() }
        #expect(try database.integrityProblems() == [])
    }

    @Test func labelsFromOtherRulesAskForReclassify() throws {
        let scratch = try Scratch("doctor")
        defer { scratch.remove() }
        let db = try Self.ingested(scratch)
        let rules = scratch.file("my-rules")
        try FileManager.default.copyItem(atPath: Repository.rules, toPath: rules)
        try "\n# edited\n".appendLine(to: rules + "/pressure/" + (try FileManager.default.contentsOfDirectory(atPath: rules + "/pressure").sorted().first!))

        let result = try StanceCLI.run(["doctor", "--db", db, "--rules", rules])
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("  PROBLEM  ") && $0.contains(" labels in ") && $0.contains("; the current rules are ") })
        #expect(lines.contains("           fix: stance reclassify --db \(db) --rules \(rules)"))

        #expect(try StanceCLI.run(["reclassify", "--db", db, "--rules", rules]).status == 0)
        let after = try StanceCLI.run(["doctor", "--db", db, "--rules", rules])
        #expect(after.status == 0, "\(after.output)")
    }

    @Test func aRunThatNeverFinishedAsksForTheSameCommandAgain() throws {
        let scratch = try Scratch("doctor")
        defer { scratch.remove() }
        let db = try Self.ingested(scratch)
        let command = "stance ingest /data/feed.jsonl --db \(db)"
        do {
            let database = try StanceDatabase.open(path: db)
            let rulesetID = try database.registerRuleset(version: "rules-a", ruleCount: 1)
            _ = try database.beginRun(command: command, rulesetID: rulesetID)
            try database.close()
        }
        let result = try StanceCLI.run(["doctor", "--db", db])
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("  PROBLEM  run 2 (started ") && $0.hasSuffix(") did not finish: it was interrupted, or is still running; what it had committed is stored") })
        #expect(lines.contains("           fix: \(command)   (again, from the folder it was run in; stored documents are skipped)"))

        // Once the same command has run to the end, the interrupted run is done with.
        do {
            let database = try StanceDatabase.open(path: db)
            let rulesetID = try database.registerRuleset(version: "rules-a", ruleCount: 1)
            let runID = try database.beginRun(command: command, rulesetID: rulesetID)
            try database.finishRun(runID, summary: RunSummary())
            try database.close()
        }
        let after = try StanceCLI.run(["doctor", "--db", db])
        #expect(after.status == 0, "\(after.output)")
    }

    @Test func schemasOlderAndNewerThanThisBuild() throws {
        let scratch = try Scratch("doctor")
        defer { scratch.remove() }
        let known = StanceDatabase.knownMigrations

        // Older: the first three migrations only. --fix brings it up to date.
        let old = scratch.file("old.sqlite")
        do {
            let queue = try DatabaseQueue(path: old)
            try Schema.migrator.migrate(queue, upTo: known[2])
            try queue.close()
        }
        let behind = try StanceCLI.run(["doctor", "--db", old])
        #expect(behind.status == 1)
        let missing = known.dropFirst(3)
        #expect(
            behind.output.contains(
                "  PROBLEM  the schema is \(missing.count) migrations behind this stance (\(missing.joined(separator: ", "))); the next command that opens it brings it up to date\n           fix: stance doctor --fix --db \(old)\n"
            ), "\(behind.output)")
        let fixed = try StanceCLI.run(["doctor", "--fix", "--db", old])
        #expect(fixed.status == 0, "\(fixed.output)\(fixed.error)")
        #expect(fixed.errorLines.first == "fixed: brought the schema up to date")

        // Newer: an unknown migration. Nothing is written.
        let new = scratch.file("new.sqlite")
        do {
            let queue = try DatabaseQueue(path: new)
            try Schema.migrator.migrate(queue)
            try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('099 actor aliases')") }
            try queue.close()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: new))
        let ahead = try StanceCLI.run(["doctor", "--db", new])
        #expect(ahead.status == 1)
        #expect(
            ahead.output.contains(
                "  PROBLEM  made by a newer version of stance (unknown migration: 099 actor aliases)\n           fix: install a newer stance, the one that made this database\n"
            ))
        let refused = try StanceCLI.run(["doctor", "--fix", "--db", new])
        #expect(refused.status == 1)
        #expect(
            refused.errorLines == [
                "Error: cannot open the database \(new): made by a newer version of stance (unknown migration: 099 actor aliases); `stance doctor --fix` cannot repair that"
            ])
        #expect(try Data(contentsOf: URL(fileURLWithPath: new)) == before)
    }

    @Test func missingFilesAndFilesThatAreNotDatabases() throws {
        let scratch = try Scratch("doctor")
        defer { scratch.remove() }
        let missing = scratch.file("missing.sqlite")
        let none = try StanceCLI.run(["doctor", "--db", missing])
        #expect(none.status == 1)
        #expect(
            none.output
                == "\(missing)\n  PROBLEM  there is no database at \(missing)\n           fix: check the path given by --db (or $STANCE_DB)\n1 problem to fix\n"
        )
        #expect(!FileManager.default.fileExists(atPath: missing))

        let notes = try scratch.write("notes.txt", "not a database\n")
        let text = try StanceCLI.run(["doctor", "--db", notes])
        #expect(text.status == 1)
        #expect(text.output.contains("  PROBLEM  \(notes) is not an SQLite file (its first bytes are not SQLite's header)\n"))
    }
}

extension String {
    func appendLine(to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        handle.write(Data(utf8))
        try handle.close()
    }
}
