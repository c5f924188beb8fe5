import StanceModel

/// How a country is named in a mention.
public enum MentionForm: String, Sendable, Hashable {
    case name, alias, adjective, capital, metonym
}

public struct CountryMention: Sendable, Hashable {
    public var code: CountryCode
    /// Token indices of the mention (without a following possessive 's).
    public var tokens: Range<Int>
    public var form: MentionForm

    public init(code: CountryCode, tokens: Range<Int>, form: MentionForm) {
        self.code = code
        self.tokens = tokens
        self.form = form
    }
}

/// A phrase of the actor dictionary found in the text.
public struct EntryMention: Sendable, Hashable {
    /// Index into the dictionary's `bodies`, `people`, `titles` or `genericSources`.
    public var entry: Int
    public var tokens: Range<Int>
}

/// The dictionary phrases of each kind starting at one token (each the longest of its kind).
public struct MentionsAt: Sendable {
    public var person: EntryMention?
    public var body: EntryMention?
    public var title: EntryMention?
    public var genericSource: EntryMention?
    public var country: CountryMention?

    /// The later of two mention ends, either possibly missing.
    @inline(__always) static func later(_ a: Int?, _ b: Int?) -> Int? {
        guard let a else { return b }
        guard let b else { return a }
        return max(a, b)
    }
}

/// The actor dictionary compiled for matching against tokens: countries, bodies, people, titles and
/// generic sources, each found by longest match.
public struct ActorLexicon: Sendable {
    public let dictionary: ActorDictionary
    /// Surnames and single-word aliases of dictionary people, lower-cased, for surname references.
    public private(set) var personKeys: [String: Int] = [:]
    /// The compiled indexes, behind one reference: the lexicon is copied into every parser and
    /// attributor and passed around by value, and a copy should cost one retain, not one per index.
    private let indexes: Indexes

    final class Indexes: Sendable {
        let countries: PhraseIndex<(code: CountryCode, form: MentionForm)>
        let bodies: PhraseIndex<Int>
        let people: PhraseIndex<Int>
        let titles: PhraseIndex<Int>
        let generics: PhraseIndex<Int>
        /// Index into `dictionary.countries` by code (the first entry with it): attribution names a
        /// speaker's country for nearly every statement, and the dictionary's own lookup is a linear scan.
        let countryIndex: [CountryCode: Int]
        /// The words any phrase of any kind begins with: most tokens begin none, and one lookup here
        /// answers for all five indexes.
        let firstWords: WordSet

        init(_ dictionary: ActorDictionary) {
            var countryIndex: [CountryCode: Int] = [:]
            for (index, entry) in dictionary.countries.enumerated() where countryIndex[entry.code] == nil {
                countryIndex[entry.code] = index
            }
            self.countryIndex = countryIndex
            var countries = PhraseIndex<(code: CountryCode, form: MentionForm)>()
            for entry in dictionary.countries {
                countries.insert(entry.name, (entry.code, .name))
                for alias in entry.aliases { countries.insert(alias, (entry.code, .alias)) }
                for adjective in entry.adjectives { countries.insert(adjective, (entry.code, .adjective)) }
                for capital in entry.capitals { countries.insert(capital, (entry.code, .capital)) }
                for metonym in entry.metonyms { countries.insert(metonym, (entry.code, .metonym)) }
            }
            var bodies = PhraseIndex<Int>()
            for (index, body) in dictionary.bodies.enumerated() {
                bodies.insert(body.name, index)
                for alias in body.aliases { bodies.insert(alias, index) }
            }
            var people = PhraseIndex<Int>()
            for (index, person) in dictionary.people.enumerated() {
                people.insert(person.name, index)
                for alias in person.aliases { people.insert(alias, index) }
            }
            var titles = PhraseIndex<Int>()
            for (index, title) in dictionary.titles.enumerated() { titles.insert(title, index) }
            var generics = PhraseIndex<Int>()
            for (index, generic) in dictionary.genericSources.enumerated() { generics.insert(generic, index) }
            self.countries = countries
            self.bodies = bodies
            self.people = people
            self.titles = titles
            self.generics = generics
            firstWords = WordSet(countries.firstWords + bodies.firstWords + people.firstWords + titles.firstWords
                                 + generics.firstWords)
        }
    }

