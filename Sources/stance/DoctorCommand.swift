import ArgumentParser
import Foundation
import StanceReports
import StanceRules
import StanceStore

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check a database and say what to run to fix each problem found.",
        discussion: """
            Examples:
              stance doctor                   check ./stance.sqlite (or $STANCE_DB)
              stance doctor --db archive.sqlite --rules my-rules/
              stance doctor --fix             repair what can be, then check again

            Checks: the file and its schema version; integrity_check and
            foreign_key_check (orphaned rows); labels and statements against the
            documents they copy columns from; the full-text index; labels made by
            rules other than the current ones (--rules, else the built-in rules);
            runs that never finished. Only --fix writes to the database.
            Exit status 1 when something needs fixing.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: RulesOptions

    @Flag(help: "Repair in place: pending migrations, orphaned rows, copies out of step, the full-text index, damaged indexes.")
    var fix = false

    @Option(help: "text or json.")
    var format: Format = .text

    func run() throws {
        let path = database.resolvedPath
        var rulesetVersion: String?
        var rulesNote: String?
        do {
            rulesetVersion = try rules.load().version
        } catch {
            rulesNote = "the rules do not load, so labels were not compared with them: \(error)"
        }
        var repairs: [String] = []
        if fix {
            do {
                repairs = try Doctor.repair(path: path)
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
            for line in repairs { Console.error("fixed: \(line)") }
            if repairs.isEmpty { Console.error("nothing to repair in place") }
        }
        var report = Doctor.examine(path: path, currentRulesetVersion: rulesetVersion)
        if let rulesNote {
            report.findings.append(DoctorFinding(check: "outdated-labels", severity: .note, message: rulesNote))
        }
        let output = OutputBuffer()
        switch format {
        case .json:
            output.write(Self.json(report, commands: report.findings.map { command(for: $0.remedy, path: path) }))
        case .text:
            output.write(text(report, path: path))
        }
        output.flush()
        if report.needsFixing { throw ExitCode(1) }
    }

    func text(_ report: DoctorReport, path: String) -> String {
        var lines: [String] = []
        var heading = path
        if let counts = report.counts {
            heading += ": \(counts.documents) documents, \(counts.statements) statements, \(counts.labels) labels"
        }
        lines.append(heading)
        for passed in report.passed { lines.append("  ok       \(passed)") }
        for finding in report.findings {
            let tag = finding.severity == .problem ? "PROBLEM" : "note   "
            lines.append("  \(tag)  \(finding.message)")
            if let command = command(for: finding.remedy, path: path) { lines.append("           fix: \(command)") }
        }
        let problems = report.findings.filter { $0.severity == .problem }.count
        lines.append(problems == 0 ? "healthy: nothing to fix" : "\(problems) problem\(problems == 1 ? "" : "s") to fix")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The command that fixes a finding, for this database and these rules.
    func command(for remedy: DoctorRemedy?, path: String) -> String? {
        let db = "--db \(Self.shellQuoted(path))"
        let rulesOption = rules.directory.map { " --rules \(Self.shellQuoted($0))" } ?? ""
        switch remedy {
        case nil: return nil
        case .repair?: return "stance doctor --fix \(db)\(rulesOption)"
        case .reclassify?: return "stance reclassify \(db)\(rulesOption)"
        case .rerun(let command)?:
            return "\(command)   (again, from the folder it was run in; stored documents are skipped)"
        case .recover?:
            let recovered = Self.shellQuoted(path + ".recovered")
            return "sqlite3 \(Self.shellQuoted(path)) .recover | sqlite3 \(recovered) && stance doctor --fix --db \(recovered)"
                + "   (or ingest the sources again into a new database)"
        case .upgradeStance?: return "install a newer stance, the one that made this database"
        case .checkPath?: return "check the path given by --db (or $STANCE_DB)"
        }
    }

    static func shellQuoted(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { scalar in
            CharacterSet.alphanumerics.contains(scalar) || "/._-+:=,@".unicodeScalars.contains(scalar)
        }
        return plain && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func json(_ report: DoctorReport, commands: [String?]) -> String {
        let string: (String) -> String = JSONText.string
        var fields: [String] = []
        fields.append("\"path\":\(string(report.path))")
        fields.append("\"healthy\":\(!report.needsFixing)")
        fields.append("\"applied_migrations\":\(report.appliedMigrations.map(String.init) ?? "null")")
        fields.append("\"known_migrations\":\(report.knownMigrations)")
        if let counts = report.counts {
            fields.append(
                "\"counts\":{\"documents\":\(counts.documents),\"undated_documents\":\(counts.undatedDocuments),"
                    + "\"statements\":\(counts.statements),\"labels\":\(counts.labels),\"actors\":\(counts.actors),"
                    + "\"rulesets\":\(counts.rulesets)}")
        }
        fields.append("\"passed\":[" + report.passed.map(string).joined(separator: ",") + "]")
        let findings = zip(report.findings, commands).map { finding, command in
            "{\"check\":\(string(finding.check)),\"severity\":\(string(finding.severity.rawValue)),"
                + "\"message\":\(string(finding.message)),\"fix\":\(command.map(string) ?? "null")}"
        }
        fields.append("\"findings\":[" + findings.joined(separator: ",") + "]")
        return "{" + fields.joined(separator: ",") + "}\n"
    }
}
