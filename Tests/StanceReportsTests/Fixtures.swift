import Foundation
import StanceModel
import StanceReports
import StanceStore
import Testing

/// Databases shaped like what the pipeline makes of the seed articles, built by hand so these tests
/// depend on neither the text stage nor the rules.
enum Fixtures {
    /// One statement to store: who said it, the sentence, and its labels (position and target).
    struct Said {
        var speaker: Speaker
        var sentence: String
        var labels: [(StancePosition, CountryCode?, String)]
        /// The quoted or reported words, when not the whole sentence.
        var content: String?
    }

    static func person(
        _ name: String, _ country: CountryCode?, role: String? = nil, key: String? = nil, mention: String? = nil
    ) -> Speaker {
        Speaker(
            mention: mention ?? name, mentionSpan: nil, actor: name, actorKey: key, kind: .person, role: role,
            country: country, resolution: key == nil ? .title : .dictionary)
    }

    static func country(_ name: String, _ code: CountryCode, mention: String? = nil) -> Speaker {
        Speaker(
            mention: mention ?? name, mentionSpan: nil, actor: name, actorKey: code.rawValue, kind: .country,
            country: code, resolution: .dictionary)
    }

    static func body(_ name: String, _ code: CountryCode) -> Speaker {
        Speaker(mention: name, mentionSpan: nil, actor: name, kind: .body, country: code, resolution: .body)
    }

    static let sources = Speaker(
        mention: "diplomatic sources", mentionSpan: nil, actor: "diplomatic sources", kind: .generic, country: nil,
        resolution: .unresolved)

    static let kishida = PersonEntry(
        name: "Fumio Kishida", aliases: ["Kishida"], country: "JPN",
        roles: [
            Role(title: "foreign minister", from: Day(iso: "2012-12-26"), to: Day(iso: "2017-08-03")),
            Role(title: "prime minister", from: Day(iso: "2021-10-04"), to: Day(iso: "2024-10-01")),
        ])

    static let dictionary = ActorDictionary(
        countries: [
            CountryEntry(code: "JPN", name: "Japan", adjectives: ["Japanese"], capitals: ["Tokyo"]),
            CountryEntry(code: "USA", name: "United States", aliases: ["U.S."], capitals: ["Washington"]),
            CountryEntry(code: "KOR", name: "South Korea", adjectives: ["South Korean"], capitals: ["Seoul"]),
            CountryEntry(code: "PRK", name: "North Korea", aliases: ["DPRK"], capitals: ["Pyongyang"]),
        ],
        people: [
            kishida,
            PersonEntry(name: "Kim Hong-kyun", aliases: ["Kim Hong Kyun"], country: "KOR"),
            PersonEntry(name: "Kim Jong Un", aliases: ["Kim"], country: "PRK"),
        ])

    static let pressureSupport = StancePosition(.pressure, .support)
    static let restraintSupport = StancePosition(.restraint, .support)
    static let dialogueSupport = StancePosition(.dialogue, .support)
    static let dialogueOppose = StancePosition(.dialogue, .oppose)
    static let sanctionsSupport = StancePosition(.sanctions, .support)

    /// The April meeting in Tokyo (as in seed 004).
    static var april: [Said] {
        [
            Said(
                speaker: country("Japan", "JPN"),
                sentence: "Senior diplomats from Japan, the United States and South Korea agreed Tuesday to pile greater pressure on North Korea.",
                labels: [(pressureSupport, "PRK", "pressure/raise-pressure")]),
            Said(
                speaker: country("United States", "USA", mention: "the United States"),
                sentence: "Senior diplomats from Japan, the United States and South Korea agreed Tuesday to pile greater pressure on North Korea.",
                labels: [(pressureSupport, "PRK", "pressure/raise-pressure")]),
            Said(
                speaker: person("Joseph Yun", "USA", role: "special representative"),
                sentence: "\"We agreed that we will coordinate all actions diplomatic, military, economic regarding North Korea,\" Joseph Yun told reporters.",
                labels: [(pressureSupport, "PRK", "pressure/punitive-action")],
                content: "We agreed that we will coordinate all actions diplomatic, military, economic regarding North Korea,"),
            Said(
                speaker: person("Kim Hong Kyun", "KOR", role: "special representative"),
                sentence: "Kim Hong Kyun told reporters the three countries will maximize their pressure on the North.",
                labels: [(pressureSupport, "PRK", "pressure/raise-pressure")]),
            Said(
                speaker: person("Kenji Kanasugi", "JPN", role: "director general"),
                sentence: "\"We agreed to urge (North Korea) to exercise restraint and strengthen (our) deterrence power,\" he added.",
                labels: [(restraintSupport, "PRK", "restraint/show-restraint"), (pressureSupport, "PRK", "pressure/punitive-action")],
                content: "We agreed to urge (North Korea) to exercise restraint and strengthen (our) deterrence power,"),
            Said(
                speaker: person("Fumio Kishida", "JPN", role: "foreign minister", key: "Fumio Kishida", mention: "Japanese Foreign Minister Fumio Kishida"),
                sentence: "Japanese Foreign Minister Fumio Kishida told reporters that Wu Dawei will visit Japan.",
                labels: []),
            Said(
                speaker: person("Fumio Kishida", "JPN", key: "Fumio Kishida", mention: "Kishida"),
                sentence: "\"I hope to attend the meeting to firmly call on North Korea to exercise restraint,\" Kishida said.",
                labels: [(restraintSupport, "PRK", "restraint/show-restraint")],
                content: "I hope to attend the meeting to firmly call on North Korea to exercise restraint,"),
            Said(
                speaker: sources,
                sentence: "They plan to meet to coordinate efforts to pressure North Korea, diplomatic sources said.",
                labels: [(pressureSupport, "PRK", "pressure/pressure-verb")]),
        ]
    }

