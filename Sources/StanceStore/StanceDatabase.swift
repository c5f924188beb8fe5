import Foundation
import GRDB
import StanceModel

/// The stance database: the one value that owns the connection.
///
/// Every other target talks to storage through this type's methods and plain Swift values, so a
/// PostgreSQL backend can replace it without touching them. A file database is a `DatabasePool` in
/// WAL mode, so reports read while an ingest writes; `inMemory()` is a `DatabaseQueue` for tests.
///
/// Writes are meant to come from one thread (the ingest pipeline's writer). Callbacks that stream rows
/// (`exportRows`) run inside a database access and must not call back into the database.
public final class StanceDatabase: Sendable {
    /// The file the database lives in; nil in memory.
    public let path: String?
    let writer: any DatabaseWriter
    let actorIDs = Locked([ActorIdentity: CachedActor]())

    private init(path: String?, writer: any DatabaseWriter) {
        self.path = path
        self.writer = writer
    }

    /// The database file to use: `--db PATH`, else `$STANCE_DB`, else `stance.sqlite` in the current
    /// directory. Relative paths are taken relative to `currentDirectory`.
    public static func resolvePath(explicit: String?, environment: [String: String], currentDirectory: String) -> String {
        let chosen: String
        if let explicit, !explicit.isEmpty {
            chosen = explicit
        } else if let fromEnvironment = environment["STANCE_DB"], !fromEnvironment.isEmpty {
            chosen = fromEnvironment
        } else {
            chosen = "stance.sqlite"
        }
        if chosen.hasPrefix("/") { return chosen }
        return currentDirectory.hasSuffix("/") ? currentDirectory + chosen : currentDirectory + "/" + chosen
    }

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// Refuses, leaving the file as it was, a file that is not an SQLite database, a database made by
    /// a newer schema, and a path that cannot be written.
    public static func open(path: String) throws -> StanceDatabase {
        // Another process that is switching a new file to WAL or migrating it holds locks which
        // SQLite's busy timeout does not always wait for (a journal mode change fails at once).
        let deadline = Date().addingTimeInterval(10)
        while true {
            do {
                return try openOnce(path: path)
            } catch let error as DatabaseError
                where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED) && Date() < deadline
            {
                usleep(50_000)
            } catch let error as DatabaseError {
                throw translate(error, path: path)
            }
        }
    }

    private static func openOnce(path: String) throws -> StanceDatabase {
        if try checkBeforeOpening(path) {
            try refuseNewerSchema(path)
        }
        let pool = try DatabasePool(path: path, configuration: configuration())
        try migrate(pool)
        return StanceDatabase(path: path, writer: pool)
    }

    /// Brings the schema up to date. Two processes opening a new database at once (two ingests
    /// started together) race to run the same migration; the loser's transaction fails and rolls
    /// back, so it looks again and runs only what is still missing.
    private static func migrate(_ pool: DatabasePool) throws {
        let migrator = Schema.migrator
        let known = Set(Schema.knownMigrations)
        var attempts = 0
        while true {
            do {
                let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
                if known.isSubset(of: applied) { return }
                try migrator.migrate(pool)
                return
            } catch let error as DatabaseError
                // The loser of the race re-runs a migration the winner committed meanwhile: it fails on
                // the tables the winner made (SQLITE_ERROR), or, for a migration that rebuilds tables,
                // only when recording its identifier (SQLITE_CONSTRAINT). Either way it rolled back.
                where (error.resultCode == .SQLITE_ERROR || error.resultCode == .SQLITE_CONSTRAINT) && attempts < 20
            {
                attempts += 1
                usleep(50_000)
            }
        }
    }

    /// A fresh database in memory, fully migrated: for tests.
    public static func inMemory() throws -> StanceDatabase {
        let queue = try DatabaseQueue(configuration: configuration())
        try Schema.migrator.migrate(queue)
        return StanceDatabase(path: nil, writer: queue)
    }

    /// Closes the connection; later calls throw. Files are released for deletion or comparison.
    public func close() throws {
        if let pool = writer as? DatabasePool {
            try pool.close()
        } else if let queue = writer as? DatabaseQueue {
            try queue.close()
        }
    }

    /// The migrations applied to this database, in the order this build knows them.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try Schema.migrator.appliedMigrations(db) }
    }

    /// The migrations this build knows, in order.
    public static var knownMigrations: [String] { Schema.knownMigrations }

    // MARK: Opening

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Concurrent ingests and reports wait for each other rather than fail (issue 7).
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL makes NORMAL durable against application crashes; only power loss can lose the
            // last transactions, never corrupt the file.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Ingest inserts into indexes at random places; with SQLite's 2 MB default most inserts
            // would first read their page back from the file. The cache grows only as it is used.
            try db.execute(sql: "PRAGMA cache_size = -32768")
            // Fewer, larger checkpoints (each one syncs the file); the WAL is cut back afterwards.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
        }
        return configuration
    }

    private static let sqliteHeader = Array("SQLite format 3\0".utf8)

    /// Checks the file before SQLite touches it. Returns whether a non-empty database already exists.
    private static func checkBeforeOpening(_ path: String) throws -> Bool {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let directory = (path as NSString).deletingLastPathComponent
        let folder = directory.isEmpty ? "." : directory
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            var folderIsDirectory: ObjCBool = false
            guard manager.fileExists(atPath: folder, isDirectory: &folderIsDirectory) else {
                throw StoreError.unwritable(path: path, reason: "the folder \(folder) does not exist")
            }
            guard folderIsDirectory.boolValue else {
                throw StoreError.unwritable(path: path, reason: "\(folder) is not a folder")
            }
            guard access(folder, W_OK) == 0 else {
                throw StoreError.unwritable(path: path, reason: "the folder \(folder) is not writable (\(errnoDescription()))")
            }
            return false
        }
        guard !isDirectory.boolValue else {
            throw StoreError.unwritable(path: path, reason: "it is a folder, not a file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.cannotOpen(path: path, reason: "the file cannot be read")
        }
        let header = (try? handle.read(upToCount: sqliteHeader.count)) ?? Data()
        try? handle.close()
        if header.isEmpty {
            try requireWritable(path, folder: folder)
            return false
        }
        guard Array(header) == sqliteHeader else { throw StoreError.notADatabase(path: path) }
        try requireWritable(path, folder: folder)
        return true
    }

    private static func requireWritable(_ path: String, folder: String) throws {
        guard access(path, W_OK) == 0 else {
            throw StoreError.unwritable(path: path, reason: "the file is not writable (\(errnoDescription()))")
        }
        // WAL keeps -wal and -shm files beside the database.
        guard access(folder, W_OK) == 0 else {
            throw StoreError.unwritable(
                path: path, reason: "the folder \(folder) is not writable (\(errnoDescription())); SQLite needs it for its WAL files")
        }
    }

    private static func errnoDescription() -> String { String(cString: strerror(errno)) }

    /// Reads the applied migrations through a read-only connection, so a database we must refuse is
    /// never written (opening a pool would already switch it to WAL).
    private static func refuseNewerSchema(_ path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let applied: Set<String>
        let tableCount: Int
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        // One read transaction, so a process migrating the file at this moment is seen either
        // before or after each of its migrations, never half way.
        (applied, tableCount) = try queue.read { db in
            let tables = try String.fetchSet(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            let applied =
                tables.contains("grdb_migrations")
                ? try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations") : []
            return (applied, tables.subtracting(["grdb_migrations"]).count)
        }
        let known = Set(Schema.knownMigrations)
        // Tables but none of our migrations: another program's database, which we must not add to.
        if tableCount > 0 && applied.isDisjoint(with: known) {
            throw StoreError.foreignDatabase(path: path)
        }
        let unknown = applied.subtracting(known).sorted()
        if !unknown.isEmpty {
            throw StoreError.newerSchema(path: path, unknownMigrations: unknown)
        }
    }

    private static func translate(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_NOTADB: .notADatabase(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM: .unwritable(path: path, reason: error.message ?? "read-only")
        case .SQLITE_CORRUPT: .cannotOpen(path: path, reason: "the database is corrupt (\(error.message ?? "SQLITE_CORRUPT"))")
        default: .cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }
}

/// A value guarded by a lock, for the little mutable state a Sendable database keeps (caches).
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
