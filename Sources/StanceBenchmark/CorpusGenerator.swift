import StanceModel
import StanceReports
import StanceRules

/// Writes a deterministic synthetic news archive: articles of 2–4 KB drawn from the actor dictionary
/// and the rules' vocabulary, shaped like wire copy. A dateline opens each article; paragraphs mix
/// direct quotes (cue after, cue before with a colon, inverted "said X", continued quotes), reported
/// speech, "according to" attributions, countries and bodies taking positions as subjects, plain
/// narration, and boilerplate (advertisement lines, photo credits, share links, copyright lines,
/// template placeholders, paywall blocks at the end). Every document is distinct: its number is in its
/// text, and every choice comes from the seeded generator.
struct CorpusGenerator {
    struct Person {
        var name: String
        var surname: String
        var country: CountryEntry
        var title: String
        var pronoun: String
    }

    let countries: [CountryEntry]
    let countryWeights: [Double]
    let targets: [CountryEntry]
    let bodies: [(name: String, country: CountryEntry?)]
    let titles: [String]
    let generic: [String]
    /// People with a dated role, per year from `firstYear`.
    let peopleByYear: [[Person]]
    let inventedPeople: [Person]
    let ruleSentences: [String]
    let lists: [String: [String]]
    static let firstYear = 2010
    static let lastYear = 2024

    init(rules: RuleSet) {
        let dictionary = rules.actors
        // States before bodies, the ones news talks about most first (the dictionary is alphabetical).
        let prominent: [CountryCode] = [
            "USA", "CHN", "RUS", "JPN", "KOR", "PRK", "IRN", "GBR", "FRA", "DEU", "EU", "UN", "IND", "TUR", "UKR",
            "ISR", "SAU", "NATO", "CAN", "AUS", "ITA", "BRA", "ZAF", "SYR", "VEN", "CUB", "MMR", "PAK", "QAT", "EGY",
        ]
        var ordered = prominent.compactMap { code in dictionary.countries.first { $0.code == code } }
        ordered += dictionary.countries.filter { entry in !prominent.contains(entry.code) }
        countries = ordered.filter { !$0.adjectives.isEmpty || $0.isBody }
        countryWeights = SeededRandom.zipfWeights(countries.count)
        let targetCodes: [CountryCode] = ["PRK", "RUS", "IRN", "CHN", "SYR", "VEN", "MMR", "CUB", "BLR", "AFG", "ISR", "UKR"]
        targets = targetCodes.compactMap { code in dictionary.countries.first { $0.code == code } }
        bodies = dictionary.bodies.map { body in (body.name, body.country.flatMap { code in dictionary.country(code) }) }
        titles = dictionary.titles.filter { !$0.contains("(") }
        generic = dictionary.genericSources.isEmpty ? ["officials", "diplomats", "sources"] : dictionary.genericSources

        var byYear: [[Person]] = Array(repeating: [], count: Self.lastYear - Self.firstYear + 1)
        for person in dictionary.people {
            for year in Self.firstYear...Self.lastYear {
                guard let day = Day(year: year, month: 7, day: 1), let role = person.role(on: day),
                    let code = role.country ?? person.country, let country = dictionary.country(code)
                else { continue }
                let surname = person.name.split(separator: " ").last.map(String.init) ?? person.name
                byYear[year - Self.firstYear].append(
                    Person(name: person.name, surname: surname, country: country, title: role.title, pronoun: "he"))
            }
        }
        peopleByYear = byYear

        // Officials the dictionary does not know: resolved by their title and country, as most are.
        var names = SeededRandom(seed: 0x5EED)
        let first = ["Kenji", "Maria", "Ahmad", "Olga", "Pierre", "Lena", "Tomas", "Ji-hoon", "Amira", "David", "Hiroshi",
                     "Elena", "Rashid", "Ingrid", "Carlos", "Mei", "Sergei", "Anna", "Yusuf", "Claire"]
        let syllables = ["ka", "ro", "mi", "ten", "sa", "vol", "ber", "lin", "do", "mar", "kov", "shi", "ra", "nel",
                         "gu", "ta", "son", "vi", "ley", "mo"]
        let officialTitles = ["spokesman", "spokeswoman", "deputy foreign minister", "foreign ministry spokesman",
                              "ambassador to the United Nations", "envoy", "defence minister", "trade minister",
                              "national security adviser", "senior diplomat"]
        let titledCountries = countries.filter { !$0.isBody && !$0.adjectives.isEmpty }
        inventedPeople = (0..<1500).map { _ in
            var surname = ""
            for _ in 0..<(2 + names.below(2)) { surname += names.pick(syllables) }
            surname = surname.prefix(1).uppercased() + surname.dropFirst()
            let given = names.pick(first)
            let country = titledCountries[names.zipf(titledCountries.count, weights: SeededRandom.zipfWeights(titledCountries.count))]
            return Person(name: "\(given) \(surname)", surname: surname, country: country,
                          title: names.pick(officialTitles), pronoun: names.chance(0.5) ? "he" : "she")
        }

        ruleSentences = rules.examples.map(\.text).filter { text in
            !text.contains("\"") && !text.contains("“") && !text.contains("”") && text.count > 20
        }
        var phraseLists: [String: [String]] = [:]
        for list in rules.lists {
            phraseLists[list.name] = list.phrases.map { $0.replacingOccurrences(of: "~", with: "") }
        }
        lists = phraseLists
    }

