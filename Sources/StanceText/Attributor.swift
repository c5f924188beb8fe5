import StanceModel

/// Resolves speaker phrases to speakers within one document, remembering who has spoken so that
/// surnames ("said Maruyama"), pronouns ("he added"), descriptions ("the foreign minister") and group
/// references ("the three countries") find the actor they refer back to.
public struct Attributor: Sendable {
    public let lexicon: ActorLexicon
    public let date: Day?

    struct KnownPerson {
        /// Lower-cased name words with hyphens split ("kim", "hong", "kyun").
        var words: [String]
        var speaker: Speaker
    }

    private var people: [KnownPerson] = []
    /// Every resolved speaker, oldest first.
    public private(set) var history: [Speaker] = []
    /// Groups that spoke, oldest first: "the three countries" finds the latest group of three.
    private var groups: [[Speaker]] = []
    private var lastGroup: [Speaker] { groups.last ?? [] }
    private var nameWordsByName: [String: [String]] = [:]
    /// The document's date as notes give it, formatted once.
    private let dateText: String

    public init(lexicon: ActorLexicon, date: Day?) {
        self.lexicon = lexicon
        self.date = date
        dateText = date?.iso ?? "undated"
    }

    /// Resolves a phrase to one speaker, or one per member for a group. Empty when the phrase names no
    /// one the document can support (a pronoun with nothing before it).
    public mutating func resolve(_ phrase: SpeakerPhrase, tokens: [Token], text: ScalarText) -> [Speaker] {
        let mention = text[TextSpan(start: tokens[phrase.tokens.lowerBound].start,
                                    end: tokens[phrase.tokens.upperBound - 1].end)]
        let span = TextSpan(start: tokens[phrase.tokens.lowerBound].start, end: tokens[phrase.tokens.upperBound - 1].end)
        if phrase.isGroup {
            var members: [Speaker] = []
            for member in phrase.members {
                for var speaker in resolveSingle(member, tokens: tokens, text: text, record: false) {
                    speaker.mention = mention
                    speaker.mentionSpan = span
                    speaker.resolution = .group
                    speaker.note = "member of a group: \(speaker.actor)"
                    if !members.contains(where: { $0.actor == speaker.actor && $0.country == speaker.country }) {
                        members.append(speaker)
                    }
                }
            }
            if members.count >= 2 { groups.append(members) }
            history += members
            return members
        }
        var speakers = resolveSingle(phrase, tokens: tokens, text: text, record: true)
        for index in speakers.indices {
            speakers[index].mention = mention
            speakers[index].mentionSpan = span
        }
        return speakers
    }

    /// Records a speaker that spoke without a new mention (a quote continuing a previous one).
    public mutating func repeatSpeaker(_ speaker: Speaker) { history.append(speaker) }

