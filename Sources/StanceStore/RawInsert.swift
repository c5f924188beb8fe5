import GRDB

#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// Runs one of the ingest path's cached INSERT statements through SQLite's C API: values are bound
/// straight from Swift strings and integers, with no `StatementArguments` array of `DatabaseValue`s
/// built and torn down per row (that, not SQLite, was a third of the writer's time).
///
/// Use it only for statements no other code executes through GRDB in the same transaction; it
/// leaves them reset, so GRDB can still use them afterwards. Errors are GRDB's `DatabaseError`, with
/// SQLite's extended result code, so `storageFailure` and the callers see what they always saw.
struct RawInsert {
    let statement: GRDB.Statement
    private let handle: OpaquePointer
    private var index: Int32 = 0

    init(_ statement: GRDB.Statement) {
        self.statement = statement
        handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// SQLite copies the bytes before the call returns.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    mutating func bind(_ value: String) {
        index += 1
        var value = value
        value.withUTF8 { bytes in
            if let base = bytes.baseAddress, bytes.count > 0 {
                _ = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { pointer in
                    sqlite3_bind_text(handle, index, pointer, Int32(bytes.count), Self.transient)
                }
            } else {
                // An empty string is text, not NULL (a null pointer would bind NULL).
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
            }
        }
    }

    mutating func bind(_ value: String?) {
        guard let value else { return bindNull() }
        bind(value)
    }

    mutating func bind(_ value: Int64) {
        index += 1
        sqlite3_bind_int64(handle, index, value)
    }

    mutating func bind(_ value: Int) { bind(Int64(value)) }

    mutating func bind(_ value: Int?) {
        guard let value else { return bindNull() }
        bind(Int64(value))
    }

    mutating func bind(_ value: Int64?) {
        guard let value else { return bindNull() }
        bind(value)
    }

    mutating func bind(_ value: Double) {
        index += 1
        sqlite3_bind_double(handle, index, value)
    }

    mutating func bindNull() {
        index += 1
        sqlite3_bind_null(handle, index)
    }

    /// Steps the statement once (an INSERT returns no rows) and resets it.
    mutating func run() throws {
        precondition(index == sqlite3_bind_parameter_count(handle), "RawInsert: \(index) values for \(statement.sql)")
        let code = sqlite3_step(handle)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            index = 0
        }
        guard code == SQLITE_DONE else {
            let connection = sqlite3_db_handle(handle)
            let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
            let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: extended), message: message, sql: statement.sql)
        }
    }
}
