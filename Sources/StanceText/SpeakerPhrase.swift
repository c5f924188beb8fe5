import StanceModel

/// What a speaker phrase names, before it is resolved in the document's context.
public enum SpeakerHead: Sendable, Hashable {
    /// A person in the dictionary.
    case person(Int)
    /// A capitalized name not in the dictionary (with or without a title around it).
    case name(Range<Int>)
    /// A government body (an index into the dictionary's bodies).
    case body(Int)
    /// Unnamed sources (officials, diplomats), maybe with a country.
    case generic(Int)
    /// An office without a name (the foreign minister, Russia's chief diplomat).
    case description
    /// A country or body of states, or its government.
    case country(CountryCode)
    /// he, she, they, it.
    case pronoun(String)
    /// A back reference to the last group (the three countries, the two leaders).
    case groupReference(Int?)
}

/// A speaker phrase read from tokens: its head and what the words around it say (title, country).
public struct SpeakerPhrase: Sendable, Hashable {
    public var head: SpeakerHead
    /// Tokens of the whole phrase.
    public var tokens: Range<Int>
    /// The office named in the phrase ("foreign ministry spokesman").
    public var title: String?
    /// The speaker's country as the phrase gives it (Japan's, South Korean, of the Japanese ...).
    public var country: CountryCode?
    /// The dictionary body named in the phrase, if any (Japan's foreign ministry spokesman → foreign ministry).
    public var body: Int?
    /// Members when the phrase coordinates several actors (Japan, the United States and South Korea).
    public var members: [SpeakerPhrase]
    /// A number in the phrase ("the three officials"), for finding the group it refers back to.
    public var size: Int? = nil
    /// A capitalized organisation word ("The League's foreign ministers") that may point back at a
    /// body named earlier in full (the Arab League).
    public var organizationWord: String? = nil
    /// For a phrase naming a body by its kind alone ("the ministry"), that noun.
    public var referenceNoun: String? = nil

    public var isGroup: Bool { !members.isEmpty }
}

/// Reads speaker phrases: "Japan's foreign ministry spokesman Norio Maruyama", "Kim Hong Kyun, special
/// representative … at the South Korean Foreign Ministry", "Senior diplomats from Japan, the United
/// States and South Korea", "he", "the three countries".
public struct SpeakerPhraseParser: Sendable {
    public let lexicon: ActorLexicon

    public init(lexicon: ActorLexicon) { self.lexicon = lexicon }

    /// Parses a whole range as one speaker phrase (single actor, appositions, or a coordinated group).
    public func parse(_ tokens: [Token], _ range: Range<Int>) -> SpeakerPhrase? {
        let range = trimmed(tokens, range)
        guard !range.isEmpty, range.count <= 40 else { return nil }
        var chunks = commaChunks(tokens, range)
        chunks.removeAll { isParenthetical(tokens, $0) }
        guard !chunks.isEmpty else { return nil }
        if let group = parseGroup(tokens, chunks) { return group }
        return parseAppositions(tokens, chunks)
    }

    // MARK: Groups

    /// "A, B and C" where every member is an actor: one phrase with members.
    func parseGroup(_ tokens: [Token], _ chunks: [Range<Int>]) -> SpeakerPhrase? {
        // Most phrases have no word that could join members: no need to look for dictionary phrases
        // (which may contain "and") to know there is no list.
        guard chunks.contains(where: { chunk in
            chunk.contains { tokens[$0].is("and") || tokens[$0].is("&") || tokens[$0].is("as") }
        }) else { return nil }
        var pieces: [Range<Int>] = []
        var sawAnd = false
        for chunk in chunks {
            var start = chunk.lowerBound
            var i = chunk.lowerBound
            while i < chunk.upperBound {
                // Dictionary phrases may contain "and" (Department of International Relations and Cooperation).
                if let end = longestEntryEnd(tokens, i, chunk.upperBound) {
                    i = end
                    continue
                }
                if tokens[i].is("and") || tokens[i].is("&") {
                    if start < i { pieces.append(start..<i) }
                    start = i + 1
                    sawAnd = true
                } else if tokens[i].is("as"), i + 2 < chunk.upperBound, tokens[i + 1].is("well"),
                    tokens[i + 2].is("as")
                {
                    if start < i { pieces.append(start..<i) }
                    start = i + 3
                    i += 2
                    sawAnd = true
                }
                i += 1
            }
            if start < chunk.upperBound { pieces.append(start..<chunk.upperBound) }
        }
        guard sawAnd, pieces.count >= 2 else { return nil }
        // "Kenji Kanasugi, director general of …": a piece led by a lower-case title describes the one
        // before it; that is apposition, not a list.
        if pieces.dropFirst().contains(where: { piece in
            let first = tokens[piece.lowerBound]
            return !first.isCapitalized && lexicon.titleMention(in: tokens, at: piece.lowerBound, limit: piece.upperBound) != nil
        }) {
            return nil
        }
        var members: [SpeakerPhrase] = []
        for (index, piece) in pieces.enumerated() {
            // "Britain, the United States … and a number of other states", "X and others".
            if index >= 1, isVagueMember(tokens, piece) { continue }
            guard let member = parseSingle(tokens, piece), isSolidMember(member, tokens) else { return nil }
            members.append(member)
        }
        if members.count == 1 { return members[0] }
        guard members.count >= 2 else { return nil }
        // "Senior diplomats from Japan, the United States and South Korea": the first member is a generic
        // phrase whose country opens the list; the rest are bare countries. Each stands for its country.
        let all = pieces.first!.lowerBound..<pieces.last!.upperBound
        return SpeakerPhrase(head: .groupReference(members.count), tokens: all, title: nil, country: nil, body: nil,
                             members: members)
    }

