import StanceModel
import Testing

@testable import StanceText

/// The lookup structures behind the text stage's speed must answer exactly as the plain String
/// operations they replace: word keys, word sets, token comparisons and endings, the phrase tries,
/// the scalar decoding and the boilerplate verdict cache.
@Suite struct WordKeyTests {
    @Test func keysAgreeWhereStringsCompareEqual() {
        #expect("café" == "cafe\u{301}")
        #expect(WordKey("café") == WordKey("cafe\u{301}"))
        #expect(";" == "\u{37E}")
        #expect(WordKey(";") == WordKey("\u{37E}"))
        #expect(WordKey("said") != WordKey("says"))
        #expect(WordKey("") == WordKey(""))
    }

    @Test func everyTokenCarriesTheKeyOfItsText() {
        let text = "Pyongyang’s “NUCLEAR” test—Café Rodríguez said… 1,429 U.S. ; \u{37E} don't ǅemal Straße"
        for token in Tokenizer.tokenize(text) {
            #expect(token.key == WordKey(token.text), "\(token.text)")
        }
    }

    @Test func changingATokensTextChangesItsKeyAndEnding() {
        var token = Tokenizer.tokenize("said")[0]
        token.text = "walked"
        #expect(token.key == WordKey("walked"))
        #expect(token.textHasSuffix("ed"))
        #expect(!token.textHasSuffix("id"))
    }
}

@Suite struct WordSetTests {
    @Test func membershipIsSetMembership() {
        let words = ["he", "she", "café", "secretary-general", "u.s.", ";", "n't"]
        let set = WordSet(words)
        let reference = Set(words)
        for probe in ["he", "she", "it", "cafe\u{301}", "café", "secretary-general", "secretary", "u.s.", "\u{37E}", "", "hé", "n't"] {
            #expect(set.contains(probe) == reference.contains(probe), "\(probe)")
        }
        #expect(set.count == words.count)
    }

    @Test func holdsManyWordsOnceEach() {
        let set = WordSet((0..<2000).map { "w\($0)" } + ["w1", "w2"])
        #expect(set.count == 2000)
        #expect((0..<2000).allSatisfy { set.contains("w\($0)") })
        #expect(!set.contains("w2000"))
        #expect(set.union(["w2000"]).contains("w2000"))
    }

    @Test func tokensAreLookedUpByTheirText() {
        let set: WordSet = ["said", "told"]
        let tokens = Tokenizer.tokenize("He said and told, then SAID.")
        #expect(tokens.filter { set.contains($0) }.map(\.text) == ["said", "told", "said"])
    }
}

@Suite struct TokenTextTests {
    static func word(_ text: String) -> Token {
        Token(kind: .word, start: 0, end: 0, text: text, isCapitalized: false, isAllCaps: false, quote: nil, side: .unknown,
              newlines: 0, spaceBefore: false)
    }

    @Test func isComparesTheText() {
        let tokens = Tokenizer.tokenize("According to him, the US said: “no” \u{37E} — … ;")
        let literals: [StaticString] = [",", ":", "according", "said", "the", "us", ";", "\"", "no", "—", "…", "to"]
        for token in tokens {
            for literal in literals {
                #expect(token.is(literal) == (token.text == literal.description), "\(token.text) \(literal)")
            }
        }
    }

    /// Suffixes and lengths read from the kept ending, including texts where a byte comparison alone
    /// would mislead: a prepended mark joining the suffix's first letter, combining marks, ligatures.
    @Test(arguments: [
        "saying", "ing", "king", "\u{600}ing", "\u{600}.", "ed", "walked", "u.s.", "a.m.", "é.", "\u{0D4E}.", "s", "ss",
        "bus", "is", "this", "naïve", "ǅing", "", "ab\u{301}", "e\u{301}d", "x\u{301}ing", "secretary-general",
    ])
    func endingsAnswerLikeStringMethods(_ text: String) {
        let token = Self.word(text)
        for suffix: StaticString in ["ing", "ed", ".", "s", "ss", "us", "is"] {
            #expect(token.textHasSuffix(suffix) == text.hasSuffix(suffix.description), "\(text) \(suffix)")
        }
        for count in 0...7 {
            #expect(token.textIsLonger(than: count) == (text.count > count), "\(text) \(count)")
        }
        #expect(token.isSingleScalar == (text.unicodeScalars.count == 1))
    }
}

