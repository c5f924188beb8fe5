import Foundation
import StanceModel
import StanceRules
import StanceText
import Testing

/// Classification speed, on request: `STANCE_BENCH=corpus.jsonl swift test -c release --filter Throughput`
/// classifies every sentence of every document as a statement, many times over, and prints statements
/// per second (issue 6 asks reclassify for at least 200,000 a second).
@Suite("Throughput")
struct ThroughputTests {
    static let corpus = ProcessInfo.processInfo.environment["STANCE_BENCH"]

    @Test(.enabled(if: corpus != nil))
    func classifySentences() throws {
        let rules = try #require(RuleSet.embedded.0)
        struct Document: Decodable { var text: String }
        let lines = try String(contentsOfFile: Self.corpus!, encoding: .utf8).split(separator: "\n")
        let texts = try lines.map { try JSONDecoder().decode(Document.self, from: Data($0.utf8)).text }
        var prepared: [(ClassificationContext, [Statement])] = []
        for text in texts {
            let context = ClassificationContext(text: text, date: nil, lexicon: rules.lexicon)
            let statements = Segmenter.sentences(context.tokens).enumerated().map { ordinal, range in
                let span = TextSpan(start: context.tokens[range.lowerBound].start, end: context.tokens[range.upperBound - 1].end)
                return Statement(
                    ordinal: ordinal, kind: .quote, cue: nil, cueSpan: nil, span: span, content: [span],
                    speaker: Speaker(mention: nil, mentionSpan: nil, actor: "x", kind: .country, country: "USA", resolution: .dictionary))
            }
            prepared.append((context, statements))
        }
        let statementCount = prepared.reduce(0) { $0 + $1.1.count }
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        var labels = 0
        let rounds = Int(ProcessInfo.processInfo.environment["STANCE_BENCH_ROUNDS"] ?? "") ?? 50
        // CPU time of this thread, not wall time: the machine running the tests is often busy.
        let start = Self.threadCPUTime()
        for _ in 0..<rounds {
            for (context, statements) in prepared {
                for statement in statements { labels += rules.classify(statement, in: context).count }
            }
        }
        let seconds = Self.threadCPUTime() - start
        print(
            "classified \(statementCount * rounds) sentences (\(labels) labels) in \(String(format: "%.3f", seconds)) s: \(Int(Double(statementCount * rounds) / seconds)) statements/s, \(String(format: "%.1f", Double(bytes * rounds) / seconds / 1_000_000)) MB/s"
        )
        let contextStart = Self.threadCPUTime()
        for _ in 0..<rounds {
            for text in texts { _ = ClassificationContext(text: text, date: nil, lexicon: rules.lexicon) }
        }
        let contextSeconds = Self.threadCPUTime() - contextStart
        print("contexts (tokenize + country mentions): \(String(format: "%.1f", Double(bytes * rounds) / contextSeconds / 1_000_000)) MB/s")
    }

    static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