    // MARK: Words

    /// A phrase from a rules list, with `(a|b)` alternatives resolved.
    func phrase(_ list: String, _ fallback: String, _ random: inout SeededRandom) -> String {
        guard let phrases = lists[list], !phrases.isEmpty else { return fallback }
        return Self.resolveAlternatives(random.pick(phrases), &random)
    }

    static func resolveAlternatives(_ text: String, _ random: inout SeededRandom) -> String {
        guard text.contains("(") else { return text }
        var result = ""
        var group = ""
        var inGroup = false
        for character in text {
            switch character {
            case "(" where !inGroup:
                inGroup = true
                group = ""
            case ")" where inGroup:
                inGroup = false
                let options = group.split(separator: "|", omittingEmptySubsequences: false)
                result += String(random.pick(options))
            default:
                if inGroup { group.append(character) } else { result.append(character) }
            }
        }
        return result
    }

    func country(_ random: inout SeededRandom) -> CountryEntry {
        countries[random.zipf(countries.count, weights: countryWeights)]
    }

    func adjective(_ country: CountryEntry) -> String { country.adjectives.first ?? country.name }

    func capital(_ country: CountryEntry) -> String { country.capitals.first ?? country.name }

    static func capitalizeWords(_ text: String) -> String {
        text.split(separator: " ").map { word in word.prefix(1).uppercased() + word.dropFirst() }.joined(separator: " ")
    }

