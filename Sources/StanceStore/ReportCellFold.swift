import Foundation
import GRDB
import StanceModel

#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// A report's cells, folded in Swift from label rows as SQLite reads them in date order.
///
/// Grouping in SQL cost four times more: SQLite's GROUP BY copies and compares the key of every row,
/// `count(DISTINCT)` builds a temporary b-tree per group, and rolling days up into periods needs a
/// second GROUP BY with a sort. Here each row is read once, straight from the statement through
/// SQLite's C API (no `Row`, no `String` per value): a new cell starts when a day passes the open
/// period's last day, and a day's distinct statements are counted when the day ends (a statement has
/// one date, so per-day counts add up to periods). A read covers one country (or one actor's labels):
/// the country is bound, not read from every row.
struct CellFold: Sendable {
    let period: ReportPeriod?
    private(set) var cells: [FoldedCell] = []

    // The open cell.
    private var isOpen = false
    private var key = CellKey(country: nil, period: "")
    /// Labels per position, in `StancePosition.all` order.
    private var counts = [Int](repeating: 0, count: StancePosition.all.count)
    private var statements = 0
    private var firstDay: Day?
    private var lastDay: Day?
    /// The last day of the open cell's period (nil with no period: one cell per read).
    private var periodLast: Day?

    // The day being read.
    private var dayBytes = DayBytes.none
    private var day: Day?
    private var dayStatements: [Int64] = []
    private var lastStatement: Int64?

    init(period: ReportPeriod?) {
        self.period = period
    }

    /// The columns `read` expects, in order, from the label table `l`.
    static let columnsSQL = "l.date, l.statement_id, l.stance, l.polarity"

    /// The order `read` needs.
    static let orderSQL = "l.date"

    /// Folds every row of `statement` (selecting `columnsSQL` ordered by `orderSQL`) into cells of
    /// `country` (nil when the cells are not per country).
    mutating func read(_ statement: GRDB.Statement, country: CountryCode?) throws {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        key.country = country
        dayBytes = .none
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                let connection = sqlite3_db_handle(handle)
                let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
                let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
                throw DatabaseError(resultCode: ResultCode(rawValue: extended), message: message, sql: statement.sql)
            }
            try add(handle)
        }
        finishDay()
        finishCell()
    }

    private mutating func add(_ row: OpaquePointer) throws {
        let date = sqlite3_column_text(row, 0).map(DayBytes.init) ?? .none
        if date != dayBytes || !isOpen {
            try startDay(date)
        }
        let statement = sqlite3_column_int64(row, 1)
        if statement != lastStatement {
            dayStatements.append(statement)
            lastStatement = statement
        }
        // Text values come NUL-terminated (SQLite copies them out of the page with a terminator), so
        // C string comparisons need no length: one call into SQLite fewer per column.
        guard let stanceText = sqlite3_column_text(row, 2), let polarityText = sqlite3_column_text(row, 3),
            let stance = stanceNames.index(of: stanceText), let polarity = polarityNames.index(of: polarityText)
        else {
            throw StoreError.unexpectedValue("a label's stance or polarity")
        }
        counts[stance &* polarityNames.count &+ polarity] &+= 1
    }

    /// A new day (or the first row of a read): closes the previous day, and the open cell when the
    /// day lies past its period.
    private mutating func startDay(_ date: DayBytes) throws {
        guard !isOpen || date > dayBytes else { throw StoreError.unexpectedValue("label rows out of date order") }
        finishDay()
        dayBytes = date
        day = try date.day()
        if period != nil && day == nil { throw StoreError.unexpectedValue("an undated label in a report by period") }
        if isOpen, let day, let periodLast, day > periodLast { finishCell() }
        if !isOpen { openCell() }
        if let day {
            if firstDay == nil { firstDay = day }
            lastDay = day
        }
    }

    private mutating func openCell() {
        var periodKey = ""
        periodLast = nil
        if let period, let day {
            periodKey = period.key(of: day)
            periodLast = period.lastDay(ofPeriodHolding: day)
        }
        key.period = periodKey
        isOpen = true
    }

    /// Adds the day's distinct statements to the open cell. Within a day the index orders labels by
    /// stance before statement, so a statement's labels need not be adjacent: sort, then count runs.
    private mutating func finishDay() {
        if dayStatements.count > 1 {
            dayStatements.sort()
            var distinct = 1
            for index in 1..<dayStatements.count where dayStatements[index] != dayStatements[index - 1] { distinct += 1 }
            statements += distinct
        } else {
            statements += dayStatements.count
        }
        dayStatements.removeAll(keepingCapacity: true)
        lastStatement = nil
    }

    private mutating func finishCell() {
        guard isOpen else { return }
        var tally = StanceTally()
        for (slot, position) in StancePosition.all.enumerated() { tally[position] = counts[slot] }
        cells.append(FoldedCell(key: key, tally: tally, statements: statements, firstDay: firstDay, lastDay: lastDay))
        for slot in counts.indices { counts[slot] = 0 }
        statements = 0
        firstDay = nil
        lastDay = nil
        isOpen = false
    }

    // MARK: Reading values in place

    /// Raw values as stored, in `StancePosition.all` order (stance by stance, then polarity).
    private let stanceNames = CStringTable(Stance.allCases.map(\.rawValue))
    private let polarityNames = CStringTable(Polarity.allCases.map(\.rawValue))
}

