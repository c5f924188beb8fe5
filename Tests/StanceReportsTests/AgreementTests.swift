import Foundation
import StanceModel
import StanceReports
import StanceStore
import Testing

/// The report queries against an independent count: every exported label, grouped in Swift.
@Suite struct AgreementTests {
    static let countries: [CountryCode?] = ["JPN", "USA", "KOR", "CHN", "RUS", "EU", nil]
    static let targets: [CountryCode?] = ["PRK", "IRN", "RUS", nil]
    static let sources = ["Kyodo", "Wire 2", "Business Standard (wire)", "Yonhap"]

    /// `count` documents with 1 to 3 statements of 1 to 3 labels each, dated over 2015–2019 (one in
    /// 40 undated), from two rule sets.
    static func randomDatabase(documents count: Int, path: String? = nil) throws -> StanceDatabase {
        let database = try path.map { try StanceDatabase.open(path: $0) } ?? StanceDatabase.inMemory()
        let rulesets = [
            try database.registerRuleset(version: "rules-old", ruleCount: 10),
            try database.registerRuleset(version: "rules-new", ruleCount: 12),
        ]
        let run = try database.beginRun(command: "test", rulesetID: rulesets[1])
        var random = SeededGenerator(state: 42)
        // One batch per rule set: a transaction per batch, not per document.
        var batches: [[DocumentToStore]] = [[], []]
        let firstDay = Day(iso: "2015-01-01")!.daysSinceEpoch
        for index in 0..<count {
            let date = Int.random(in: 0..<40, using: &random) == 0
                ? nil : Day(daysSinceEpoch: firstDay + Int.random(in: 0..<1826, using: &random))
            var said: [Fixtures.Said] = []
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let country = countries.randomElement(using: &random)!
                let speaker = Fixtures.person("Speaker \(Int.random(in: 0..<30, using: &random))", country)
                let labels = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                    (StancePosition.all.randomElement(using: &random)!, targets.randomElement(using: &random)!, "rule/x")
                }
                said.append(Fixtures.Said(speaker: speaker, sentence: "Statement \(index)-\(said.count).", labels: labels))
            }
            let (document, statements) = Fixtures.document(
                "doc-\(index)", date: date, source: sources.randomElement(using: &random)!, said)
            batches[Int.random(in: 0...1, using: &random)].append(
                DocumentToStore(document: document, contentHash: "hash-\(index)", statements: statements))
        }
        for (ruleset, batch) in zip(rulesets, batches) {
            for result in database.store(batch, rulesetID: ruleset, runID: run) { _ = try result.get() }
        }
        return database
    }

    /// What a cell should hold, counted from export rows.
    struct Expected: Equatable {
        var tally = StanceTally()
        var statements = Set<String>()
    }

    static func expected(
        _ rows: [ExportRow], filter: ReportFilter, period: ReportPeriod?, perCountry: Bool
    ) -> [String: Expected] {
        var cells: [String: Expected] = [:]
        for row in rows {
            if perCountry && row.country == nil { continue }
            if period != nil && row.date == nil { continue }
            if let from = filter.from { guard let date = row.date, date >= from else { continue } }
            if let to = filter.to { guard let date = row.date, date <= to else { continue } }
            if !filter.countries.isEmpty { guard let country = row.country, filter.countries.contains(country) else { continue } }
            if !filter.targets.isEmpty { guard let target = row.target, filter.targets.contains(target) else { continue } }
            if !filter.stances.isEmpty && !filter.stances.contains(row.stance) { continue }
            if let source = filter.source {
                guard let rowSource = row.source, rowSource.lowercased().contains(source.lowercased()) else { continue }
            }
            let key = "\(perCountry ? row.country!.rawValue : "")|\(period.map { $0.key(of: row.date!) } ?? "")"
            cells[key, default: Expected()].tally[StancePosition(row.stance, row.polarity)] += 1
            cells[key, default: Expected()].statements.insert(row.statement)
        }
        return cells
    }

    static let filters: [ReportFilter] = [
        .all,
        ReportFilter(targets: ["PRK"]),
        ReportFilter(stances: [.pressure, .sanctions]),
        ReportFilter(countries: ["JPN", "KOR"]),
        ReportFilter(from: Day(iso: "2016-03-15"), to: Day(iso: "2018-11-02")),
        ReportFilter(from: Day(iso: "2017-01-01"), countries: ["USA"], targets: ["IRN", "RUS"], stances: [.dialogue]),
        ReportFilter(source: "wire"),
    ]

    func checkAgreement(
        _ database: StanceDatabase, filters: [ReportFilter] = filters,
        periods: [ReportPeriod?] = [nil] + ReportPeriod.allCases.map(Optional.some)
    ) throws {
        let rows = try Fixtures.exportRows(database)
        for filter in filters {
            for period in periods {
                for perCountry in [true, false] {
                    let cells = try database.positionCells(filter, by: period, perCountry: perCountry)
                    var actual: [String: Expected] = [:]
                    for cell in cells {
                        let key = "\(cell.country?.rawValue ?? "")|\(cell.period)"
                        #expect(actual[key] == nil, "cell \(key) twice")
                        actual[key] = Expected(tally: cell.tally, statements: [])
                        #expect(cell.statements > 0)
                    }
                    let expected = Self.expected(rows, filter: filter, period: period, perCountry: perCountry)
                    #expect(Set(actual.keys) == Set(expected.keys), "\(filter) by \(String(describing: period)) per country \(perCountry)")
                    for cell in cells {
                        let key = "\(cell.country?.rawValue ?? "")|\(cell.period)"
                        #expect(cell.tally == expected[key]?.tally, "labels of \(key), \(filter), \(String(describing: period))")
                        #expect(cell.statements == expected[key]?.statements.count, "statements of \(key), \(filter)")
                        if let period, let bounds = period.bounds(of: cell.period), let first = cell.firstDate, let last = cell.lastDate {
                            #expect(bounds.first <= first && last <= bounds.last, "\(key) dates outside its period")
                        }
                    }
                }
            }
        }
    }

    @Test func inMemoryDatabaseAgreesWithExportedLabels() throws {
        try checkAgreement(try Self.randomDatabase(documents: 600))
    }

    /// A file database with enough documents to be split into date ranges read side by side.
    @Test func fileDatabaseReadInPartsAgreesWithExportedLabels() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try Self.randomDatabase(documents: 4500, path: folder.appendingPathComponent("random.sqlite").path)
        // The in-memory test covers every filter and period; here the parts and their sums matter.
        try checkAgreement(
            database, filters: [.all, Self.filters[1], Self.filters[4]], periods: [nil, .week, .month])
        let (_, rulesets) = try database.positionFigures(.all, by: .month)
        #expect(rulesets == ["rules-old", "rules-new"])
        let (_, none) = try database.positionFigures(ReportFilter(countries: ["XXX"]), by: .month)
        #expect(none.isEmpty)
    }

    /// 8,200 labels of one kind by one country on one day, a hundred statements: counted exactly
    /// (reports once packed per-day counts into 13-bit fields; nothing may overflow now either).
    @Test func oneBusyDayIsCountedExactly() throws {
        let database = try StanceDatabase.inMemory()
        let ruleset = try database.registerRuleset(version: "r", ruleCount: 1)
        let said = (0..<100).map { index in
            Fixtures.Said(
                speaker: Fixtures.country("Japan", "JPN"), sentence: "Statement \(index).",
                labels: Array(repeating: (Fixtures.pressureSupport, "PRK", "pressure/x"), count: 82)
                    + (index == 0 ? [(Fixtures.dialogueOppose, "PRK", "dialogue/x")] : []))
        }
        let (document, statements) = Fixtures.document("busy", date: Day(iso: "2020-01-01"), source: nil, said)
        _ = try database.store(document, contentHash: "h", statements: statements, rulesetID: ruleset, runID: nil)
        for period in [ReportPeriod?.none, .month, .year] {
            let cells = try database.positionCells(.all, by: period)
            #expect(cells.count == 1)
            #expect(cells.first?.tally == StanceTally([Fixtures.pressureSupport: 8200, Fixtures.dialogueOppose: 1]))
            #expect(cells.first?.statements == 100)
        }
    }

    /// Without a date bound the statements behind a figure include undated ones, listed after every
    /// dated one; the newest come first, and a limit keeps the head of the same list.
    @Test func statementsBehindListUndatedLast() throws {
        let database = try Self.randomDatabase(documents: 600)
        let rows = try Fixtures.exportRows(database)
        for country: CountryCode in ["JPN", "EU"] {
            let filter = ReportFilter(countries: [country])
            let all = try database.statementsBehind(filter, limit: 10_000)
            #expect(all.count == Set(rows.filter { $0.country == country }.map(\.statement)).count)
            let dates = all.map(\.date)
            let firstUndated = dates.firstIndex(of: nil) ?? dates.count
            #expect(firstUndated < dates.count, "the fixture has undated statements by \(country)")
            #expect(dates[firstUndated...].allSatisfy { $0 == nil }, "undated statements last")
            let dated = dates[..<firstUndated].map { $0! }
            #expect(zip(dated, dated.dropFirst()).allSatisfy { $0 >= $1 }, "newest first")
            #expect(try database.statementsBehind(filter, limit: 25).map(\.key) == Array(all.prefix(25).map(\.key)))
        }
    }

    @Test func seedReportShowsAprilAndJulyForThreeCountries() throws {
        let report = try PositionsReport.build(Fixtures.seedDatabase(), filter: .all, by: .month)
        let figures = Dictionary(
            uniqueKeysWithValues: report.countries.flatMap { country in
                country.figures.map { ("\(country.country.rawValue) \($0.cell.period)", $0.cell) }
            })
        #expect(Set(figures.keys) == ["JPN 2017-04", "JPN 2017-07", "USA 2017-04", "KOR 2017-04", "KOR 2017-07"])
        // Japan in April: pressure twice, restraint twice (Kishida's and Kanasugi's); in July four
        // hard-line labels of six.
        #expect(figures["JPN 2017-04"]?.tally.positionIndex == 0)
        #expect(figures["JPN 2017-04"]?.statements == 3)
        #expect(figures["JPN 2017-07"]?.tally.labels == 6)
        #expect(figures["JPN 2017-07"]?.statements == 4)
        #expect(figures["USA 2017-04"]?.tally.positionIndex == 1)
        #expect(figures["KOR 2017-07"]?.tally.positionIndex == -1)
        #expect(report.coverage.rulesets == ["rules-a1", "rules-b2"])
        #expect(report.coverage.undatedDocuments == 1)
        #expect(report.coverage.undatedLabels == 1)
        #expect(report.coverage.statementsWithoutCountry == 1)
        let table = report.render(.table)
        // South Korea never spoke as itself in the fixture, so the database has no name for KOR.
        for name in ["Japan (JPN)", "United States (USA)", "KOR ", "2017-04", "2017-07"] {
            #expect(table.contains(name))
        }
    }

    @Test func statementsBehindAFigureAreItsOwn() throws {
        let database = try Fixtures.seedDatabase()
        let filter = ReportFilter(from: Day(iso: "2017-04-01"), to: Day(iso: "2017-04-30"), countries: ["JPN"])
        let statements = try database.statementsBehind(filter, limit: 10)
        #expect(statements.count == 3)
        #expect(statements.allSatisfy { $0.country == "JPN" && $0.date == Day(iso: "2017-04-24") })
        #expect(statements.flatMap(\.labels).count == 4)
        let kishida = try #require(statements.first { $0.actor == "Fumio Kishida" })
        #expect(kishida.quote == "I hope to attend the meeting to firmly call on North Korea to exercise restraint,")
        #expect(kishida.source == "Kyodo")
        #expect(kishida.labels.map(\.rule) == ["restraint/show-restraint"])
        #expect(kishida.labels.map(\.ruleset) == ["rules-a1"])
        let limited = try database.statementsBehind(filter, limit: 2)
        #expect(limited.map(\.key) == Array(statements.map(\.key).prefix(2)))
    }
}
