import StanceModel
import StanceRules
import Testing

/// The optional fields of a rule: conditions, fixed targets, negation modes, questions, exclusions.
@Suite("Rule options")
struct RuleOptionTests {
    static func rules(_ yaml: String, path: String = "dialogue/test.yaml") throws -> RuleSet {
        let (set, diagnostics) = Fixture.load([Fixture.rule(path, yaml)])
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        return try #require(set)
    }

    static let base = """
        polarity: support
        description: Talks.
        patterns:
          - hold~ talks
        examples:
          match: [We will hold talks.]

        """

    @Test func speakerConditions() throws {
        let rules = try Self.rules(Self.base + "when:\n  speaker: [USA, JPN]\n  speaker-not: [JPN]\n")
        #expect(Fixture.labels("We will hold talks.", speaker: "USA", rules: rules).count == 1)
        #expect(Fixture.labels("We will hold talks.", speaker: "JPN", rules: rules).isEmpty)
        #expect(Fixture.labels("We will hold talks.", speaker: "CHN", rules: rules).isEmpty)
        #expect(Fixture.labels("We will hold talks.", speaker: nil, rules: rules).isEmpty)
    }

    @Test func targetConditionsAndFixedTargets() throws {
        let onlyIran = try Self.rules(Self.base + "when:\n  target: [IRN]\n")
        #expect(Fixture.labels("We will hold talks with Iran.", rules: onlyIran).map(\.summary) == ["dialogue support → IRN"])
        #expect(Fixture.labels("We will hold talks with Japan.", rules: onlyIran).isEmpty)
        let fixed = try Self.rules(Self.base + "target: PRK\n")
        #expect(Fixture.labels("We will hold talks with Japan.", rules: fixed).map(\.summary) == ["dialogue support → PRK"])
        let none = try Self.rules(Self.base + "target: none\n")
        #expect(Fixture.labels("We will hold talks with Japan.", rules: none).map(\.summary) == ["dialogue support → none"])
    }

    @Test func negationModes() throws {
        let flip = try Self.rules(Self.base)
        #expect(Fixture.labels("We will not hold talks.", rules: flip).map(\.stancePolarity) == ["dialogue oppose"])
        let block = try Self.rules(Self.base + "negation: block\n")
        let blocked = Fixture.explain("We will not hold talks.", rules: block)
        #expect(blocked.labels.isEmpty)
        #expect(blocked.withheld.first?.decisions.contains { $0.kind == .blocked } == true)
        let ignore = try Self.rules(Self.base + "negation: ignore\n")
        #expect(Fixture.labels("We will not hold talks.", rules: ignore).map(\.stancePolarity) == ["dialogue support"])
    }

    @Test func questionsAndExclusions() throws {
        let skip = try Self.rules(Self.base)
        #expect(Fixture.labels("Will we hold talks?", rules: skip).isEmpty)
        let allow = try Self.rules(Self.base + "questions: allow\n")
        #expect(Fixture.labels("Why not hold talks?", rules: allow).map(\.stancePolarity) == ["dialogue oppose"])
        let excluded = try Self.rules(Self.base + "exclude:\n  - hold~ talks on (trade|tariffs)\n")
        #expect(Fixture.labels("We will hold talks on trade.", rules: excluded).isEmpty)
        #expect(Fixture.labels("We will hold talks on security.", rules: excluded).count == 1)
    }

    @Test func confidenceIsCarried() throws {
        let rules = try Self.rules(Self.base + "confidence: 0.7\n")
        #expect(Fixture.labels("We will hold talks.", rules: rules).first?.confidence == 0.7)
        let bad = Fixture.errors([Fixture.rule("dialogue/test.yaml", Self.base + "confidence: 2\n")])
        #expect(bad.first?.message.hasPrefix("confidence must be a number above 0 and at most 1") == true)
    }

    @Test func slotsCaptureTargetsAndPronounsUseTheFocus() throws {
        let rules = try Self.rules(
            Self.base.replacingOccurrences(of: "  - hold~ talks\n", with: "  - (urge~|press~) <party> to (talk|negotiate)\n"))
        #expect(Fixture.labels("We urge Pyongyang to talk.", speaker: "USA", rules: rules).map(\.summary) == ["dialogue support → PRK"])
        let text = "North Korea fired a missile. North Korea must stop. We urge it to negotiate."
        #expect(Fixture.labels(text, speaker: "USA", rules: rules).map(\.summary) == ["dialogue support → PRK"])
    }
}
