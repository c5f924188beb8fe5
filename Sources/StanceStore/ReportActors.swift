import GRDB
import StanceModel

extension StanceDatabase {
    /// Actors whose name or dictionary key equals one of `names` or `dictionaryKeys`, ignoring ASCII case.
    public func actors(named names: [String], dictionaryKeys: [String] = []) throws -> [ActorRecord] {
        let lowered = Array(Set(names.map { $0.lowercased() })).sorted()
        let keys = Array(Set(dictionaryKeys)).sorted()
        guard !lowered.isEmpty || !keys.isEmpty else { return [] }
        var alternatives: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if !lowered.isEmpty {
            alternatives.append("lower(a.name) IN (\(SQLConditions.placeholders(lowered.count)))")
            alternatives.append("lower(a.dictionary_key) IN (\(SQLConditions.placeholders(lowered.count)))")
            arguments += lowered + lowered
        }
        if !keys.isEmpty {
            alternatives.append("a.dictionary_key IN (\(SQLConditions.placeholders(keys.count)))")
            arguments += keys
        }
        return try actorRecords(where: alternatives.joined(separator: " OR "), arguments)
    }

    /// Actors whose name contains `words` as whole words ("Kishida" finds "Fumio Kishida"), ignoring
    /// ASCII case.
    public func actors(containingWords words: String) throws -> [ActorRecord] {
        let normalized = words.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
        guard !normalized.isEmpty else { return [] }
        let pattern = Self.likePattern(contains: " " + normalized + " ")
        return try actorRecords(where: "(' ' || lower(a.name) || ' ') LIKE ? ESCAPE '\\'", [pattern])
    }

    /// Actors of a country, optionally of some kinds only or all but some kinds. With a limit, the
    /// ones with most statements.
    public func actors(
        country: CountryCode, kinds: [ActorKind] = [], excludingKinds: [ActorKind] = [], limit: Int? = nil
    ) throws -> [ActorRecord] {
        var clause = "a.country = ?"
        var arguments: [(any DatabaseValueConvertible)?] = [country.rawValue]
        if !kinds.isEmpty {
            clause += " AND a.kind IN (\(SQLConditions.placeholders(kinds.count)))"
            arguments += kinds.map(\.rawValue)
        }
        if !excludingKinds.isEmpty {
            clause += " AND a.kind NOT IN (\(SQLConditions.placeholders(excludingKinds.count)))"
            arguments += excludingKinds.map(\.rawValue)
        }
        return try actorRecords(where: clause, arguments, limit: limit)
    }

    /// Whether any actor speaks for the country (cheap: one index lookup).
    public func hasActors(country: CountryCode) throws -> Bool {
        try writer.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM actor WHERE country = ?)", arguments: [country.rawValue]) ?? false
        }
    }

    /// The roles stored with an actor's statements, in the order they were first seen.
    public func rolesSeen(actorIDs: [Int64]) throws -> [RoleSeen] {
        guard !actorIDs.isEmpty else { return [] }
        return try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.role, min(s.date), max(s.date), count(*) FROM statement s
                    WHERE s.actor_id IN (\(SQLConditions.placeholders(actorIDs.count))) AND s.role IS NOT NULL
                    GROUP BY s.role ORDER BY min(s.date) IS NULL, min(s.date), s.role
                    """,
                arguments: StatementArguments(actorIDs)
            ).map { row in
                RoleSeen(role: row[0], firstDate: Self.day(row[1]), lastDate: Self.day(row[2]), statements: row[3])
            }
        }
    }

    /// How the text named an actor, most frequent first.
    public func mentionsSeen(actorIDs: [Int64], limit: Int) throws -> [MentionSeen] {
        guard !actorIDs.isEmpty, limit > 0 else { return [] }
        return try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.speaker_mention, count(*) FROM statement s
                    WHERE s.actor_id IN (\(SQLConditions.placeholders(actorIDs.count))) AND s.speaker_mention IS NOT NULL
                    GROUP BY s.speaker_mention ORDER BY count(*) DESC, s.speaker_mention LIMIT ?
                    """,
                arguments: StatementArguments(actorIDs) + [limit]
            ).map { row in MentionSeen(mention: row[0], statements: row[1]) }
        }
    }

    /// Actor rows with their statement counts and dates, most labelled statements first; with a
    /// limit, the `limit` with most statements (labelled statements are counted for those only: for
    /// a country with many speakers that count is the expensive part).
    private func actorRecords(
        where clause: String, _ arguments: [(any DatabaseValueConvertible)?], limit: Int? = nil
    ) throws -> [ActorRecord] {
        let chosen = limit.map { "ORDER BY statements DESC, a.name, a.country LIMIT \($0)" } ?? ""
        let order = limit == nil ? "labelled DESC, statements DESC, name, country" : "statements DESC, name, country"
        return try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, name, kind, country, dictionary_key, statements,
                        (SELECT count(DISTINCT l.statement_id) FROM label l WHERE l.actor_id = chosen.id) AS labelled,
                        first_date, last_date
                    FROM (
                        SELECT a.id, a.name, a.kind, a.country, a.dictionary_key,
                            (SELECT count(*) FROM statement s WHERE s.actor_id = a.id) AS statements,
                            (SELECT min(s.date) FROM statement s WHERE s.actor_id = a.id) AS first_date,
                            (SELECT max(s.date) FROM statement s WHERE s.actor_id = a.id) AS last_date
                        FROM actor a WHERE \(clause)
                        \(chosen)
                    ) AS chosen
                    ORDER BY \(order)
                    """,
                arguments: StatementArguments(arguments)
            ).map { row in
                let kindText: String = row[2]
                guard let kind = ActorKind(rawValue: kindText) else {
                    throw StoreError.unexpectedValue("actor kind \(kindText)")
                }
                return ActorRecord(
                    id: row[0], name: row[1], kind: kind, country: Self.country(row[3]), dictionaryKey: row[4],
                    statements: row[5], labelledStatements: row[6], firstDate: Self.day(row[7]),
                    lastDate: Self.day(row[8]))
            }
        }
    }
}
