import ArgumentParser
import Foundation
import StanceModel
import StanceRules

/// Loads the rules named by `--rules` (or $STANCE_RULES, or the built-in ones), printing every
/// diagnostic (or only errors) to standard error.
private func loadRules(_ options: RulesOptions, warnings: Bool = true) -> (RuleSet?, [Diagnostic]) {
    let (set, diagnostics) = RuleSet.load(directory: RuleSet.directory(option: options.directory))
    for diagnostic in diagnostics where warnings || diagnostic.severity == .error {
        FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }
    return (set, diagnostics)
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check and test the classification rules.",
        discussion: """
            Examples:
              stance rules check                      validate the built-in rules
              stance rules check --rules my-rules     validate an analyst's copy
              stance rules test --rules my-rules      run every rule's examples
              stance rules eval ../shared/eval/dev.jsonl
            """,
        subcommands: [Check.self, Test.self, Eval.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate every rule file; print file:line:column diagnostics; exit 1 on errors.")

        @OptionGroup var options: RulesOptions

        func run() throws {
            let (set, diagnostics) = loadRules(options)
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            guard let set, errors == 0 else {
                FileHandle.standardError.write(Data("rules check failed: \(errors) error(s), \(warnings) warning(s)\n".utf8))
                throw ExitCode(1)
            }
            print(
                "ok: \(set.rules.count) rules, \(set.lists.count) lists, \(set.examples.count) examples, \(set.actors.countries.count) countries; version \(set.version)\(warnings > 0 ? "; \(warnings) warning(s)" : "")"
            )
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's examples; print failures as file:line: message; exit 1 on failures.")

        @OptionGroup var options: RulesOptions

        @Option(name: .long, help: "Only run examples of rules whose id contains this text.")
        var filter: String?

        @Flag(name: .shortAndLong, help: "Also list the examples that pass.")
        var verbose = false

        func run() throws {
            let (set, _) = loadRules(options, warnings: false)
            guard let set else {
                FileHandle.standardError.write(Data("the rules have errors; run `stance rules check`\n".utf8))
                throw ExitCode(1)
            }
            let examples = set.examples.filter { example in filter.map { example.rule.contains($0) } ?? true }
            var failures = 0
            for example in examples {
                let outcome = set.run(example)
                if let failure = outcome.failure {
                    failures += 1
                    print("\(example.file):\(example.line):\(example.column): \(failure)\n    \(example.text)")
                } else if verbose {
                    print("\(example.file):\(example.line): ok: \(example.text)")
                }
            }
            print("\(examples.count - failures) of \(examples.count) examples pass")
            if failures > 0 { throw ExitCode(1) }
        }
    }

    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Classify the gold evidence of a corpus (score.py format) with the rules alone, without extraction.",
            discussion: """
                Every gold evidence is classified as a statement of its gold country; every sentence that
                carries no gold label is classified too, to count false alarms. Misses, extra labels and
                false alarms are listed, then a summary line.
                """)

        @OptionGroup var options: RulesOptions

        @Argument(help: "A gold corpus in JSON Lines (score.py's format).")
        var gold: String

        func run() throws {
            let (set, _) = loadRules(options, warnings: false)
            guard let set else { throw ExitCode(1) }
            let evaluation = try EvidenceEvaluation.run(gold: URL(fileURLWithPath: gold), rules: set)
            print(evaluation.report)
        }
    }
}
