import StanceModel

/// What a rule does when a negation or rejection governs its match.
public enum NegationMode: String, CaseIterable, Sendable, Codable {
    /// Flip the polarity: "not a time for dialogue" is dialogue opposed.
    case flip
    /// Give no label at all.
    case block
    /// Ignore negation (for rules whose patterns already spell it out).
    case ignore
}

/// Where a rule's label gets its target country.
public enum RuleTarget: Hashable, Sendable {
    /// From the text: the `<country>`/`<party>` slot, the next country mentioned, or the document's focus.
    case fromText
    /// Always this country.
    case fixed(CountryCode)
    /// No target ("all parties", talks between third parties).
    case none
}

/// Conditions on the statement a rule applies to (`when:` in the rule file).
public struct RuleConditions: Hashable, Sendable {
    /// The speaker's country must be one of these (empty: any).
    public var speakerIn: Set<CountryCode> = []
    public var speakerNotIn: Set<CountryCode> = []
    /// The label's target must be one of these (empty: any).
    public var targetIn: Set<CountryCode> = []
    public var targetNotIn: Set<CountryCode> = []

    public init() {}

    public var isEmpty: Bool { speakerIn.isEmpty && speakerNotIn.isEmpty && targetIn.isEmpty && targetNotIn.isEmpty }

    func acceptsSpeaker(_ country: CountryCode?) -> Bool {
        if speakerIn.isEmpty && speakerNotIn.isEmpty { return true }
        if !speakerIn.isEmpty { guard let country, speakerIn.contains(country) else { return false } }
        if let country, speakerNotIn.contains(country) { return false }
        return true
    }

    func acceptsTarget(_ country: CountryCode?) -> Bool {
        if targetIn.isEmpty && targetNotIn.isEmpty { return true }
        if !targetIn.isEmpty { guard let country, targetIn.contains(country) else { return false } }
        if let country, targetNotIn.contains(country) { return false }
        return true
    }
}

/// One rule, loaded from `Rules/<stance>/<name>.yaml`; its id is the path without the extension.
public struct Rule: Sendable, Identifiable, Hashable {
    /// `pressure/raise-pressure` for `Rules/pressure/raise-pressure.yaml`.
    public var id: String
    /// The file as diagnostics name it.
    public var file: String
    public var stance: Stance
    public var polarity: Polarity
    public var description: String
    /// The patterns as written.
    public var patterns: [String]
    public var exclude: [String]
    public var negation: NegationMode
    public var confidence: Double
    public var conditions: RuleConditions
    public var target: RuleTarget
    /// Whether the rule may label a question ("Why not talk?"); questions give no label by default.
    public var allowsQuestions: Bool
}

/// A shared phrase list (`Rules/lists/<name>.yaml`), referred to in patterns as `@name`.
public struct PhraseList: Sendable, Hashable {
    public var name: String
    public var file: String
    public var description: String
    public var phrases: [String]
}

/// Lists the engine itself consults; analysts extend them like any other list.
enum EngineList: String, CaseIterable {
    case negators
    case negationExceptions = "negation-exceptions"
    case rejections
    case negativePredicates = "negative-predicates"
    case purposeMarkers = "purpose-markers"
    case hypotheticalMarkers = "hypothetical-markers"
    case conditionalMarkers = "conditional-markers"
    case backgroundMarkers = "background-markers"
    case reportedPositionMarkers = "reported-position-markers"
    case allParties = "all-parties"
    case partyPronouns = "party-pronouns"
    case clauseBreaks = "clause-breaks"

    /// The case's position in `allCases`.
    var ordinal: Int {
        switch self {
        case .negators: 0
        case .negationExceptions: 1
        case .rejections: 2
        case .negativePredicates: 3
        case .purposeMarkers: 4
        case .hypotheticalMarkers: 5
        case .conditionalMarkers: 6
        case .backgroundMarkers: 7
        case .reportedPositionMarkers: 8
        case .allParties: 9
        case .partyPronouns: 10
        case .clauseBreaks: 11
        }
    }

    var purpose: String {
        switch self {
        case .negators: "words that negate what follows them (not, no, never)"
        case .negationExceptions: "phrases in which a negator does not negate (not only, no alternative to)"
        case .rejections: "verbs of refusal that negate what follows (reject, rule out, refuse)"
        case .negativePredicates: "predicates after a match that negate it (will not resolve, is unacceptable)"
        case .purposeMarkers: "markers of a goal (in order to): what follows is scoped at lower confidence"
        case .hypotheticalMarkers: "markers of a hypothetical (could include): what follows in the sentence gives no label"
        case .conditionalMarkers: "markers of a condition (if, unless): what follows in the clause gives no label"
        case .backgroundMarkers: "markers of background facts (, which had ...): what follows in the clause gives no label"
        case .reportedPositionMarkers: "markers of another party's position (<country> wants): what follows is not the speaker's"
        case .allParties: "phrases meaning every side (all parties): such labels have no target"
        case .partyPronouns: "pronouns a <party> slot accepts (it, them, the regime)"
        case .clauseBreaks: "words that end a clause for negation scope (but, while)"
        }
    }
}