    func isVagueMember(_ tokens: [Token], _ piece: Range<Int>) -> Bool {
        piece.contains { WordClass.vagueGroupMembers.contains(tokens[$0]) }
            && piece.contains { Self.vagueQuantifiers.contains(tokens[$0]) }
    }

    /// A group member must be unambiguous: a one-word unknown name is more likely a clause fragment.
    func isSolidMember(_ member: SpeakerPhrase, _ tokens: [Token]) -> Bool {
        switch member.head {
        case .person, .body, .country, .description: return true
        case .generic: return member.country != nil
        case .name(let name):
            let afterHonorific = name.lowerBound > 0
                && (WordClass.honorifics.contains(tokens[name.lowerBound - 1])
                    || tokens[name.lowerBound - 1].is(".") && name.lowerBound > 1
                        && WordClass.honorifics.contains(tokens[name.lowerBound - 2]))
            return (name.count >= 2 || member.title != nil || afterHonorific) && !isOrganization(name, tokens)
        case .pronoun, .groupReference: return false
        }
    }

    // MARK: Appositions

    /// "Name, title," or "title, Name," or "body, body": the chunks describe one actor.
    func parseAppositions(_ tokens: [Token], _ chunks: [Range<Int>]) -> SpeakerPhrase? {
        // "…with Pekka Haavisto, his Finnish counterpart, Hossein Amirabdollahian": a leading chunk with a
        // possessive pronoun describes someone already mentioned, not this speaker.
        var first = 0
        while chunks.count - first > 1, Self.possessivePronouns.contains(tokens[chunks[first].lowerBound]) {
            first += 1
        }
        // The most specific chunk leads: a named person over a description, a body over a country.
        func rank(_ head: SpeakerHead) -> Int {
            switch head {
            case .person: 6
            case .name: 5
            case .body: 4
            case .generic: 3
            case .country: 2
            case .description: 1
            case .pronoun, .groupReference: 0
            }
        }
        // Each chunk read in turn is merged into the phrase so far.
        guard var main = parseSingle(tokens, chunks[first]) else { return nil }
        var end = chunks[first].upperBound
        for chunk in chunks[(first + 1)...] {
            // A chunk that is no actor ends the phrase ("Pekka Haavisto, his Finnish counterpart" is an
            // aside of the preceding clause).
            guard let phrase = parseSingle(tokens, chunk) else { break }
            end = chunk.upperBound
            if rank(phrase.head) > rank(main.head) {
                let previous = main
                main = phrase
                main.title = main.title ?? previous.title
                main.country = main.country ?? previous.country
                main.body = main.body ?? previous.body
            } else {
                main.title = main.title ?? phrase.title
                main.country = main.country ?? phrase.country
                main.body = main.body ?? phrase.body
            }
        }
        main.tokens = chunks[first].lowerBound..<end
        return main
    }

    // MARK: One actor

