import Foundation
import StanceModel
import StanceStore

/// A span of days, both ends included.
public struct CompareWindow: Hashable, Sendable {
    public var from: Day
    public var to: Day

    public init(from: Day, to: Day) {
        self.from = from
        self.to = to
    }

    /// `2017-01-01..2017-12-31`
    public init?(range text: String) {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, let from = Day(iso: parts[0]), let to = Day(iso: parts[1]), from <= to else { return nil }
        self.init(from: from, to: to)
    }

    /// The window of `length` ending on `day`: the position as it stood on that day, from what had
    /// been said by then (a centred window would borrow statements from after the date).
    public init(length: WindowLength, endingOn day: Day) {
        self.init(from: length.start(endingOn: day), to: day)
    }

    public var days: Int { to.daysSinceEpoch - from.daysSinceEpoch + 1 }
    public var description: String { "\(from.iso) to \(to.iso)" }
}

/// A window length: `90d`, `12w`, `3m`, `1y`.
public struct WindowLength: Hashable, Sendable, CustomStringConvertible {
    public enum Unit: String, Sendable { case d, w, m, y }
    public var count: Int
    public var unit: Unit

    public init?(_ text: String) {
        guard let last = text.last, let unit = Unit(rawValue: String(last)), let count = Int(text.dropLast()), count > 0
        else { return nil }
        self.count = count
        self.unit = unit
    }

    public var description: String { "\(count)\(unit.rawValue)" }

    /// The first day of the window ending on `day` (inclusive on both ends): 30d ending 2017-04-24
    /// starts 2017-03-26; 1m ending 2017-04-24 starts 2017-03-25.
    public func start(endingOn day: Day) -> Day {
        switch unit {
        case .d: return day.adding(days: -(count - 1))
        case .w: return day.adding(days: -(7 * count - 1))
        case .m, .y:
            let months = unit == .m ? count : 12 * count
            let total = day.year * 12 + (day.month - 1) - months
            let year = total / 12, month = total % 12 + 1
            let back = Day(year: year, month: month, day: min(day.day, Day.daysIn(month: month, year: year)))!
            return back.adding(days: 1)
        }
    }
}

/// `stance compare`: each country's positions in two windows, and what changed.
public struct CompareReport: Sendable {
    public var before: CompareWindow
    public var after: CompareWindow
    /// How the windows were asked for ("30d ending 2017-04-24"), when by `--at`.
    public var windowDescriptions: (before: String?, after: String?)
    public var filter: ReportFilter
    public var coverage: ReportCoverage
    public var names: [CountryCode: String]
    public var countries: [CountryChange]
    public var options: Options

    public struct Options: Sendable {
        /// Either window with fewer statements makes the direction "unchanged".
        public var minStatements: Int
        /// A smaller move of the index is "unchanged".
        public var minChange: Double
        /// Statements shown per change.
        public var examples: Int

        public init(minStatements: Int = PositionIndex.defaultThinBelow, minChange: Double = 0.1, examples: Int = 3) {
            self.minStatements = minStatements
            self.minChange = minChange
            self.examples = examples
        }
    }

    public struct CountryChange: Sendable {
        public var country: CountryCode
        public var before: StanceTally
        public var beforeStatements: Int
        public var after: StanceTally
        public var afterStatements: Int
        public var direction: Direction
        /// Why the direction is what it is, in words.
        public var reason: String
        /// Positions held after and not before, and the reverse.
        public var taken: [StancePosition]
        public var dropped: [StancePosition]
        public var evidence: [Evidence]

        public init(
            country: CountryCode, before: StanceTally, beforeStatements: Int, after: StanceTally, afterStatements: Int,
            direction: Direction = .unchanged, reason: String = "", taken: [StancePosition] = [],
            dropped: [StancePosition] = [], evidence: [Evidence] = []
        ) {
            self.country = country
            self.before = before
            self.beforeStatements = beforeStatements
            self.after = after
            self.afterStatements = afterStatements
            self.direction = direction
            self.reason = reason
            self.taken = taken
            self.dropped = dropped
            self.evidence = evidence
        }

        public var beforeIndex: Double? { before.positionIndex }
        public var afterIndex: Double? { after.positionIndex }
        public var change: Double? {
            guard let beforeIndex, let afterIndex else { return nil }
            return afterIndex - beforeIndex
        }
    }

    /// Statements that show a change: the ones taking a new position, the ones behind a dropped one, or
    /// those pulling the index the way it moved.
    public struct Evidence: Sendable {
        public var title: String
        public var window: String
        public var statements: [ReportStatement]
        /// Labels of that kind in the window.
        public var labels: Int
    }

