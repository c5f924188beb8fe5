import GRDB
import StanceModel

/// One exported stance label, with exactly the fields `stance export` promises (issue 2):
/// score.py and users' scripts read them by name.
public struct ExportRow: Hashable, Sendable, Codable {
    /// The statement's stable id, "<document key>:<ordinal>".
    public var statement: String
    /// The document key.
    public var document: String
    public var date: Day?
    public var source: String?
    /// The speaker as named in the text.
    public var speaker: String?
    /// The resolved actor's canonical name.
    public var actor: String
    public var country: CountryCode?
    public var stance: Stance
    public var polarity: Polarity
    public var target: CountryCode?
    /// The sentence or clause the label came from, verbatim.
    public var text: String
    /// Unicode scalar offsets into the document's text.
    public var start: Int
    public var end: Int
    public var rule: String

    public init(
        statement: String, document: String, date: Day?, source: String?, speaker: String?, actor: String,
        country: CountryCode?, stance: Stance, polarity: Polarity, target: CountryCode?, text: String, start: Int,
        end: Int, rule: String
    ) {
        self.statement = statement
        self.document = document
        self.date = date
        self.source = source
        self.speaker = speaker
        self.actor = actor
        self.country = country
        self.stance = stance
        self.polarity = polarity
        self.target = target
        self.text = text
        self.start = start
        self.end = end
        self.rule = rule
    }

    /// The field names in export order (the CSV header).
    public static let fieldNames = [
        "statement", "document", "date", "source", "speaker", "actor", "country", "stance", "polarity", "target",
        "text", "start", "end", "rule",
    ]

    enum CodingKeys: String, CodingKey {
        case statement, document, date, source, speaker, actor, country, stance, polarity, target, text, start, end,
            rule
    }

    /// Writes every field, unknown ones as `null`, so each JSON line has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(statement, forKey: .statement)
        try container.encode(document, forKey: .document)
        try container.encode(date, forKey: .date)
        try container.encode(source, forKey: .source)
        try container.encode(speaker, forKey: .speaker)
        try container.encode(actor, forKey: .actor)
        try container.encode(country, forKey: .country)
        try container.encode(stance, forKey: .stance)
        try container.encode(polarity, forKey: .polarity)
        try container.encode(target, forKey: .target)
        try container.encode(text, forKey: .text)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(rule, forKey: .rule)
    }
}

extension StanceDatabase {
    /// Streams one row per stance label, ordered by document key, statement ordinal, label start,
    /// stance and polarity. `body` runs inside a read: it must not call back into the database.
    public func exportRows(_ filter: ExportFilter, _ body: (ExportRow) throws -> Void) throws {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        Self.appendConditions(for: filter, table: "l", to: &conditions, arguments: &arguments)
        let sql = """
            SELECT s.key, d.key, l.date, d.source, s.speaker_mention, a.name, l.country, l.stance, l.polarity, l.target,
                l.text, l.span_start, l.span_end, l.rule
            FROM document d
            JOIN statement s ON s.document_id = d.id
            JOIN label l ON l.statement_id = s.id
            JOIN actor a ON a.id = l.actor_id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY d.key, s.ordinal, l.span_start, l.stance, l.polarity, l.span_end, l.id
            """
        try writer.read { db in
            let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
            while let row = try rows.next() {
                try body(
                    ExportRow(
                        statement: row[0], document: row[1], date: Self.day(row[2]), source: row[3], speaker: row[4],
                        actor: row[5], country: Self.country(row[6]), stance: try Self.stance(row[7]),
                        polarity: try Self.polarity(row[8]), target: Self.country(row[9]), text: row[10],
                        start: row[11], end: row[12], rule: row[13]))
            }
        }
    }

    /// Adds the filter's conditions on a table that has `date` and `country` columns.
    static func appendConditions(
        for filter: ExportFilter, table: String, to conditions: inout [String],
        arguments: inout [(any DatabaseValueConvertible)?]
    ) {
        if let from = filter.from {
            conditions.append("\(table).date >= ?")
            arguments.append(from.iso)
        }
        if let to = filter.to {
            conditions.append("\(table).date <= ?")
            arguments.append(to.iso)
        }
        if !filter.countries.isEmpty {
            let codes = Array(Set(filter.countries.map(\.rawValue))).sorted()
            conditions.append("\(table).country IN (\(Array(repeating: "?", count: codes.count).joined(separator: ", ")))")
            arguments.append(contentsOf: codes as [(any DatabaseValueConvertible)?])
        }
    }

    // MARK: Column decoding shared by the queries

    static func day(_ text: String?) -> Day? { text.flatMap { Day(iso: $0) } }
    static func country(_ text: String?) -> CountryCode? { text.map(CountryCode.init(rawValue:)) }

    static func stance(_ text: String) throws -> Stance {
        guard let value = Stance(rawValue: text) else { throw StoreError.unexpectedValue("stance \(text)") }
        return value
    }

    static func polarity(_ text: String) throws -> Polarity {
        guard let value = Polarity(rawValue: text) else {
            throw StoreError.unexpectedValue("polarity \(text)")
        }
        return value
    }
}
