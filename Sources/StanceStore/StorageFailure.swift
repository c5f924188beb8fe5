import GRDB

extension StanceDatabase {
    /// The failure of the database as a whole, as opposed to one document or statement being refused.
    ///
    /// A full disk (or SQLite's `max_page_count`), an I/O error, a damaged file, a file that became
    /// read-only, or a lock held past the busy timeout makes every later write fail the same way: a
    /// run must stop there and say so once, rather than report each remaining document as failed.
    /// Nil for failures that concern one item (a constraint, a value this build cannot read).
    public func storageFailure(_ error: any Error) -> StoreError? {
        Self.storageFailure(error, path: path ?? ":memory:")
    }

    static func storageFailure(_ error: any Error, path: String) -> StoreError? {
        if let error = error as? StoreError {
            switch error {
            case .invalidArgument, .unexpectedValue: return nil
            default: return error
            }
        }
        guard let error = error as? DatabaseError else { return nil }
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_FULL:
            return .unwritable(path: path, reason: "the disk is full (\(detail))")
        case .SQLITE_IOERR:
            return .unwritable(path: path, reason: "disk I/O error (\(detail))")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
            return .unwritable(path: path, reason: detail)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .damaged(path: path, reason: detail)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .unwritable(path: path, reason: "another process kept it locked past the 10 s timeout (\(detail))")
        case .SQLITE_NOMEM:
            return .cannotOpen(path: path, reason: "out of memory (\(detail))")
        default:
            return nil
        }
    }
}
