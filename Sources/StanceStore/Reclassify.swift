import GRDB
import StanceModel

/// A stored document with its statements, as `stance reclassify` needs them: the rules see the
/// document text, each statement's content and speaker's country, and the document's date.
public struct ReclassifyDocument: Sendable {
    public var id: Int64
    /// `metadata.id` is the document key.
    public var metadata: DocumentMetadata
    public var text: String
    /// In ordinal order.
    public var statements: [ReclassifyStatement]

    public init(id: Int64, metadata: DocumentMetadata, text: String, statements: [ReclassifyStatement]) {
        self.id = id
        self.metadata = metadata
        self.text = text
        self.statements = statements
    }
}

/// A stored statement as `stance reclassify` reads it: what the rules read (its content spans and its
/// speaker's country) and what a new label records besides. Reading only these columns, without the
/// speaker's strings, is most of what makes rereading hundreds of thousands of statements cheap.
public struct ReclassifyStatement: Hashable, Sendable {
    public var id: Int64
    public var ordinal: Int
    public var actorID: Int64
    /// The statement's date (its document's), which its labels record.
    public var date: Day?
    /// The speaker's country.
    public var country: CountryCode?
    /// The quoted words or reported clause, in the document's scalar offsets.
    public var content: [TextSpan]

    public init(id: Int64, ordinal: Int, actorID: Int64, date: Day?, country: CountryCode?, content: [TextSpan]) {
        self.id = id
        self.ordinal = ordinal
        self.actorID = actorID
        self.date = date
        self.country = country
        self.content = content
    }
}

/// The new labels of a document's statements after reclassification.
public struct ReclassifiedDocument: Sendable {
    public var document: ReclassifyDocument
    /// One entry per statement of `document.statements`, in the same order (empty when the rules now
    /// find nothing).
    public let labels: [[Label]]
    /// Each label's decisions as stored (`ColumnJSON.decisions`), to compare with the stored labels.
    /// Encoded here, where the labels are made (on a classifying worker), not in the write
    /// transaction that every worker waits on.
    let storedDecisions: [[String]]

    public init(document: ReclassifyDocument, labels: [[Label]]) {
        self.document = document
        self.labels = labels
        storedDecisions = labels.map { $0.map { ColumnJSON.decisions($0.decisions) } }
    }
}

/// What a reclassification changed, for `stance reclassify` to print.
public struct LabelChanges: Hashable, Sendable {
    public struct Group: Hashable, Sendable, Comparable {
        public var stance: Stance
        public var polarity: Polarity
        /// The speaker's country.
        public var country: CountryCode?

        public init(stance: Stance, polarity: Polarity, country: CountryCode?) {
            self.stance = stance
            self.polarity = polarity
            self.country = country
        }

        public static func < (lhs: Group, rhs: Group) -> Bool {
            (lhs.country?.rawValue ?? "", lhs.stance, lhs.polarity) < (rhs.country?.rawValue ?? "", rhs.stance, rhs.polarity)
        }
    }

    /// Labels that did not exist before, per stance, polarity and country.
    public var added: [Group: Int] = [:]
    /// Labels that no longer exist.
    public var removed: [Group: Int] = [:]
    /// Labels found again (same stance, polarity, target, span and rule); they now carry the new rule set.
    public var unchanged = 0
    /// Statements whose labels changed.
    public var statementsChanged = 0
    public var statementsSeen = 0

    public init() {}

    public var totalAdded: Int { added.values.reduce(0, +) }
    public var totalRemoved: Int { removed.values.reduce(0, +) }
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty }

    public mutating func merge(_ other: LabelChanges) {
        added.merge(other.added, uniquingKeysWith: +)
        removed.merge(other.removed, uniquingKeysWith: +)
        unchanged += other.unchanged
        statementsChanged += other.statementsChanged
        statementsSeen += other.statementsSeen
    }
}

extension StanceDatabase {
    /// Hands stored documents with their statements to `body` in batches, in document id order.
    ///
    /// Each batch is read and released before `body` runs, so `body` may write (e.g. call
    /// `replaceLabels`) and memory stays bounded by the batch. Documents without statements are skipped.
    public func forEachReclassifyBatch(documentsPerBatch: Int = 256, _ body: ([ReclassifyDocument]) throws -> Void)
        throws
    {
        var afterID: Int64 = 0
        while true {
            let (batch, lastID) = try writer.read { db in
                try Self.reclassifyBatch(db, afterID: afterID, limit: max(1, documentsPerBatch))
            }
            guard let lastID else { return }
            afterID = lastID
            if !batch.isEmpty { try body(batch) }
        }
    }

    /// One document at a time; see `forEachReclassifyBatch`.
    public func forEachDocumentForReclassify(_ body: (ReclassifyDocument) throws -> Void) throws {
        try forEachReclassifyBatch { batch in
            for document in batch { try body(document) }
        }
    }

    /// One statement at a time with its document's text (loaded once per document).
    public func forEachStatementForReclassify(_ body: (ReclassifyStatement, _ documentText: String) throws -> Void) throws {
        try forEachDocumentForReclassify { document in
            for statement in document.statements { try body(statement, document.text) }
        }
    }