    public init(_ dictionary: ActorDictionary) {
        self.dictionary = dictionary
        indexes = Indexes(dictionary)
    }

    /// Every kind of mention starting at `index`: what `personMention`, `bodyMention`, `titleMention`,
    /// `genericSourceMention` and `countryMention` return there, with one lookup for the common case
    /// of a token that begins no phrase.
    public func mentions(in tokens: [Token], at index: Int, limit: Int? = nil) -> MentionsAt {
        guard index >= 0, index < tokens.count, indexes.firstWords.contains(tokens[index]) else { return MentionsAt() }
        return MentionsAt(person: personMention(in: tokens, at: index, limit: limit),
                          body: bodyMention(in: tokens, at: index, limit: limit),
                          title: titleMention(in: tokens, at: index, limit: limit),
                          genericSource: genericSourceMention(in: tokens, at: index, limit: limit),
                          country: countryMention(in: tokens, at: index, limit: limit))
    }

    /// The dictionary's entry for a country code: `dictionary.country(code)`, by index.
    public func country(_ code: CountryCode) -> CountryEntry? {
        indexes.countryIndex[code].map { dictionary.countries[$0] }
    }

    /// The longest country mention starting at `index`.
    public func countryMention(in tokens: [Token], at index: Int, limit: Int? = nil) -> CountryMention? {
        guard index < tokens.count, tokens[index].kind == .word,
            let match = indexes.countries.firstLongestMatch(in: tokens, at: index, limit: limit)
        else { return nil }
        // "Latin America", "North American": a region, not the United States.
        if index > 0, tokens[index].text.hasPrefix("america"), tokens[index - 1].isCapitalized,
            ["latin", "north", "south", "central"].contains(tokens[index - 1].text)
        {
            return nil
        }
        // "the North Korean Foreign Ministry": "the North" loses to "North Korean".
        if match.end - index >= 2, let longer = indexes.countries.firstLongestMatch(in: tokens, at: index + 1, limit: limit),
            longer.end > match.end
        {
            return nil
        }
        return CountryMention(code: match.value.code, tokens: index..<match.end, form: match.value.form)
    }

    /// Every country mention in a token range, left to right, without overlaps.
    public func countryMentions(in tokens: [Token], range: Range<Int>) -> [CountryMention] {
        var mentions: [CountryMention] = []
        var i = range.lowerBound
        while i < range.upperBound {
            // Most tokens begin no country's name: turned away before the full lookup.
            if tokens[i].kind == .word, indexes.countries.mayStart(with: tokens[i]),
                let mention = countryMention(in: tokens, at: i, limit: range.upperBound)
            {
                mentions.append(mention)
                i = mention.tokens.upperBound
            } else {
                i += 1
            }
        }
        return mentions
    }

    public func bodyMention(in tokens: [Token], at index: Int, limit: Int? = nil) -> EntryMention? {
        guard let match = indexes.bodies.firstLongestMatch(in: tokens, at: index, limit: limit) else {
            return nil
        }
        return EntryMention(entry: match.value, tokens: index..<match.end)
    }

    public func personMention(in tokens: [Token], at index: Int, limit: Int? = nil) -> EntryMention? {
        guard let match = indexes.people.firstLongestMatch(in: tokens, at: index, limit: limit) else {
            return nil
        }
        return EntryMention(entry: match.value, tokens: index..<match.end)
    }

    public func titleMention(in tokens: [Token], at index: Int, limit: Int? = nil) -> EntryMention? {
        guard let match = indexes.titles.firstLongestMatch(in: tokens, at: index, limit: limit) else {
            return nil
        }
        return EntryMention(entry: match.value, tokens: index..<match.end)
    }

    public func genericSourceMention(in tokens: [Token], at index: Int, limit: Int? = nil) -> EntryMention? {
        guard let match = indexes.generics.firstLongestMatch(in: tokens, at: index, limit: limit)
        else { return nil }
        return EntryMention(entry: match.value, tokens: index..<match.end)
    }
}