    mutating func resolveSingle(_ phrase: SpeakerPhrase, tokens: [Token], text: ScalarText, record: Bool) -> [Speaker] {
        let dictionary = lexicon.dictionary
        var result: [Speaker] = []
        switch phrase.head {
        case .person(let index):
            let person = dictionary.people[index]
            let role = chooseRole(of: person, tokens: tokens)
            let country = role?.country ?? person.country ?? phrase.country
            let speaker = Speaker(mention: nil, mentionSpan: nil, actor: person.name, actorKey: person.key, kind: .person,
                                  role: role?.title ?? phrase.title, country: country, resolution: .dictionary,
                                  note: role.map { "dictionary role on \(dateText): \($0.title)" })
            remember(person: person.name, speaker)
            result = [speaker]

        case .name(let run):
            let name = nameText(tokens, run, text)
            let words = cachedNameWords(name)
            if let known = knownPerson(matching: words) {
                var speaker = known.speaker
                if words.count < known.words.count || speaker.resolution == .surname {
                    speaker.resolution = .surname
                    speaker.note = "refers back to \(known.speaker.actor)"
                }
                result = [speaker]
            } else {
                let body = phrase.body.map { dictionary.bodies[$0] }
                var country = phrase.country ?? body?.country
                var note: String? = nil
                if country == nil, phrase.title != nil || body != nil, let context = contextCountry() {
                    country = context
                    note = "country from the body or country that spoke before"
                }
                let resolution: ResolutionPath = phrase.title != nil || phrase.country != nil || body != nil ? .title : .unresolved
                let speaker = Speaker(mention: nil, mentionSpan: nil, actor: name, actorKey: nil, kind: .person,
                                      role: phrase.title ?? body.map { "\($0.name) official" }, country: country,
                                      resolution: country == nil ? .unresolved : resolution,
                                      note: note ?? (phrase.title.map { "title: \($0)" }))
                remember(person: name, speaker)
                result = [speaker]
            }

        case .body(let index):
            let body = dictionary.bodies[index]
            var country = body.country ?? phrase.country
            var note = body.country != nil ? "body of \(body.country!.rawValue) by name" : nil
            if country == nil, let context = contextCountry() {
                country = context
                note = "country from the body or country that spoke before"
            }
            let actor = country.map { "\(countryName($0)) \(body.name)" } ?? body.name
            result = [Speaker(mention: nil, mentionSpan: nil, actor: actor, actorKey: body.name, kind: .body,
                              role: nil, country: country, resolution: body.country != nil ? .dictionary : .body,
                              note: note)]

        case .generic(let index):
            let noun = index >= 0 ? dictionary.genericSources[index] : "officials"
            // "The League's foreign ministers": the League named in full earlier (the Arab League).
            let organizationCountry = phrase.organizationWord.flatMap { word in
                history.last { $0.actor.lowercased().split(separator: " ").contains(Substring(word)) }?.country
            }
            if let country = phrase.country ?? organizationCountry {
                result = [Speaker(mention: nil, mentionSpan: nil, actor: "\(countryName(country)) \(noun)", kind: .generic,
                                  role: nil, country: country, resolution: .generic,
                                  note: "unnamed \(noun); country given by the text")]
            } else if tokens[phrase.tokens.lowerBound].is("the"),
                let group = groups.last(where: { phrase.size == nil || $0.count == phrase.size })
            {
                result = group.map { member in
                    var speaker = member
                    speaker.resolution = .group
                    speaker.note = "the \(noun): the last group that spoke"
                    return speaker
                }
            } else {
                result = [Speaker(mention: nil, mentionSpan: nil, actor: noun, kind: .generic, role: nil, country: nil,
                                  resolution: .unresolved, note: "unnamed source; the text gives no country")]
            }

        case .description:
            let title = phrase.title ?? ""
            // "A senior administration official" introduces someone new; "the official" refers back.
            let indefinite = ["a", "an", "one", "another"].contains(tokens[phrase.tokens.lowerBound].text)
            if !indefinite, let earlier = history.last(where: { earlier in
                earlier.kind == .person && Self.sameOffice(earlier.role, title)
                    && (phrase.country == nil || earlier.country == phrase.country)
            }) {
                var speaker = earlier
                speaker.resolution = .description
                speaker.note = "\"\(title)\" refers back to \(earlier.actor)"
                result = [speaker]
            } else {
                // An unnamed official gets a country only from the text: the phrase itself, or for "the
                // foreign minister" the country speaking in the context.
                let country = phrase.country ?? (indefinite ? nil : contextCountry())
                let actor = country.map { "\(countryName($0)) \(title)" } ?? title
                result = [Speaker(mention: nil, mentionSpan: nil, actor: actor, kind: .person, role: title,
                                  country: country, resolution: country == nil ? .unresolved : .title,
                                  note: "an office without a name")]
            }

        case .country(let code):
            result = [Speaker(mention: nil, mentionSpan: nil, actor: countryName(code), actorKey: code.rawValue,
                              kind: .country, role: nil, country: code, resolution: .dictionary, note: nil)]

        case .pronoun(let pronoun):
            let earlier: Speaker?
            switch pronoun {
            case "he", "she", "i":
                earlier = history.last { $0.kind == .person }
            case "it":
                // "the ministry said" prefers the last body; "the statement" or "it", any non-person.
                if let noun = phrase.referenceNoun, WordClass.bodyReferenceNouns.contains(noun) {
                    earlier = history.last { $0.kind == .body && ($0.actorKey ?? $0.actor).lowercased().contains(noun) }
                        ?? history.last { $0.kind == .body || $0.kind == .country }
                } else {
                    earlier = history.last { $0.kind != .person } ?? history.last
                }
            case "they", "we":
                // "They" after a group's statement is that group, even with another speaker in between.
                if !lastGroup.isEmpty, history.suffix(lastGroup.count + 2).contains(where: { lastGroup.contains($0) }) {
                    return lastGroup.map { member in
                        var speaker = member
                        speaker.resolution = .pronoun
                        speaker.note = "\"\(pronoun)\": the last group that spoke"
                        return speaker
                    }
                }
                earlier = history.last { $0.kind != .person } ?? history.last
            default:
                earlier = nil
            }
            if var speaker = earlier {
                speaker.resolution = .pronoun
                speaker.note = "\"\(pronoun)\" refers back to \(speaker.actor)"
                result = [speaker]
            }

        case .groupReference(let size):
            if let group = groups.last(where: { size == nil || $0.count == size }) {
                result = group.map { member in
                    var speaker = member
                    speaker.resolution = .group
                    speaker.note = "group reference to \(group.map(\.actor).joined(separator: ", "))"
                    return speaker
                }
            }
        }
        if record { history += result }
        return result
    }

    // MARK: Helpers

    /// The country of the most recent non-person speaker, or the most recent speaker: the country a
    /// spokesman or an unnamed ministry most likely speaks for.
    func contextCountry() -> CountryCode? {
        history.last(where: { $0.kind == .body || $0.kind == .country })?.country ?? history.last?.country
    }

