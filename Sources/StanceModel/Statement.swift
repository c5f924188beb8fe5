/// How a statement appears in the text.
public enum StatementKind: String, CaseIterable, Codable, Sendable {
    /// Words inside quotation marks, attributed by a cue ("...," Maruyama said).
    case quote
    /// Reported speech: a speaker, a cue and the content (X said that ..., X urged Y to ...).
    case reported
    /// A position with an actor as the subject and no speech verb (Japan supports new sanctions).
    case position
}

/// How a speaker mention was resolved to an actor.
public enum ResolutionPath: String, CaseIterable, Codable, Sendable {
    /// The mention is a person, body or country in the actor dictionary.
    case dictionary
    /// An unknown person resolved from the title around the name (Japan's foreign ministry spokesman X).
    case title
    /// A surname or short name that refers back to an earlier full mention in the document.
    case surname
    /// A definite description (the foreign minister, Russia's chief diplomat) that refers back to an
    /// earlier speaker holding that office.
    case description
    /// A pronoun (he, she, they, it) resolved to the last fitting speaker.
    case pronoun
    /// One member of a group (Senior diplomats from Japan, the United States and South Korea).
    case group
    /// A body (ministry, agency) whose country comes from the context (Japan's foreign ministry).
    case body
    /// A generic source (officials said) with a country the text gives (Japanese officials said).
    case generic
    /// A speaker mention that could not be given a country.
    case unresolved
}

/// Who made a statement, as far as the text and the actor dictionary say.
public struct Speaker: Hashable, Sendable, Codable {
    /// The mention as it appears in the text (e.g. "Japan's foreign ministry spokesman Norio Maruyama").
    public var mention: String?
    public var mentionSpan: TextSpan?
    /// The actor's canonical name (a person, a body such as "Japan foreign ministry", or a country name).
    public var actor: String
    /// The dictionary key when the actor is in the dictionary.
    public var actorKey: String?
    public var kind: ActorKind
    /// The role held on the statement's date (e.g. "foreign minister"), when known.
    public var role: String?
    public var country: CountryCode?
    public var resolution: ResolutionPath
    /// A short note on how resolution went, for `stance explain`.
    public var note: String?

    public init(
        mention: String?, mentionSpan: TextSpan?, actor: String, actorKey: String? = nil, kind: ActorKind,
        role: String? = nil, country: CountryCode?, resolution: ResolutionPath, note: String? = nil
    ) {
        self.mention = mention
        self.mentionSpan = mentionSpan
        self.actor = actor
        self.actorKey = actorKey
        self.kind = kind
        self.role = role
        self.country = country
        self.resolution = resolution
        self.note = note
    }
}

/// A statement: one speaker's words or position, with the spans it was read from.
///
/// A statement made by a group ("the three countries agreed") is one Statement per member, sharing
/// spans, so that every statement has exactly one speaker and one country.
public struct Statement: Hashable, Sendable, Codable {
    /// Position in the document's statement list; with the document id it forms the stable id.
    public var ordinal: Int
    public var kind: StatementKind
    /// The speech verb or phrase ("told reporters", "urged", "according to"), when there is one.
    public var cue: String?
    public var cueSpan: TextSpan?
    /// The whole sentence (or sentences) the statement was found in.
    public var span: TextSpan
    /// The words attributed to the speaker: quoted text, or the reported clause.
    public var content: [TextSpan]
    public var speaker: Speaker

    public init(
        ordinal: Int, kind: StatementKind, cue: String?, cueSpan: TextSpan?, span: TextSpan, content: [TextSpan],
        speaker: Speaker
    ) {
        self.ordinal = ordinal
        self.kind = kind
        self.cue = cue
        self.cueSpan = cueSpan
        self.span = span
        self.content = content
        self.speaker = speaker
    }
}