    /// Replaces the labels of whole documents (as `forEachReclassifyBatch` gave them) in one
    /// transaction. Labels found again are kept and moved to the new rule set; the rest are deleted and
    /// inserted. Documents deleted or replaced since they were read are skipped.
    public func replaceLabels(_ documents: [ReclassifiedDocument], rulesetID: Int64) throws -> LabelChanges {
        try replaceLabels(documents, rulesetID: rulesetID, wholeDocuments: true)
    }

    /// Replaces one statement's labels.
    public func replaceLabels(statementID: Int64, labels: [Label], rulesetID: Int64) throws -> LabelChanges {
        let document = try writer.read { db -> ReclassifyDocument? in
            guard let documentID = try Int64.fetchOne(
                db, sql: "SELECT document_id FROM statement WHERE id = ?", arguments: [statementID])
            else { return nil }
            let (batch, _) = try Self.reclassifyBatch(db, afterID: documentID - 1, limit: 1)
            guard var document = batch.first, document.id == documentID else { return nil }
            document.statements.removeAll { $0.id != statementID }
            return document
        }
        guard let document else { throw StoreError.invalidArgument("no statement with id \(statementID)") }
        return try replaceLabels(
            [ReclassifiedDocument(document: document, labels: [labels])], rulesetID: rulesetID, wholeDocuments: false)
    }

    private struct LabelIdentity: Hashable {
        var stance: String
        var polarity: String
        var target: String?
        var start: Int
        var end: Int
        var rule: String
    }

    private struct StoredLabelColumns: Equatable {
        var identity: LabelIdentity
        var confidence: Double
        var decisions: String
    }

    private func replaceLabels(_ documents: [ReclassifiedDocument], rulesetID: Int64, wholeDocuments: Bool) throws
        -> LabelChanges
    {
        for reclassified in documents where reclassified.labels.count != reclassified.document.statements.count {
            throw StoreError.invalidArgument(
                "document \(reclassified.document.metadata.id): \(reclassified.labels.count) label lists for "
                    + "\(reclassified.document.statements.count) statements")
        }
        return try writer.write { db in
            var changes = LabelChanges()
            let documentExists = try db.cachedStatement(sql: "SELECT 1 FROM document WHERE id = ?")
            let selectLabels = try db.cachedStatement(
                sql: """
                    SELECT statement_id, stance, polarity, target, span_start, span_end, rule, confidence, decisions
                    FROM label WHERE document_id = ? ORDER BY statement_id, id
                    """)
            let deleteLabels = try db.cachedStatement(sql: "DELETE FROM label WHERE statement_id = ?")
            var insertLabel = RawInsert(try db.cachedStatement(sql: Self.insertLabelSQL))
            let moveStatement = try db.cachedStatement(
                sql: "UPDATE label SET ruleset_id = ? WHERE statement_id = ? AND ruleset_id <> ?")
            let moveDocument = try db.cachedStatement(
                sql: "UPDATE label SET ruleset_id = ? WHERE document_id = ? AND ruleset_id <> ?")

            for reclassified in documents {
                let document = reclassified.document
                guard try Bool.fetchOne(documentExists, arguments: [document.id]) != nil else { continue }
                var stored: [Int64: [StoredLabelColumns]] = [:]
                let rows = try Row.fetchCursor(selectLabels, arguments: [document.id])
                while let row = try rows.next() {
                    stored[row[0], default: []].append(
                        StoredLabelColumns(
                            identity: LabelIdentity(
                                stance: row[1], polarity: row[2], target: row[3], start: row[4], end: row[5],
                                rule: row[6]),
                            confidence: row[7], decisions: row[8]))
                }
                var slicer: ScalarSlicer?
                for ((statement, labels), decisions) in zip(zip(document.statements, reclassified.labels), reclassified.storedDecisions) {
                    changes.statementsSeen += 1
                    let new = zip(labels, decisions).map { label, decisions in
                        StoredLabelColumns(
                            identity: LabelIdentity(
                                stance: label.stance.rawValue, polarity: label.polarity.rawValue,
                                target: label.target?.rawValue, start: label.span.start, end: label.span.end,
                                rule: label.rule),
                            confidence: label.confidence, decisions: decisions)
                    }
                    let old = stored[statement.id] ?? []
                    let country = statement.country
                    if old == new {
                        changes.unchanged += new.count
                        if !wholeDocuments, !new.isEmpty {
                            try moveStatement.execute(arguments: [rulesetID, statement.id, rulesetID])
                        }
                        continue
                    }
                    var remaining = [LabelIdentity: Int]()
                    for label in old { remaining[label.identity, default: 0] += 1 }
                    var anyDifference = false
                    for label in new {
                        if let count = remaining[label.identity], count > 0 {
                            remaining[label.identity] = count - 1
                            changes.unchanged += 1
                        } else {
                            anyDifference = true
                            changes.added[Self.group(label.identity, country), default: 0] += 1
                        }
                    }
                    for (identity, count) in remaining where count > 0 {
                        anyDifference = true
                        changes.removed[Self.group(identity, country), default: 0] += count
                    }
                    if anyDifference { changes.statementsChanged += 1 }

                    try deleteLabels.execute(arguments: [statement.id])
                    if slicer == nil { slicer = ScalarSlicer(document.text) }
                    for label in labels {
                        try Self.insertLabel(
                            &insertLabel, label, text: slicer![label.span], statementID: statement.id,
                            documentID: document.id, actorID: statement.actorID, rulesetID: rulesetID,
                            country: country?.rawValue, date: statement.date?.iso)
                    }
                }
                if wholeDocuments {
                    try moveDocument.execute(arguments: [rulesetID, document.id, rulesetID])
                }
            }
            return changes
        }
    }

