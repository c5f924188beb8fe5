import Dispatch
import Foundation
import GRDB
import StanceModel

/// SQL conditions and their arguments, built up one filter at a time.
struct SQLConditions {
    var clauses: [String] = []
    var arguments: [(any DatabaseValueConvertible)?] = []

    mutating func add(_ clause: String, _ values: [(any DatabaseValueConvertible)?] = []) {
        clauses.append(clause)
        arguments.append(contentsOf: values)
    }

    /// `column IN (?, ?, ...)` over distinct values, or nothing for an empty list.
    mutating func add(_ column: String, in values: [String]) {
        let distinct = Array(Set(values)).sorted()
        guard !distinct.isEmpty else { return }
        add("\(column) IN (\(Self.placeholders(distinct.count)))", distinct)
    }

    /// Every condition of `other`, after these.
    mutating func add(_ other: SQLConditions) {
        clauses += other.clauses
        arguments += other.arguments
    }

    static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    var whereClause: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }
    var statementArguments: StatementArguments { StatementArguments(arguments) }
}

extension StanceDatabase {
    /// The figures of a report: labels per stance and polarity and the distinct statements behind
    /// them, per country (or, with `perCountry` false, over all speakers) and period. Nil `period`
    /// makes the whole filter one period with the key "", undated labels included.
    ///
    /// By period only dated labels count, and per country only labels whose speaker has a country.
    public func positionCells(_ filter: ReportFilter, by period: ReportPeriod?, perCountry: Bool = true) throws
        -> [PositionCell]
    {
        try positionFigures(filter, by: period, perCountry: perCountry).cells
    }

    /// The figures of a report and the rule sets their labels came from, computed together.
    ///
    /// The labels are read country by country in date order from the covering index
    /// `label_by_country_date` (`label_by_actor_date` for an actor) and folded into cells in Swift
    /// (`CellFold`). On a file database the work is split into date ranges of about equal size, one
    /// per core, read side by side; a statement has one date, so the per-range figures add up.
    public func positionFigures(_ filter: ReportFilter, by period: ReportPeriod?, perCountry: Bool = true) throws
        -> (cells: [PositionCell], rulesets: [String])
    {
        // Per country, each read binds its country first; the filter's own countries choose which.
        var conditions = SQLConditions()
        if perCountry { conditions.add("l.country = ?") }
        conditions.add(Self.labelConditions(filter, countries: !perCountry))
        if period != nil { conditions.add("l.date IS NOT NULL") }
        let parts = writer is DatabasePool ? Self.parallelReads : 1
        let splittable = (period != nil || filter.from != nil || filter.to != nil) && filter.actorIDs.isEmpty
        let (ranges, rowRanges, rulesets, countries) = try writer.read { db in
            (
                // Ranges leave undated labels out, which only a whole-filter figure without dates keeps;
                // an actor's labels are few enough for one read.
                splittable ? try Self.dateRanges(db, filter: filter, parts: parts) : [DateRange()],
                try Self.rowRanges(db, parts: parts),
                try Row.fetchAll(db, sql: "SELECT id, version FROM ruleset ORDER BY id").map { ($0[0] as Int64, $0[1] as String) },
                // A label's country is its actor's (actors are a name speaking for a country): these
                // are every country with labels, in the order cells are listed.
                !perCountry ? [nil] : !filter.countries.isEmpty
                    ? Array(Set(filter.countries)).sorted().map(Optional.some)
                    : try String.fetchAll(
                        db, sql: "SELECT DISTINCT country FROM actor WHERE country IS NOT NULL ORDER BY country"
                    ).map { Optional.some(CountryCode(rawValue: $0)) }
            )
        }
        // With one rule set in the database, every label comes from it: no need to read them all.
        let scanRulesets = rulesets.count > 1
        // SQL and arguments per read, made here: the reads run on other threads.
        let labelQueries: [(String, StatementArguments)] = ranges.map { range in
            var chunk = conditions
            range.add(to: &chunk)
            return (
                "SELECT \(CellFold.columnsSQL) FROM label l \(chunk.whereClause) ORDER BY \(CellFold.orderSQL)",
                chunk.statementArguments
            )
        }
        let rulesetQueries: [(String, StatementArguments)] =
            scanRulesets
            ? rowRanges.map { rows in
                var chunk = Self.labelConditions(filter)
                if perCountry { chunk.add("l.country IS NOT NULL") }
                if period != nil { chunk.add("l.date IS NOT NULL") }
                chunk.add("l.rowid BETWEEN ? AND ?", [rows.lowerBound, rows.upperBound])
                return ("SELECT DISTINCT l.ruleset_id FROM label l \(chunk.whereClause)", chunk.statementArguments)
            } : []
        let results = try readConcurrently(
            (0..<max(labelQueries.count, rulesetQueries.count)).map { job in
                { @Sendable db in
                    var result = ChunkResult(cells: [], rulesetIDs: [])
                    if job < labelQueries.count {
                        let (sql, arguments) = labelQueries[job]
                        let statement = try db.makeStatement(sql: sql)
                        var fold = CellFold(period: period)
                        try Self.withScanPageCache(db) {
                            for country in countries {
                                try statement.setArguments(country.map { [$0.rawValue] + arguments } ?? arguments)
                                try fold.read(statement, country: country)
                            }
                        }
                        result.cells = fold.cells
                    }
                    if job < rulesetQueries.count {
                        let (sql, arguments) = rulesetQueries[job]
                        result.rulesetIDs = try Int64.fetchAll(db, sql: sql, arguments: arguments)
                    }
                    return result
                }
            })

        // Each part comes ordered by country and period; the parts cover consecutive date ranges,
        // so merging them in order keeps that order, and a period cut by a range boundary is summed.
        var merged: [FoldedCell] = []
        for part in results.map(\.cells) { merged = Self.merge(merged, part) }
        let cells = merged.map { cell in
            PositionCell(
                country: cell.key.country, period: cell.key.period, tally: cell.tally, statements: cell.statements,
                firstDate: cell.firstDay, lastDate: cell.lastDay)
        }
        let used: [String]
        if scanRulesets {
            let ids = Set(results.flatMap(\.rulesetIDs))
            used = rulesets.filter { ids.contains($0.0) }.map(\.1)
        } else {
            used = cells.isEmpty ? [] : rulesets.map(\.1)
        }
        return (cells, used)
    }

