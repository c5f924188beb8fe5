import Foundation
import StanceModel
import StanceStore

/// Articles and statements shaped like what the text pipeline and the rules produce for the seeds.
enum Fixtures {
    static let maruyamaArticle = """
        "This is not a time for dialogue. This is a time for pressure," Japan's foreign ministry spokesman Norio \
        Maruyama told reporters today in New York.
        "This is a time to raise pressure in order to conduct a serious dialogue," said Maruyama.
        Japan supports new sanctions but also maintains that Russia and China must do more.
        Disclaimer: No Business Standard Journalist was involved in creation of this content
        """

    static let negotiatorsArticle = """
         date 2017-04-24 Senior diplomats from Japan, the United States and South Korea agreed Tuesday to pile \
        greater pressure on North Korea.
        "We agreed to urge (North Korea) to exercise restraint and strengthen (our) deterrence power," Kenji \
        Kanasugi, director general at Japan’s Foreign Ministry, added.
        """

    /// Unicode scalar offsets of the first occurrence of `needle` (after `after`, when given).
    static func span(of needle: String, in text: String, after: String? = nil) -> TextSpan {
        let haystack = Array(text.unicodeScalars)
        let pattern = Array(needle.unicodeScalars)
        var from = 0
        if let after {
            let anchor = span(of: after, in: text)
            from = anchor.end
        }
        for start in from...(haystack.count - pattern.count) where Array(haystack[start..<start + pattern.count]) == pattern {
            return TextSpan(start: start, end: start + pattern.count)
        }
        fatalError("\(needle) not in text")
    }

    static func maruyama(role: String? = "spokesman") -> Speaker {
        Speaker(
            mention: "Japan's foreign ministry spokesman Norio Maruyama", mentionSpan: nil, actor: "Norio Maruyama",
            kind: .person, role: role, country: "JPN", resolution: .title, note: "title: foreign ministry spokesman")
    }

    static let japan = Speaker(
        mention: "Japan", mentionSpan: nil, actor: "Japan", actorKey: "JPN", kind: .country, country: "JPN",
        resolution: .dictionary)

    /// Document 000 with three statements and four labels.
    static func maruyamaDocument(id: String = "000_c2941bbf795685c8", date: Day? = Day(iso: "2017-07-18"), text: String? = nil)
        -> (SourceDocument, [ClassifiedStatement])
    {
        let text = text ?? maruyamaArticle
        let document = SourceDocument(
            metadata: DocumentMetadata(id: id, date: date, source: "Business Standard (wire)"), text: text,
            origin: DocumentOrigin(path: "seeds/\(id).txt"))
        var firstSpeaker = maruyama()
        firstSpeaker.mentionSpan = span(of: "Japan's foreign ministry spokesman Norio Maruyama", in: text)
        let firstSentence = span(of: String(text.prefix { $0 != "\n" }), in: text)
        let first = Statement(
            ordinal: 0, kind: .quote, cue: "told reporters", cueSpan: span(of: "told reporters", in: text),
            span: firstSentence,
            content: [span(of: "This is not a time for dialogue. This is a time for pressure,", in: text)],
            speaker: firstSpeaker)
        var secondSpeaker = maruyama()
        secondSpeaker.mention = "Maruyama"
        secondSpeaker.mentionSpan = span(of: "Maruyama", in: text, after: "said")
        secondSpeaker.resolution = .surname
        let second = Statement(
            ordinal: 1, kind: .quote, cue: "said", cueSpan: span(of: "said", in: text),
            span: span(of: "\"This is a time to raise pressure in order to conduct a serious dialogue,\" said Maruyama.", in: text),
            content: [span(of: "This is a time to raise pressure in order to conduct a serious dialogue,", in: text)],
            speaker: secondSpeaker)
        var japanSpeaker = japan
        let japanStart = span(of: "Japan supports", in: text).start
        japanSpeaker.mentionSpan = TextSpan(start: japanStart, end: japanStart + 5)
        let third = Statement(
            ordinal: 2, kind: .position, cue: nil, cueSpan: nil,
            span: span(of: "Japan supports new sanctions but also maintains that Russia and China must do more.", in: text),
            content: [span(of: "supports new sanctions", in: text)], speaker: japanSpeaker)
        let statements = [
            ClassifiedStatement(
                statement: first,
                labels: [
                    Label(
                        stance: .dialogue, polarity: .oppose, target: "PRK",
                        span: span(of: "This is not a time for dialogue.", in: text), rule: "dialogue/not-time-for",
                        decisions: [
                            Decision(kind: .matched, detail: "not a time for dialogue", span: span(of: "not a time for dialogue", in: text)),
                            Decision(kind: .negated, detail: "\"not\" flips support to oppose"),
                        ]),
                    Label(
                        stance: .pressure, polarity: .support, target: "PRK",
                        span: span(of: "This is a time for pressure,", in: text), rule: "pressure/time-for"),
                ]),
            ClassifiedStatement(
                statement: second,
                labels: [
                    Label(
                        stance: .pressure, polarity: .support, target: "PRK",
                        span: span(of: "This is a time to raise pressure in order to conduct a serious dialogue,", in: text),
                        rule: "pressure/raise")
                ]),
            ClassifiedStatement(
                statement: third,
                labels: [
                    Label(
                        stance: .sanctions, polarity: .support, target: "PRK",
                        span: span(of: "Japan supports new sanctions", in: text), rule: "sanctions/support-new")
                ]),
        ]
        return (document, statements)
    }