@Suite struct PhraseIndexTests {
    static func index() -> PhraseIndex<String> {
        var index = PhraseIndex<String>()
        for phrase in ["North Korea", "North Korean", "the North", "US", "foreign ministry", "foreign ministry spokesman",
                       "Department of International Relations and Cooperation", "U.S."]
        {
            index.insert(phrase, phrase)
        }
        index.insert("the north", "any case")
        return index
    }

    @Test func longestAcceptedPhraseWithinTheLimit() {
        let index = Self.index()
        let tokens = Tokenizer.tokenize("the foreign ministry spokesman of North Korean state media")
        #expect(index.firstLongestMatch(in: tokens, at: 1)?.end == 4)
        #expect(index.firstLongestMatch(in: tokens, at: 1)?.value == "foreign ministry spokesman")
        #expect(index.firstLongestMatch(in: tokens, at: 1, limit: 3)?.value == "foreign ministry")
        #expect(index.firstLongestMatch(in: tokens, at: 1, limit: 2) == nil)
        #expect(index.firstLongestMatch(in: tokens, at: 5)?.value == "North Korean")
        #expect(index.firstLongestMatch(in: tokens, at: 0) == nil)
    }

    @Test func caseRequirementsOfThePhrasesWritten() {
        let index = Self.index()
        // "US" in capitals only; "the North" capitalized, "the north" in any case.
        #expect(index.firstLongestMatch(in: Tokenizer.tokenize("tell us"), at: 1) == nil)
        #expect(index.firstLongestMatch(in: Tokenizer.tokenize("the US"), at: 1)?.value == "US")
        #expect(index.longestMatch(in: Tokenizer.tokenize("the north"), at: 0)?.values == ["any case"])
        #expect(index.longestMatch(in: Tokenizer.tokenize("the North"), at: 0)?.values == ["the North", "any case"])
        #expect(index.firstLongestMatch(in: Tokenizer.tokenize("the North"), at: 0)?.value == "the North")
    }

    @Test func manyPhrasesGrowTheEdgeTable() {
        var index = PhraseIndex<Int>()
        let phrases = (0..<3000).map { "alpha\($0 % 37) beta\($0) gamma" }
        for (value, phrase) in phrases.enumerated() { index.insert(phrase, value) }
        for (value, phrase) in phrases.enumerated() {
            #expect(index.firstLongestMatch(in: Tokenizer.tokenize(phrase), at: 0)?.value == value)
        }
        #expect(index.firstLongestMatch(in: Tokenizer.tokenize("alpha1 beta2 gamma"), at: 0) == nil)
        #expect(Set(index.firstWords) == Set((0..<37).map { "alpha\($0)" }))
    }

    @Test func allKindsAtOnceAreEachKindAlone() {
        let lexicon = ActorLexicon(Fixtures.dictionary)
        let tokens = Tokenizer.tokenize("""
            Japan's foreign ministry spokesman, Sergei Lavrov and the North Korean officials met US diplomats; \
            the north of Tokyo and the DPRK's deputy foreign minister (Kishida) told diplomatic sources.
            """)
        for limit in [nil, 5, 12, tokens.count] as [Int?] {
            for i in tokens.indices {
                let all = lexicon.mentions(in: tokens, at: i, limit: limit)
                #expect(all.person == lexicon.personMention(in: tokens, at: i, limit: limit))
                #expect(all.body == lexicon.bodyMention(in: tokens, at: i, limit: limit))
                #expect(all.title == lexicon.titleMention(in: tokens, at: i, limit: limit))
                #expect(all.genericSource == lexicon.genericSourceMention(in: tokens, at: i, limit: limit))
                #expect(all.country == lexicon.countryMention(in: tokens, at: i, limit: limit))
            }
        }
        #expect(lexicon.country("JPN")?.name == "Japan")
        #expect(lexicon.country("XXX") == nil)
    }
}

@Suite struct ScalarTextTests {
    @Test func decodesEveryScalarWidth() {
        for text in ["", "plain ASCII", "Rodríguez", "“quoted” — …", "𝒳 𝔘 😀 🇯🇵", "a\u{301}\u{0D4E}\u{FEFF}", "\r\n\u{2028}"] {
            #expect(ScalarText(text).scalars == Array(text.unicodeScalars), "\(text)")
        }
    }
}

