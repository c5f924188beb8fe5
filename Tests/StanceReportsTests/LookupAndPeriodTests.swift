import Foundation
import StanceModel
import StanceReports
import StanceStore
import Testing

@Suite struct ActorLookupTests {
    func find(_ query: String, country: CountryCode? = nil, dictionary: ActorDictionary? = Fixtures.dictionary) throws
        -> ActorLookup.Outcome
    {
        try ActorLookup.find(query, country: country, in: Fixtures.seedDatabase(), dictionary: dictionary)
    }

    @Test func surnameFindsThePersonWithDictionaryRoles() throws {
        guard case .found(let match) = try find("Kishida") else { Issue.record("Kishida not found"); return }
        #expect(match.records.map(\.name) == ["Fumio Kishida"])
        #expect(match.person?.roles.first?.title == "foreign minister")
        #expect(match.country == nil)
    }

    @Test func wholeWordsWithoutADictionary() throws {
        guard case .found(let match) = try find("maruyama", dictionary: nil) else { Issue.record("not found"); return }
        #expect(match.records.map(\.name) == ["Norio Maruyama"])
        #expect(match.person == nil)
        // Part of a word is not a match.
        guard case .notFound = try find("Maru", dictionary: nil) else { Issue.record("Maru matched"); return }
    }

    @Test func dictionaryAliasFindsTheStoredName() throws {
        // The dictionary spells him Kim Hong-kyun and lists "Kim Hong Kyun" as an alias; the store has the alias.
        guard case .found(let match) = try find("Kim Hong-kyun") else { Issue.record("not found"); return }
        #expect(match.records.map(\.name) == ["Kim Hong Kyun"])
    }

    @Test func severalActorsAreListedAndCountryNarrowsThem() throws {
        let database = try StanceDatabase.inMemory()
        let ruleset = try database.registerRuleset(version: "r", ruleCount: 1)
        let (document, statements) = Fixtures.document(
            "doc", date: Day(iso: "2017-01-02"), source: nil,
            [
                Fixtures.Said(speaker: Fixtures.person("Kim Jong Un", "PRK"), sentence: "One.", labels: []),
                Fixtures.Said(speaker: Fixtures.person("Kim Yo Jong", "PRK"), sentence: "Two.", labels: []),
                Fixtures.Said(
                    speaker: Fixtures.person("Kim Hong Kyun", "KOR"), sentence: "Three.",
                    labels: [(Fixtures.pressureSupport, "PRK", "pressure/x")]),
            ])
        _ = try database.store(document, contentHash: "h", statements: statements, rulesetID: ruleset, runID: nil)
        guard case .ambiguous(let groups) = try ActorLookup.find("kim", in: database, dictionary: nil) else {
            Issue.record("expected three actors"); return
        }
        // Most labelled first, then by name.
        #expect(groups.map { $0[0].name } == ["Kim Hong Kyun", "Kim Jong Un", "Kim Yo Jong"])
        #expect(ActorLookup.describe(groups)[1] == "Kim Jong Un (person, PRK): 1 statement, 0 labelled, 2017-01-02")
        guard case .found(let korean) = try ActorLookup.find("kim", country: "KOR", in: database, dictionary: nil) else {
            Issue.record("--country KOR did not narrow to one"); return
        }
        #expect(korean.records.map(\.name) == ["Kim Hong Kyun"])
        guard case .found(let full) = try ActorLookup.find("Kim Yo Jong", in: database, dictionary: nil) else {
            Issue.record("full name not found"); return
        }
        #expect(full.records.map(\.name) == ["Kim Yo Jong"])
    }

    @Test func countryCodeMeansTheCountrySpeakingAsItself() throws {
        guard case .found(let match) = try find("JPN") else { Issue.record("JPN not found"); return }
        #expect(match.country == "JPN")
        #expect(match.records.map(\.name) == ["Japan"])
        let report = try ActorReport.build(Fixtures.seedDatabase(), match: match, filter: .all, by: .month, statementLimit: 10)
        #expect(report.statements.allSatisfy { $0.actor == "Japan" })
        #expect(report.otherSpeakers.map(\.name).contains("Fumio Kishida"))
        // A country's name in the dictionary means the same.
        guard case .found(let byName) = try find("DPRK") else {
            // North Korea never spoke in the fixture: nothing to show is right.
            return
        }
        #expect(byName.country == "PRK")
    }

    @Test func unknownNameIsNotFound() throws {
        guard case .notFound = try find("Lavrov") else { Issue.record("Lavrov found"); return }
    }

    @Test func actorReportShowsRoleOnTheDate() throws {
        guard case .found(let match) = try find("Kishida") else { Issue.record("not found"); return }
        let report = try ActorReport.build(Fixtures.seedDatabase(), match: match, filter: .all, by: .month, statementLimit: 10)
        let statement = try #require(report.statements.first)
        #expect(statement.labels.map(\.position) == [StancePosition(.restraint, .support)])
        // The text named no role in this sentence; the dictionary says he was foreign minister then.
        #expect(statement.role == "foreign minister")
        #expect(report.rolesSeen.map(\.role) == ["foreign minister"])
        #expect(report.profile?.tally.positionIndex == -1)
        #expect(report.render(.table).contains("foreign minister"))
    }
}