    /// Parses a chunk without commas naming one actor.
    public func parseSingle(_ tokens: [Token], _ range: Range<Int>) -> SpeakerPhrase? {
        let range = trimmed(tokens, range)
        guard !range.isEmpty else { return nil }
        // The words (punctuation other than periods left out): counted in one pass, listed only for
        // the phrases about a statement, which need them by position.
        var wordCount = 0
        var firstWord = range.lowerBound
        var lastWord = range.lowerBound
        var hasStatementNoun = false
        for k in range where tokens[k].kind != .punctuation || tokens[k].is(".") {
            if wordCount == 0 { firstWord = k }
            wordCount += 1
            lastWord = k
            if CueLexicon.statementNouns.contains(tokens[k]) { hasStatementNoun = true }
        }
        if wordCount == 1, WordClass.pronouns.contains(tokens[firstWord]) {
            return SpeakerPhrase(head: .pronoun(tokens[firstWord].text), tokens: range, title: nil, country: nil,
                                 body: nil, members: [])
        }
        if hasStatementNoun || wordCount >= 2 && wordCount <= 3 && WordClass.bodyReferenceNouns.contains(tokens[lastWord]) {
            let words = range.filter { tokens[$0].kind != .punctuation || tokens[$0].is(".") }
            // "a statement from the ASEAN chair": the speaker is whoever issued it.
            if let noun = words.firstIndex(where: { CueLexicon.statementNouns.contains(tokens[$0]) }), noun + 1 < words.count,
                Self.issuerPrepositions.contains(tokens[words[noun + 1]]), noun + 2 < words.count,
                words[..<noun].allSatisfy({ Self.statementModifiers.contains(tokens[$0]) })
            {
                return parseSingle(tokens, words[noun + 2]..<range.upperBound)
            }
            // "the statement", "the ministry", "the bloc": back to the last body or document that spoke.
            if words.count <= 3, let last = words.last, tokens[last].kind == .word,
                CueLexicon.statementNouns.contains(tokens[last]) || WordClass.bodyReferenceNouns.contains(tokens[last]),
                words.dropLast().allSatisfy({ Self.referenceModifiers.contains(tokens[$0]) }),
                words.count >= 2
            {
                var phrase = SpeakerPhrase(head: .pronoun("it"), tokens: range, title: nil, country: nil, body: nil, members: [])
                phrase.referenceNoun = tokens[last].text
                return phrase
            }
        }

        var person: Int? = nil
        var nameRun: Range<Int>? = nil
        var currentRun: Range<Int>? = nil
        var title: (index: Int, tokens: Range<Int>)? = nil
        var body: Int? = nil
        var generic: Int? = nil
        var speakerCountry: CountryCode? = nil
        var headCountry: CountryCode? = nil
        var governmentHead = false
        var groupNoun = false
        var number: Int? = nil
        var inTitleTail = false
        var describer = false
        /// The index of the word before this one.
        var previousWord: Int? = nil

        func closeRun() {
            // "Pompeo's deputy": a name followed by 's owns the head; it is not the speaker.
            if let run = currentRun, !(run.upperBound < range.upperBound && tokens[run.upperBound].is("'s")) {
                nameRun = run
            }
            currentRun = nil
        }

        var i = range.lowerBound
        while i < range.upperBound {
            let token = tokens[i]
            // Longest dictionary match wins; ties go to the more specific kind (person, body, title,
            // generic source, country).
            let found = lexicon.mentions(in: tokens, at: i, limit: range.upperBound)
            var end = -1
            var kind = -1
            func consider(_ candidateEnd: Int?, _ candidateKind: Int) {
                if let candidateEnd, candidateEnd > end {
                    end = candidateEnd
                    kind = candidateKind
                }
            }
            consider(found.person?.tokens.upperBound, 0)
            consider(found.body?.tokens.upperBound, 1)
            consider(found.title?.tokens.upperBound, 2)
            consider(found.genericSource?.tokens.upperBound, 3)
            consider(found.country?.tokens.upperBound, 4)
            if kind >= 0 {
                switch kind {
                case 0:
                    closeRun()
                    let entry = found.person!.entry
                    if end < range.upperBound, tokens[end].is("'s") {
                        // "Putin's spokesman": the owner is not the speaker, but gives the country.
                        if speakerCountry == nil { speakerCountry = lexicon.dictionary.people[entry].country }
                    } else {
                        person = person ?? entry
                    }
                case 1:
                    closeRun()
                    body = body ?? found.body!.entry
                case 2:
                    closeRun()
                    if title == nil { title = (found.title!.entry, i..<end) }
                    inTitleTail = false
                case 3:
                    closeRun()
                    generic = generic ?? found.genericSource!.entry
                default:
                    closeRun()
                    let mention = found.country!
                    let topical = previousWord.map { WordClass.topicPrepositions.contains(tokens[$0]) } ?? false
                    if !topical && !inTitleTail {
                        if speakerCountry == nil { speakerCountry = mention.code }
                        if headCountry == nil { headCountry = mention.code }
                    } else if !topical, speakerCountry == nil {
                        // "of the Japanese Foreign Ministry", "at the South Korean Foreign Ministry"
                        speakerCountry = mention.code
                    }
                }
                previousWord = end - 1
                i = end
                continue
            }

            let text = token.text
            let afterHonorific = i > range.lowerBound
                && (WordClass.honorifics.contains(tokens[i - 1])
                    || tokens[i - 1].is(".") && i >= range.lowerBound + 2 && WordClass.honorifics.contains(tokens[i - 2]))
            if token.kind == .word && token.isCapitalized && (!WordClass.capitalizedNonNames.contains(token) || afterHonorific)
                && !inTitleTail
            {
                currentRun = (currentRun?.lowerBound ?? i)..<(i + 1)
            } else if let run = currentRun, WordClass.nameParticles.contains(token), i + 1 < range.upperBound,
                tokens[i + 1].isCapitalized
            {
                currentRun = run.lowerBound..<(i + 1)
            } else if token.kind == .word, WordClass.honorifics.contains(token) {
                closeRun()
            } else if token.is("."), i > range.lowerBound, WordClass.honorifics.contains(tokens[i - 1]) {
                // Mr. Kim
            } else if WordClass.phraseFunctionWords.contains(token) {
                closeRun()
                if title != nil && (text == "for" || text == "to" || text == "of" || text == "at" || text == "on") {
                    inTitleTail = text != "of" && text != "at"
                }
            } else if WordClass.governmentHeads.contains(token) {
                closeRun()
                governmentHead = true
            } else if WordClass.groupNouns.contains(token) {
                closeRun()
                groupNoun = true
            } else if WordClass.phraseModifiers.contains(token) {
                closeRun()
                if number == nil, let value = Self.numbers[text] { number = value }
            } else if token.kind == .number {
                closeRun()
            } else if WordClass.describers.contains(token) {
                closeRun()
                describer = true
            } else if WordClass.regionalAdjectives.contains(token) {
                closeRun()
            } else if token.kind == .word, !token.isCapitalized,
                (i + 1..<min(range.upperBound, i + 3)).contains(where: { lexicon.titleMention(in: tokens, at: $0, limit: range.upperBound) != nil })
            {
                // The field of an office: "human rights commissioner", "foreign policy chief".
                closeRun()
            } else if inTitleTail || (title != nil && token.kind == .word && !token.isCapitalized && token.spaceBefore
                                      && previousWord.map({ WordClass.topicPrepositions.contains(tokens[$0]) }) == true)
            {
                // The subject matter of a title ("for North Korea policy", "on Korean Peninsula affairs").
            } else {
                return nil
            }
            previousWord = i
            i += 1
        }
        closeRun()
        var organizationWord: String? = nil
        if let run = nameRun, isOrganization(run, tokens) {
            organizationWord = run.map { tokens[$0].text }.last { WordClass.organizationWords.contains($0) }
            nameRun = nil
        }

        let titleText = title.map { lexicon.dictionary.titles[$0.index] }
        let make = { (head: SpeakerHead) in
            SpeakerPhrase(head: head, tokens: range, title: titleText, country: speakerCountry, body: body, members: [])
        }
        if let person { return make(.person(person)) }
        if let nameRun { return make(.name(nameRun)) }
        if let body { return make(.body(body)) }
        if let generic {
            var phrase = make(.generic(generic))
            phrase.size = number
            phrase.organizationWord = organizationWord
            return phrase
        }
        if title != nil || describer && headCountry != nil { return make(.description) }
        if groupNoun, tokens[range.lowerBound].is("the") || tokens[range.lowerBound].is("both") || number != nil {
            return make(.groupReference(number))
        }
        // A country alone, or its government ("Iran's government"); a bare adjective ("European") names
        // no one.
        if let headCountry, !groupNoun, governmentHead || !isBareAdjective(tokens, range) {
            return make(.country(headCountry))
        }
        // "NATO allies", "EU member states", "G7 nations": the body speaks through its members.
        if let headCountry, groupNoun, lexicon.country(headCountry)?.isBody == true {
            return make(.generic(-1))
        }
        if let organizationWord, groupNoun || governmentHead || range.count <= 3 {
            var phrase = make(.generic(-1))
            phrase.organizationWord = organizationWord
            return phrase
        }
        return nil
    }