    /// The July briefing in New York (as in seed 000).
    static var july: [Said] {
        [
            Said(
                speaker: person("Norio Maruyama", "JPN", role: "foreign ministry spokesman"),
                sentence: "\"This is not a time for dialogue. This is a time for pressure,\" Japan's foreign ministry spokesman Norio Maruyama told reporters.",
                labels: [(dialogueOppose, "PRK", "dialogue/time-for-dialogue"), (pressureSupport, "PRK", "pressure/time-for-pressure")],
                content: "This is not a time for dialogue. This is a time for pressure,"),
            Said(
                speaker: person("Norio Maruyama", "JPN", role: "foreign ministry spokesman", mention: "Maruyama"),
                sentence: "\"This is a time to raise pressure in order to conduct a serious dialogue,\" said Maruyama.",
                labels: [(dialogueSupport, "PRK", "dialogue/pursue-dialogue"), (pressureSupport, "PRK", "pressure/raise-pressure")],
                content: "This is a time to raise pressure in order to conduct a serious dialogue,"),
            Said(
                speaker: body("South Korea Defence Ministry", "KOR"),
                sentence: "South Korea's defence ministry proposed a meeting at Panmunjom to ease tensions.",
                labels: [(dialogueSupport, "PRK", "dialogue/pursue-dialogue"), (restraintSupport, "PRK", "restraint/de-escalate")]),
            Said(
                speaker: country("Japan", "JPN"),
                sentence: "Japan supports new sanctions but also maintains that Russia and China must do more.",
                labels: [(sanctionsSupport, "RUS", "sanctions/impose-sanctions")]),
            Said(
                speaker: person("Norio Maruyama", "JPN", role: "foreign ministry spokesman", mention: "Maruyama"),
                sentence: "\"What is important is to stop the flow of currency to North Korea\" said Maruyama.",
                labels: [(sanctionsSupport, "PRK", "sanctions/cut-funding")],
                content: "What is important is to stop the flow of currency to North Korea"),
        ]
    }

    /// A wire story without a date.
    static var undated: [Said] {
        [
            Said(
                speaker: person("Kim Hong Kyun", "KOR", role: "special representative"),
                sentence: "Kim Hong Kyun said Seoul would keep up the pressure.",
                labels: [(pressureSupport, "PRK", "pressure/raise-pressure")])
        ]
    }

    /// A document whose text is the sentences, one per line, each one statement spanning its line.
    static func document(_ id: String, date: Day?, source: String?, _ said: [Said]) -> (SourceDocument, [ClassifiedStatement]) {
        var text = ""
        var statements: [ClassifiedStatement] = []
        for (ordinal, item) in said.enumerated() {
            let start = text.unicodeScalars.count
            text += item.sentence + "\n"
            let span = TextSpan(start: start, end: start + item.sentence.unicodeScalars.count)
            var content = span
            if let words = item.content, let range = item.sentence.range(of: words) {
                let offset = item.sentence.unicodeScalars.distance(
                    from: item.sentence.unicodeScalars.startIndex, to: range.lowerBound)
                content = TextSpan(start: start + offset, end: start + offset + words.unicodeScalars.count)
            }
            let statement = Statement(
                ordinal: ordinal, kind: item.content == nil ? .reported : .quote, cue: "said", cueSpan: nil, span: span,
                content: [content], speaker: item.speaker)
            statements.append(
                ClassifiedStatement(
                    statement: statement,
                    labels: item.labels.map { position, target, rule in
                        Label(stance: position.stance, polarity: position.polarity, target: target, span: content, rule: rule)
                    }))
        }
        let document = SourceDocument(
            metadata: DocumentMetadata(id: id, date: date, source: source), text: text, origin: DocumentOrigin(path: "\(id).txt"))
        return (document, statements)
    }

    /// The seed-shaped database: April and July 2017, and an undated story. July's labels come from
    /// a second rule set, so reports name two.
    static func seedDatabase(path: String? = nil) throws -> StanceDatabase {
        let database = try path.map { try StanceDatabase.open(path: $0) } ?? StanceDatabase.inMemory()
        let first = try database.registerRuleset(version: "rules-a1", ruleCount: 40)
        let second = try database.registerRuleset(version: "rules-b2", ruleCount: 42)
        let run = try database.beginRun(command: "ingest seeds", rulesetID: first)
        let documents = [
            (document("004_tokyo", date: Day(iso: "2017-04-24"), source: "Kyodo", april), first),
            (document("000_newyork", date: Day(iso: "2017-07-18"), source: "Business Standard (wire)", july), second),
            (document("wire_undated", date: nil, source: nil, undated), first),
        ]
        for ((document, statements), ruleset) in documents {
            _ = try database.store(
                document, contentHash: "hash-\(document.metadata.id)", statements: statements, rulesetID: ruleset, runID: run)
        }
        return database
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stance-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every export row, for counting independently of the report queries.
    static func exportRows(_ database: StanceDatabase) throws -> [ExportRow] {
        var rows: [ExportRow] = []
        try database.exportRows(.all) { rows.append($0) }
        return rows
    }
}

/// A small deterministic generator (SplitMix64), so random fixtures are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
