import StanceModel
import StanceText
import Testing
import Yams

@testable import StanceRules

/// The matcher's lookup structures: the required words that keep programs from running where they
/// cannot match, and the country mentions found once per document.
@Suite("Matcher indexes")
struct MatcherIndexTests {
    @Test func requiredWordsAreTheWordsNoMatchCanSkip() throws {
        let (set, diagnostics) = Fixture.load([
            Fixture.rule(
                "sanctions/remain.yaml",
                """
                polarity: support
                description: Sanctions stay.
                patterns:
                  - (the|these)? sanctions ...3 (remain|stay) in (place|force) (on <country>)?
                examples:
                  match: [The sanctions will remain in place.]

                """)
        ])
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        let rules = try #require(set)
        let matcher = rules.matcher
        let element = try PatternParser.parse(rules.rules[0].patterns[0]).get().element
        let required = matcher.requiredWordSets(of: element, lists: [:]).map { Set($0.map { id in
            ["sanctions", "remain", "remains", "remained", "remaining", "stay", "stays", "stayed", "staying", "in", "place", "force"]
                .first { matcher.id(of: $0) == id } ?? "?"
        }) }
        #expect(required == [["sanctions"], ["remain", "stay"], ["in"], ["place", "force"]])

        // Whatever the filter skips, a match is still found wherever the words are.
        #expect(Fixture.labels("The sanctions will remain in place on Iran.", rules: rules).map(\.summary) == ["sanctions support → IRN"])
        #expect(Fixture.labels("Sanctions remain in force.", rules: rules).count == 1)
        #expect(Fixture.labels("Sanctions remain strong in place.", rules: rules).isEmpty)
        // The required words must come after where the match would start.
        #expect(Fixture.labels("In place of talks, sanctions remain.", rules: rules).isEmpty)
    }

    /// A context made for a rule set finds the same country mentions as one made from its lexicon, in
    /// every rule example and around every phrase of the dictionary.
    @Test func aContextForTheRulesFindsWhatTheLexiconFinds() throws {
        let rules = try #require(RuleSet.embedded.0)
        var texts = rules.examples.map(\.text)
        for entry in rules.actors.countries {
            for phrase in [entry.name] + entry.aliases + entry.adjectives + entry.capitals + entry.metonyms {
                texts.append("Officials in \(phrase) said the \(phrase.lowercased()) position, \(phrase)'s, was (\(phrase)).")
                texts.append("\(phrase.uppercased()) and Latin \(phrase) met; the North \(phrase) Foreign Ministry said.")
            }
        }
        var found = 0
        for text in texts {
            let context = ClassificationContext(text: text, date: nil, rules: rules)
            let reference = ClassificationContext(text: text, date: nil, lexicon: rules.lexicon)
            #expect(context.mentions == reference.mentions, "\(text)")
            #expect(context.countriesByMentions == reference.countriesByMentions, "\(text)")
            found += reference.mentions.count
        }
        #expect(found > texts.count)
    }
}

@Suite("Engine lists")
struct EngineListTests {
    @Test func ordinalsArePositionsInAllCases() {
        for (index, list) in EngineList.allCases.enumerated() { #expect(list.ordinal == index, "\(list)") }
    }
}

@Suite("YAML reading")
struct YAMLReadingTests {
    /// The rules are composed without Yams's typing of scalars; the one boolean field is read as the
    /// default resolver would have read it.
    @Test func booleansReadAsUnderTheDefaultResolver() throws {
        let values = [
            "true", "True", "TRUE", "tRUE", "yes", "Yes", "YES", "on", "ON", "false", "no", "No", "off", "OFF", "y", "1",
            "0", "", "~", "null", "'true'", "\"yes\"", "!!str true", "!!bool true", "!!bool maybe", "!!int on", "[true]",
        ]
        for value in values {
            let yaml = "body: \(value)\n"
            let typed = try #require(try Yams.compose(yaml: yaml)?.mapping?["body"])
            let untyped = try #require(try Yams.compose(yaml: yaml, .basic)?.mapping?["body"])
            #expect(YAMLReader.bool(untyped) == typed.bool, "body: \(value)")
        }
    }
}
