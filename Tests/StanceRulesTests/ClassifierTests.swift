import StanceModel
import StanceRules
import StanceText
import Testing

/// Classification with the default rules: meaning, not keywords.
@Suite("Classification")
struct ClassifierTests {
    static let rules: RuleSet? = RuleSet.embedded.0

    func labels(_ text: String, speaker: CountryCode? = nil) throws -> [String] {
        try Fixture.labels(text, speaker: speaker, rules: #require(Self.rules)).map(\.stancePolarity)
    }

    @Test(arguments: [
        ("This is not a time for dialogue.", "dialogue oppose"),
        ("This is a time for pressure.", "pressure support"),
        ("The president ruled out talks with the rebels.", "dialogue oppose"),
        ("There will be no talks until the North gives up its weapons.", "dialogue oppose"),
        ("The minister rejected calls for restraint.", "restraint oppose"),
        ("The government refused to ease sanctions.", "sanctions support"),
        ("We believe that the sanctions will not resolve the problem.", "sanctions oppose"),
        ("Facts have shown that sanctions will never help settle the Venezuelan issue.", "sanctions oppose"),
        ("Any effort to find pretexts for military action is unacceptable.", "pressure oppose"),
        ("Using the policy of sanctions against any country was pointless.", "sanctions oppose"),
        ("Let us never fear to negotiate.", "dialogue support"),
        ("We did not rule out talks.", "dialogue support"),
    ])
    func negationAndRejection(text: String, expected: String) throws {
        #expect(try labels(text).contains(expected), "\(text)")
        let opposite = expected.hasSuffix("support")
            ? expected.replacingOccurrences(of: "support", with: "oppose")
            : expected.replacingOccurrences(of: "oppose", with: "support")
        #expect(try !labels(text).contains(opposite), "\(text)")
    }

    @Test func purposeClauseKeepsTheMeansAndNamesTheGoalOfCoercionWithoutLabellingIt() throws {
        let rules = try #require(Self.rules)
        let result = Fixture.explain(
            "This is a time to raise pressure in order to conduct a serious dialogue.", speaker: "JPN", rules: rules)
        let pressure = try #require(result.labels.first { $0.stance == .pressure })
        #expect(pressure.polarity == .support)
        #expect(pressure.confidence == 1)
        #expect(!result.labels.contains { $0.stance == .dialogue })
        let dialogue = try #require(result.withheld.first { $0.stance == .dialogue })
        #expect(dialogue.polarity == .support)
        #expect(dialogue.confidence == 0.5)
        #expect(dialogue.decisions.contains { $0.kind == .scoped && $0.detail.contains("in order to") })
        #expect(dialogue.decisions.contains { $0.kind == .scoped && $0.detail.contains("goal of coercion") })
    }

    @Test func theGoalOfACooperativeMeansOrOfNoneIsLabelledAtLowerConfidence() throws {
        let rules = try #require(Self.rules)
        let both = Fixture.labels("We urge both sides to ease tensions so as to resume dialogue at an early date.", speaker: "CHN", rules: rules)
        #expect(both.first { $0.stance == .restraint }?.confidence == 1)
        #expect(both.first { $0.stance == .dialogue }?.confidence == 0.5)
        let goalOnly = Fixture.labels("China will work with all parties so as to reach a peaceful settlement.", speaker: "CHN", rules: rules)
        #expect(goalOnly.map(\.stancePolarity) == ["dialogue support"])
        #expect(goalOnly.first?.confidence == 0.5)
    }

    @Test func coordinatedSentencesCarrySeveralLabels() throws {
        let found = try labels("This is not a time for dialogue. This is a time for pressure.", speaker: "JPN")
        #expect(found == ["dialogue oppose", "pressure support"])
        let both = try labels("China urged all sides to stay calm and show restraint and to return to dialogue.")
        #expect(Set(both) == ["restraint support", "dialogue support"])
    }

    @Test func eachSentenceIsItsOwnUnitAndLabelSpansAreTheSentence() throws {
        let rules = try #require(Self.rules)
        let text = "This is not a time for dialogue. This is a time for pressure."
        let found = Fixture.labels(text, speaker: "JPN", rules: rules)
        let scalars = ScalarText(text)
        #expect(found.map { scalars[$0.span] } == ["This is not a time for dialogue.", "This is a time for pressure."])
        #expect(found.allSatisfy { $0.rule.contains("/") })
    }

    @Test(arguments: [
        "Why would anyone want more sanctions?",
        "The tougher measures could include an oil embargo, a ban on guest workers and stronger trade restrictions.",
        "If the West imposes new sanctions, the markets will fall.",
        "He said North Korea wants talks with the United States.",
    ])
    func questionsHypotheticalsConditionsAndOthersPositionsGiveNoLabel(text: String) throws {
        let rules = try #require(Self.rules)
        let result = Fixture.explain(text, speaker: "USA", rules: rules)
        #expect(result.labels.isEmpty, "\(result.labels.map(\.summary))")
        #expect(result.withheld.contains { $0.decisions.contains { $0.kind == .scoped } })
    }

    @Test func theSpeakersOwnCountryMayReportItsPosition() throws {
        #expect(try labels("North Korea wants the sanctions lifted.", speaker: "PRK") == ["sanctions oppose"])
    }

    @Test(arguments: [
        ("called for easing sanctions on Iran", "sanctions oppose"),
        ("We are urging an end to unlawful measures against Venezuela.", "sanctions oppose"),
        ("It was up to the Western parties to meet Iran's expectations on sanctions relief.", "sanctions oppose"),
        ("The UN sanctions resolution allows for trade if the income is used for civilians.", "sanctions oppose"),
        ("We will discuss lifting some sanctions against Russia.", "sanctions oppose"),
    ])
    func oppositionToSanctions(text: String, expected: String) throws {
        #expect(try labels(text) == [expected], "\(text)")
    }

    @Test func targetsComeFromSlotsMentionsPronounsAndFocus() throws {
        let rules = try #require(Self.rules)
        // A metonym after the match.
        #expect(Fixture.labels("The three countries will maximize their pressure on the North.", rules: rules).map(\.summary) == ["pressure support → PRK"])
        // A capital.
        #expect(Fixture.labels("Theresa May has called on Tehran to show restraint.", speaker: "GBR", rules: rules).map(\.summary) == ["restraint support → IRN"])
        // All parties: no target.
        #expect(Fixture.labels("We urge all parties to show restraint.", speaker: "IND", rules: rules).map(\.summary) == ["restraint support → none"])
        // A pronoun: the document's focus country (the most mentioned, not the speaker's).
        let text = "North Korea tested a missile. Japan and North Korea met. Diplomats agreed to pile greater pressure on it."
        let context = ClassificationContext(text: text, date: nil, lexicon: rules.lexicon)
        let third = TextSpan(start: 55, end: context.text.count)
        let statement = Statement(
            ordinal: 0, kind: .reported, cue: nil, cueSpan: nil, span: third, content: [third],
            speaker: Speaker(mention: nil, mentionSpan: nil, actor: "Japan", kind: .country, country: "JPN", resolution: .dictionary))
        let label = try #require(rules.classify(statement, in: context).first)
        #expect(label.target == "PRK")
        #expect(context.focusCountry(excluding: "JPN") == "PRK")
    }

    @Test func measuresAgainstTheSpeakersOwnCountryAreOpposed() throws {
        let rules = try #require(Self.rules)
        let found = Fixture.labels("New sanctions against Russia are necessary.", speaker: "RUS", rules: rules)
        #expect(found.map(\.summary) == ["sanctions oppose → RUS"])
        #expect(found[0].decisions.contains { $0.detail.contains("speaker's own country") })
    }

    @Test func everyLabelExplainsItself() throws {
        let rules = try #require(Self.rules)
        let label = try #require(Fixture.labels("This is not a time for dialogue.", speaker: "JPN", rules: rules).first)
        #expect(label.rule == "dialogue/time-for-dialogue")
        let kinds = label.decisions.map(\.kind)
        #expect(kinds.contains(.matched))
        #expect(kinds.contains(.negated))
        #expect(kinds.contains(.target))
        let matched = try #require(label.decisions.first { $0.kind == .matched })
        #expect(matched.detail.contains("'time for dialogue'"))
        #expect(matched.span == TextSpan(start: 14, end: 31))
    }

    @Test func contentSpansRestrictWhatIsClassified() throws {
        let rules = try #require(Self.rules)
        let text = "Japan supports new sanctions, said the minister, who had earlier ruled out talks."
        let context = ClassificationContext(text: text, date: nil, lexicon: rules.lexicon)
        let content = TextSpan(start: 0, end: 28)
        let statement = Statement(
            ordinal: 0, kind: .position, cue: nil, cueSpan: nil, span: TextSpan(start: 0, end: context.text.count),
            content: [content],
            speaker: Speaker(mention: "Japan", mentionSpan: nil, actor: "Japan", kind: .country, country: "JPN", resolution: .dictionary))
        let found = rules.classify(statement, in: context)
        #expect(found.map(\.stancePolarity) == ["sanctions support"])
        #expect(found[0].span == content)
    }
}

/// Editing a rule changes what the same statements get, and the rule set's version: what
/// `stance reclassify` relies on.
@Suite("Rule edits")
struct RuleEditTests {
    @Test func editingARuleChangesLabelsAndVersion() throws {
        let files = RuleSet.embeddedFiles
        let before = try #require(RuleSet.load(files: files, prefix: "Rules/").0)
        let text = "We will hold a referendum on the embargo proposal."
        #expect(Fixture.labels(text, rules: before).isEmpty)

        var edited = files
        let index = try #require(edited.firstIndex { $0.path == "sanctions/impose-sanctions.yaml" })
        edited[index].contents = edited[index].contents.replacingOccurrences(
            of: "  - (new|fresh|further", with: "  - referendum on the embargo\n  - (new|fresh|further")
        let after = try #require(RuleSet.load(files: edited, prefix: "Rules/").0)
        #expect(Fixture.labels(text, rules: after).map(\.stancePolarity) == ["sanctions support"])
        #expect(after.version != before.version)
        #expect(RuleSet.load(files: files, prefix: "Rules/").0?.version == before.version)
    }
}