    static let issuerPrepositions: WordSet = ["from", "by", "of"]
    static let statementModifiers: WordSet = ["a", "the", "joint", "its", "their", "written", "press", "official", "new", "final"]
    static let referenceModifiers: WordSet = ["the", "a", "its", "their", "joint", "same"]
    static let parentheticalWords: WordSet = ["however", "meanwhile", "too", "though", "also", "likewise", "separately"]
    static let vagueQuantifiers: WordSet = ["other", "others", "some", "number", "several", "many"]
    static let possessivePronouns: WordSet = ["his", "her", "its", "their"]

    static let numbers: [String: Int] = ["two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7]

    // MARK: Helpers

    /// A phrase that is only a country adjective ("European", "American").
    func isBareAdjective(_ tokens: [Token], _ range: Range<Int>) -> Bool {
        let words = range.filter { tokens[$0].kind == .word && !(tokens[$0].is("the") || tokens[$0].is("a") || tokens[$0].is("an")) }
        guard let first = words.first, let mention = lexicon.countryMention(in: tokens, at: first, limit: range.upperBound),
            mention.tokens.upperBound == words.last.map({ $0 + 1 })
        else { return false }
        return mention.form == .adjective
    }

    /// A capitalized run naming an organisation rather than a person ("Asian and Oceanian Affairs Bureau").
    func isOrganization(_ run: Range<Int>, _ tokens: [Token]) -> Bool {
        run.contains { WordClass.organizationWords.contains(tokens[$0]) }
    }

    /// A name that is neither in the dictionary nor introduced by a title or a country: possibly not a
    /// person at all ("Iron ore imports …"), so it may not make a position statement on its own.
    public func isUnknownName(_ phrase: SpeakerPhrase) -> Bool {
        guard case .name = phrase.head else { return false }
        return phrase.title == nil && phrase.country == nil && phrase.body == nil
    }

    func longestEntryEnd(_ tokens: [Token], _ i: Int, _ limit: Int) -> Int? {
        let found = lexicon.mentions(in: tokens, at: i, limit: limit)
        let longest = MentionsAt.later(MentionsAt.later(found.body?.tokens.upperBound, found.person?.tokens.upperBound),
                                       found.title?.tokens.upperBound)
        return longest.flatMap { $0 > i + 1 ? $0 : nil }
    }

    /// Splits at commas (and at dashes and brackets used as commas).
    func commaChunks(_ tokens: [Token], _ range: Range<Int>) -> [Range<Int>] {
        var chunks: [Range<Int>] = []
        var start = range.lowerBound
        for i in range where tokens[i].kind == .punctuation
            && (tokens[i].is(",") || tokens[i].is("(") || tokens[i].is(")") || tokens[i].is("—") || tokens[i].is(";"))
        {
            if start < i { chunks.append(start..<i) }
            start = i + 1
        }
        if start < range.upperBound { chunks.append(start..<range.upperBound) }
        return chunks
    }

    /// ", for its part,", ", however,", ", who also took part in the talks": not part of the actor.
    func isParenthetical(_ tokens: [Token], _ chunk: Range<Int>) -> Bool {
        let first = tokens[chunk.lowerBound]
        if WordClass.relativePronouns.contains(first) { return true }
        if first.is("for"), chunk.count <= 4, chunk.contains(where: { tokens[$0].is("part") }) { return true }
        return chunk.count == 1 && Self.parentheticalWords.contains(first)
    }

    /// Drops leading/trailing punctuation and quote marks.
    func trimmed(_ tokens: [Token], _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, tokens[lower].kind == .punctuation || tokens[lower].kind == .quote
            || tokens[lower].kind == .lineBreak
        {
            if tokens[lower].is(".") && lower > range.lowerBound { break }
            lower += 1
        }
        while upper > lower, tokens[upper - 1].kind == .punctuation || tokens[upper - 1].kind == .quote
            || tokens[upper - 1].kind == .lineBreak
        {
            upper -= 1
        }
        return lower..<upper
    }
}