    public static func build(
        _ database: StanceDatabase, filter: ReportFilter, before: CompareWindow, after: CompareWindow,
        descriptions: (before: String?, after: String?) = (nil, nil), options: Options = Options()
    ) throws -> CompareReport {
        let beforeFilter = filter.within(from: before.from, to: before.to)
        let afterFilter = filter.within(from: after.from, to: after.to)
        let (beforeCells, beforeRulesets) = try database.positionFigures(beforeFilter, by: nil)
        let (afterCells, afterRulesets) = try database.positionFigures(afterFilter, by: nil)
        func tallies(_ cells: [PositionCell]) -> [CountryCode: CountryTally] {
            Dictionary(
                cells.compactMap { cell in cell.country.map { ($0, CountryTally(country: $0, tally: cell.tally, statements: cell.statements)) } },
                uniquingKeysWith: { first, _ in first })
        }
        let beforeTallies = tallies(beforeCells), afterTallies = tallies(afterCells)
        var changes: [CountryChange] = []
        for country in Set(beforeTallies.keys).union(afterTallies.keys) {
            let old = beforeTallies[country], new = afterTallies[country]
            var change = CountryChange(
                country: country, before: old?.tally ?? StanceTally(), beforeStatements: old?.statements ?? 0,
                after: new?.tally ?? StanceTally(), afterStatements: new?.statements ?? 0, direction: .unchanged,
                reason: "", taken: [], dropped: [], evidence: [])
            (change.direction, change.reason) = judge(change, options: options)
            change.taken = StancePosition.all.filter { change.after[$0] > 0 && change.before[$0] == 0 }
            change.dropped = StancePosition.all.filter { change.before[$0] > 0 && change.after[$0] == 0 }

            func statements(_ window: ReportFilter, _ positions: [StancePosition]) throws -> [ReportStatement] {
                var narrowed = window
                narrowed.countries = [country]
                narrowed.positions = positions
                return try database.statementsBehind(narrowed, limit: options.examples)
            }
            for position in change.taken {
                change.evidence.append(
                    Evidence(
                        title: "Newly \(position)", window: "after", statements: try statements(afterFilter, [position]),
                        labels: change.after[position]))
            }
            for position in change.dropped {
                change.evidence.append(
                    Evidence(
                        title: "No longer \(position)", window: "before",
                        statements: try statements(beforeFilter, [position]), labels: change.before[position]))
            }
            if change.evidence.isEmpty, change.direction != .unchanged {
                let lean = change.direction == .hardened ? 1 : -1
                let positions = StancePosition.leaning(lean)
                change.evidence.append(
                    Evidence(
                        title: lean > 0 ? "Hard-line statements after" : "Engagement statements after", window: "after",
                        statements: try statements(afterFilter, positions),
                        labels: positions.reduce(0) { $0 + change.after[$1] }))
            }
            changes.append(change)
        }
        // What moved first, the biggest moves first; then the rest by country code.
        changes.sort { lhs, rhs in
            let lhsMoved = lhs.direction != .unchanged, rhsMoved = rhs.direction != .unchanged
            if lhsMoved != rhsMoved { return lhsMoved }
            if lhsMoved, let left = lhs.change, let right = rhs.change, abs(left) != abs(right) { return abs(left) > abs(right) }
            return lhs.country < rhs.country
        }
        var rulesets = beforeRulesets
        for version in afterRulesets where !rulesets.contains(version) { rulesets.append(version) }
        let beforeCoverage = try database.reportCoverage(beforeFilter, rulesets: rulesets)
        let afterCoverage = try database.reportCoverage(afterFilter, rulesets: rulesets)
        let coverage = ReportCoverage(
            rulesets: rulesets, undatedDocuments: beforeCoverage.undatedDocuments, undatedLabels: beforeCoverage.undatedLabels,
            labelsWithoutCountry: beforeCoverage.labelsWithoutCountry + afterCoverage.labelsWithoutCountry,
            statementsWithoutCountry: beforeCoverage.statementsWithoutCountry + afterCoverage.statementsWithoutCountry)
        return CompareReport(
            before: before, after: after, windowDescriptions: descriptions, filter: filter, coverage: coverage,
            names: try database.countryNames(), countries: changes, options: options)
    }

