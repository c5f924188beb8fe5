import StanceModel

/// What an ingest or reclassify run did, recorded on its `ingest_run` row.
public struct RunSummary: Hashable, Sendable, Codable {
    public var documentsRead: Int
    public var documentsNew: Int
    public var documentsUnchanged: Int
    public var documentsReplaced: Int
    public var documentsFailed: Int
    public var statements: Int
    public var labels: Int
    public var bytes: Int

    public init(
        documentsRead: Int = 0, documentsNew: Int = 0, documentsUnchanged: Int = 0, documentsReplaced: Int = 0,
        documentsFailed: Int = 0, statements: Int = 0, labels: Int = 0, bytes: Int = 0
    ) {
        self.documentsRead = documentsRead
        self.documentsNew = documentsNew
        self.documentsUnchanged = documentsUnchanged
        self.documentsReplaced = documentsReplaced
        self.documentsFailed = documentsFailed
        self.statements = statements
        self.labels = labels
        self.bytes = bytes
    }
}

/// Whether a document needs storing, asked before extraction so unchanged documents cost one lookup.
public enum DocumentStatus: Hashable, Sendable {
    /// No document has this key or this content.
    case new
    /// The same key holds the same content, or the same content is stored under another key.
    case unchanged
    /// The key holds other content: storing replaces the stored document with this row id.
    case changed(existingID: Int64)
}

/// A document ready for the store: as read, with its content hash and classified statements.
public struct DocumentToStore: Sendable {
    public var document: SourceDocument
    public var contentHash: String
    public var statements: [ClassifiedStatement]

    public init(document: SourceDocument, contentHash: String, statements: [ClassifiedStatement]) {
        self.document = document
        self.contentHash = contentHash
        self.statements = statements
    }
}

/// What `store` did with a document.
public enum StoreOutcome: Hashable, Sendable {
    case inserted
    /// An earlier version under the same key was deleted with its statements and labels. When the new
    /// content is already stored under another key, the stale version is deleted and nothing inserted.
    case replaced
    case unchanged
}

/// Which rows exports, searches and reports cover. Dates are inclusive; a date bound leaves out
/// undated documents. No countries means all (including statements without a country).
public struct ExportFilter: Hashable, Sendable {
    public var from: Day?
    public var to: Day?
    public var countries: [CountryCode]

    public init(from: Day? = nil, to: Day? = nil, countries: [CountryCode] = []) {
        self.from = from
        self.to = to
        self.countries = countries
    }

    public static let all = ExportFilter()
}

/// Row counts for summaries and `stance doctor`.
public struct StoreCounts: Hashable, Sendable, Codable {
    public var documents: Int
    public var undatedDocuments: Int
    public var statements: Int
    public var labels: Int
    public var actors: Int
    public var rulesets: Int
    /// The rule set of the latest run (or the latest registered when there is no run yet).
    public var latestRulesetVersion: String?

    public init(
        documents: Int, undatedDocuments: Int, statements: Int, labels: Int, actors: Int, rulesets: Int,
        latestRulesetVersion: String?
    ) {
        self.documents = documents
        self.undatedDocuments = undatedDocuments
        self.statements = statements
        self.labels = labels
        self.actors = actors
        self.rulesets = rulesets
        self.latestRulesetVersion = latestRulesetVersion
    }
}

/// An actor row.
public struct StoredActor: Hashable, Sendable, Codable {
    public var id: Int64
    public var name: String
    public var kind: ActorKind
    public var country: CountryCode?
    public var dictionaryKey: String?

    public init(id: Int64, name: String, kind: ActorKind, country: CountryCode?, dictionaryKey: String?) {
        self.id = id
        self.name = name
        self.kind = kind
        self.country = country
        self.dictionaryKey = dictionaryKey
    }
}

/// A statement as stored, rebuilt into the model's `Statement` (speaker included).
public struct StoredStatement: Hashable, Sendable {
    public var id: Int64
    /// The stable id users see: "<document key>:<ordinal>".
    public var key: String
    public var documentID: Int64
    public var documentKey: String
    /// The document's date.
    public var date: Day?
    public var actorID: Int64
    public var statement: Statement

