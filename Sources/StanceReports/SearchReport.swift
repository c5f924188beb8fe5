import StanceModel
import StanceStore

/// `stance search`: statements whose words match, best matches first, with their labels.
public struct SearchReport: Sendable {
    public var query: String
    public var filter: ReportFilter
    public var hits: [ReportSearchHit]
    /// Matching statements in all (more than `hits` when the limit cut the list).
    public var total: Int
    public var rulesets: [String]

    public static func build(_ database: StanceDatabase, query: String, filter: ReportFilter, limit: Int) throws -> SearchReport {
        let (hits, total) = try database.searchStatements(text: query, filter: filter, limit: limit)
        var rulesets: [String] = []
        for label in hits.flatMap(\.statement.labels) where !rulesets.contains(label.ruleset) {
            rulesets.append(label.ruleset)
        }
        return SearchReport(query: query, filter: filter, hits: hits, total: total, rulesets: rulesets)
    }

    public var coverageLines: [CoverageLine] {
        var lines = [CoverageLine("Query", query)]
        switch (filter.from, filter.to) {
        case (nil, nil): lines.append(CoverageLine("Period", "all dates, undated statements included"))
        case (let from?, nil): lines.append(CoverageLine("Period", "from \(from.iso) (undated statements left out)"))
        case (nil, let to?): lines.append(CoverageLine("Period", "up to \(to.iso) (undated statements left out)"))
        case (let from?, let to?): lines.append(CoverageLine("Period", "\(from.iso) to \(to.iso) (undated statements left out)"))
        }
        lines.append(CoverageLine("Countries", filter.countries.isEmpty ? "all, and speakers without a country" : Wording.list(filter.countries)))
        let labelled = !filter.targets.isEmpty || !filter.stances.isEmpty
        lines.append(CoverageLine("Target", filter.targets.isEmpty ? "any" : Wording.list(filter.targets)))
        lines.append(
            CoverageLine(
                "Stances", filter.stances.isEmpty ? "any" : Array(Set(filter.stances)).sorted().map(\.rawValue).joined(separator: ", ")))
        lines.append(CoverageLine("Source", filter.source.map { "contains \"\($0)\"" } ?? "all"))
        lines.append(
            CoverageLine(
                "Statements",
                "\(labelled ? "labelled statements" : "all statements, labelled or not"); \(total) match, best first"
                    + (hits.count < total ? ", the first \(hits.count) shown" : "")))
        lines.append(
            CoverageLine(
                rulesets.count == 1 ? "Rule set" : "Rule sets", rulesets.isEmpty ? "none (no labels shown)" : rulesets.joined(separator: ", ")))
        return lines
    }

    public func render(_ format: ReportFormat, colour: Bool = false) -> String {
        switch format {
        case .table: TextRenderer.render(document(html: false), colour: colour)
        case .markdown: MarkdownRenderer.render(document(html: false))
        case .html: HTMLRenderer.render(document(html: true))
        case .json: json().text
        case .csv: csv()
        }
    }

    func document(html: Bool) -> ReportDocument {
        let title = "Statements matching \(query)"
        guard !hits.isEmpty else {
            return ReportDocument(title: title, coverage: coverageLines, sections: [ReportSection(blocks: [.paragraph("No statements match.")])])
        }
        var blocks: [ReportBlock] = []
        if !html {
            let rows: [[TableCell]] = hits.map { hit in
                let statement = hit.statement
                let labels = statement.labels.map { Wording.label($0) }.joined(separator: "; ")
                return [
                    TableCell(statement.date?.iso ?? "undated"),
                    TableCell(Wording.shorten(Wording.speaker(statement), 40)),
                    TableCell(labels.isEmpty ? "·" : labels),
                    TableCell(Wording.shorten(hit.snippet, 90)),
                    TableCell(statement.key),
                ]
            }
            blocks.append(
                .table(
                    ReportTable(
                        columns: [TableColumn("date"), TableColumn("speaker"), TableColumn("labels"), TableColumn("match"), TableColumn("statement")],
                        rows: rows)))
        } else {
            blocks.append(
                .statements(
                    StatementList(
                        anchor: "statements", title: "Best matches first", statements: hits.map(\.statement), total: total,
                        expanded: true)))
        }
        return ReportDocument(title: title, coverage: coverageLines, sections: [ReportSection(blocks: blocks)])
    }

    public func json() -> JSONValue {
        .object([
            ("report", .string("search")),
            ("query", .string(query)),
            ("filter", ReportJSON.filter(filter)),
            ("total", .int(total)),
            ("rulesets", .array(rulesets.map { .string($0) })),
            (
                "hits",
                .array(
                    hits.map { hit in
                        guard case .object(var fields) = ReportJSON.statement(hit.statement) else { return .null }
                        fields.insert(("snippet", .string(hit.snippet)), at: 1)
                        return .object(fields)
                    })
            ),
        ])
    }

    /// One row per statement, best match first.
    public func csv() -> String {
        var out = CSV.line(["statement", "date", "actor", "country", "role", "source", "labels", "snippet", "quote", "document"])
        for hit in hits {
            let statement = hit.statement
            out += CSV.line([
                statement.key, statement.date?.iso ?? "", statement.actor, statement.country?.rawValue ?? "",
                statement.role ?? "", statement.source ?? "", ReportCSV.labels(statement.labels), hit.snippet,
                Wording.oneLine(statement.quote), statement.document,
            ])
        }
        return out
    }
}
