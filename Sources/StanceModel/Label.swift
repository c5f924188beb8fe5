/// One step of reasoning behind a label, shown by `stance explain`.
public struct Decision: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Codable, Sendable {
        /// A rule's pattern matched these words.
        case matched
        /// A negation or rejection flipped the polarity.
        case negated
        /// A negation blocked the label.
        case blocked
        /// The label was scoped (purpose clause, reported position of another, question, hypothetical).
        case scoped
        /// The target was chosen.
        case target
    }

    public var kind: Kind
    public var detail: String
    public var span: TextSpan?

    public init(kind: Kind, detail: String, span: TextSpan? = nil) {
        self.kind = kind
        self.detail = detail
        self.span = span
    }

    public var description: String { "\(kind.rawValue): \(detail)" }
}

/// A stance label: what one statement says about one stance, and which rule said so.
public struct Label: Hashable, Sendable, Codable {
    public var stance: Stance
    public var polarity: Polarity
    public var target: CountryCode?
    /// The sentence or clause the label came from (verbatim in the document).
    public var span: TextSpan
    /// The id of the rule that produced it (derived from the rule file's path).
    public var rule: String
    /// 1.0 for a direct match; lower for derived labels (e.g. the goal of a purpose clause).
    public var confidence: Double
    public var decisions: [Decision]

    public init(
        stance: Stance, polarity: Polarity, target: CountryCode?, span: TextSpan, rule: String,
        confidence: Double = 1.0, decisions: [Decision] = []
    ) {
        self.stance = stance
        self.polarity = polarity
        self.target = target
        self.span = span
        self.rule = rule
        self.confidence = confidence
        self.decisions = decisions
    }
}

/// A statement with the labels the rules gave it.
public struct ClassifiedStatement: Hashable, Sendable, Codable {
    public var statement: Statement
    public var labels: [Label]

    public init(statement: Statement, labels: [Label]) {
        self.statement = statement
        self.labels = labels
    }
}