    static func sentenceCase(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    // MARK: Speakers

    struct Speaker {
        /// The first mention ("Japanese Foreign Minister Fumio Kishida").
        var full: String
        /// A later mention ("Kishida", "the ministry", "officials").
        var short: String
        var pronoun: String
        var country: CountryEntry
    }

    func speaker(year: Int, _ random: inout SeededRandom) -> Speaker {
        let known = peopleByYear[year - Self.firstYear]
        switch random.below(10) {
        case 0, 1, 2, 3:
            guard !known.isEmpty else { fallthrough }
            let person = random.pick(known)
            let title = Self.capitalizeWords(person.title)
            let full: String
            switch random.below(3) {
            case 0: full = "\(adjective(person.country)) \(title) \(person.name)"
            case 1: full = "\(person.name), the \(adjective(person.country)) \(person.title),"
            default: full = "\(person.country.name)'s \(person.title) \(person.name)"
            }
            return Speaker(full: full, short: person.surname, pronoun: person.pronoun, country: person.country)
        case 4, 5, 6:
            let person = random.pick(inventedPeople)
            let full =
                random.chance(0.5)
                ? "\(person.country.name)'s \(person.title) \(person.name)"
                : "\(adjective(person.country)) \(person.title) \(person.name)"
            return Speaker(full: full, short: person.surname, pronoun: person.pronoun, country: person.country)
        case 7:
            let body = random.pick(bodies)
            let country = body.country ?? self.country(&random)
            let full = body.country != nil ? "the \(body.name)" : "\(country.name)'s \(body.name.lowercased())"
            return Speaker(full: full, short: "the \(body.name.lowercased())", pronoun: "it", country: country)
        case 8:
            let country = self.country(&random)
            let full = "\(random.chance(0.5) ? "a senior" : "an") \(adjective(country)) official"
            return Speaker(full: full, short: "the official", pronoun: "he", country: country)
        default:
            let country = self.country(&random)
            let full = "\(adjective(country)) \(random.pick(generic))"
            return Speaker(full: full, short: "they", pronoun: "they", country: country)
        }
    }

    // MARK: Content

    /// What a speaker says: a clause built from the rules' lists, a rule example, or neutral talk.
    func content(target: CountryEntry, _ random: inout SeededRandom) -> String {
        let t = target.name
        switch random.below(16) {
        case 0:
            return "we will \(phrase("sanctions-imposing", "impose", &random)) \(random.pick(["new", "fresh", "tougher", "further"])) \(phrase("sanctions-nouns", "sanctions", &random)) on \(t)"
        case 1:
            return "the international community must \(phrase("pressure-raising", "raise", &random)) \(phrase("pressure-nouns", "pressure", &random)) on \(t)"
        case 2:
            return "this is not a time for dialogue with \(t), this is a time for pressure"
        case 3:
            return "we are ready to \(phrase("dialogue-verbs", "resume", &random)) \(phrase("dialogue-nouns", "talks", &random)) with \(t) without preconditions"
        case 4:
            return "all parties should exercise restraint and avoid any steps that could escalate tensions on the peninsula"
        case 5:
            return "sanctions against \(t) have never worked and they will not work now"
        case 6:
            return "there is no military solution to the crisis and \(phrase("military-action", "force", &random)) is not an option"
        case 7:
            return "we \(random.pick(["urge", "call on"])) \(t) to return to the negotiating table"
        case 8:
            return "it would be wrong to \(phrase("easing-verbs", "ease", &random)) the \(phrase("sanctions-nouns", "sanctions", &random)) before \(t) changes course"
        case 9, 10, 11, 12:
            return Self.lowerFirst(Self.dropFinalStop(random.pick(ruleSentences)))
        case 13:
            return "the talks in \(capital(random.pick(targets))) were useful and frank and we will meet again next month"
        case 14:
            return "our economy grew \(1 + random.below(6)).\(random.below(10)) percent last year and exports are rising"
        default:
            return "the situation remains very serious and we are watching it closely with our partners"
        }
    }

    static func dropFinalStop(_ text: String) -> String {
        var text = text
        while let last = text.last, last == "." || last == "!" || last == "?" || last == " " { text.removeLast() }
        return text
    }

    /// Lower-cases the first letter unless the sentence opens with a name ("Japan supports …").
    static func lowerFirst(_ text: String) -> String {
        let first = text.prefix(while: { $0 != " " })
        let keep: Set<Substring> = ["I", "We", "It", "This", "The", "There", "They", "He", "She", "Our"]
        guard keep.contains(first) else { return text }
        return first == "I" ? text : text.prefix(1).lowercased() + text.dropFirst()
    }

    // MARK: Paragraphs

    func quoteMarks(_ random: inout SeededRandom) -> (String, String) {
        random.chance(0.6) ? ("“", "”") : ("\"", "\"")
    }

    func statementParagraph(
        speaker: Speaker, mentioned: inout Bool, target: CountryEntry, year: Int, _ random: inout SeededRandom
    ) -> String {
        let who = mentioned ? speaker.short : speaker.full
        let capitalized = Self.sentenceCase(who)
        mentioned = true
        let (open, close) = quoteMarks(&random)
        let said = random.pick([
            "said", "told reporters", "said in a statement", "told a news conference in \(capital(speaker.country))",
            "said on \(random.pick(Self.weekdays))", "added", "stressed", "warned",
        ])
        let content = self.content(target: target, &random)
        switch random.below(8) {
        case 0, 1:
            return "\(open)\(Self.sentenceCase(content)),\(close) \(who) \(said)."
        case 2:
            let end = who.hasSuffix(",") ? String(who.dropLast()) : who
            return "\(open)\(Self.sentenceCase(content)),\(close) said \(end)."
        case 3:
            return "\(capitalized) \(said): \(open)\(Self.sentenceCase(content)).\(close)"
        case 4:
            let more = self.content(target: target, &random)
            return "\(open)\(Self.sentenceCase(content)),\(close) \(who) said. \(open)\(Self.sentenceCase(more)).\(close)"
        case 5:
            return "\(capitalized) said \(random.chance(0.5) ? "that " : "")\(content)."
        case 6:
            return "According to \(who), \(content)."
        default:
            // A country or body taking a position as the subject of the sentence.
            let verb = random.pick([
                "supports", "opposes", "has called for", "rejected", "backs", "welcomed", "condemned",
            ])
            let object = random.pick([
                "new sanctions against \(target.name)", "talks with \(target.name)",
                "\(phrase("pressure-nouns", "pressure", &random)) on \(target.name)",
                "a peaceful solution through dialogue", "the \(phrase("sanctions-nouns", "embargo", &random)) on \(target.name)",
                "military action against \(target.name)", "the lifting of sanctions",
            ])
            let subject = random.chance(0.5) ? speaker.country.name : capital(speaker.country)
            return "\(subject) \(verb) \(object), \(speaker.pronoun == "they" ? "officials" : who) said."
        }
    }

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]
    static let sources = ["Reuters", "AP", "AFP", "Kyodo", "Yonhap", "Xinhua", "TASS", "Bloomberg", "NHK", "DPA"]