    /// Hardened, softened or unchanged, and why.
    public static func judge(_ change: CountryChange, options: Options) -> (direction: Direction, reason: String) {
        let counts = "\(change.beforeStatements) before, \(change.afterStatements) after"
        if change.beforeStatements < options.minStatements || change.afterStatements < options.minStatements {
            if change.afterStatements == 0 { return (.unchanged, "no statements after (\(counts)): too thin to say") }
            if change.beforeStatements == 0 { return (.unchanged, "no statements before (\(counts)): too thin to say") }
            return (.unchanged, "too few statements to say (\(counts); needs \(options.minStatements) on each side)")
        }
        guard let delta = change.change else { return (.unchanged, "no labels on one side") }
        if delta >= options.minChange { return (.hardened, "index rose \(PositionIndex.text(delta)) (\(counts))") }
        if delta <= -options.minChange { return (.softened, "index fell \(PositionIndex.text(delta)) (\(counts))") }
        return (.unchanged, "index moved \(PositionIndex.text(delta)), less than \(PositionIndex.plain(options.minChange) ?? "0") (\(counts))")
    }

    var beforeText: String { windowDescriptions.before.map { "\(before.description) (\($0))" } ?? before.description }
    var afterText: String { windowDescriptions.after.map { "\(after.description) (\($0))" } ?? after.description }

    public var coverageLines: [CoverageLine] {
        var lines = [CoverageLine("Before", beforeText), CoverageLine("After", afterText)]
        // The shared lines without their period (the windows are the period).
        lines += Wording.coverage(filter.within(from: nil, to: nil), coverage: coverage, dataFirst: nil, dataLast: nil, perCountry: true)
            .filter { $0.label != "Period" }
        lines.append(
            CoverageLine(
                "Direction",
                "hardened or softened when the index moves by at least \(PositionIndex.plain(options.minChange) ?? "0") with \(options.minStatements) or more statements on each side; otherwise unchanged"))
        return lines
    }

    func name(_ country: CountryCode) -> String { Wording.countryName(country, names: names) }

    static func anchor(_ country: CountryCode) -> String { "change-\(country.rawValue)" }

    func summary() -> String {
        func list(_ direction: Direction) -> String {
            let matching = countries.filter { $0.direction == direction }
            guard !matching.isEmpty else { return "none" }
            return matching.map { change in
                direction == .unchanged ? name(change.country) : "\(name(change.country)) \(PositionIndex.changeText(change.change))"
            }.joined(separator: ", ")
        }
        return "Hardened: \(list(.hardened)). Softened: \(list(.softened)). Unchanged: \(list(.unchanged))."
    }

    public func render(_ format: ReportFormat, colour: Bool = false) -> String {
        switch format {
        case .table: TextRenderer.render(document(), colour: colour)
        case .markdown: MarkdownRenderer.render(document())
        case .html: HTMLRenderer.render(document(html: true))
        case .json: json().text
        case .csv: csv()
        }
    }

    static func tone(_ direction: Direction) -> Tone {
        switch direction {
        case .hardened: .hardLine
        case .softened: .engagement
        case .unchanged: .plain
        }
    }

    func document(html: Bool = false) -> ReportDocument {
        let title = "What changed: \(before.description) against \(after.description)"
        guard !countries.isEmpty else {
            return ReportDocument(title: title, coverage: coverageLines, sections: [ReportSection(blocks: [.paragraph("No labels in either window.")])])
        }
        var overview: [ReportBlock] = [.paragraph(summary())]
        if html {
            overview.append(
                .comparison(
                    ComparisonChart(
                        rows: countries.map {
                            ComparisonChartRow(
                                name: name($0.country), before: $0.beforeIndex, after: $0.afterIndex, direction: $0.direction,
                                link: Self.anchor($0.country))
                        })))
        }
        let rows: [[TableCell]] = countries.map { change in
            [
                TableCell(name(change.country), tone: .strong, link: Self.anchor(change.country)),
                TableCell(String(change.beforeStatements)), TableCell(PositionIndex.text(change.beforeIndex)),
                TableCell(String(change.afterStatements)), TableCell(PositionIndex.text(change.afterIndex)),
                TableCell(PositionIndex.changeText(change.change)),
                TableCell(change.direction.rawValue, tone: Self.tone(change.direction)),
                TableCell(change.taken.isEmpty ? "·" : change.taken.map(\.description).joined(separator: ", ")),
                TableCell(change.dropped.isEmpty ? "·" : change.dropped.map(\.description).joined(separator: ", ")),
            ]
        }
        overview.append(
            .table(
                ReportTable(
                    columns: [
                        TableColumn("country"), TableColumn("before", .right), TableColumn("index", .right),
                        TableColumn("after", .right), TableColumn("index", .right), TableColumn("change", .right),
                        TableColumn("direction"), TableColumn("newly"), TableColumn("no longer"),
                    ],
                    rows: rows)))
        overview.append(.paragraph("before and after count statements. Position index = \(PositionIndex.definition)."))
        var sections = [ReportSection(title: html ? "Overview" : nil, blocks: overview)]
        for change in countries {
            var blocks: [ReportBlock] = [.paragraph("\(change.direction.rawValue.capitalized): \(change.reason).")]
            let mix: [[TableCell]] = Stance.allCases.map { stance in
                [
                    TableCell(stance.rawValue),
                    TableCell(PositionsReport.counts(change.before, stance)),
                    TableCell(PositionsReport.counts(change.after, stance)),
                ]
            }
            blocks.append(
                .table(ReportTable(columns: [TableColumn("stance"), TableColumn("before"), TableColumn("after")], rows: mix)))
            for evidence in change.evidence {
                blocks.append(
                    .statements(
                        StatementList(
                            title: "\(evidence.title) (\(Wording.plural(evidence.labels, "label")) \(evidence.window))",
                            statements: evidence.statements, expanded: true)))
            }
            sections.append(ReportSection(title: name(change.country), anchor: Self.anchor(change.country), blocks: blocks))
        }
        return ReportDocument(title: title, coverage: coverageLines, sections: sections)
    }

