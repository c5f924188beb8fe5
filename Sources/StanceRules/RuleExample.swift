import StanceModel

/// One example sentence from a rule file: it must, or must not, be labelled by that rule.
///
/// Every example is a test case (`swift test`, `stance rules test`) that points at its line.
public struct RuleExample: Sendable, Hashable, CustomStringConvertible {
    public enum ExpectedTarget: Hashable, Sendable, CustomStringConvertible {
        case country(CountryCode)
        /// The label must have no target (`target: none`).
        case none

        public var description: String {
            switch self {
            case .country(let code): code.rawValue
            case .none: "none"
            }
        }
    }

    public enum Expectation: Hashable, Sendable {
        /// The rule labels the sentence with this polarity (and this target when given).
        case match(polarity: Polarity, target: ExpectedTarget?)
        /// The rule gives the sentence no label.
        case noMatch
    }

    /// The id of the rule the example belongs to.
    public var rule: String
    /// The rule file as diagnostics name it, and the example's line and column in it.
    public var file: String
    public var line: Int
    public var column: Int
    public var text: String
    /// The speaker's country, when the example needs one (targets skip the speaker's own country).
    public var speaker: CountryCode?
    public var expectation: Expectation

    public var location: String { "\(file):\(line):\(column)" }

    public var description: String {
        switch expectation {
        case .match(let polarity, let target):
            "\(rule) \(polarity)\(target.map { " → \($0)" } ?? ""): \(text)"
        case .noMatch:
            "\(rule) no match: \(text)"
        }
    }
}

/// What happened when an example was run.
public struct ExampleOutcome: Sendable {
    public var example: RuleExample
    /// Nil when the example passed; otherwise what went wrong, ready to print after `file:line:`.
    public var failure: String?
    /// Every label the whole rule set gave the example sentence.
    public var labels: [Label]

    public var passed: Bool { failure == nil }
}