    func narration(target: CountryEntry, document: Int, _ random: inout SeededRandom) -> String {
        let other = country(&random)
        switch random.below(12) {
        case 0:
            return "\(target.name) test-fired \(random.chance(0.5) ? "a ballistic missile" : "two short-range missiles") on \(random.pick(Self.weekdays)), the \(2 + random.below(20))th launch this year."
        case 1:
            return "Trade between \(other.name) and \(target.name) fell \(1 + random.below(40)) percent in \(Self.firstYear + random.below(14)), customs data showed."
        case 2:
            return "The meeting in \(capital(other)) lasted about \(1 + random.below(4)) hours and ended without a joint statement."
        case 3:
            return "The \(adjective(other)) delegation arrived on \(random.pick(Self.weekdays)) for a \(2 + random.below(4))-day visit, the first since \(Self.firstYear + random.below(10))."
        case 4:
            return "Shares in \(capital(other)) closed \(random.chance(0.5) ? "up" : "down") \(random.below(3)).\(random.below(100)) percent, and the currency was little changed."
        case 5:
            return "The United Nations Security Council has adopted \(2 + random.below(9)) resolutions on the issue since 2006."
        case 6:
            return "Some \(10 + random.below(990)) people attended the rally outside the embassy, according to police estimates."
        case 7:
            return "Analysts said the move was aimed at a domestic audience ahead of elections due in \(Self.months[random.below(12)])."
        case 8:
            return "The report, number \(document), runs to \(20 + random.below(300)) pages and covers the years since \(Self.firstYear + random.below(10))."
        case 9:
            return "\(other.name) and \(target.name) have no formal diplomatic relations."
        case 10:
            return "The summit is scheduled for \(Self.months[random.below(12)]) \(1 + random.below(28)) in \(capital(other))."
        default:
            return "Oil prices rose \(random.below(5)).\(random.below(10)) percent on the news before easing in late trading."
        }
    }

