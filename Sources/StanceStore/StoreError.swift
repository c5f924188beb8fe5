/// Why the store refused to open a database or to do what it was asked.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file exists but is not an SQLite database (its first bytes say otherwise).
    case notADatabase(path: String)
    /// The file is an SQLite database of some other program: it has tables but no stance schema.
    case foreignDatabase(path: String)
    /// The database holds migrations this build does not know: it was made by a newer `stance`.
    case newerSchema(path: String, unknownMigrations: [String])
    /// The database or its folder cannot be written (WAL needs to create files beside it).
    case unwritable(path: String, reason: String)
    /// SQLite could not open or read the database.
    case cannotOpen(path: String, reason: String)
    /// SQLite found the file damaged while reading or writing it.
    case damaged(path: String, reason: String)
    /// A caller passed values the store cannot take (e.g. labels for a statement that is not stored).
    case invalidArgument(String)
    /// A column holds a value this build cannot read (written by another version, or edited by hand).
    case unexpectedValue(String)

    public var description: String {
        switch self {
        case .notADatabase(let path):
            "\(path) is not a stance database (it is not an SQLite file); it was left untouched"
        case .foreignDatabase(let path):
            "\(path) is an SQLite database of another program, not a stance database; it was left untouched"
        case .newerSchema(let path, let unknown):
            "\(path) was made by a newer version of stance (unknown migration\(unknown.count == 1 ? "" : "s"): "
                + unknown.joined(separator: ", ") + "); upgrade stance to use it. The file was left untouched"
        case .unwritable(let path, let reason):
            "cannot write the database \(path): \(reason)"
        case .cannotOpen(let path, let reason):
            "cannot open the database \(path): \(reason)"
        case .damaged(let path, let reason):
            "the database \(path) is damaged (\(reason)); `stance doctor --db \(path)` says what can be done"
        case .invalidArgument(let message):
            message
        case .unexpectedValue(let message):
            "unexpected value in the database: \(message)"
        }
    }
}
