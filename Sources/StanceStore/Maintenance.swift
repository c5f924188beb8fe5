import GRDB
import StanceModel

extension StanceDatabase {
    public func counts() throws -> StoreCounts {
        try writer.read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            let latest = try String.fetchOne(
                db,
                sql: """
                    SELECT version FROM ruleset
                    WHERE id = ifnull((SELECT ruleset_id FROM ingest_run ORDER BY id DESC LIMIT 1),
                                      (SELECT max(id) FROM ruleset))
                    """)
            return StoreCounts(
                documents: try count("SELECT count(*) FROM document"),
                undatedDocuments: try count("SELECT count(*) FROM document WHERE date IS NULL"),
                statements: try count("SELECT count(*) FROM statement"),
                labels: try count("SELECT count(*) FROM label"),
                actors: try count("SELECT count(*) FROM actor"),
                rulesets: try count("SELECT count(*) FROM ruleset"),
                latestRulesetVersion: latest)
        }
    }

    /// Speakers the actor dictionary does not know: statements resolved by title, generic source or
    /// not at all, grouped by actor, most frequent first.
    public func unknownSpeakers() throws -> [UnknownSpeaker] {
        try writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.name, a.kind, a.country, count(*) AS statements,
                        (SELECT s2.speaker_mention FROM statement s2
                         WHERE s2.actor_id = a.id AND s2.speaker_mention IS NOT NULL
                         ORDER BY s2.date IS NULL, s2.date DESC, s2.id DESC LIMIT 1) AS mention,
                        (SELECT s3.role FROM statement s3
                         WHERE s3.actor_id = a.id AND s3.role IS NOT NULL
                         ORDER BY s3.date IS NULL, s3.date DESC, s3.id DESC LIMIT 1) AS role,
                        max(s.date) AS latest_date
                    FROM statement s JOIN actor a ON a.id = s.actor_id
                    WHERE a.dictionary_key IS NULL AND s.resolution IN ('title', 'unresolved', 'generic')
                    GROUP BY a.id
                    ORDER BY statements DESC, a.name, a.country
                    """)
            return try rows.map { row in
                let kindText: String = row["kind"]
                guard let kind = ActorKind(rawValue: kindText) else { throw StoreError.unexpectedValue("actor kind \(kindText)") }
                return UnknownSpeaker(
                    actor: row["name"], mention: row["mention"], kind: kind, country: Self.country(row["country"]),
                    statements: row["statements"], latestRole: row["role"], latestDate: Self.day(row["latest_date"]))
            }
        }
    }

    /// Problems SQLite finds in the file (`integrity_check`), rows whose foreign keys point nowhere
    /// (`foreign_key_check`), and a full-text index out of step with its statements. Empty when healthy.
    public func integrityProblems() throws -> [String] {
        var problems = try writer.read { db -> [String] in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let orphans = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            for orphan in orphans {
                let table: String = orphan[0]
                let rowID: Int64? = orphan[1]
                let parent: String = orphan[2]
                problems.append(
                    "\(table) row \(rowID.map(String.init) ?? "?") refers to a missing \(parent) row")
            }
            return problems
        }
        // FTS5 reports a mismatch as an error from this special insert, hence a write access.
        do {
            try writer.write { db in
                try db.execute(sql: "INSERT INTO statement_search(statement_search, rank) VALUES ('integrity-check', 1)")
            }
        } catch let error as DatabaseError {
            problems.append("the full-text index of statements is out of step: \(error.message ?? "\(error.resultCode)")")
        }
        return problems
    }
}