    func boilerplate(_ random: inout SeededRandom, year: Int, source: String) -> String {
        switch random.below(8) {
        case 0: return "Advertisement"
        case 1: return "Photo: \(source)"
        case 2: return "Read more:"
        case 3: return "Share this"
        case 4: return "© \(year) \(source). All rights reserved."
        case 5: return "Tags: diplomacy, sanctions, security"
        case 6: return "{{ author_byline }}"
        default: return "Sign up for our free newsletter"
        }
    }

    // MARK: Documents

    struct Document {
        var id: String
        var date: Day
        var source: String
        var url: String
        var title: String
        var text: String
    }

    /// Article `index`: 2–4 KB of text.
    func document(_ index: Int, seed: UInt64) -> Document {
        var random = SeededRandom(seed: seed, stream: UInt64(index))
        let year = Self.firstYear + random.below(Self.lastYear - Self.firstYear + 1)
        let day = Day(year: year, month: 1 + random.below(12), day: 1 + random.below(28))!
        let source = random.pick(Self.sources)
        let target = random.pick(targets)
        let speakers = (0..<(1 + random.below(3))).map { _ in speaker(year: year, &random) }
        var mentioned = Array(repeating: false, count: speakers.count)
        let dateline = capital(random.chance(0.7) ? speakers[0].country : target).uppercased()
        let wanted = 2048 + random.below(2048)

        var paragraphs: [String] = []
        var length = 0
        func add(_ paragraph: String) {
            paragraphs.append(paragraph)
            length += paragraph.utf8.count + 2
        }
        let lead = statementParagraph(speaker: speakers[0], mentioned: &mentioned[0], target: target, year: year, &random)
        add("\(dateline), \(Self.months[day.month - 1]) \(day.day) (\(source)) - \(lead)")
        while length < wanted - 200 {
            let roll = random.below(20)
            if roll < 8 {
                let which = random.below(speakers.count)
                var sentence = statementParagraph(
                    speaker: speakers[which], mentioned: &mentioned[which], target: target, year: year, &random)
                if random.chance(0.3) { sentence += " " + narration(target: target, document: index, &random) }
                add(sentence)
            } else if roll < 18 {
                var sentence = narration(target: target, document: index, &random)
                if random.chance(0.5) { sentence += " " + narration(target: target, document: index, &random) }
                add(sentence)
            } else {
                add(boilerplate(&random, year: year, source: source))
            }
        }
        add("The report is number \(index) of the archive.")
        if random.chance(0.1) {
            add("Subscribe now to continue reading")
            add("Get unlimited access to our journalism for \(1 + random.below(9)).99 a month. Cancel any time.")
        }
        let title = "\(adjective(speakers[0].country)) officials on \(target.name): \(random.pick(["sanctions", "talks", "pressure", "restraint"]))"
        let id = "bench-\(String(index, radix: 10))"
        return Document(
            id: id, date: day, source: source, url: "https://news.example/\(year)/\(id)", title: title,
            text: paragraphs.joined(separator: "\n\n"))
    }

    /// One JSON Lines record.
    static func jsonLine(_ document: Document) -> String {
        let fields: [(String, String)] = [
            ("id", JSONText.string(document.id)), ("date", JSONText.string(document.date.iso)),
            ("source", JSONText.string(document.source)), ("url", JSONText.string(document.url)),
            ("title", JSONText.string(document.title)), ("text", JSONText.string(document.text)),
        ]
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}\n"
    }

}
