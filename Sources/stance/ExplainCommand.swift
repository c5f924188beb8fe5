import ArgumentParser
import Foundation
import StanceModel
import StancePipeline
import StanceRules
import StanceStore
import StanceText

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show why a statement got its speaker and its labels.",
        discussion: """
            Examples:
              stance explain 000_c2941bbf795685c8:0
              stance export | head -1        (the "statement" field is the id to explain)

            Prints the sentence, how the speaker was resolved, the labels stored with their rules and
            the words they matched, each negation or scope decision, and what the current rules would
            give (which differs from the stored labels after a rule edit until `stance reclassify`).
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: RulesOptions

    @Argument(help: "A statement id, as `stance export` prints it (document:ordinal).")
    var statement: String

    func run() throws {
        let store = try database.open()
        guard let detail = try store.statement(key: statement) else {
            throw CommandFailure("no statement \(statement) in \(database.resolvedPath); ids look like document:ordinal, as `stance export` prints them")
        }
        let stored = detail.statement.statement
        let speaker = stored.speaker
        let output = OutputBuffer()
        defer { output.flush() }
        let document = detail.document.metadata
        output.write("statement  \(statement)\n")
        output.write("document   \(document.id)  \(document.date?.iso ?? "undated")  \(document.source ?? "")\n")
        output.write("sentence   \(oneLine(detail.text))\n")
        for content in detail.contentTexts { output.write("content    \(oneLine(content))\n") }
        output.write("kind       \(stored.kind.rawValue)\(stored.cue.map { "  cue «\($0)»" } ?? "")\n")
        output.write("speaker    «\(speaker.mention ?? "—")» → \(detail.actor.name) (\(detail.actor.kind.rawValue))"
            + "\(speaker.role.map { ", \($0)" } ?? ""), country \(speaker.country?.rawValue ?? "unknown")\n")
        output.write("resolved   by \(speaker.resolution.rawValue)\(speaker.note.map { ": \($0)" } ?? "")\n")
        output.write("\nstored labels\(detail.labels.isEmpty ? ": none" : "")\n")
        for stored in detail.labels {
            write(stored.label, text: stored.text, version: stored.rulesetVersion, to: output)
        }

        // What the current rules say, including matches they withheld and why.
        let ruleSet = try rules.load()
        guard let text = try store.documentText(key: document.id) else { return }
        let context = ClassificationContext(text: text, date: document.date, lexicon: ruleSet.lexicon)
        let current = ruleSet.explain(stored, in: context)
        let scalars = ScalarText(text)
        output.write("\ncurrent rules (\(ruleSet.version))\(current.labels.isEmpty && current.withheld.isEmpty ? ": no match" : "")\n")
        for label in current.labels { write(label, text: scalars[label.span], version: nil, to: output) }
        for label in current.withheld {
            output.write("  withheld  \(label.stance.rawValue) \(label.polarity.rawValue)  [\(label.rule)]\n")
            for decision in label.decisions { output.write("      \(decision.description)\n") }
        }
    }

    func write(_ label: Label, text: String, version: String?, to output: OutputBuffer) {
        output.write("  \(label.stance.rawValue) \(label.polarity.rawValue)  target \(label.target?.rawValue ?? "none")"
            + "  [\(label.rule)]  confidence \(String(format: "%.2f", label.confidence))"
            + "\(version.map { "  rules \($0)" } ?? "")\n")
        output.write("      «\(oneLine(text))»\n")
        for decision in label.decisions { output.write("      \(decision.description)\n") }
    }

    func oneLine(_ text: String) -> String { text.split(whereSeparator: \.isNewline).joined(separator: " ") }
}
