import GRDB
import StanceModel

/// Labels per stance and polarity for one country, and its latest statement: what `stance track`
/// prints after an ingest.
public struct CountrySummary: Hashable, Sendable {
    public var country: CountryCode
    /// Label counts keyed by stance and polarity.
    public var counts: [Stance: [Polarity: Int]]
    public var statements: Int
    public var latest: LatestStatement?

    public func count(_ stance: Stance, _ polarity: Polarity) -> Int { counts[stance]?[polarity] ?? 0 }
}

/// A country's most recent labelled statement (dated statements first).
public struct LatestStatement: Hashable, Sendable {
    public var key: String
    public var date: Day?
    public var actor: String
    public var text: String
}

extension StanceDatabase {
    /// One summary per country with labels, ordered by country code. Computed in SQL over the label
    /// indexes; statements without a country are left out.
    public func countrySummaries(_ filter: ExportFilter = .all) throws -> [CountrySummary] {
        var conditions = ["l.country IS NOT NULL"]
        var arguments: [(any DatabaseValueConvertible)?] = []
        Self.appendConditions(for: filter, table: "l", to: &conditions, arguments: &arguments)
        let whereClause = "WHERE " + conditions.joined(separator: " AND ")
        return try writer.read { db in
            var summaries: [CountryCode: CountrySummary] = [:]
            let counts = try Row.fetchCursor(
                db,
                sql: """
                    SELECT l.country, l.stance, l.polarity, count(*), count(DISTINCT l.statement_id)
                    FROM label l \(whereClause)
                    GROUP BY l.country, l.stance, l.polarity
                    """,
                arguments: StatementArguments(arguments))
            while let row = try counts.next() {
                let country = CountryCode(rawValue: row[0])
                var summary = summaries[country] ?? CountrySummary(country: country, counts: [:], statements: 0, latest: nil)
                summary.counts[try Self.stance(row[1]), default: [:]][try Self.polarity(row[2])] = row[3]
                summaries[country] = summary
            }
            let statementCounts = try Row.fetchCursor(
                db, sql: "SELECT l.country, count(DISTINCT l.statement_id) FROM label l \(whereClause) GROUP BY l.country",
                arguments: StatementArguments(arguments))
            while let row = try statementCounts.next() {
                summaries[CountryCode(rawValue: row[0])]?.statements = row[1]
            }
            // The latest labelled statement per country: dated ones by date, then by position.
            let latest = try Row.fetchCursor(
                db,
                sql: """
                    SELECT country, key, date, name, text FROM (
                        SELECT l.country, s.key, s.date, a.name, s.text,
                            row_number() OVER (PARTITION BY l.country
                                ORDER BY s.date IS NULL, s.date DESC, s.document_id DESC, s.ordinal DESC) AS rank
                        FROM label l JOIN statement s ON s.id = l.statement_id JOIN actor a ON a.id = s.actor_id
                        \(whereClause)
                    ) WHERE rank = 1
                    """,
                arguments: StatementArguments(arguments))
            while let row = try latest.next() {
                summaries[CountryCode(rawValue: row[0])]?.latest = LatestStatement(
                    key: row[1], date: Self.day(row[2]), actor: row[3], text: row[4])
            }
            return summaries.values.sorted { $0.country < $1.country }
        }
    }
}