/// Names to recognise in NUL-terminated text, kept in one buffer: matching a row's value is a few C
/// string comparisons, with no Swift array to retain and release per row. Immutable once made.
final class CStringTable: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<CChar>
    private let starts: [Int]
    /// The name to try first for each first byte: the only one when no two names share it.
    private let byFirstByte: [Int]

    init(_ names: [String]) {
        let bytes = names.flatMap(\.utf8CString)
        storage = .allocate(capacity: bytes.count)
        storage.initialize(from: bytes, count: bytes.count)
        var starts: [Int] = []
        var offset = 0
        for name in names {
            starts.append(offset)
            offset += name.utf8.count + 1
        }
        self.starts = starts
        // Reversed, so that of names sharing a first byte the first in the list is tried first.
        var byFirstByte = [Int](repeating: 0, count: 256)
        for (index, name) in names.enumerated().reversed() { byFirstByte[Int(name.utf8.first ?? 0)] = index }
        self.byFirstByte = byFirstByte
    }

    deinit { storage.deallocate() }

    var count: Int { starts.count }

    /// The position of `text` among the names; nil when it is none of them.
    func index(of text: UnsafePointer<UInt8>) -> Int? {
        guard !starts.isEmpty else { return nil }
        let guess = byFirstByte[Int(text.pointee)]
        let text = UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self)
        if strcmp(storage + starts[guess], text) == 0 { return guess }
        for index in starts.indices where index != guess && strcmp(storage + starts[index], text) == 0 { return index }
        return nil
    }
}

/// An ISO date column's ten bytes as two big-endian numbers: compared in one or two instructions,
/// in calendar order.
struct DayBytes: Comparable, Sendable {
    var high: UInt64
    var low: UInt16
    var isNull: Bool

    /// NULL: before every date, as SQLite orders it.
    static let none = DayBytes(high: 0, low: 0, isNull: true)

    init(high: UInt64, low: UInt16, isNull: Bool) {
        self.high = high
        self.low = low
        self.isNull = isNull
    }

    /// NUL-terminated text other than ten bytes (the schema's CHECK admits none) fails in `day()`.
    init(_ text: UnsafePointer<UInt8>) {
        guard strnlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self), 11) == 10 else {
            self.init(high: .max, low: .max, isNull: false)
            return
        }
        let raw = UnsafeRawPointer(text)
        self.init(
            high: UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self)),
            low: UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)), isNull: false)
    }

    static func < (lhs: DayBytes, rhs: DayBytes) -> Bool {
        if lhs.isNull != rhs.isNull { return lhs.isNull }
        return (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    /// The calendar day; nil for NULL.
    func day() throws -> Day? {
        guard !isNull else { return nil }
        // "YYYY-MM-" in `high` and "DD" in `low`, the first character in the most significant byte.
        var year = 0, month = 0, dayOfMonth = 0
        for index in 0..<10 {
            let byte = index < 8 ? UInt8(truncatingIfNeeded: high >> UInt64(56 - 8 * index)) : UInt8(truncatingIfNeeded: low >> UInt16(72 - 8 * index))
            if index == 4 || index == 7 {
                guard byte == UInt8(ascii: "-") else { throw Self.notADay }
                continue
            }
            guard (48...57).contains(byte) else { throw Self.notADay }
            let digit = Int(byte - 48)
            switch index {
            case 0..<4: year = year * 10 + digit
            case 5, 6: month = month * 10 + digit
            default: dayOfMonth = dayOfMonth * 10 + digit
            }
        }
        guard let day = Day(year: year, month: month, day: dayOfMonth) else { throw Self.notADay }
        return day
    }

    private static let notADay = StoreError.unexpectedValue("a label date that is not a calendar day")
}

/// One cell as one part of a report's reads found it, before the parts are merged.
struct FoldedCell: Sendable {
    var key: CellKey
    var tally: StanceTally
    var statements: Int
    var firstDay: Day?
    var lastDay: Day?

    /// The same cell's figures from another date range (statements do not span ranges: one date each).
    func adding(_ other: FoldedCell) -> FoldedCell {
        var sum = self
        sum.tally += other.tally
        sum.statements += other.statements
        sum.firstDay = [firstDay, other.firstDay].compactMap { $0 }.min()
        sum.lastDay = [lastDay, other.lastDay].compactMap { $0 }.max()
        return sum
    }
}
