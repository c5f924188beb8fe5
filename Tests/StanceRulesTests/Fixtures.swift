import StanceModel
import StanceRules
import StanceText

/// Small rule sets written in the tests, so loader and matcher behaviour does not hang on the
/// contents of the default rules.
enum Fixture {
    static let countries = RuleFile(
        path: "actors/countries.yaml",
        contents: """
            countries:
              - code: PRK
                name: North Korea
                aliases: [DPRK]
                adjectives: [North Korean]
                capitals: [Pyongyang]
                metonyms: [the North, the reclusive state]
              - {code: KOR, name: South Korea, adjectives: [South Korean], capitals: [Seoul]}
              - {code: JPN, name: Japan, adjectives: [Japanese], capitals: [Tokyo]}
              - {code: USA, name: United States, aliases: [US, U.S., America], adjectives: [American], capitals: [Washington]}
              - {code: CHN, name: China, adjectives: [Chinese], capitals: [Beijing]}
              - {code: RUS, name: Russia, adjectives: [Russian], capitals: [Moscow], metonyms: [the Kremlin]}
              - {code: IRN, name: Iran, adjectives: [Iranian], capitals: [Tehran]}
              - {code: EU, name: European Union, body: true, aliases: [EU, the bloc]}

            """)

    /// The default rules' shared lists (the engine's negators, purpose markers ...).
    static var lists: [RuleFile] { RuleSet.embeddedFiles.filter { $0.path.hasPrefix("lists/") } }

    static func rule(_ path: String, _ yaml: String) -> RuleFile { RuleFile(path: path, contents: yaml) }

    static func load(_ files: [RuleFile], withLists: Bool = true) -> (RuleSet?, [Diagnostic]) {
        RuleSet.load(files: [countries] + (withLists ? lists : []) + files, prefix: "Rules/")
    }

    static func errors(_ files: [RuleFile], withLists: Bool = true) -> [Diagnostic] {
        load(files, withLists: withLists).1.filter { $0.severity == .error }
    }

    /// One statement covering the whole text, by a speaker of `speaker`'s country.
    static func labels(_ text: String, speaker: CountryCode? = nil, rules: RuleSet) -> [Label] {
        let context = ClassificationContext(text: text, date: nil, lexicon: rules.lexicon)
        return rules.classify(statement(covering: context.text.count, speaker: speaker), in: context)
    }

    static func explain(_ text: String, speaker: CountryCode? = nil, rules: RuleSet) -> Classification {
        let context = ClassificationContext(text: text, date: nil, lexicon: rules.lexicon)
        return rules.explain(statement(covering: context.text.count, speaker: speaker), in: context)
    }

    static func statement(covering count: Int, speaker: CountryCode?) -> Statement {
        Statement(
            ordinal: 0, kind: .quote, cue: nil, cueSpan: nil, span: TextSpan(start: 0, end: count),
            content: [TextSpan(start: 0, end: count)],
            speaker: Speaker(
                mention: nil, mentionSpan: nil, actor: speaker?.rawValue ?? "someone", kind: .country, country: speaker,
                resolution: .dictionary))
    }
}

extension Label {
    /// "dialogue oppose → PRK", for compact expectations.
    var summary: String { "\(stance) \(polarity) → \(target?.rawValue ?? "none")" }
    var stancePolarity: String { "\(stance) \(polarity)" }
}
