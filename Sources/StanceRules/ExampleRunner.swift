import StanceModel
import StanceText

extension RuleSet {
    /// Classifies an example sentence as a one-statement document and checks what its rule did.
    public func run(_ example: RuleExample) -> ExampleOutcome {
        let context = ClassificationContext(text: example.text, date: nil, rules: self)
        let statement = Statement(
            ordinal: 0, kind: .quote, cue: nil, cueSpan: nil, span: TextSpan(start: 0, end: context.text.count),
            content: [TextSpan(start: 0, end: context.text.count)],
            speaker: Speaker(
                mention: nil, mentionSpan: nil, actor: example.speaker?.rawValue ?? "example", kind: .country,
                country: example.speaker, resolution: .dictionary))
        var candidates: [Candidate] = []
        var scratch = ClassificationScratch()
        for unit in units(of: statement.content, in: context) {
            candidates += classify(unit: unit, speaker: example.speaker, in: context, &scratch)
        }
        let labels = explain(statement, in: context).labels
        let own = candidates.filter { $0.label.rule == example.rule }
        let kept = own.filter(\.kept).map(\.label)

        func describe(_ label: Label) -> String {
            "\(label.stance) \(label.polarity) → \(label.target?.rawValue ?? "none")"
        }
        func why(_ labels: [Label]) -> String {
            labels.flatMap(\.decisions).filter { $0.kind != .matched && $0.kind != .target }.map(\.detail)
                .joined(separator: "; ")
        }
        var failure: String? = nil
        switch example.expectation {
        case .match(let polarity, let target):
            if kept.isEmpty {
                let withheld = own.filter { !$0.kept }.map(\.label)
                failure = withheld.isEmpty
                    ? "expected \(example.rule) to match, but none of its patterns matched"
                    : "expected \(example.rule) to match, but its match was withheld: \(why(withheld))"
            } else if !kept.contains(where: { $0.polarity == polarity }) {
                failure = "expected \(polarity), got \(kept.map(describe).joined(separator: ", "))\(why(kept).isEmpty ? "" : " (\(why(kept)))")"
            } else if let target {
                let expected: CountryCode? = if case .country(let code) = target { code } else { nil }
                if !kept.contains(where: { $0.polarity == polarity && $0.target == expected }) {
                    failure = "expected target \(target), got \(kept.filter { $0.polarity == polarity }.map(describe).joined(separator: ", "))"
                }
            }
        case .noMatch:
            if !kept.isEmpty {
                failure = "expected no label from \(example.rule), got \(kept.map(describe).joined(separator: ", ")) from '\(kept[0].decisions.first?.detail ?? "")'"
            }
        }
        return ExampleOutcome(example: example, failure: failure, labels: labels)
    }

    /// Runs every example of every rule.
    public func runExamples() -> [ExampleOutcome] { examples.map(run) }
}