    mutating func remember(person name: String, _ speaker: Speaker) {
        let words = cachedNameWords(name)
        guard !words.isEmpty else { return }
        people.removeAll { $0.words == words }
        people.append(KnownPerson(words: words, speaker: speaker))
    }

    /// A person mentioned earlier whose name contains every word of `words` in order (a surname, a
    /// full name written with or without hyphens).
    func knownPerson(matching words: [String]) -> KnownPerson? {
        guard !words.isEmpty else { return nil }
        return people.last { known in
            if known.words == words { return true }
            // A surname (Maruyama), or an East Asian family name written first (Hua for Hua Chunying).
            if words.count == 1 { return known.words.last == words[0] || known.words.count > 1 && known.words.first == words[0] }
            // A shorter or longer form of the same name (Bruno Rodríguez / Bruno Rodríguez Parrilla).
            if known.words.count >= words.count { return Array(known.words.suffix(words.count)) == words || Array(known.words.prefix(words.count)) == words }
            return Array(words.prefix(known.words.count)) == known.words
        }
    }

    /// The role a person holds on the document's date. When several are held at once (a president who
    /// chairs the African Union), the one whose office the document mentions wins, else the latest begun.
    func chooseRole(of person: PersonEntry, tokens: [Token]) -> Role? {
        guard let date else { return person.role(on: nil) }
        let held = person.roles.filter { $0.isHeld(on: date) }
        guard held.count > 1 else { return held.first }
        let mentioned = Set(lexicon.countryMentions(in: tokens, range: 0..<tokens.count).map(\.code))
        if let body = held.first(where: { role in
            role.country.map { code in lexicon.country(code)?.isBody == true && mentioned.contains(code) } ?? false
        }) {
            return body
        }
        return held.max { ($0.from ?? Day(year: 1, month: 1, day: 1)!) < ($1.from ?? Day(year: 1, month: 1, day: 1)!) }
    }

    /// `nameWords(name)`, remembered: a document names the same people again and again.
    mutating func cachedNameWords(_ name: String) -> [String] {
        if let words = nameWordsByName[name] { return words }
        let words = nameWords(name)
        nameWordsByName[name] = words
        return words
    }

    func nameWords(_ name: String) -> [String] {
        if let words = Self.asciiNameWords(name) { return words }
        return name.lowercased().split { $0 == " " || $0 == "-" || $0 == "\u{2011}" }.map(String.init)
            .filter { !WordClass.honorifics.contains($0) && $0 != "." }
    }

    /// `nameWords` for an ASCII name, on its bytes (nil for any other name): an ASCII byte is a whole
    /// character for splitting at spaces and hyphens, so the words are the same, without the cost of
    /// breaking the name into characters.
    static func asciiNameWords(_ name: String) -> [String]? {
        var name = name
        return name.withUTF8 { bytes -> [String]? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var words: [String] = []
            var start = 0
            func word(_ end: Int) {
                guard start < end else { return }
                let text = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: end - start) { buffer in
                    for k in start..<end {
                        let byte = bytes[k]
                        buffer[k - start] = byte >= 65 && byte <= 90 ? byte + 32 : byte
                    }
                    return String(decoding: buffer, as: UTF8.self)
                }
                if !WordClass.honorifics.contains(text) && text != "." { words.append(text) }
            }
            for (k, byte) in bytes.enumerated() where byte == 0x20 || byte == 0x2D {
                word(k)
                start = k + 1
            }
            word(bytes.count)
            return words
        }
    }

    func nameText(_ tokens: [Token], _ run: Range<Int>, _ text: ScalarText) -> String {
        text[TextSpan(start: tokens[run.lowerBound].start, end: tokens[run.upperBound - 1].end)]
    }

    func countryName(_ code: CountryCode) -> String {
        lexicon.country(code)?.name ?? code.rawValue
    }

    /// Offices that news text names in several ways.
    static let officeSynonyms: [[String]] = [
        ["foreign minister", "chief diplomat", "top diplomat", "foreign secretary", "secretary of state",
         "minister of foreign affairs"],
        ["spokesman", "spokeswoman", "spokesperson", "spokespeople"],
        ["president", "leader", "head of state"],
        ["prime minister", "premier"],
        ["ambassador", "envoy", "permanent representative", "representative"],
        ["chair", "chairman", "chairperson", "chairwoman", "head"],
        ["secretary-general", "secretary general", "chief"],
        ["official"],
    ]

    static func sameOffice(_ role: String?, _ title: String) -> Bool {
        guard let role = role?.lowercased() else { return false }
        let title = title.lowercased()
        if role == title || role.hasSuffix(" " + title) || title.hasSuffix(" " + role) { return true }
        if title == "official" { return true }
        return officeSynonyms.contains { group in
            group.contains { role == $0 || role.hasSuffix(" " + $0) } && group.contains { title == $0 || title.hasSuffix(" " + $0) }
        }
    }
}
