import Foundation
import StanceRules
import Testing

/// A rule-writing loop that runs only on request: `STANCE_EVAL=gold.jsonl[:more.jsonl] swift test
/// --filter DevLoop` (with `STANCE_RULES=dir` for a rules copy) prints the rules' diagnostics, every
/// failing example and the evidence-level evaluation of each gold corpus, like `stance rules eval`.
@Suite("Dev loop")
struct DevLoopTests {
    static let gold = ProcessInfo.processInfo.environment["STANCE_EVAL"]

    @Test(.enabled(if: gold != nil))
    func evaluate() throws {
        let (set, diagnostics) = RuleSet.load(directory: RuleSet.directory(option: nil))
        for diagnostic in diagnostics { print(diagnostic) }
        let rules = try #require(set)
        var failures = 0
        for outcome in rules.runExamples() where !outcome.passed {
            failures += 1
            print("\(outcome.example.location): \(outcome.failure!)\n    \(outcome.example.text)")
        }
        print("examples: \(rules.examples.count - failures)/\(rules.examples.count) pass; \(rules.rules.count) rules")
        for file in (Self.gold ?? "").split(separator: ":") {
            print("== \(file)")
            print(try EvidenceEvaluation.run(gold: URL(fileURLWithPath: String(file)), rules: rules).report)
        }
    }
}
