import GRDB
import StanceModel

extension StanceDatabase {
    /// Everything stored about one statement, by its stable id ("<document key>:<ordinal>"), for
    /// `stance explain`; nil when there is no such statement.
    public func statement(key: String) throws -> StoredStatementDetail? {
        try writer.read { db -> StoredStatementDetail? in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT \(Self.statementColumns), d.key AS document_key, s.text AS statement_text
                        FROM statement s JOIN actor a ON a.id = s.actor_id JOIN document d ON d.id = s.document_id
                        WHERE s.key = ?
                        """,
                    arguments: [key])
            else { return nil }
            let stored = try Self.storedStatement(row, documentKey: row["document_key"])
            guard let document = try Self.documentInfo(db, id: stored.documentID) else { return nil }
            guard
                let actorRow = try Row.fetchOne(
                    db, sql: "SELECT id, name, kind, country, dictionary_key FROM actor WHERE id = ?",
                    arguments: [stored.actorID])
            else { return nil }
            let kindText: String = actorRow[2]
            guard let actorKind = ActorKind(rawValue: kindText) else {
                throw StoreError.unexpectedValue("actor kind \(kindText)")
            }
            let actor = StoredActor(
                id: actorRow[0], name: actorRow[1], kind: actorKind, country: Self.country(actorRow[3]),
                dictionaryKey: actorRow[4])

            let documentText = try String.fetchOne(
                db, sql: "SELECT text FROM document WHERE id = ?", arguments: [stored.documentID]) ?? ""
            let slicer = ScalarSlicer(documentText)
            let contentTexts = stored.statement.content.map { slicer[$0] }

            var labels: [StoredLabel] = []
            let labelRows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT l.id, l.stance, l.polarity, l.target, l.span_start, l.span_end, l.rule, l.confidence,
                        l.decisions, l.text, r.version
                    FROM label l JOIN ruleset r ON r.id = l.ruleset_id
                    WHERE l.statement_id = ? ORDER BY l.span_start, l.stance, l.polarity, l.id
                    """,
                arguments: [stored.id])
            while let labelRow = try labelRows.next() {
                let label = Label(
                    stance: try Self.stance(labelRow[1]), polarity: try Self.polarity(labelRow[2]),
                    target: Self.country(labelRow[3]),
                    span: Self.span(labelRow[4], labelRow[5]) ?? TextSpan(start: 0, end: 0), rule: labelRow[6],
                    confidence: labelRow[7], decisions: ColumnJSON.decisions(from: labelRow[8]))
                labels.append(StoredLabel(id: labelRow[0], label: label, text: labelRow[9], rulesetVersion: labelRow[10]))
            }
            return StoredStatementDetail(
                statement: stored, text: row["statement_text"], contentTexts: contentTexts, actor: actor,
                document: document, labels: labels)
        }
    }

    /// A stored document's metadata by key, without its text.
    public func document(key: String) throws -> StoredDocumentInfo? {
        try writer.read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM document WHERE key = ?", arguments: [key])
            else { return nil }
            return try Self.documentInfo(db, id: id)
        }
    }

    /// A stored document's text by key.
    public func documentText(key: String) throws -> String? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT text FROM document WHERE key = ?", arguments: [key])
        }
    }

    static func documentInfo(_ db: Database, id: Int64) throws -> StoredDocumentInfo? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT id, key, date, source, url, title, origin, origin_line, content_hash, byte_count, ingested_at
                    FROM document WHERE id = ?
                    """,
                arguments: [id])
        else { return nil }
        let originPath: String? = row[6]
        return StoredDocumentInfo(
            id: row[0],
            metadata: DocumentMetadata(id: row[1], date: day(row[2]), source: row[3], url: row[4], title: row[5]),
            origin: originPath.map { DocumentOrigin(path: $0, line: row[7]) }, contentHash: row[8], byteCount: row[9],
            ingestedAt: row[10])
    }
}