    /// Document 004: one statement by a person with a non-ASCII apostrophe in the text.
    static func negotiatorsDocument(id: String = "004_57b25ce32ab654a7", date: Day? = Day(iso: "2017-04-24"))
        -> (SourceDocument, [ClassifiedStatement])
    {
        let text = negotiatorsArticle
        let document = SourceDocument(
            metadata: DocumentMetadata(id: id, date: date, source: "Kyodo"), text: text,
            origin: DocumentOrigin(path: "seeds/\(id).txt"))
        let speaker = Speaker(
            mention: "Kenji Kanasugi, director general at Japan’s Foreign Ministry",
            mentionSpan: span(of: "Kenji Kanasugi, director general at Japan’s Foreign Ministry", in: text),
            actor: "Kenji Kanasugi", kind: .person, role: "director general", country: "JPN", resolution: .title)
        let sentence = span(
            of: "\"We agreed to urge (North Korea) to exercise restraint and strengthen (our) deterrence power,\" Kenji Kanasugi, director general at Japan’s Foreign Ministry, added.",
            in: text)
        let statement = Statement(
            ordinal: 0, kind: .quote, cue: "added", cueSpan: span(of: "added", in: text), span: sentence,
            content: [span(of: "We agreed to urge (North Korea) to exercise restraint and strengthen (our) deterrence power,", in: text)],
            speaker: speaker)
        return (
            document,
            [
                ClassifiedStatement(
                    statement: statement,
                    labels: [
                        Label(
                            stance: .restraint, polarity: .support, target: "PRK",
                            span: span(of: "urge (North Korea) to exercise restraint", in: text), rule: "restraint/urge"),
                        Label(
                            stance: .pressure, polarity: .support, target: "PRK",
                            span: span(of: "strengthen (our) deterrence power", in: text), rule: "pressure/deterrence"),
                    ])
            ]
        )
    }

    /// A fresh in-memory database with a rule set and a run.
    static func database() throws -> (StanceDatabase, rulesetID: Int64, runID: Int64) {
        let database = try StanceDatabase.inMemory()
        let rulesetID = try database.registerRuleset(version: "rules-3f9a1c", ruleCount: 42)
        let runID = try database.beginRun(command: "ingest seeds", rulesetID: rulesetID)
        return (database, rulesetID, runID)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stance-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
