import ArgumentParser
import Foundation
import StanceModel
import StanceReports
import StanceStore

struct ActorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actors",
        abstract: "Work with the actors found in the stored statements.",
        subcommands: [UnknownActorsCommand.self]
    )
}

struct UnknownActorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unknown",
        abstract: "List speakers not in the actor dictionary, with ready-to-paste dictionary entries.",
        discussion: """
            Examples:
              stance actors unknown
              stance actors unknown --yaml >> my-rules/actors/people.yaml

            Speakers resolved from a title ("U.S. special representative Joseph Yun") or left without a
            country, with how often they speak, the country they were given and their latest role. Add
            the entries to Rules/actors/ (then `stance reclassify` or re-ingest) to grow the dictionary
            from your own corpus.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print only the YAML entries.")
    var yaml = false

    @Option(help: "Show at most this many speakers.")
    var limit: Int = 100

    func run() throws {
        let store = try database.open()
        let speakers = try store.unknownSpeakers().filter { $0.kind == .person }.prefix(limit)
        let output = OutputBuffer()
        defer { output.flush() }
        if !yaml {
            var rows: [[String]] = [["speaker", "statements", "country", "latest role", "latest"]]
            for speaker in speakers {
                rows.append([speaker.actor, String(speaker.statements), speaker.country?.rawValue ?? "?",
                             speaker.latestRole ?? "", speaker.latestDate?.iso ?? ""])
            }
            output.write(speakers.isEmpty ? "Every speaker is in the dictionary.\n" : TextTable.render(rows) + "\n")
            guard !speakers.isEmpty else { return }
            output.write("# Entries for Rules/actors/ (check names, countries and dates before adding):\n")
        }
        output.write("people:\n")
        for speaker in speakers {
            output.write("  - name: \(yamlScalar(speaker.actor))\n")
            output.write("    country: \(speaker.country?.rawValue ?? "XXX  # unknown: fill in")\n")
            if let role = speaker.latestRole {
                output.write("    roles:\n      - {title: \(yamlScalar(role))\(speaker.latestDate.map { ", from: \($0.iso)" } ?? "")}\n")
            }
        }
    }

    func yamlScalar(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || " -.'".unicodeScalars.contains($0) }
        return plain && !text.isEmpty ? text : JSONText.string(text)
    }
}
