import Foundation
import StanceModel
import StanceStore

/// The output formats every report command offers.
public enum ReportFormat: String, CaseIterable, Sendable {
    case table, markdown, json, csv, html
}

/// A report laid out for reading: what the table, Markdown and HTML formats render. JSON and CSV are
/// written from each report's own model, so their fields stay stable whatever the layout does.
public struct ReportDocument: Sendable {
    public var title: String
    /// What the report covers, one line each: period, filters, rule sets, what was left out.
    public var coverage: [CoverageLine]
    public var sections: [ReportSection]

    public init(title: String, coverage: [CoverageLine], sections: [ReportSection]) {
        self.title = title
        self.coverage = coverage
        self.sections = sections
    }
}

public struct CoverageLine: Hashable, Sendable {
    public var label: String
    public var text: String

    public init(_ label: String, _ text: String) {
        self.label = label
        self.text = text
    }
}

public struct ReportSection: Sendable {
    public var title: String?
    /// An id other parts of an HTML page link to.
    public var anchor: String?
    public var blocks: [ReportBlock]

    public init(title: String? = nil, anchor: String? = nil, blocks: [ReportBlock]) {
        self.title = title
        self.anchor = anchor
        self.blocks = blocks
    }
}

public enum ReportBlock: Sendable {
    case paragraph(String)
    /// Label and text pairs (who an actor is).
    case facts([CoverageLine])
    case table(ReportTable)
    case statements(StatementList)
    /// Charts are drawn in HTML only; text formats carry the same figures in their tables.
    case timeline(TimelineChart)
    case stanceBars(StanceBarsChart)
    case comparison(ComparisonChart)
}

/// How a cell should stand out: colour on a terminal, a class in HTML, nothing in Markdown.
public enum Tone: String, Sendable {
    case plain
    /// A hard-line figure (index above zero, hardened).
    case hardLine
    /// An engagement figure (index below zero, softened).
    case engagement
    /// A figure resting on too few statements.
    case thin
    case strong
}

public struct TableCell: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var tone: Tone
    /// An anchor in the same HTML page (the statements behind the figure).
    public var link: String?

    public init(_ text: String, tone: Tone = .plain, link: String? = nil) {
        self.text = text
        self.tone = tone
        self.link = link
    }

    public init(stringLiteral value: String) { self.init(value) }
}

public struct TableColumn: Hashable, Sendable {
    public enum Alignment: Sendable { case left, right }
    public var title: String
    public var alignment: Alignment

    public init(_ title: String, _ alignment: Alignment = .left) {
        self.title = title
        self.alignment = alignment
    }
}

public struct ReportTable: Sendable {
    public var columns: [TableColumn]
    public var rows: [[TableCell]]

    public init(columns: [TableColumn], rows: [[TableCell]]) {
        self.columns = columns
        self.rows = rows
    }
}

/// Statements behind a figure, newest first.
public struct StatementList: Sendable {
    public var anchor: String?
    public var title: String
    public var statements: [ReportStatement]
    /// How many statements there are in all, when more than are listed.
    public var total: Int?
    /// How to see every statement (a command), shown when the list is cut short.
    public var hint: String?
    /// Shown open in HTML (the list is the point of the page) rather than behind its summary.
    public var expanded: Bool

    public init(
        anchor: String? = nil, title: String, statements: [ReportStatement], total: Int? = nil, hint: String? = nil,
        expanded: Bool = false
    ) {
        self.anchor = anchor
        self.title = title
        self.statements = statements
        self.total = total
        self.hint = hint
        self.expanded = expanded
    }
}

/// Shared wording for filters and statements.
enum Wording {
    static func list(_ codes: [CountryCode]) -> String { codes.map(\.rawValue).sorted().joined(separator: ", ") }

    static func countryName(_ code: CountryCode?, names: [CountryCode: String]) -> String {
        guard let code else { return "no country" }
        guard let name = names[code], name != code.rawValue else { return code.rawValue }
        return "\(name) (\(code.rawValue))"
    }

    static func plural(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }

    /// Coverage lines every report shares: dates, countries, targets, stances, source, rule sets,
    /// and what the selection leaves out.
    static func coverage(
        _ filter: ReportFilter, coverage: ReportCoverage, dataFirst: Day?, dataLast: Day?, perCountry: Bool,
        datedOnly: Bool = true
    ) -> [CoverageLine] {
        var lines: [CoverageLine] = []
        var period: String
        switch (filter.from, filter.to) {
        case (nil, nil): period = "all dates"
        case (let from?, nil): period = "from \(from.iso)"
        case (nil, let to?): period = "up to \(to.iso)"
        case (let from?, let to?): period = "\(from.iso) to \(to.iso)"
        }
        if let dataFirst, let dataLast {
            period += dataFirst == dataLast ? " (labels dated \(dataFirst.iso))" : " (labels dated \(dataFirst.iso) to \(dataLast.iso))"
        } else {
            period += " (no dated labels)"
        }
        lines.append(CoverageLine("Period", period))
        if perCountry || !filter.countries.isEmpty {
            lines.append(CoverageLine("Countries", filter.countries.isEmpty ? "all" : list(filter.countries)))
        }
        lines.append(CoverageLine("Target", filter.targets.isEmpty ? "any" : list(filter.targets)))
        lines.append(
            CoverageLine(
                "Stances", filter.stances.isEmpty ? "all" : Array(Set(filter.stances)).sorted().map(\.rawValue).joined(separator: ", ")))
        lines.append(CoverageLine("Source", filter.source.map { "contains \"\($0)\"" } ?? "all"))
        lines.append(
            CoverageLine(
                coverage.rulesets.count == 1 ? "Rule set" : "Rule sets",
                coverage.rulesets.isEmpty ? "none (no labels)" : coverage.rulesets.joined(separator: ", ")))
        var leftOut: [String] = []
        let undated = "\(plural(coverage.undatedDocuments, "undated document")) (\(plural(coverage.undatedLabels, "label")))"
        leftOut.append(datedOnly ? undated : "\(undated) from the timeline")
        if perCountry && filter.countries.isEmpty {
            leftOut.append(
                "\(plural(coverage.statementsWithoutCountry, "statement")) (\(plural(coverage.labelsWithoutCountry, "label"))) by speakers without a country")
        }
        lines.append(CoverageLine("Left out", leftOut.joined(separator: "; ")))
        return lines
    }

    /// "supports restraint (PRK)"
    static func label(_ label: ReportLabel) -> String {
        label.position.description + (label.target.map { " (\($0.rawValue))" } ?? "")
    }

    /// "Fumio Kishida, foreign minister (JPN)"
    static func speaker(_ statement: ReportStatement) -> String {
        var text = statement.actor
        if let role = statement.role, !role.isEmpty { text += ", \(role)" }
        if let country = statement.country { text += " (\(country.rawValue))" }
        return text
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    static func shorten(_ text: String, _ limit: Int) -> String {
        let flat = oneLine(text)
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }

    /// Breaks text into lines of at most `width` characters at spaces.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in oneLine(text).split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
