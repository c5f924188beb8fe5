import Foundation
import StanceModel
import StanceStore

/// `stance report`: positions by country over time.
public struct PositionsReport: Sendable {
    public var period: ReportPeriod
    public var filter: ReportFilter
    public var coverage: ReportCoverage
    /// Country names the database knows (from countries that spoke as themselves).
    public var names: [CountryCode: String]
    public var countries: [CountryPositions]
    /// Figures resting on fewer statements are marked thin.
    public var thinBelow: Int
    /// How many statements each figure lists (the latest first).
    public var statementsPerFigure: Int

    public struct CountryPositions: Sendable {
        public var country: CountryCode
        public var figures: [Figure]
        /// Labels over every period.
        public var total: StanceTally { figures.reduce(StanceTally()) { $0 + $1.cell.tally } }
        public var statements: Int { figures.reduce(0) { $0 + $1.cell.statements } }
    }

    /// One country in one period.
    public struct Figure: Sendable {
        public var cell: PositionCell
        /// The period's first and last day.
        public var first: Day
        public var last: Day
        /// The latest statements behind the figure (at most `statementsPerFigure`).
        public var statements: [ReportStatement]
    }

    /// Computes the report in the database: figures by SQL over the label index, then at most
    /// `statementsPerFigure` statements per figure.
    public static func build(
        _ database: StanceDatabase, filter: ReportFilter, by period: ReportPeriod, statementsPerFigure: Int = 0,
        thinBelow: Int = PositionIndex.defaultThinBelow
    ) throws -> PositionsReport {
        let (cells, rulesets) = try database.positionFigures(filter, by: period)
        var countries: [CountryPositions] = []
        for cell in cells {
            guard let country = cell.country, let bounds = period.bounds(of: cell.period) else { continue }
            var statements: [ReportStatement] = []
            if statementsPerFigure > 0 {
                var figureFilter = filter.within(from: bounds.first, to: bounds.last)
                figureFilter.countries = [country]
                statements = try database.statementsBehind(figureFilter, limit: statementsPerFigure)
            }
            let figure = Figure(cell: cell, first: bounds.first, last: bounds.last, statements: statements)
            if countries.last?.country == country {
                countries[countries.count - 1].figures.append(figure)
            } else {
                countries.append(CountryPositions(country: country, figures: [figure]))
            }
        }
        return PositionsReport(
            period: period, filter: filter, coverage: try database.reportCoverage(filter, rulesets: rulesets),
            names: try database.countryNames(), countries: countries, thinBelow: thinBelow,
            statementsPerFigure: statementsPerFigure)
    }

    // Over the figures in place: a report by week can have a hundred thousand of them.
    var firstDate: Day? { countries.lazy.flatMap(\.figures).compactMap(\.cell.firstDate).min() }
    var lastDate: Day? { countries.lazy.flatMap(\.figures).compactMap(\.cell.lastDate).max() }

    /// Every period from the first figure's to the last's, for chart axes.
    var axis: [String] {
        guard let first = countries.flatMap(\.figures).map(\.first).min(),
            let last = countries.flatMap(\.figures).map(\.last).max()
        else { return [] }
        return period.keys(from: first, through: last)
    }

    static func anchor(_ country: CountryCode, _ period: String) -> String { "figure-\(country.rawValue)-\(period)" }

    /// The command that lists every statement behind a figure.
    func hint(_ country: CountryCode, _ figure: Figure) -> String {
        var words = ["stance report", "--country \(country.rawValue)", "--from \(figure.first.iso)", "--to \(figure.last.iso)"]
        words += Array(Set(filter.targets)).sorted().map { "--target \($0.rawValue)" }
        words += Array(Set(filter.stances)).sorted().map { "--stance \($0.rawValue)" }
        if let source = filter.source { words.append("--source \(Shell.quote(source))") }
        words += ["--by \(period.rawValue)", "--statements \(figure.cell.statements)"]
        return words.joined(separator: " ")
    }

    // MARK: Rendering

