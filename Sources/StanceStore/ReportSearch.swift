import GRDB
import StanceModel

extension StanceDatabase {
    /// Full-text search over statements with a report's filters, best matches first, each statement
    /// with the labels the filter selects; and how many statements match in all.
    ///
    /// `text` is read as `search(text:)` reads it: words and "quoted phrases", all of which must
    /// match. Statements without labels are found too unless the filter names targets, stances or
    /// positions. Date filters leave out undated statements.
    public func searchStatements(text: String, filter: ReportFilter, limit: Int) throws -> (
        hits: [ReportSearchHit], total: Int
    ) {
        guard let query = Self.matchExpression(for: text) else { return ([], 0) }
        var conditions = SQLConditions()
        conditions.add("statement_search MATCH ?", [query])
        if let from = filter.from { conditions.add("s.date >= ?", [from.iso]) }
        if let to = filter.to { conditions.add("s.date <= ?", [to.iso]) }
        conditions.add("s.country", in: filter.countries.map(\.rawValue))
        if !filter.actorIDs.isEmpty {
            let ids = Array(Set(filter.actorIDs)).sorted()
            conditions.add("s.actor_id IN (\(SQLConditions.placeholders(ids.count)))", ids)
        }
        if let source = filter.source {
            conditions.add(
                "s.document_id IN (SELECT id FROM document WHERE source LIKE ? ESCAPE '\\')",
                [Self.likePattern(contains: source)])
        }
        // Conditions on labels: the statement must have at least one label that meets them all.
        let labelOnly = ReportFilter(targets: filter.targets, stances: filter.stances, positions: filter.positions)
        var labelConditions = Self.labelConditions(labelOnly)
        if !labelConditions.clauses.isEmpty {
            labelConditions.add("l.statement_id = s.id")
            conditions.add("EXISTS (SELECT 1 FROM label l \(labelConditions.whereClause))", labelConditions.arguments)
        }
        let from = """
            FROM statement_search JOIN statement s ON s.id = statement_search.rowid
            \(conditions.whereClause)
            """
        return try writer.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) \(from)", arguments: conditions.statementArguments) ?? 0
            guard limit > 0 else { return ([], total) }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, snippet(statement_search, 0, '**', '**', '…', 16), bm25(statement_search) AS rank
                    \(from)
                    ORDER BY rank, s.key LIMIT ?
                    """,
                arguments: conditions.statementArguments + [limit])
            let ids = rows.map { $0[0] as Int64 }
            let statements = try Self.reportStatements(db, ids: ids, labelFilter: labelOnly)
            let byKey = Dictionary(uniqueKeysWithValues: zip(ids, rows))
            let hits = zip(ids, statements).map { id, statement in
                ReportSearchHit(statement: statement, snippet: byKey[id]?[1] ?? "", rank: byKey[id]?[2] ?? 0)
            }
            return (hits, total)
        }
    }
}
