import GRDB
import StanceModel

/// An actor's identity in the store: a name speaking for a country.
struct ActorIdentity: Hashable {
    let name: String
    let country: String?
}

struct CachedActor {
    let id: Int64
    let hasDictionaryKey: Bool
}

extension StanceDatabase {
    // MARK: Rule sets and runs

    /// Records a rule-set version (a hash of the rules) once and returns its id; registering the same
    /// version again returns the same id.
    public func registerRuleset(version: String, ruleCount: Int) throws -> Int64 {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO ruleset(version, rule_count) VALUES (?, ?) ON CONFLICT(version) DO NOTHING",
                arguments: [version, ruleCount])
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM ruleset WHERE version = ?", arguments: [version])
            else { throw StoreError.invalidArgument("rule set \(version) could not be recorded") }
            return id
        }
    }

    /// Starts a run (ingest, reclassify ...) and returns its id. A run without `finishRun` was
    /// interrupted; its `finished_at` stays NULL.
    public func beginRun(command: String, rulesetID: Int64) throws -> Int64 {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO ingest_run(command, ruleset_id) VALUES (?, ?)", arguments: [command, rulesetID])
            return db.lastInsertedRowID
        }
    }

    public func finishRun(_ id: Int64, summary: RunSummary) throws {
        try writer.write { db in
            try db.execute(
                sql: """
                    UPDATE ingest_run SET finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
                        documents_read = ?, documents_new = ?, documents_unchanged = ?, documents_replaced = ?,
                        documents_failed = ?, statements = ?, labels = ?, bytes = ?
                    WHERE id = ?
                    """,
                arguments: [
                    summary.documentsRead, summary.documentsNew, summary.documentsUnchanged,
                    summary.documentsReplaced, summary.documentsFailed, summary.statements, summary.labels,
                    summary.bytes, id,
                ])
            guard db.changesCount == 1 else { throw StoreError.invalidArgument("no run with id \(id)") }
        }
    }

    // MARK: Documents

    /// Whether a document with this key and content hash needs storing. Cheap: two index lookups.
    public func documentStatus(key: String, contentHash: String) throws -> DocumentStatus {
        // Two lookups need no transaction; `read` would add one, and on an in-memory queue it toggles
        // `query_only`, which expires every cached statement of the writer.
        try writer.unsafeRead { db in
            let stored = try Self.storedVersion(db, key: key, contentHash: contentHash)
            switch (stored.byKey, stored.hashOwner) {
            case (let byKey?, _) where byKey.contentHash == contentHash: return .unchanged
            case (let byKey?, _): return .changed(existingID: byKey.id)
            case (nil, _?): return .unchanged
            case (nil, nil): return .new
            }
        }
    }

    /// Stores a document with its statements and labels in one transaction.
    ///
    /// Unchanged content is left alone; a new version under a stored key replaces the old one, whose
    /// statements and labels go with it (ON DELETE CASCADE). Statement and label texts are sliced from
    /// `document.text` by their spans (Unicode scalar offsets).
    public func store(
        _ document: SourceDocument, contentHash: String, statements: [ClassifiedStatement], rulesetID: Int64,
        runID: Int64?
    ) throws -> StoreOutcome {
        let item = DocumentToStore(document: document, contentHash: contentHash, statements: statements)
        var newActors: [ActorIdentity: CachedActor] = [:]
        let outcome = try writer.write { db in
            try storeOne(db, item, rulesetID: rulesetID, runID: runID, newActors: &newActors)
        }
        rememberActors(newActors)
        return outcome
    }

    /// Stores several documents in one transaction, each exactly as `store` would.
    ///
    /// Every commit writes each page the transaction touched to the WAL, and an ingest touches pages
    /// all over the indexes and the full-text index: committing a few hundred documents at once is
    /// many times faster than one at a time. Documents stay atomic (a document is stored whole or not
    /// at all); an interruption loses the uncommitted batch, which a re-run stores. When any
    /// document fails, the batch is rolled back and its documents are stored one by one, so that only
    /// the failing ones fail; after a failure of the database itself (`storageFailure`), the rest fail
    /// with it untried. Results are in input order.
    public func store(_ batch: [DocumentToStore], rulesetID: Int64, runID: Int64?) -> [Result<StoreOutcome, any Error>] {
        guard batch.count > 1 else {
            return batch.map { item in
                Result {
                    try store(
                        item.document, contentHash: item.contentHash, statements: item.statements, rulesetID: rulesetID,
                        runID: runID)
                }
            }
        }
        var newActors: [ActorIdentity: CachedActor] = [:]
        do {
            let outcomes = try writer.write { db in
                try batch.map { item in
                    try storeOne(db, item, rulesetID: rulesetID, runID: runID, newActors: &newActors)
                }
            }
            rememberActors(newActors)
            return outcomes.map { .success($0) }
        } catch {
            // After a failure of the database as a whole (a full disk), the rest is not tried: a smaller
            // document might still fit, and the run would have stored documents after the one it
            // reports as where it stopped.
            var stopped: (any Error)?
            return batch.map { item in
                if let stopped { return .failure(stopped) }
                let result = Result {
                    try store(
                        item.document, contentHash: item.contentHash, statements: item.statements, rulesetID: rulesetID,
                        runID: runID)
                }
                if case .failure(let error) = result, storageFailure(error) != nil { stopped = error }
                return result
            }
        }
    }

    /// Only after a commit: a rolled-back transaction must not leave ids of actors that were never
    /// stored in the cache.
    private func rememberActors(_ newActors: [ActorIdentity: CachedActor]) {
        guard !newActors.isEmpty else { return }
        actorIDs.withLock { cache in cache.merge(newActors) { _, new in new } }
    }

    private func storeOne(
        _ db: Database, _ item: DocumentToStore, rulesetID: Int64, runID: Int64?,
        newActors: inout [ActorIdentity: CachedActor]
    ) throws -> StoreOutcome {
        let document = item.document
        let contentHash = item.contentHash
        let key = document.metadata.id
        let stored = try Self.storedVersion(db, key: key, contentHash: contentHash)
        var outcome = StoreOutcome.inserted
        if let byKey = stored.byKey {
            if byKey.contentHash == contentHash { return .unchanged }
            try db.cachedStatement(sql: "DELETE FROM document WHERE id = ?").execute(arguments: [byKey.id])
            outcome = .replaced
            if stored.hashOwner != nil { return outcome }
        } else if stored.hashOwner != nil {
            return .unchanged
        }

        let metadata = document.metadata
        let date = metadata.date?.iso
        let text = document.text
        var insertDocument = RawInsert(try db.cachedStatement(sql: Self.insertDocumentSQL))
        insertDocument.bind(key)
        insertDocument.bind(contentHash)
        insertDocument.bind(date)
        insertDocument.bind(metadata.source)
        insertDocument.bind(metadata.url)
        insertDocument.bind(metadata.title)
        insertDocument.bind(document.origin.path)
        insertDocument.bind(document.origin.line)
        insertDocument.bind(text)
        insertDocument.bind(text.utf8.count)
        insertDocument.bind(runID)
        try insertDocument.run()
        let documentID = db.lastInsertedRowID
        guard !item.statements.isEmpty else { return outcome }

        let slicer = ScalarSlicer(text)
        var insertStatement = RawInsert(try db.cachedStatement(sql: Self.insertStatementSQL))
        var insertLabel = RawInsert(try db.cachedStatement(sql: Self.insertLabelSQL))
        var insertSearchRow = RawInsert(try db.cachedStatement(sql: "INSERT INTO statement_search(rowid, text) VALUES (?, ?)"))
        for classified in item.statements {
            let statement = classified.statement
            let speaker = statement.speaker
            let actorID = try self.actorID(db, for: speaker, newActors: &newActors)
            let statementText = slicer[statement.span]
            let country = speaker.country?.rawValue
            insertStatement.bind(documentID)
            insertStatement.bind(statement.ordinal)
            insertStatement.bind("\(key):\(statement.ordinal)")
            insertStatement.bind(statement.kind.rawValue)
            insertStatement.bind(speaker.mention)
            insertStatement.bind(speaker.mentionSpan?.start)
            insertStatement.bind(speaker.mentionSpan?.end)
            insertStatement.bind(actorID)
            insertStatement.bind(speaker.role)
            insertStatement.bind(country)
            insertStatement.bind(speaker.resolution.rawValue)
            insertStatement.bind(speaker.note)
            insertStatement.bind(statement.cue)
            insertStatement.bind(statement.cueSpan?.start)
            insertStatement.bind(statement.cueSpan?.end)
            insertStatement.bind(statement.span.start)
            insertStatement.bind(statement.span.end)
            insertStatement.bind(ColumnJSON.spans(statement.content))
            insertStatement.bind(statementText)
            insertStatement.bind(date)
            try insertStatement.run()
            let statementID = db.lastInsertedRowID
            insertSearchRow.bind(statementID)
            insertSearchRow.bind(statementText)
            try insertSearchRow.run()
            for label in classified.labels {
                try Self.insertLabel(
                    &insertLabel, label, text: slicer[label.span], statementID: statementID, documentID: documentID,
                    actorID: actorID, rulesetID: rulesetID, country: country, date: date)
            }
        }
        return outcome
    }

    static let insertDocumentSQL = """
        INSERT INTO document(key, content_hash, date, source, url, title, origin, origin_line, text,
            byte_count, ingest_run_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let insertStatementSQL = """
        INSERT INTO statement(document_id, ordinal, key, kind, speaker_mention, speaker_start, speaker_end, actor_id,
            role, country, resolution, resolution_note, cue, cue_start, cue_end, span_start, span_end, content, text,
            date)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let insertLabelSQL = """
        INSERT INTO label(statement_id, document_id, actor_id, ruleset_id, stance, polarity, target, country, date,
            span_start, span_end, text, rule, confidence, decisions)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func insertLabel(
        _ insert: inout RawInsert, _ label: Label, text: String, statementID: Int64, documentID: Int64, actorID: Int64,
        rulesetID: Int64, country: String?, date: String?
    ) throws {
        insert.bind(statementID)
        insert.bind(documentID)
        insert.bind(actorID)
        insert.bind(rulesetID)
        insert.bind(label.stance.rawValue)
        insert.bind(label.polarity.rawValue)
        insert.bind(label.target?.rawValue)
        insert.bind(country)
        insert.bind(date)
        insert.bind(label.span.start)
        insert.bind(label.span.end)
        insert.bind(text)
        insert.bind(label.rule)
        insert.bind(label.confidence)
        insert.bind(ColumnJSON.decisions(label.decisions))
        try insert.run()
    }

    struct StoredVersion {
        var byKey: (id: Int64, contentHash: String)?
        var hashOwner: Int64?
    }

    static func storedVersion(_ db: Database, key: String, contentHash: String) throws -> StoredVersion {
        var version = StoredVersion()
        if let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, content_hash FROM document WHERE key = ?"), arguments: [key])
        {
            version.byKey = (row[0], row[1])
        }
        version.hashOwner = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM document WHERE content_hash = ?"), arguments: [contentHash])
        return version
    }

    // MARK: Actors

    /// The actor row for a speaker, inserted on first sight. Ids come from an in-memory cache; a new
    /// dictionary key for a known actor is recorded once.
    private func actorID(_ db: Database, for speaker: Speaker, newActors: inout [ActorIdentity: CachedActor]) throws
        -> Int64
    {
        let identity = ActorIdentity(name: speaker.actor, country: speaker.country?.rawValue)
        let hasKey = speaker.actorKey != nil
        let known = newActors[identity] ?? actorIDs.withLock { $0[identity] }
        if let known, known.hasDictionaryKey || !hasKey { return known.id }

        let id: Int64
        if let known {
            id = known.id
        } else if let row = try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT id, dictionary_key IS NOT NULL FROM actor WHERE name = ? AND ifnull(country, '') = ifnull(?, '')"),
            arguments: [identity.name, identity.country])
        {
            id = row[0]
            if row[1] || !hasKey {
                newActors[identity] = CachedActor(id: id, hasDictionaryKey: row[1])
                return id
            }
        } else {
            try db.cachedStatement(sql: "INSERT INTO actor(name, kind, country, dictionary_key) VALUES (?, ?, ?, ?)")
                .execute(arguments: [identity.name, speaker.kind.rawValue, identity.country, speaker.actorKey])
            id = db.lastInsertedRowID
            newActors[identity] = CachedActor(id: id, hasDictionaryKey: hasKey)
            return id
        }
        try db.cachedStatement(sql: "UPDATE actor SET dictionary_key = ? WHERE id = ? AND dictionary_key IS NULL")
            .execute(arguments: [speaker.actorKey, id])
        newActors[identity] = CachedActor(id: id, hasDictionaryKey: true)
        return id
    }
}
