import Foundation
import GRDB

/// What to do about a finding of `stance doctor`; the command line turns it into a command to run.
public enum DoctorRemedy: Hashable, Sendable, Codable {
    /// `stance doctor --fix`: repairs made in place (orphaned rows, copies out of step, the search
    /// index, indexes SQLite reports damaged, pending migrations).
    case repair
    /// `stance reclassify` with the current rules.
    case reclassify
    /// Run this recorded command again (stored documents are skipped).
    case rerun(command: String)
    /// Copy out what SQLite can still read (`sqlite3 … .recover`), or ingest the sources again.
    case recover
    /// The database was made by a newer stance.
    case upgradeStance
    /// Point `--db` at another file.
    case checkPath
}

/// One thing `stance doctor` found.
public struct DoctorFinding: Hashable, Sendable, Codable {
    public enum Severity: String, Hashable, Sendable, Codable {
        /// Something to fix: `stance doctor` exits 1.
        case problem
        /// Worth knowing; nothing to fix.
        case note
    }

    /// A short name of the check (`schema`, `integrity`, `foreign-keys`, `copies`, `search-index`,
    /// `outdated-labels`, `unfinished-runs`, `unused-actors`, `file`).
    public var check: String
    public var severity: Severity
    public var message: String
    public var remedy: DoctorRemedy?

    public init(check: String, severity: Severity, message: String, remedy: DoctorRemedy? = nil) {
        self.check = check
        self.severity = severity
        self.message = message
        self.remedy = remedy
    }
}

/// What `stance doctor` found in a database.
public struct DoctorReport: Hashable, Sendable, Codable {
    public var path: String
    /// Migrations applied / known to this build (nil when the file could not be read).
    public var appliedMigrations: Int?
    public var knownMigrations: Int
    public var counts: StoreCounts?
    /// Checks that passed, by name, for the report's "ok" lines.
    public var passed: [String] = []
    public var findings: [DoctorFinding] = []

    public var needsFixing: Bool { findings.contains { $0.severity == .problem } }
}

/// Checks a database without changing it, and repairs what can be repaired in place.
public enum Doctor {
    /// At most this many lines of `PRAGMA integrity_check` are quoted.
    static let integrityLines = 20