    /// Runs `body` with a small page cache on `db`'s connection, then puts its own size back.
    ///
    /// A report's scan reads each page of an index once. Kept in the connection's cache (sized for
    /// ingest's inserts at random places) every page took fresh memory, and the page faults cost a
    /// month report more time than its reads; a cache of a few hundred pages is reused throughout.
    static func withScanPageCache(_ db: Database, _ body: () throws -> Void) throws {
        let saved = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -2048")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(saved)") }
        try body()
    }

    /// Two lists of cells ordered by (country, period) merged into one, cells with the same key added.
    static func merge(_ left: [FoldedCell], _ right: [FoldedCell]) -> [FoldedCell] {
        guard !left.isEmpty else { return right }
        guard !right.isEmpty else { return left }
        var merged: [FoldedCell] = []
        merged.reserveCapacity(left.count + right.count)
        var i = 0, j = 0
        while i < left.count || j < right.count {
            guard i < left.count else { merged.append(right[j]); j += 1; continue }
            guard j < right.count else { merged.append(left[i]); i += 1; continue }
            let a = left[i].key, b = right[j].key
            if a == b {
                merged.append(left[i].adding(right[j]))
                i += 1
                j += 1
            } else if (a.country?.rawValue ?? "", a.period) < (b.country?.rawValue ?? "", b.period) {
                merged.append(left[i])
                i += 1
            } else {
                merged.append(right[j])
                j += 1
            }
        }
        return merged
    }

    /// How many reads a report splits into on a file database: one per core, at most four.
    static let parallelReads = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))

    /// Date ranges holding about equal numbers of dated documents (labels follow documents), cut
    /// at day boundaries within the filter's own dates.
    static func dateRanges(_ db: Database, filter: ReportFilter, parts: Int) throws -> [DateRange] {
        guard parts > 1 else { return [DateRange()] }
        var conditions = SQLConditions()
        conditions.add("date IS NOT NULL")
        if let from = filter.from { conditions.add("date >= ?", [from.iso]) }
        if let to = filter.to { conditions.add("date <= ?", [to.iso]) }
        let documents = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM document \(conditions.whereClause)", arguments: conditions.statementArguments) ?? 0
        // Below a few thousand documents one read is quicker than starting several.
        guard documents >= 4096 else { return [DateRange()] }
        var cuts: [String] = []
        for part in 1..<parts {
            if let cut = try String.fetchOne(
                db, sql: "SELECT date FROM document \(conditions.whereClause) ORDER BY date LIMIT 1 OFFSET ?",
                arguments: conditions.statementArguments + [documents * part / parts]),
                cuts.last.map({ $0 < cut }) ?? true
            {
                cuts.append(cut)
            }
        }
        var ranges: [DateRange] = []
        var lower: String?
        for cut in cuts {
            ranges.append(DateRange(from: lower, before: cut))
            lower = cut
        }
        ranges.append(DateRange(from: lower, before: nil))
        return ranges
    }

    /// Row id ranges of the label table in equal parts, for scans that cannot use an index.
    static func rowRanges(_ db: Database, parts: Int) throws -> [ClosedRange<Int64>] {
        let last = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM label") ?? 0
        guard last > 0 else { return [] }
        let size = last / Int64(parts) + 1
        return stride(from: Int64(1), through: last, by: Int(size)).map { $0...min(last, $0 + size - 1) }
    }

    /// Labels and statements per country over the whole filter (a comparison window).
    public func countryTallies(_ filter: ReportFilter) throws -> [CountryTally] {
        try positionCells(filter, by: nil).compactMap { cell in
            cell.country.map { CountryTally(country: $0, tally: cell.tally, statements: cell.statements) }
        }
    }

    /// What the data says about a filter's selection: the rule sets its labels came from, the
    /// undated documents it leaves out and, per country, the labels of speakers without a country.
    /// `perCountry` false (an actor's report) counts undated labels in and speakers without a country
    /// as selected.
    public func reportCoverage(_ filter: ReportFilter, perCountry: Bool = true, rulesets known: [String]? = nil) throws
        -> ReportCoverage
    {
        var selected = Self.labelConditions(filter)
        if perCountry {
            selected.add("l.country IS NOT NULL")
            selected.add("l.date IS NOT NULL")
        }
        // Labels have no index on ruleset_id (dropped to speed up ingest); DISTINCT over a handful of
        // values is one pass without a sort.
        let rulesetSQL = """
            SELECT r.version FROM ruleset r
            WHERE r.id IN (SELECT DISTINCT l.ruleset_id FROM label l \(selected.whereClause))
            ORDER BY r.id
            """
        var undated = Self.labelConditions(filter, dates: false)
        undated.add("l.document_id = d.id")
        if perCountry { undated.add("l.country IS NOT NULL") }
        let undatedSQL = """
            SELECT count(*), ifnull(sum((SELECT count(*) FROM label l \(undated.whereClause))), 0)
            FROM document d
            WHERE d.date IS NULL AND EXISTS (SELECT 1 FROM label l \(undated.whereClause))
            """
        var withoutCountry = Self.labelConditions(filter, countries: false)
        withoutCountry.add("l.country IS NULL")
        withoutCountry.add("l.date IS NOT NULL")
        let withoutCountrySQL = """
            SELECT count(*), count(DISTINCT l.statement_id) FROM label l \(withoutCountry.whereClause)
            """
        let countsSpeakersWithoutCountry = perCountry && filter.countries.isEmpty
        return try writer.read { db in
            let rulesets = try known ?? String.fetchAll(db, sql: rulesetSQL, arguments: selected.statementArguments)
            let undatedRow = try Row.fetchOne(
                db, sql: undatedSQL, arguments: undated.statementArguments + undated.statementArguments)
            var coverage = ReportCoverage(
                rulesets: rulesets, undatedDocuments: undatedRow?[0] ?? 0, undatedLabels: undatedRow?[1] ?? 0,
                labelsWithoutCountry: 0, statementsWithoutCountry: 0)
            if countsSpeakersWithoutCountry,
                let row = try Row.fetchOne(db, sql: withoutCountrySQL, arguments: withoutCountry.statementArguments)
            {
                coverage.labelsWithoutCountry = row[0]
                coverage.statementsWithoutCountry = row[1]
            }
            return coverage
        }
    }

    /// The statements behind the labels a filter selects, newest first (undated last), each with
    /// the selected labels; at most `limit`.
    public func statementsBehind(_ filter: ReportFilter, limit: Int) throws -> [ReportStatement] {
        guard limit > 0 else { return [] }
        var conditions = Self.labelConditions(filter)
        if filter.actorIDs.isEmpty { conditions.add("l.country IS NOT NULL") }
        // SQLite orders NULL before every date, so undated statements come last when descending, and
        // the index's own (date) order serves the newest first: the read stops after `limit`
        // statements rather than sorting all of them.
        let idSQL = """
            SELECT DISTINCT l.date, l.statement_id FROM label l \(conditions.whereClause)
            ORDER BY l.date DESC, l.statement_id DESC LIMIT ?
            """
        return try writer.read { db in
            let ids = try Row.fetchAll(db, sql: idSQL, arguments: conditions.statementArguments + [limit]).map {
                $0[1] as Int64
            }
            return try Self.reportStatements(db, ids: ids, labelFilter: filter)
        }
    }

    /// Canonical names of the countries and bodies that spoke as themselves ("Japan" for JPN).
    public func countryNames() throws -> [CountryCode: String] {
        try writer.read { db in
            var names: [CountryCode: String] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT country, name FROM actor WHERE kind = 'country' AND country IS NOT NULL ORDER BY id")
            while let row = try rows.next() {
                let code = CountryCode(rawValue: row[0])
                if names[code] == nil { names[code] = row[1] }
            }
            return names
        }
    }

    // MARK: Shared pieces

    /// Conditions on the label table `l` for a filter; `dates` and `countries` false leave those
    /// conditions out (coverage counts what they leave out).
    static func labelConditions(_ filter: ReportFilter, dates: Bool = true, countries: Bool = true) -> SQLConditions {
        var conditions = SQLConditions()
        if dates, let from = filter.from { conditions.add("l.date >= ?", [from.iso]) }
        if dates, let to = filter.to { conditions.add("l.date <= ?", [to.iso]) }
        if countries { conditions.add("l.country", in: filter.countries.map(\.rawValue)) }
        conditions.add("l.target", in: filter.targets.map(\.rawValue))
        conditions.add("l.stance", in: filter.stances.map(\.rawValue))
        let positions = Array(Set(filter.positions)).sorted()
        if !positions.isEmpty {
            conditions.add(
                "(l.stance, l.polarity) IN (VALUES \(positions.map { _ in "(?, ?)" }.joined(separator: ", ")))",
                positions.flatMap { [$0.stance.rawValue, $0.polarity.rawValue] as [(any DatabaseValueConvertible)?] })
        }
        if !filter.actorIDs.isEmpty {
            let ids = Array(Set(filter.actorIDs)).sorted()
            conditions.add("l.actor_id IN (\(SQLConditions.placeholders(ids.count)))", ids)
        }
        if let source = filter.source {
            conditions.add(
                "l.document_id IN (SELECT id FROM document WHERE source LIKE ? ESCAPE '\\')", [likePattern(contains: source)])
        }
        return conditions
    }

    /// A LIKE pattern matching text that contains `text` literally.
    static func likePattern(contains text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%" + escaped + "%"
    }

    /// Statements by id, in the order given, with their labels that `labelFilter` selects.
    static func reportStatements(_ db: Database, ids: [Int64], labelFilter: ReportFilter) throws -> [ReportStatement] {
        guard !ids.isEmpty else { return [] }
        let placeholders = SQLConditions.placeholders(ids.count)
        let idArguments = StatementArguments(ids)
        var statements: [Int64: ReportStatement] = [:]
        // Content spans count Unicode scalars, and SQLite's substr counts characters (code points) in
        // UTF-8 text: the quote is sliced where the document is.
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT s.id, s.key, s.date, a.name, a.kind, s.country, s.role, s.speaker_mention,
                    (SELECT group_concat(substr(d.text, json_extract(j.value, '$[0]') + 1,
                        json_extract(j.value, '$[1]') - json_extract(j.value, '$[0]')), ' … ')
                     FROM json_each(s.content) j) AS quote,
                    s.text, d.key, d.source, d.title, d.url
                FROM statement s JOIN actor a ON a.id = s.actor_id JOIN document d ON d.id = s.document_id
                WHERE s.id IN (\(placeholders))
                """,
            arguments: idArguments)
        while let row = try rows.next() {
            let kindText: String = row[4]
            guard let kind = ActorKind(rawValue: kindText) else { throw StoreError.unexpectedValue("actor kind \(kindText)") }
            let sentence: String = row[9]
            let quote: String? = row[8]
            statements[row[0]] = ReportStatement(
                key: row[1], date: day(row[2]), actor: row[3], actorKind: kind, country: country(row[5]), role: row[6],
                mention: row[7], quote: quote.flatMap { $0.isEmpty ? nil : $0 } ?? sentence, sentence: sentence,
                document: row[10], source: row[11], title: row[12], url: row[13], labels: [])
        }
        // Only the labels the filter is about: the ones behind the figure.
        var labelConditions = SQLConditions()
        labelConditions.add("l.statement_id IN (\(placeholders))", ids)
        labelConditions.add("l.target", in: labelFilter.targets.map(\.rawValue))
        labelConditions.add("l.stance", in: labelFilter.stances.map(\.rawValue))
        let positions = Array(Set(labelFilter.positions)).sorted()
        if !positions.isEmpty {
            labelConditions.add(
                "(l.stance, l.polarity) IN (VALUES \(positions.map { _ in "(?, ?)" }.joined(separator: ", ")))",
                positions.flatMap { [$0.stance.rawValue, $0.polarity.rawValue] as [(any DatabaseValueConvertible)?] })
        }
        let labels = try Row.fetchCursor(
            db,
            sql: """
                SELECT l.statement_id, l.stance, l.polarity, l.target, l.rule, r.version, l.text
                FROM label l JOIN ruleset r ON r.id = l.ruleset_id \(labelConditions.whereClause)
                ORDER BY l.statement_id, l.span_start, l.stance, l.polarity, l.id
                """,
            arguments: labelConditions.statementArguments)
        while let row = try labels.next() {
            let id: Int64 = row[0]
            statements[id]?.labels.append(
                ReportLabel(
                    position: StancePosition(try stance(row[1]), try polarity(row[2])), target: country(row[3]),
                    rule: row[4], ruleset: row[5], text: row[6]))
        }
        return ids.compactMap { statements[$0] }
    }

    /// Runs reads on the same committed state of the database, side by side when the database is a
    /// file (a pool of readers), one after the other in memory. Results come back in order.
    func readConcurrently<Result: Sendable>(_ reads: [@Sendable (Database) throws -> Result]) throws -> [Result] {
        guard let pool = writer as? DatabasePool, reads.count > 1 else {
            return try writer.read { db in try reads.map { try $0(db) } }
        }
        let group = DispatchGroup()
        let results = Locked([Int: Swift.Result<Result, any Error>]())
        // From the writer's queue and outside a transaction, each concurrent read is guaranteed to
        // see the last commit as of this moment: all reads see one state even during an ingest.
        pool.writeWithoutTransaction { _ in
            for (index, read) in reads.enumerated() {
                group.enter()
                pool.asyncConcurrentRead { database in
                    let result = Swift.Result(catching: { try read(try database.get()) })
                    results.withLock { $0[index] = result }
                    group.leave()
                }
            }
        }
        group.wait()
        let collected = results.withLock { $0 }
        return try reads.indices.map { index in
            guard let result = collected[index] else { throw StoreError.invalidArgument("a concurrent read did not finish") }
            return try result.get()
        }
    }
}

/// Labels dated in [from, before): one part of a report's reads.
struct DateRange: Sendable {
    var from: String?
    var before: String?

    func add(to conditions: inout SQLConditions) {
        if let from { conditions.add("l.date >= ?", [from]) }
        if let before { conditions.add("l.date < ?", [before]) }
    }
}

/// What one part of a report's reads found.
struct ChunkResult: Sendable {
    var cells: [FoldedCell]
    var rulesetIDs: [Int64]
}

/// A cell's identity: country (or none) and period key.
struct CellKey: Hashable, Sendable {
    var country: CountryCode?
    var period: String
}
