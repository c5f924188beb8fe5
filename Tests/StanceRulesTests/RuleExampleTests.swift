import StanceModel
import StanceRules
import Testing

/// Every example sentence of every built-in rule is its own test case; a failure points at the
/// example's line in the rule's YAML file.
@Suite("Rule examples")
struct RuleExampleTests {
    static let rules: RuleSet? = RuleSet.embedded.0

    /// The repository root, found from this file's path (Tests/StanceRulesTests/<this file>).
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    @Test(arguments: RuleSet.embedded.0?.examples ?? [])
    func example(_ example: RuleExample) throws {
        let rules = try #require(Self.rules)
        let outcome = rules.run(example)
        if let failure = outcome.failure {
            Issue.record(
                "\(failure)\n    \(example.text)",
                sourceLocation: SourceLocation(
                    fileID: "StanceRules/\(example.file)", filePath: "\(Self.root)/\(example.file)", line: example.line,
                    column: example.column))
        }
    }

    @Test func everyRuleHasExamplesThatMatchAndThatDoNot() throws {
        let rules = try #require(Self.rules)
        for rule in rules.rules {
            let examples = rules.examples.filter { $0.rule == rule.id }
            #expect(examples.contains { if case .match = $0.expectation { true } else { false } }, "\(rule.file) has no match example")
        }
    }
}