    public init(
        id: Int64, key: String, documentID: Int64, documentKey: String, date: Day?, actorID: Int64,
        statement: Statement
    ) {
        self.id = id
        self.key = key
        self.documentID = documentID
        self.documentKey = documentKey
        self.date = date
        self.actorID = actorID
        self.statement = statement
    }
}

/// A label as stored, with the verbatim text of its span and the rule set it came from.
public struct StoredLabel: Hashable, Sendable {
    public var id: Int64
    public var label: Label
    public var text: String
    public var rulesetVersion: String

    public init(id: Int64, label: Label, text: String, rulesetVersion: String) {
        self.id = id
        self.label = label
        self.text = text
        self.rulesetVersion = rulesetVersion
    }
}

/// A stored document's identity and metadata, without its text.
public struct StoredDocumentInfo: Hashable, Sendable {
    public var id: Int64
    /// `metadata.id` is the document key.
    public var metadata: DocumentMetadata
    public var origin: DocumentOrigin?
    public var contentHash: String
    public var byteCount: Int
    /// ISO 8601 timestamp (UTC).
    public var ingestedAt: String

    public init(
        id: Int64, metadata: DocumentMetadata, origin: DocumentOrigin?, contentHash: String, byteCount: Int,
        ingestedAt: String
    ) {
        self.id = id
        self.metadata = metadata
        self.origin = origin
        self.contentHash = contentHash
        self.byteCount = byteCount
        self.ingestedAt = ingestedAt
    }
}

/// Everything `stance explain` shows about one statement.
public struct StoredStatementDetail: Hashable, Sendable {
    public var statement: StoredStatement
    /// The statement's sentence(s), verbatim.
    public var text: String
    /// The verbatim text of each content span (the quoted words or the reported clause).
    public var contentTexts: [String]
    public var actor: StoredActor
    public var document: StoredDocumentInfo
    /// In span order.
    public var labels: [StoredLabel]

    public init(
        statement: StoredStatement, text: String, contentTexts: [String], actor: StoredActor,
        document: StoredDocumentInfo, labels: [StoredLabel]
    ) {
        self.statement = statement
        self.text = text
        self.contentTexts = contentTexts
        self.actor = actor
        self.document = document
        self.labels = labels
    }
}

/// A speaker the actor dictionary does not know (resolved by title, generic or not at all), for
/// analysts deciding what to add to the dictionary.
public struct UnknownSpeaker: Hashable, Sendable, Codable {
    public var actor: String
    /// The most recent mention as written in the text.
    public var mention: String?
    public var kind: ActorKind
    public var country: CountryCode?
    public var statements: Int
    /// The most recent role text seen with the speaker.
    public var latestRole: String?
    public var latestDate: Day?

    public init(
        actor: String, mention: String?, kind: ActorKind, country: CountryCode?, statements: Int,
        latestRole: String?, latestDate: Day?
    ) {
        self.actor = actor
        self.mention = mention
        self.kind = kind
        self.country = country
        self.statements = statements
        self.latestRole = latestRole
        self.latestDate = latestDate
    }
}

/// A statement found by full-text search.
public struct SearchHit: Hashable, Sendable, Codable {
    public var statement: String
    public var document: String
    public var date: Day?
    public var source: String?
    public var speaker: String?
    public var actor: String
    public var country: CountryCode?
    public var text: String
    /// A short excerpt with the matched words between `**` marks.
    public var snippet: String
    /// FTS5's bm25 rank: lower is a better match.
    public var rank: Double

    public init(
        statement: String, document: String, date: Day?, source: String?, speaker: String?, actor: String,
        country: CountryCode?, text: String, snippet: String, rank: Double
    ) {
        self.statement = statement
        self.document = document
        self.date = date
        self.source = source
        self.speaker = speaker
        self.actor = actor
        self.country = country
        self.text = text
        self.snippet = snippet
        self.rank = rank
    }
}
