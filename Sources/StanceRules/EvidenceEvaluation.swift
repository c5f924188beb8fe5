import Foundation
import StanceModel
import StanceText

/// A quick check of the rules against a gold corpus (score.py's format), without extraction:
/// every gold evidence is classified as a statement by its gold country, and every sentence that
/// carries no gold label is classified as a statement of unknown speaker to count false alarms.
///
/// It isolates the rules from statement extraction and attribution, so a rule edit can be judged in
/// a second: `stance rules eval ../shared/eval/dev.jsonl`.
public struct EvidenceEvaluation: Sendable {
    public struct Miss: Sendable {
        public var document: String
        public var expected: String
        public var evidence: String
        public var got: [String]
    }

    public struct FalseAlarm: Sendable {
        public var document: String
        public var label: String
        public var rule: String
        public var text: String
    }

    public var required = 0
    public var requiredHits = 0
    public var optional = 0
    public var optionalHits = 0
    public var narrationUnits = 0
    public var misses: [Miss] = []
    public var optionalMisses: [Miss] = []
    /// Labels from gold evidence that no gold entry of that evidence accounts for.
    public var extras: [FalseAlarm] = []
    /// Labels from sentences that carry no gold label at all.
    public var falseAlarms: [FalseAlarm] = []

    struct GoldDocument: Decodable {
        var id: String
        var date: String?
        var text: String
        var gold: [GoldEntry]
    }

    struct GoldEntry: Decodable {
        var country: String?
        var stance: String
        var polarity: String
        var target: String?
        var evidence: String
        var optional: Bool?
    }

    public static func run(gold file: URL, rules: RuleSet) throws -> EvidenceEvaluation {
        let data = try String(contentsOf: file, encoding: .utf8)
        var result = EvidenceEvaluation()
        for line in data.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let document = try JSONDecoder().decode(GoldDocument.self, from: Data(line.utf8))
            result.evaluate(document, rules: rules)
        }
        return result
    }

    mutating func evaluate(_ document: GoldDocument, rules: RuleSet) {
        let context = ClassificationContext(text: document.text, date: document.date.flatMap { Day(iso: $0) }, rules: rules)
        func span(of evidence: String) -> TextSpan? {
            guard let range = document.text.range(of: evidence) else { return nil }
            let start = document.text.unicodeScalars.distance(from: document.text.startIndex, to: range.lowerBound)
            return TextSpan(start: start, end: start + evidence.unicodeScalars.count)
        }
        func statement(_ span: TextSpan, country: CountryCode?) -> Statement {
            Statement(
                ordinal: 0, kind: .quote, cue: nil, cueSpan: nil, span: span, content: [span],
                speaker: Speaker(mention: nil, mentionSpan: nil, actor: country?.rawValue ?? "?", kind: .country, country: country, resolution: .dictionary))
        }
        func describe(_ label: Label) -> String { "\(label.stance) \(label.polarity) → \(label.target?.rawValue ?? "none")" }

        let entries = document.gold.compactMap { entry in span(of: entry.evidence).map { (entry, $0) } }
        let sentences = Segmenter.sentences(context.tokens).map {
            TextSpan(start: context.tokens[$0.lowerBound].start, end: context.tokens[$0.upperBound - 1].end)
        }
        for (entry, evidenceSpan) in entries {
            let country = entry.country.map { CountryCode($0) }
            // Statements reach the rules as whole quotes or reported clauses, so classify the
            // sentences the evidence lies in rather than the evidence alone.
            let content = sentences.filter { $0.overlaps(evidenceSpan) }.reduce(evidenceSpan) { $0.union($1) }
            let labels = rules.classify(statement(content, country: country), in: context).filter {
                $0.span.overlaps(evidenceSpan)
            }
            let hit = labels.contains { $0.stance.rawValue == entry.stance && $0.polarity.rawValue == entry.polarity }
            let isOptional = entry.optional ?? false
            if isOptional { optional += 1 } else { required += 1 }
            if hit {
                if isOptional { optionalHits += 1 } else { requiredHits += 1 }
            } else {
                let miss = Miss(
                    document: document.id, expected: "\(entry.country ?? "?") \(entry.stance) \(entry.polarity)",
                    evidence: entry.evidence, got: labels.map(describe))
                if isOptional { optionalMisses.append(miss) } else { misses.append(miss) }
            }
            for label in labels {
                let explained = entries.contains { other, otherSpan in
                    other.country == entry.country && other.stance == label.stance.rawValue
                        && other.polarity == label.polarity.rawValue && otherSpan.overlaps(label.span)
                }
                if !explained, !extras.contains(where: { $0.document == document.id && $0.label == "\(entry.country ?? "?") " + describe(label) && $0.rule == label.rule }) {
                    extras.append(
                        FalseAlarm(document: document.id, label: "\(entry.country ?? "?") " + describe(label), rule: label.rule, text: entry.evidence))
                }
            }
        }
        for sentence in Segmenter.sentences(context.tokens) {
            let sentenceSpan = TextSpan(start: context.tokens[sentence.lowerBound].start, end: context.tokens[sentence.upperBound - 1].end)
            if entries.contains(where: { $0.1.overlaps(sentenceSpan) }) { continue }
            narrationUnits += 1
            for label in rules.classify(statement(sentenceSpan, country: nil), in: context) {
                falseAlarms.append(FalseAlarm(document: document.id, label: describe(label), rule: label.rule, text: context.text[sentenceSpan]))
            }
        }
    }

    public var report: String {
        var lines: [String] = []
        for miss in misses {
            lines.append("MISS \(miss.document): \(miss.expected) | \(miss.evidence) | got: \(miss.got.joined(separator: ", "))")
        }
        for miss in optionalMisses {
            lines.append("miss (optional) \(miss.document): \(miss.expected) | \(miss.evidence) | got: \(miss.got.joined(separator: ", "))")
        }
        for extra in extras {
            lines.append("EXTRA \(extra.document): \(extra.label) [\(extra.rule)] | \(extra.text)")
        }
        for alarm in falseAlarms {
            lines.append("FALSE ALARM \(alarm.document): \(alarm.label) [\(alarm.rule)] | \(alarm.text)")
        }
        lines.append(
            "required evidence hit: \(requiredHits)/\(required); optional: \(optionalHits)/\(optional); extra labels on evidence: \(extras.count); labels on \(narrationUnits) sentences without gold: \(falseAlarms.count)"
        )
        return lines.joined(separator: "\n")
    }
}