    /// Examines the database at `path`. Never writes to it: it is opened read-only (the full-text
    /// index's own check runs in a transaction that is rolled back).
    ///
    /// `currentRulesetVersion` is the version of the rules that `stance reclassify` would apply; labels
    /// from any other version are outdated. Nil skips that check.
    public static func examine(path: String, currentRulesetVersion: String?) -> DoctorReport {
        var report = DoctorReport(path: path, knownMigrations: Schema.knownMigrations.count)
        func problem(_ check: String, _ message: String, _ remedy: DoctorRemedy?) {
            report.findings.append(DoctorFinding(check: check, severity: .problem, message: message, remedy: remedy))
        }
        func note(_ check: String, _ message: String, _ remedy: DoctorRemedy? = nil) {
            report.findings.append(DoctorFinding(check: check, severity: .note, message: message, remedy: remedy))
        }

        // The file itself.
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            problem("file", "there is no database at \(path)", .checkPath)
            return report
        }
        guard !isDirectory.boolValue else {
            problem("file", "\(path) is a folder, not a database file", .checkPath)
            return report
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            problem("file", "\(path) cannot be read (\(String(cString: strerror(errno))))", .checkPath)
            return report
        }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        if header.isEmpty {
            note("file", "\(path) is an empty file; the first command that writes makes it a new database")
            report.appliedMigrations = 0
            return report
        }
        guard Array(header) == Array("SQLite format 3\0".utf8) else {
            problem("file", "\(path) is not an SQLite file (its first bytes are not SQLite's header)", .checkPath)
            return report
        }

        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            problem("file", "SQLite cannot open \(path): \(describe(error))", .recover)
            return report
        }
        defer { try? queue.close() }

        do {
            try queue.read { db in try examine(db, path: path, currentRulesetVersion: currentRulesetVersion, into: &report) }
        } catch {
            problem("integrity", "reading \(path) failed: \(describe(error))", .recover)
        }
        if report.appliedMigrations != nil, !report.findings.contains(where: { $0.check == "integrity" }),
            report.counts != nil
        {
            checkSearchIndexWithFTS5(path: path, into: &report)
        }
        return report
    }

    private static func examine(
        _ db: Database, path: String, currentRulesetVersion: String?, into report: inout DoctorReport
    ) throws {
        func problem(_ check: String, _ message: String, _ remedy: DoctorRemedy?) {
            report.findings.append(DoctorFinding(check: check, severity: .problem, message: message, remedy: remedy))
        }
        func note(_ check: String, _ message: String, _ remedy: DoctorRemedy? = nil) {
            report.findings.append(DoctorFinding(check: check, severity: .note, message: message, remedy: remedy))
        }

        // Schema.
        let tables = try String.fetchSet(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        let applied =
            tables.contains("grdb_migrations") ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
        let known = Schema.knownMigrations
        report.appliedMigrations = applied.filter(known.contains).count
        let unknown = applied.filter { !known.contains($0) }.sorted()
        if tables.subtracting(["grdb_migrations"]).count > 0 && Set(applied).isDisjoint(with: known) {
            problem("schema", "\(path) is an SQLite database of another program, not a stance database", .checkPath)
            return
        }
        if !unknown.isEmpty {
            problem(
                "schema",
                "made by a newer version of stance (unknown migration\(unknown.count == 1 ? "" : "s"): \(unknown.joined(separator: ", ")))",
                .upgradeStance)
            return
        }
        let missing = known.filter { !applied.contains($0) }
        if applied.isEmpty {
            note("schema", "no stance tables yet; the first command that writes creates them")
            return
        }
        if !missing.isEmpty {
            problem(
                "schema",
                "the schema is \(missing.count) migration\(missing.count == 1 ? "" : "s") behind this stance (\(missing.joined(separator: ", "))); "
                    + "the next command that opens it brings it up to date",
                .repair)
            // Later checks assume the current tables.
            return
        }
        report.passed.append("schema: \(known.count) of \(known.count) migrations")

        // SQLite's own check of every page, index and constraint it knows.
        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check(\(integrityLines + 1))")
            .flatMap { $0.split(separator: "\n").map(String.init) }
            .filter { !$0.hasPrefix("*** in database") }
        if integrity != ["ok"] {
            let indexOnly = integrity.allSatisfy(isIndexProblem)
            let shown = integrity.prefix(5).joined(separator: "; ")
            let more = integrity.count > 5 ? "; … (\(integrity.count > integrityLines ? "more than \(integrityLines)" : "\(integrity.count)") in all)" : ""
            problem(
                "integrity",
                "SQLite's integrity_check reports damage: \(shown)\(more)"
                    + (indexOnly ? " (only indexes are affected; they can be rebuilt from the tables)" : ""),
                indexOnly ? .repair : .recover)
            // Counting rows of a damaged file may fail or mislead; stop here.
            return
        }
        report.passed.append("integrity_check: ok")

        report.counts = try counts(db)

        // Rows whose references point nowhere (written with foreign keys off, or by hand).
        let orphans = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
        if orphans.isEmpty {
            report.passed.append("foreign_key_check: no orphaned rows")
        } else {
            var groups: [String: Int] = [:]
            var order: [String] = []
            for orphan in orphans {
                let table: String = orphan[0]
                let parent: String = orphan[2]
                let key = "\(table) row\u{0}\(parent)"
                if groups[key] == nil { order.append(key) }
                groups[key, default: 0] += 1
            }
            let parts = order.map { key -> String in
                let pieces = key.split(separator: "\u{0}")
                let count = groups[key]!
                return "\(count) \(pieces[0])\(count == 1 ? "" : "s") refer\(count == 1 ? "s" : "") to a missing \(pieces[1]) row"
            }
            problem("foreign-keys", "orphaned rows: " + parts.joined(separator: "; "), .repair)
        }

        // Copies kept for speed: a label repeats its statement's document, actor, country and date; a
        // statement its document's date.
        let labelCopies = try Int.fetchOne(
            db,
            sql: """
                SELECT count(*) FROM label l JOIN statement s ON s.id = l.statement_id
                WHERE l.document_id <> s.document_id OR l.actor_id <> s.actor_id
                   OR l.country IS NOT s.country OR l.date IS NOT s.date
                """) ?? 0
        let statementCopies = try Int.fetchOne(
            db,
            sql: "SELECT count(*) FROM statement s JOIN document d ON d.id = s.document_id WHERE s.date IS NOT d.date")
            ?? 0
        if labelCopies + statementCopies > 0 {
            var parts: [String] = []
            if labelCopies > 0 {
                parts.append("\(labelCopies) label\(labelCopies == 1 ? "" : "s") disagree with their statement (document, actor, country or date)")
            }
            if statementCopies > 0 {
                parts.append("\(statementCopies) statement\(statementCopies == 1 ? "" : "s") disagree with their document's date")
            }
            problem("copies", parts.joined(separator: "; ") + "; reports would count them wrongly", .repair)
        } else {
            report.passed.append("labels and statements agree with their documents")
        }

        // The full-text index holds one entry per statement.
        if tables.contains("statement_search_docsize") {
            let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM statement_search_docsize") ?? 0
            let statements = report.counts?.statements ?? 0
            if indexed != statements {
                problem(
                    "search-index",
                    "the full-text index of statements holds \(indexed) entr\(indexed == 1 ? "y" : "ies") for \(statements) statement\(statements == 1 ? "" : "s"); `stance search` would miss or misreport some",
                    .repair)
            }
        }

        // Labels computed by rules other than the current ones.
        if let currentRulesetVersion {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.version, r.created_at, t.labels, t.statements FROM
                        (SELECT ruleset_id, count(*) AS labels, count(DISTINCT statement_id) AS statements
                         FROM label GROUP BY ruleset_id) t
                    JOIN ruleset r ON r.id = t.ruleset_id
                    ORDER BY r.created_at, r.id
                    """)
            var outdated: [String] = []
            var outdatedLabels = 0
            for row in rows {
                let version: String = row[0]
                guard version != currentRulesetVersion else { continue }
                let created: String = row[1]
                let labels: Int = row[2]
                let statements: Int = row[3]
                outdatedLabels += labels
                outdated.append(
                    "\(labels) label\(labels == 1 ? "" : "s") in \(statements) statement\(statements == 1 ? "" : "s") from rule set \(version) (first used \(created.prefix(10)))"
                )
            }
            if outdated.isEmpty {
                report.passed.append("every label comes from the current rules (\(currentRulesetVersion))")
            } else {
                problem(
                    "outdated-labels",
                    outdated.joined(separator: "; ") + "; the current rules are \(currentRulesetVersion)", .reclassify)
            }
        }

        // Runs that started and never finished, unless the same command ran to the end later.
        let unfinished = try Row.fetchAll(
            db,
            sql: """
                SELECT r.id, r.command, r.started_at FROM ingest_run r
                WHERE r.finished_at IS NULL AND NOT EXISTS (
                    SELECT 1 FROM ingest_run later
                    WHERE later.command = r.command AND later.id > r.id AND later.finished_at IS NOT NULL)
                ORDER BY r.id
                """)
        if unfinished.isEmpty {
            report.passed.append("every run finished")
        }
        for row in unfinished {
            let id: Int64 = row[0]
            let command: String = row[1]
            let started: String = row[2]
            problem(
                "unfinished-runs",
                "run \(id) (started \(started)) did not finish: it was interrupted, or is still running; what it had committed is stored",
                .rerun(command: command))
        }

        // Actors no statement refers to any more (their documents were replaced): harmless.
        let unused = try Int.fetchOne(
            db,
            sql: """
                SELECT count(*) FROM actor a
                WHERE NOT EXISTS (SELECT 1 FROM statement s WHERE s.actor_id = a.id)
                  AND NOT EXISTS (SELECT 1 FROM label l WHERE l.actor_id = a.id)
                """) ?? 0
        if unused > 0 {
            note(
                "unused-actors",
                "\(unused) actor\(unused == 1 ? "" : "s") no longer speak\(unused == 1 ? "s" : "") in any statement (their documents were replaced); harmless")
        }
        if let counts = report.counts, counts.undatedDocuments > 0 {
            note(
                "undated",
                "\(counts.undatedDocuments) document\(counts.undatedDocuments == 1 ? " has" : "s have") no date and \(counts.undatedDocuments == 1 ? "is" : "are") left out of time-based reports")
        }
    }

    /// FTS5's own consistency check is an INSERT, so it runs in a transaction that is rolled back.
    private static func checkSearchIndexWithFTS5(path: String, into report: inout DoctorReport) {
        guard !report.findings.contains(where: { $0.check == "search-index" }), access(path, W_OK) == 0 else { return }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            try queue.inDatabase { db in
                try db.execute(sql: "BEGIN")
                defer { try? db.execute(sql: "ROLLBACK") }
                try db.execute(sql: "INSERT INTO statement_search(statement_search, rank) VALUES ('integrity-check', 1)")
            }
            report.passed.append("full-text index: in step with the statements")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            report.findings.append(
                DoctorFinding(
                    check: "search-index", severity: .problem,
                    message: "the full-text index of statements is out of step with them (\(describe(error)))", remedy: .repair))
        } catch {
            report.findings.append(
                DoctorFinding(
                    check: "search-index", severity: .note,
                    message: "the full-text index could not be checked: \(describe(error))"))
        }
    }

    private static func counts(_ db: Database) throws -> StoreCounts {
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
        return StoreCounts(
            documents: try count("SELECT count(*) FROM document"),
            undatedDocuments: try count("SELECT count(*) FROM document WHERE date IS NULL"),
            statements: try count("SELECT count(*) FROM statement"),
            labels: try count("SELECT count(*) FROM label"),
            actors: try count("SELECT count(*) FROM actor"),
            rulesets: try count("SELECT count(*) FROM ruleset"),
            latestRulesetVersion: try String.fetchOne(
                db,
                sql: """
                    SELECT version FROM ruleset
                    WHERE id = ifnull((SELECT ruleset_id FROM ingest_run ORDER BY id DESC LIMIT 1),
                                      (SELECT max(id) FROM ruleset))
                    """))
    }

    /// integrity_check lines that concern only an index ("row 12 missing from index x", "wrong # of
    /// entries in index x", "non-unique entry in index x"): REINDEX rebuilds those from the tables.
    static func isIndexProblem(_ line: String) -> Bool {
        line.contains("missing from index") || line.contains("entries in index") || line.contains("non-unique entry in index")
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    // MARK: Repairs

    /// Repairs in place what needs no sources and no rules, in one transaction: brings the schema up
    /// to date, rebuilds indexes when only indexes are damaged, deletes orphaned rows, realigns the
    /// copies labels and statements keep of their document's columns, and rebuilds the full-text index.
    /// Returns what it did, one line each.
    ///
    /// Damage to tables themselves is not repaired here (see `DoctorRemedy.recover`).
    public static func repair(path: String) throws -> [String] {
        let before = examine(path: path, currentRulesetVersion: nil)
        if let blocking = before.findings.first(where: {
            $0.severity == .problem && ($0.remedy == .recover || $0.remedy == .upgradeStance || $0.remedy == .checkPath)
        }) {
            throw StoreError.cannotOpen(path: path, reason: "\(blocking.message); `stance doctor --fix` cannot repair that")
        }
        var done: [String] = []
        if before.findings.contains(where: { $0.check == "schema" && $0.severity == .problem }) {
            done.append("brought the schema up to date")
        }
        let database = try StanceDatabase.open(path: path)
        defer { try? database.close() }
        try database.writer.writeWithoutTransaction { db in
            if before.findings.contains(where: { $0.check == "integrity" }) {
                try db.execute(sql: "REINDEX")
                done.append("rebuilt every index (REINDEX)")
            }
        }
        try database.writer.write { db in
            // Deleting a statement cascades to its labels; go round until nothing refers nowhere.
            var deleted: [String: Int] = [:]
            for _ in 0..<5 {
                let orphans = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
                if orphans.isEmpty { break }
                for orphan in orphans {
                    let table: String = orphan[0]
                    guard let rowID: Int64 = orphan[1], ["document", "statement", "label", "ingest_run", "actor"].contains(table)
                    else { continue }
                    try db.execute(sql: "DELETE FROM \(table) WHERE rowid = ?", arguments: [rowID])
                    deleted[table, default: 0] += db.changesCount
                }
            }
            for (table, count) in deleted.sorted(by: { $0.key < $1.key }) where count > 0 {
                done.append("deleted \(count) orphaned \(table) row\(count == 1 ? "" : "s")")
            }

            try db.execute(
                sql: """
                    UPDATE statement SET date = (SELECT d.date FROM document d WHERE d.id = statement.document_id)
                    WHERE date IS NOT (SELECT d.date FROM document d WHERE d.id = statement.document_id)
                    """)
            let statements = db.changesCount
            try db.execute(
                sql: """
                    UPDATE label SET document_id = s.document_id, actor_id = s.actor_id, country = s.country, date = s.date
                    FROM statement s
                    WHERE s.id = label.statement_id
                      AND (label.document_id <> s.document_id OR label.actor_id <> s.actor_id
                           OR label.country IS NOT s.country OR label.date IS NOT s.date)
                    """)
            let labels = db.changesCount
            if statements > 0 { done.append("realigned the date of \(statements) statement\(statements == 1 ? "" : "s")") }
            if labels > 0 { done.append("realigned \(labels) label\(labels == 1 ? "" : "s") with their statements") }

            let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM statement_search_docsize") ?? 0
            let statementCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM statement") ?? 0
            var rebuild = indexed != statementCount
            if !rebuild {
                do {
                    try db.inSavepoint {
                        try db.execute(
                            sql: "INSERT INTO statement_search(statement_search, rank) VALUES ('integrity-check', 1)")
                        return .rollback
                    }
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
                    rebuild = true
                }
            }
            if rebuild {
                try db.execute(sql: "INSERT INTO statement_search(statement_search) VALUES ('rebuild')")
                done.append("rebuilt the full-text index of statements")
            }
        }
        // Unused actors stay: an ingest running now may hold their ids in its cache.
        return done
    }
}