@Suite struct NameWordTests {
    @Test func asciiNamesSplitLikeAnyName() {
        func general(_ name: String) -> [String] {
            name.lowercased().split { $0 == " " || $0 == "-" || $0 == "\u{2011}" }.map(String.init)
                .filter { !WordClass.honorifics.contains($0) && $0 != "." }
        }
        for name in ["Kim Hong-kyun", "Mr. Kim", "Mr Kim", "  Dr  Jane  Doe ", "Al-Faisal", "A - B", "-", "", "Lady Ashton"] {
            #expect(Attributor.asciiNameWords(name) == general(name), "\(name)")
        }
        #expect(Attributor.asciiNameWords("Rodríguez") == nil)
    }
}

@Suite struct BoilerplateVerdictTests {
    static let lines = [#"(?i)^\s*(advertisement|read more)\s*:?\s*$"#, #"(?i)^\s*(photo|credit)\s*:"#, #"\{\{\s*\w+\s*\}\}"#]
    static let cuts = [#"(?i)^\s*subscribe (now|today)"#]

    /// Which paragraphs the regexes alone keep: cut at the first cut line, drop matching lines.
    static func reference(_ text: String) throws -> [Int] {
        let tokens = Tokenizer.tokenize(text)
        let scalars = ScalarText(text)
        let lines = try Self.lines.map(BoilerplateFilter.Pattern.init)
        let cuts = try Self.cuts.map(BoilerplateFilter.Pattern.init)
        var kept: [Int] = []
        for (index, paragraph) in Segmenter.paragraphs(tokens).enumerated() {
            let line = scalars[TextSpan(start: tokens[paragraph.lowerBound].start, end: tokens[paragraph.upperBound - 1].end)]
            if cuts.contains(where: { $0.regexMatches(line) }) { break }
            if lines.contains(where: { $0.regexMatches(line) }) { continue }
            kept.append(index)
        }
        return kept
    }

    @Test func rememberedVerdictsKeepTheSameParagraphs() throws {
        let filter = try BoilerplateFilter(lines: Self.lines, cuts: Self.cuts)
        let documents = [
            "Japan said no.\nAdvertisement\nPhoto: Reuters\nRead more:\nPhotos of the summit.\nSubscribe now to read",
            "Advertisement\nChina said yes.\n  photo: AP\n{{ byline }}\nSubscribe today\nJapan said no.",
            "Read more about it.\nAdvertisement\nAdvertisements here\nSubscribers said so.",
        ]
        // Twice over: the second time the verdicts come from the cache.
        for text in documents + documents {
            let tokens = Tokenizer.tokenize(text)
            let kept = filter.keptParagraphs(Segmenter.paragraphs(tokens), tokens: tokens, text: ScalarText(text))
            #expect(try kept == Self.reference(text), "\(text)")
        }
    }

    @Test func theCacheIsBounded() {
        let cache = BoilerplateFilter.VerdictCache()
        for k in 0..<(BoilerplateFilter.VerdictCache.capacity + 10) { cache.remember(.drop, for: "line \(k)") }
        #expect(cache.count <= BoilerplateFilter.VerdictCache.capacity)
        let long = String(repeating: "x", count: BoilerplateFilter.VerdictCache.longestLine + 1)
        cache.remember(.cut, for: long)
        #expect(cache.verdict(long) == nil)
        cache.remember(.cut, for: "Advertisement")
        #expect(cache.verdict("Advertisement") == .cut)
    }
}

/// The word ids behind word sets and the rule matcher's vocabulary must give what a `[String: Int32]`
/// gives.
@Suite struct WordIDsTests {
    @Test func wordIDsGivesEachWordItsIdAndNothingToUnknownWords() {
        var table = WordIDs()
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

    @Test func wordIDsAgreesWithADictionaryAsItGrows() {
        var table = WordIDs()
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
    @Test func wordIDsTellsWordsApartByEveryByte() {
        var table = WordIDs()
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
    /// as they do in a `[String: Int32]`, looked up by text or by a token of that text.
    @Test func wordIDsKeepsStringEquality() {
        var table = WordIDs()
        table.insert("café", id: 1)  // é as one scalar
        table.insert("K", id: 2)
        table.insert("\u{37E}", id: 3)  // GREEK QUESTION MARK, equal to ";"
        table.insert("naïve", id: 4)
        #expect(table["cafe\u{301}"] == 1)  // e and a combining acute accent
        #expect(table["\u{212A}"] == 2)  // KELVIN SIGN
        #expect(table[";"] == 3)
        #expect(table["naïve"] == 4)
        #expect(table["naive"] == nil)
        // Tokens are lower-cased: "Cafe" + U+0301 is "café".
        let tokens = Tokenizer.tokenize("Cafe\u{301} ; naïve naive")
        #expect(tokens.map { table[$0] } == [1, 3, 4, nil])
    }
}