    public func render(_ format: ReportFormat, colour: Bool = false) -> String {
        switch format {
        case .table: TextRenderer.render(document(), colour: colour)
        case .markdown: MarkdownRenderer.render(document())
        case .html: HTMLRenderer.render(document(html: true))
        case .json: json().text
        case .csv: csv()
        }
    }

    /// The coverage lines, for formats that carry them elsewhere (CSV writes them to standard error).
    public var coverageLines: [CoverageLine] {
        Wording.coverage(filter, coverage: coverage, dataFirst: firstDate, dataLast: lastDate, perCountry: true)
    }

    func document(html: Bool = false) -> ReportDocument {
        var sections: [ReportSection] = []
        let anyThin = countries.contains { $0.figures.contains { $0.cell.statements < thinBelow } }
        var explanation = "Position index = \(PositionIndex.definition)."
        if anyThin { explanation += " * marks figures resting on fewer than \(Wording.plural(thinBelow, "statement"))." }
        if html {
            let series = countries.map { country in
                TimelineSeries(
                    name: Wording.countryName(country.country, names: names),
                    points: country.figures.compactMap { figure in
                        figure.cell.tally.positionIndex.map {
                            TimelinePoint(
                                period: figure.cell.period, index: $0, statements: figure.cell.statements,
                                labels: figure.cell.tally.labels, link: Self.anchor(country.country, figure.cell.period))
                        }
                    })
            }
            sections.append(
                ReportSection(
                    title: "Position index over time", anchor: "timeline",
                    blocks: [.timeline(TimelineChart(periods: axis, series: series)), .paragraph(explanation)]))
        }
        if countries.isEmpty {
            sections.append(ReportSection(blocks: [.paragraph("No dated labels match.")]))
            return ReportDocument(title: title, coverage: coverageLines, sections: sections)
        }
        var rows: [[TableCell]] = []
        for country in countries {
            for (index, figure) in country.figures.enumerated() {
                let cell = figure.cell
                let thin = cell.statements < thinBelow
                let value = cell.tally.positionIndex
                let tone: Tone = thin ? .thin : (value ?? 0) > 0 ? .hardLine : (value ?? 0) < 0 ? .engagement : .plain
                var row: [TableCell] = []
                row.reserveCapacity(5 + Stance.allCases.count)
                row += [
                    TableCell(index == 0 ? Wording.countryName(country.country, names: names) : "", tone: .strong),
                    // Links lead to the statement lists of the HTML page; text formats have no use for them.
                    TableCell(period.label(of: cell.period), link: html ? Self.anchor(country.country, cell.period) : nil),
                    TableCell(String(cell.statements)),
                    TableCell(String(cell.tally.labels)),
                    TableCell(PositionIndex.text(value) + (thin ? "*" : ""), tone: tone),
                ]
                for stance in Stance.allCases { row.append(TableCell(Self.counts(cell.tally, stance))) }
                rows.append(row)
            }
        }
        let columns =
            [
                TableColumn("country"), TableColumn("period"), TableColumn("statements", .right),
                TableColumn("labels", .right), TableColumn("index", .right),
            ] + Stance.allCases.map { TableColumn($0.rawValue) }
        var blocks: [ReportBlock] = [.table(ReportTable(columns: columns, rows: rows))]
        if !html { blocks.append(.paragraph(explanation)) }
        sections.append(ReportSection(title: html ? "Figures" : nil, blocks: blocks))

        for country in countries {
            var blocks: [ReportBlock] = []
            let name = Wording.countryName(country.country, names: names)
            if html {
                blocks.append(
                    .stanceBars(
                        StanceBarsChart(
                            title: name, periods: axis,
                            bars: country.figures.map {
                                StanceBar(
                                    period: $0.cell.period, tally: $0.cell.tally, statements: $0.cell.statements,
                                    link: Self.anchor(country.country, $0.cell.period))
                            })))
            }
            if statementsPerFigure > 0 {
                for figure in country.figures {
                    blocks.append(
                        .statements(
                            StatementList(
                                anchor: Self.anchor(country.country, figure.cell.period),
                                title: "\(period.label(of: figure.cell.period)): index \(PositionIndex.text(figure.cell.tally.positionIndex)) from \(Wording.plural(figure.cell.statements, "statement"))",
                                statements: figure.statements, total: figure.cell.statements,
                                hint: hint(country.country, figure))))
                }
            }
            if !blocks.isEmpty {
                sections.append(ReportSection(title: name, anchor: "country-\(country.country.rawValue)", blocks: blocks))
            }
        }
        return ReportDocument(title: title, coverage: coverageLines, sections: sections)
    }

