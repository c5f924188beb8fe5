import StanceModel
import StanceText
import Testing
import Yams

@testable import StanceRules

/// The matcher's lookup structures: the word table that turns tokens into ids, and the required
/// words that keep programs from running where they cannot match.
@Suite("Matcher indexes")
struct MatcherIndexTests {
    @Test func wordTableGivesEachWordItsIdAndNothingToUnknownWords() {
        var table = WordTable()
        let words = ["", "sanctions", "on", "north", "u.s.", "n't", "'s", ";", "—", "…", "ceasefire", "de-escalate"]
        for (id, word) in words.enumerated() { table.insert(word, id: Int32(id)) }
        for (id, word) in words.enumerated() { #expect(table[word] == Int32(id), "\(word)") }
        #expect(table["sanction"] == nil)
        #expect(table["sanctionss"] == nil)
        #expect(table["Sanctions"] == nil)
        #expect(table.count == words.count)
        // Inserting a word again keeps its first id.
        #expect(table.insert("on", id: 99) == 2)
        #expect(table["on"] == 2)
    }

    @Test func wordTableAgreesWithADictionaryAsItGrows() {
        var table = WordTable()
        var reference: [String: Int32] = [:]
        for n in 0..<5_000 {
            let word = "w\(n * 7919 % 100_003)"
            let id = table.insert(word, id: Int32(reference.count))
            if reference[word] == nil { reference[word] = id }
            #expect(reference[word] == id)
        }
        for (word, id) in reference { #expect(table[word] == id) }
        for n in 0..<1_000 { #expect(table["x\(n)"] == nil) }
    }

    /// Words of every length around the 8 and 16 bytes the table packs, and long words that differ
    /// only near their end.
    @Test func wordTableTellsWordsApartByEveryByte() {
        var table = WordTable()
        var words: [String] = []
        for length in 1...40 {
            let base = String(repeating: "a", count: length)
            words.append(base)
            words.append(String(base.dropLast()) + "b")
        }
        words += ["counter-productiveness", "counter-productivenesz", "internationally-recognised", "internationally-recognized"]
        for (id, word) in words.enumerated() { table.insert(word, id: Int32(id)) }
        for (id, word) in words.enumerated() { #expect(table[word] == Int32(id), "\(word)") }
        for length in 1...40 { #expect(table[String(repeating: "c", count: length)] == nil) }
        #expect(table["counter-productivenes"] == nil)
        #expect(table["counter-productivenessx"] == nil)
    }

    /// Words that are the same Swift string written differently (canonically equivalent) share an id,
    /// as they do in a `[String: Int32]`.
    @Test func wordTableKeepsStringEquality() {
        var table = WordTable()
        table.insert("café", id: 1)  // é as one scalar
        table.insert("K", id: 2)
        table.insert("\u{37E}", id: 3)  // GREEK QUESTION MARK, equal to ";"
        table.insert("naïve", id: 4)
        #expect(table["cafe\u{301}"] == 1)  // e and a combining acute accent
        #expect(table["\u{212A}"] == 2)  // KELVIN SIGN
        #expect(table[";"] == 3)
        #expect(table["naïve"] == 4)
        #expect(table["naive"] == nil)
        #expect(WordTable.asciiEquivalent(of: "\u{37E}") == ";")
        #expect(WordTable.asciiEquivalent(of: "é") == nil)
    }

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

    /// The country finder skips the words no country phrase starts with; it must find exactly what the
    /// lexicon finds, in every rule example and around every phrase of the dictionary.
    @Test func countryFinderFindsWhatTheLexiconFinds() throws {
        let rules = try #require(RuleSet.embedded.0)
        let finder = rules.countryFinder
        var texts = rules.examples.map(\.text)
        for entry in rules.actors.countries {
            for phrase in [entry.name] + entry.aliases + entry.adjectives + entry.capitals + entry.metonyms {
                texts.append("Officials in \(phrase) said the \(phrase.lowercased()) position, \(phrase)'s, was (\(phrase)).")
                texts.append("\(phrase.uppercased()) and Latin \(phrase) met; the North \(phrase) Foreign Ministry said.")
            }
        }
        var found = 0
        for text in texts {
            let tokens = Tokenizer.tokenize(text)
            let expected = rules.lexicon.countryMentions(in: tokens, range: 0..<tokens.count)
            #expect(finder.mentions(in: tokens) == expected, "\(text)")
            found += expected.count
        }
        #expect(found > texts.count)
        let context = ClassificationContext(text: texts[0], date: nil, rules: rules)
        let reference = ClassificationContext(text: texts[0], date: nil, lexicon: rules.lexicon)
        #expect(context.mentions == reference.mentions)
        #expect(context.countriesByMentions == reference.countriesByMentions)
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
