import StanceModel
import StanceRules
import StanceText
import Testing

/// Hostile rule files and text: loading and classifying never crash, whatever the input.
@Suite("Robustness")
struct RobustnessTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    static let fragments = [
        "(", ")", "|", "?", "~", "...", "...99", "@", "@nope", "<", ">", "<country>", "<party>", "\"", "'", ":", "- ",
        "\n", "  ", "{", "}", "[", "]", "&a", "*a", "!!str ", "\u{0}", "é", "2017-02-30", "ZZZ", "stance: x", "#",
    ]

    @Test func mutatedRuleFilesGiveDiagnosticsNotCrashes() {
        var generator = Generator(state: 42)
        // The rules and lists without the (large) actor dictionary keep each load quick.
        let files = [Fixture.countries] + RuleSet.embeddedFiles.filter { !$0.path.hasPrefix("actors/") }
        for round in 0..<60 {
            var mutated = files
            let index = Int.random(in: 0..<files.count, using: &generator)
            var scalars = Array(files[index].contents.unicodeScalars)
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let at = Int.random(in: 0...scalars.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: scalars.insert(contentsOf: Self.fragments.randomElement(using: &generator)!.unicodeScalars, at: at)
                case 1: if at < scalars.count { scalars.remove(at: at) }
                default: if !scalars.isEmpty { scalars.removeSubrange(min(at, scalars.count - 1)..<min(scalars.count, at + 20)) }
                }
            }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            mutated[index].contents = String(text)
            let (set, diagnostics) = RuleSet.load(files: mutated, prefix: "Rules/")
            if set == nil {
                #expect(diagnostics.contains { $0.severity == .error && $0.file != nil }, "round \(round): nil set without a located error")
            }
        }
    }

    @Test(arguments: [
        "", " ", "\n\n\n", "\"", "“unclosed quote", "...", "?!?!", "(((((", String(repeating: "sanctions ", count: 3000),
        String(repeating: "not ", count: 500) + "talks", "U.S. U.N. N't 's ' ' '", "\u{0}\u{1}\u{FFFD}", "🙂 sanctions 🙂",
    ])
    func oddTextClassifiesWithoutCrashing(text: String) throws {
        let rules = try #require(RuleSet.embedded.0)
        let labels = Fixture.labels(text, speaker: "USA", rules: rules)
        #expect(labels.allSatisfy { $0.span.end <= ScalarText(text).count })
    }

    @Test func emptyAndOutOfRangeContentSpans() throws {
        let rules = try #require(RuleSet.embedded.0)
        let context = ClassificationContext(text: "We support new sanctions.", date: nil, lexicon: rules.lexicon)
        for span in [TextSpan(start: 0, end: 0), TextSpan(start: 10, end: 10_000), TextSpan(start: 5_000, end: 6_000)] {
            let statement = Statement(
                ordinal: 0, kind: .quote, cue: nil, cueSpan: nil, span: span, content: [span],
                speaker: Speaker(mention: nil, mentionSpan: nil, actor: "x", kind: .country, country: nil, resolution: .unresolved))
            _ = rules.classify(statement, in: context)
        }
    }
}