    var title: String { "Positions by country, by \(period.rawValue)" }

    static func counts(_ tally: StanceTally, _ stance: Stance) -> String {
        let support = tally.count(stance, .support), oppose = tally.count(stance, .oppose)
        return support + oppose == 0 ? "·" : "+" + String(support) + " −" + String(oppose)
    }

    public func json() -> JSONValue {
        .object([
            ("report", .string("positions")),
            ("by", .string(period.rawValue)),
            ("filter", ReportJSON.filter(filter)),
            ("coverage", ReportJSON.coverage(coverage, first: firstDate, last: lastDate, perCountry: true)),
            ("index", .string(PositionIndex.definition)),
            ("thinBelow", .int(thinBelow)),
            (
                "countries",
                .array(
                    countries.map { country in
                        .object([
                            ("country", .string(country.country.rawValue)),
                            ("name", .string(names[country.country])),
                            ("statements", .int(country.statements)),
                            ("labels", .int(country.total.labels)),
                            ("index", .index(country.total.positionIndex)),
                            ("periods", .array(country.figures.map { figureJSON($0) })),
                        ])
                    })
            ),
        ])
    }

    func figureJSON(_ figure: Figure) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("period", .string(figure.cell.period)),
            ("from", .day(figure.first)),
            ("to", .day(figure.last)),
            ("statements", .int(figure.cell.statements)),
            ("labels", .int(figure.cell.tally.labels)),
            ("index", .index(figure.cell.tally.positionIndex)),
            ("thin", .bool(figure.cell.statements < thinBelow)),
            ("counts", ReportJSON.tally(figure.cell.tally)),
        ]
        if statementsPerFigure > 0 {
            fields.append(("statementsListed", .array(figure.statements.map(ReportJSON.statement))))
        }
        return .object(fields)
    }

    /// One row per country and period.
    public func csv() -> String {
        var out = CSV.line(
            ["country", "name", "period", "from", "to", "statements", "labels", "index", "thin"] + ReportCSV.tallyHeader)
        for country in countries {
            for figure in country.figures {
                out += CSV.line(
                    [
                        country.country.rawValue, names[country.country] ?? "", figure.cell.period, figure.first.iso,
                        figure.last.iso, String(figure.cell.statements), String(figure.cell.tally.labels),
                        PositionIndex.plain(figure.cell.tally.positionIndex) ?? "",
                        figure.cell.statements < thinBelow ? "true" : "false",
                    ] + ReportCSV.tally(figure.cell.tally))
            }
        }
        return out
    }
}

extension ReportPeriod {
    /// How a period key reads in tables: ISO weeks as "2017-W17", the others as their keys.
    public func label(of key: String) -> String {
        guard self == .week, let monday = Day(iso: key) else { return key }
        // The ISO week belongs to the year of its Thursday and counts from the week holding 4 January.
        let thursday = monday.adding(days: 3)
        let firstOfYear = Day(year: thursday.year, month: 1, day: 1)!
        let week = (thursday.daysSinceEpoch - firstOfYear.daysSinceEpoch) / 7 + 1
        return "\(thursday.year)-W\(week < 10 ? "0" : "")\(week)"
    }
}

/// Quoting for commands printed as hints.
enum Shell {
    static func quote(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_./:".unicodeScalars.contains($0)
        }
        return safe && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