    public func json() -> JSONValue {
        func window(_ window: CompareWindow, _ description: String?) -> JSONValue {
            .object([("from", .day(window.from)), ("to", .day(window.to)), ("asked", .string(description))])
        }
        return .object([
            ("report", .string("compare")),
            ("before", window(before, windowDescriptions.before)),
            ("after", window(after, windowDescriptions.after)),
            ("filter", ReportJSON.filter(filter)),
            ("coverage", ReportJSON.coverage(coverage, first: nil, last: nil, perCountry: true)),
            ("minStatements", .int(options.minStatements)),
            ("minChange", .index(options.minChange)),
            ("index", .string(PositionIndex.definition)),
            (
                "countries",
                .array(
                    countries.map { change in
                        .object([
                            ("country", .string(change.country.rawValue)),
                            ("name", .string(names[change.country])),
                            ("direction", .string(change.direction.rawValue)),
                            ("reason", .string(change.reason)),
                            ("change", .index(change.change)),
                            (
                                "before",
                                .object([
                                    ("statements", .int(change.beforeStatements)), ("labels", .int(change.before.labels)),
                                    ("index", .index(change.beforeIndex)), ("counts", ReportJSON.tally(change.before)),
                                ])
                            ),
                            (
                                "after",
                                .object([
                                    ("statements", .int(change.afterStatements)), ("labels", .int(change.after.labels)),
                                    ("index", .index(change.afterIndex)), ("counts", ReportJSON.tally(change.after)),
                                ])
                            ),
                            ("newly", .array(change.taken.map(Self.positionJSON))),
                            ("noLonger", .array(change.dropped.map(Self.positionJSON))),
                            (
                                "evidence",
                                .array(
                                    change.evidence.map { evidence in
                                        .object([
                                            ("title", .string(evidence.title)), ("window", .string(evidence.window)),
                                            ("labels", .int(evidence.labels)),
                                            ("statements", .array(evidence.statements.map(ReportJSON.statement))),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
        ])
    }

    static func positionJSON(_ position: StancePosition) -> JSONValue {
        .object([("stance", .string(position.stance.rawValue)), ("polarity", .string(position.polarity.rawValue))])
    }

    /// One row per country.
    public func csv() -> String {
        var out = CSV.line(
            [
                "country", "name", "direction", "change", "before_statements", "before_labels", "before_index",
                "after_statements", "after_labels", "after_index", "newly", "no_longer", "reason",
            ] + ReportCSV.tallyHeader.map { "before_" + $0 } + ReportCSV.tallyHeader.map { "after_" + $0 })
        for change in countries {
            out += CSV.line(
                [
                    change.country.rawValue, names[change.country] ?? "", change.direction.rawValue,
                    PositionIndex.plain(change.change) ?? "", String(change.beforeStatements), String(change.before.labels),
                    PositionIndex.plain(change.beforeIndex) ?? "", String(change.afterStatements), String(change.after.labels),
                    PositionIndex.plain(change.afterIndex) ?? "", change.taken.map(\.description).joined(separator: "; "),
                    change.dropped.map(\.description).joined(separator: "; "), change.reason,
                ] + ReportCSV.tally(change.before) + ReportCSV.tally(change.after))
        }
        return out
    }
}
