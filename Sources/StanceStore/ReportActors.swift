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

    /// The roles stored with an actor's statements, in the order they were first seen, and how the
    /// text named the actor, the `mentionLimit` most frequent first.
    ///
    /// Both come from the same statements, each a row read at its own place in the statement table:
    /// read once (a materialized CTE) for both lists rather than once per list.
    public func rolesAndMentions(actorIDs: [Int64], mentionLimit: Int) throws -> (roles: [RoleSeen], mentions: [MentionSeen]) {
        guard !actorIDs.isEmpty else { return ([], []) }
        let rows = try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    WITH said AS MATERIALIZED (
                        SELECT s.role, s.speaker_mention, s.date FROM statement s
                        WHERE s.actor_id IN (\(SQLConditions.placeholders(actorIDs.count)))
                    )
                    SELECT part, text, first, last, statements FROM (
                        SELECT 0 AS part, role AS text, min(date) AS first, max(date) AS last, count(*) AS statements,
                            row_number() OVER (ORDER BY min(date) IS NULL, min(date), role) AS rank
                        FROM said WHERE role IS NOT NULL GROUP BY role
                        UNION ALL
                        SELECT 1, speaker_mention, NULL, NULL, count(*),
                            row_number() OVER (ORDER BY count(*) DESC, speaker_mention)
                        FROM said WHERE speaker_mention IS NOT NULL GROUP BY speaker_mention
                    )
                    WHERE part = 0 OR rank <= ?
                    ORDER BY part, rank
                    """,
                arguments: StatementArguments(actorIDs) + [mentionLimit])
        }
        var roles: [RoleSeen] = []
        var mentions: [MentionSeen] = []
        for row in rows {
            if row["part"] == 0 {
                roles.append(
                    RoleSeen(
                        role: row["text"], firstDate: Self.day(row["first"]), lastDate: Self.day(row["last"]),
                        statements: row["statements"]))
            } else {
                mentions.append(MentionSeen(mention: row["text"], statements: row["statements"]))
            }
        }
        return (roles, mentions)
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