    private static func group(_ identity: LabelIdentity, _ country: CountryCode?) -> LabelChanges.Group {
        LabelChanges.Group(
            stance: Stance(rawValue: identity.stance) ?? .pressure,
            polarity: Polarity(rawValue: identity.polarity) ?? .support, country: country)
    }

    /// Reads up to `limit` documents after `afterID`; returns those with statements and the last id read
    /// (nil when there are no more documents).
    static func reclassifyBatch(_ db: Database, afterID: Int64, limit: Int) throws -> ([ReclassifyDocument], Int64?) {
        var documents: [ReclassifyDocument] = []
        var indexByID: [Int64: Int] = [:]
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: "SELECT id, key, date, source, url, title, text FROM document WHERE id > ? ORDER BY id LIMIT ?"),
            arguments: [afterID, limit])
        var lastID: Int64?
        while let row = try rows.next() {
            let id: Int64 = row[0]
            lastID = id
            indexByID[id] = documents.count
            documents.append(
                ReclassifyDocument(
                    id: id,
                    metadata: DocumentMetadata(
                        id: row[1], date: day(row[2]), source: row[3], url: row[4], title: row[5]),
                    text: row[6], statements: []))
        }
        guard let lastID, let firstID = documents.first?.id else { return ([], nil) }
        let statements = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT document_id, id, ordinal, actor_id, date, country, content FROM statement
                    WHERE document_id BETWEEN ? AND ? ORDER BY document_id, ordinal
                    """),
            arguments: [firstID, lastID])
        // A document's statements share its date: parse each date once.
        var lastDate: (text: String?, day: Day?) = (nil, nil)
        while let row = try statements.next() {
            let documentID: Int64 = row[0]
            guard let index = indexByID[documentID] else { continue }
            let dateText: String? = row[4]
            if dateText != lastDate.text { lastDate = (dateText, day(dateText)) }
            documents[index].statements.append(
                ReclassifyStatement(
                    id: row[1], ordinal: row[2], actorID: row[3], date: lastDate.day, country: country(row[5]),
                    content: ColumnJSON.spans(from: row[6])))
        }
        return (documents.filter { !$0.statements.isEmpty }, lastID)
    }

    // MARK: Statement rows

    /// The columns `storedStatement(_:documentKey:)` reads, from `statement s JOIN actor a` (for `stance explain`).
    static let statementColumns = """
        s.id, s.key, s.document_id, s.date, s.actor_id, s.ordinal, s.kind, s.speaker_mention, s.speaker_start,
        s.speaker_end, a.name, a.dictionary_key, a.kind, s.role, s.country, s.resolution, s.resolution_note, s.cue,
        s.cue_start, s.cue_end, s.span_start, s.span_end, s.content
        """

    static func storedStatement(_ row: Row, documentKey: String) throws -> StoredStatement {
        let kindText: String = row[6]
        let actorKindText: String = row[12]
        let resolutionText: String = row[15]
        guard let kind = StatementKind(rawValue: kindText) else { throw StoreError.unexpectedValue("statement kind \(kindText)") }
        guard let actorKind = ActorKind(rawValue: actorKindText) else {
            throw StoreError.unexpectedValue("actor kind \(actorKindText)")
        }
        guard let resolution = ResolutionPath(rawValue: resolutionText) else {
            throw StoreError.unexpectedValue("resolution \(resolutionText)")
        }
        let speaker = Speaker(
            mention: row[7], mentionSpan: span(row[8], row[9]), actor: row[10], actorKey: row[11], kind: actorKind,
            role: row[13], country: country(row[14]), resolution: resolution, note: row[16])
        let statement = Statement(
            ordinal: row[5], kind: kind, cue: row[17], cueSpan: span(row[18], row[19]),
            span: span(row[20], row[21]) ?? TextSpan(start: 0, end: 0), content: ColumnJSON.spans(from: row[22]),
            speaker: speaker)
        return StoredStatement(
            id: row[0], key: row[1], documentID: row[2], documentKey: documentKey, date: day(row[3]), actorID: row[4],
            statement: statement)
    }

    static func span(_ start: Int?, _ end: Int?) -> TextSpan? {
        guard let start, let end, start <= end else { return nil }
        return TextSpan(start: start, end: end)
    }
}
