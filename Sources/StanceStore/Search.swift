import Foundation
import GRDB
import StanceModel

extension StanceDatabase {
    /// Full-text search over statement text, best matches first.
    ///
    /// `text` is words and "quoted phrases", all of which must match; FTS5 operators and stray
    /// punctuation in it are taken literally, so no input makes a query error. Words are matched
    /// without case or diacritics.
    public func search(text: String, filter: ExportFilter = .all, limit: Int = 50) throws -> [SearchHit] {
        guard let query = Self.matchExpression(for: text), limit > 0 else { return [] }
        var conditions = ["statement_search MATCH ?"]
        var arguments: [(any DatabaseValueConvertible)?] = [query]
        Self.appendConditions(for: filter, table: "s", to: &conditions, arguments: &arguments)
        arguments.append(limit)
        let sql = """
            SELECT s.key, d.key, s.date, d.source, s.speaker_mention, a.name, s.country, s.text,
                snippet(statement_search, 0, '**', '**', '…', 16), bm25(statement_search) AS rank
            FROM statement_search
            JOIN statement s ON s.id = statement_search.rowid
            JOIN document d ON d.id = s.document_id
            JOIN actor a ON a.id = s.actor_id
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY rank, s.key
            LIMIT ?
            """
        return try writer.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                SearchHit(
                    statement: row[0], document: row[1], date: Self.day(row[2]), source: row[3], speaker: row[4],
                    actor: row[5], country: Self.country(row[6]), text: row[7], snippet: row[8], rank: row[9])
            }
        }
    }

    /// Turns user input into an FTS5 expression: every word and phrase becomes a quoted string (quotes
    /// doubled), so `AND`, `(`, `*`, `:` and unbalanced `"` lose their meaning. Nil when nothing
    /// searchable is left.
    static func matchExpression(for input: String) -> String? {
        var terms: [String] = []
        var current = ""
        var inPhrase = false
        func flush() {
            let term = current.trimmingCharacters(in: .whitespacesAndNewlines)
            current = ""
            // A term without a letter or digit would be an empty phrase to the tokenizer.
            guard term.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil })
            else { return }
            terms.append("\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
        }
        for character in input {
            if character == "\"" || character == "\u{201C}" || character == "\u{201D}" {
                flush()
                inPhrase.toggle()
            } else if !inPhrase && character.isWhitespace {
                flush()
            } else {
                current.append(character)
            }
        }
        flush()
        return terms.isEmpty ? nil : terms.joined(separator: " ")
    }
}