@Suite struct PeriodTests {
    @Test func keysAndBounds() {
        let day = Day(iso: "2017-04-24")!  // a Monday
        #expect(ReportPeriod.week.key(of: day) == "2017-04-24")
        #expect(ReportPeriod.week.key(of: Day(iso: "2017-04-30")!) == "2017-04-24")
        #expect(ReportPeriod.week.key(of: Day(iso: "2017-05-01")!) == "2017-05-01")
        #expect(ReportPeriod.month.key(of: day) == "2017-04")
        #expect(ReportPeriod.quarter.key(of: day) == "2017-Q2")
        #expect(ReportPeriod.year.key(of: day) == "2017")
        #expect(ReportPeriod.quarter.bounds(of: "2017-Q4")! == (Day(iso: "2017-10-01")!, Day(iso: "2017-12-31")!))
        #expect(ReportPeriod.month.bounds(of: "2016-02")!.last == Day(iso: "2016-02-29")!)
        #expect(ReportPeriod.month.bounds(of: "2016-13") == nil)
        #expect(ReportPeriod.quarter.bounds(of: "2016-Q5") == nil)
    }

    @Test func isoWeekLabels() {
        #expect(ReportPeriod.week.label(of: "2017-04-24") == "2017-W17")
        // 2017-01-01 was a Sunday: its week began on 2016-12-26 and is week 52 of 2016.
        #expect(ReportPeriod.week.key(of: Day(iso: "2017-01-01")!) == "2016-12-26")
        #expect(ReportPeriod.week.label(of: "2016-12-26") == "2016-W52")
        // 2014-12-29 (a Monday) starts week 1 of 2015.
        #expect(ReportPeriod.week.label(of: "2014-12-29") == "2015-W01")
        #expect(ReportPeriod.month.label(of: "2017-04") == "2017-04")
    }

    @Test(arguments: ReportPeriod.allCases) func keysCoverEveryDayOnce(_ period: ReportPeriod) {
        let first = Day(iso: "2015-12-20")!, last = Day(iso: "2017-01-10")!
        let keys = period.keys(from: first, through: last)
        #expect(keys == Array(Set(keys)).sorted())
        var day = first
        while day <= last {
            let key = period.key(of: day)
            #expect(keys.contains(key))
            let bounds = period.bounds(of: key)!
            #expect(bounds.first <= day && day <= bounds.last)
            day = day.adding(days: 1)
        }
    }

    /// The report's cells and `ReportPeriod.key` agree on every day of eight years (both ends of every
    /// week, month, quarter and year included): the fold starts each period on the right day.
    @Test func reportBucketingMatchesPeriodKeys() throws {
        let database = try StanceDatabase.inMemory()
        let ruleset = try database.registerRuleset(version: "r", ruleCount: 1)
        let start = Day(iso: "2012-12-25")!
        let batch = (0..<2950).map { offset in
            let (document, statements) = Fixtures.document(
                "d\(offset)", date: start.adding(days: offset), source: nil,
                [Fixtures.Said(speaker: Fixtures.country("Japan", "JPN"), sentence: "S.", labels: [(Fixtures.pressureSupport, nil, "r/x")])])
            return DocumentToStore(document: document, contentHash: "h\(offset)", statements: statements)
        }
        for result in database.store(batch, rulesetID: ruleset, runID: nil) { _ = try result.get() }
        for period in ReportPeriod.allCases {
            var expected: [String: Int] = [:]
            for offset in 0..<2950 { expected[period.key(of: start.adding(days: offset)), default: 0] += 1 }
            let cells = try database.positionCells(.all, by: period)
            #expect(Dictionary(uniqueKeysWithValues: cells.map { ($0.period, $0.statements) }) == expected, "\(period)")
        }
    }
}

@Suite struct CompareWindowTests {
    @Test func trailingWindowsEndOnTheDate() {
        let day = Day(iso: "2017-04-24")!
        #expect(CompareWindow(length: WindowLength("30d")!, endingOn: day) == CompareWindow(from: Day(iso: "2017-03-26")!, to: day))
        #expect(CompareWindow(length: WindowLength("30d")!, endingOn: day).days == 30)
        #expect(CompareWindow(length: WindowLength("1w")!, endingOn: day).from == Day(iso: "2017-04-18")!)
        #expect(CompareWindow(length: WindowLength("1m")!, endingOn: day).from == Day(iso: "2017-03-25")!)
        #expect(CompareWindow(length: WindowLength("1m")!, endingOn: Day(iso: "2017-03-31")!).from == Day(iso: "2017-03-01")!)
        #expect(CompareWindow(length: WindowLength("1y")!, endingOn: Day(iso: "2016-02-29")!).from == Day(iso: "2015-03-01")!)
    }

    @Test func parsing() {
        #expect(WindowLength("90d")?.description == "90d")
        #expect(WindowLength("0d") == nil)
        #expect(WindowLength("d") == nil)
        #expect(WindowLength("3x") == nil)
        #expect(CompareWindow(range: "2017-01-01..2017-12-31") == CompareWindow(from: Day(iso: "2017-01-01")!, to: Day(iso: "2017-12-31")!))
        #expect(CompareWindow(range: "2017-12-31..2017-01-01") == nil)
        #expect(CompareWindow(range: "2017-01-01") == nil)
    }

    @Test func seedsSayWhatChanged() throws {
        let report = try GoldenTests.compare()
        let japan = try #require(report.countries.first { $0.country == "JPN" })
        #expect(japan.direction == .hardened)
        #expect(japan.taken.contains(StancePosition(.sanctions, .support)))
        #expect(japan.dropped == [StancePosition(.restraint, .support)])
        #expect(japan.evidence.contains { $0.title == "Newly supports sanctions" && !$0.statements.isEmpty })
        let korea = try #require(report.countries.first { $0.country == "KOR" })
        #expect(korea.direction == .unchanged)
        #expect(korea.reason.contains("too few statements"))
        #expect(report.countries.first?.country == "JPN")
    }
}
