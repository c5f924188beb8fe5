import StanceModel
import Testing

@testable import StanceStore

/// The pieces `CellFold` reads label rows with.
@Suite struct ReportFoldTests {
    /// A date column's bytes as `CellFold` sees them: NUL-terminated text.
    func dayBytes(_ text: String) -> DayBytes {
        text.withCString { DayBytes(UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
    }

    @Test func dayBytesReadCalendarDaysInOrder() throws {
        let days = ["1999-12-31", "2017-01-09", "2017-01-10", "2017-02-28", "2017-10-01", "2024-02-29"]
        for day in days { #expect(try dayBytes(day).day() == Day(iso: day)) }
        for (earlier, later) in zip(days, days.dropFirst()) { #expect(dayBytes(earlier) < dayBytes(later)) }
        #expect(dayBytes("2017-04-24") == dayBytes("2017-04-24"))
        // NULL (no date) sorts before every date, as SQLite orders it.
        #expect(DayBytes.none < dayBytes("0001-01-01"))
        #expect(try DayBytes.none.day() == nil)
    }

    @Test func dayBytesRefuseWhatIsNotADay() {
        for text in ["2017-02-30", "2017-13-01", "2017-4-24", "2017-04-240", "2017/04/24", "20a7-04-24", ""] {
            #expect(throws: StoreError.self, "\(text)") { try dayBytes(text).day() }
        }
    }

    @Test func cStringTableFindsExactNamesOnly() {
        let table = CStringTable(["pressure", "dialogue", "sanctions", "restraint", "support"])
        for (index, name) in ["pressure", "dialogue", "sanctions", "restraint", "support"].enumerated() {
            #expect(name.withCString { table.index(of: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) } == index)
        }
        // "sanctions", "support" and "s" share a first byte; prefixes and longer texts are not names.
        for text in ["s", "press", "pressures", "Pressure", "", "oppose"] {
            #expect(text.withCString { table.index(of: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) } == nil)
        }
        #expect("x".withCString { CStringTable([]).index(of: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) } == nil)
    }

    /// The fold starts a new cell after the last day of the open one's period: that day must be the
    /// last of the period `key(of:)` names, on every day of eight years.
    @Test func lastDayOfEachPeriodAgreesWithItsKey() {
        let start = Day(iso: "2012-12-25")!
        for period in ReportPeriod.allCases {
            for offset in 0..<2950 {
                let day = start.adding(days: offset)
                #expect(period.lastDay(ofPeriodHolding: day) == period.bounds(of: period.key(of: day))?.last, "\(period) \(day)")
            }
        }
    }

    @Test func periodKeysAreWrittenInFull() {
        let day = Day(year: 987, month: 3, day: 5)!
        let monday = Day(iso: ReportPeriod.week.key(of: day))
        #expect(monday?.iso == ReportPeriod.week.key(of: day))
        #expect(monday.map { $0 <= day && day <= $0.adding(days: 6) } == true)
        #expect(ReportPeriod.month.key(of: day) == "0987-03")
        #expect(ReportPeriod.quarter.key(of: day) == "0987-Q1")
        #expect(ReportPeriod.year.key(of: day) == "0987")
        #expect(ReportPeriod.quarter.key(of: Day(iso: "2017-12-31")!) == "2017-Q4")
    }
}
