import StanceModel

/// Metadata written at the top of a document's own text: a leading `date YYYY-MM-DD` line, or YAML
/// front matter between `---` lines. The text itself is never changed: offsets index the whole text.
struct EmbeddedMetadata {
    struct Problem: Equatable {
        var message: String
        /// 1-based line within the text.
        var line: Int
    }

    var dateLineDate: Day?
    var frontMatter: [String: String] = [:]
    var frontMatterDate: Day?
    /// Problems that make the metadata unusable (an impossible date): the document is refused.
    var errors: [Problem] = []
    /// Problems worth saying but not fatal.
    var warnings: [Problem] = []

    var date: Day? { dateLineDate ?? frontMatterDate }

    static let frontMatterKeys: Set<String> = ["date", "source", "url", "title", "id"]

    init(reading text: String) {
        var body = Substring(text)
        if body.unicodeScalars.first == "\u{FEFF}" { body = Substring(body.unicodeScalars.dropFirst()) }
        if body.utf8.starts(with: "---".utf8) {
            readFrontMatter(body)
        } else {
            readDateLine(body.utf8)
        }
    }

    // MARK: Date line

    /// `date 2017-04-24` or `Date: 2017-04-24` before anything else, possibly after whitespace; the
    /// text may go on on the same line (seed 004 does).
    private mutating func readDateLine(_ bytes: Substring.UTF8View) {
        var index = bytes.startIndex
        var line = 1
        while index < bytes.endIndex, Self.isSpace(bytes[index]) || bytes[index] == 0x0A || bytes[index] == 0x0D {
            if bytes[index] == 0x0A { line += 1 }
            index = bytes.index(after: index)
        }
        let keyword = Array("date".utf8)
        var cursor = index
        for expected in keyword {
            guard cursor < bytes.endIndex, bytes[cursor] | 0x20 == expected else { return }
            cursor = bytes.index(after: cursor)
        }
        var hasColon = false
        if cursor < bytes.endIndex, bytes[cursor] == UInt8(ascii: ":") {
            hasColon = true
            cursor = bytes.index(after: cursor)
        }
        var spaces = 0
        while cursor < bytes.endIndex, Self.isSpace(bytes[cursor]) {
            spaces += 1
            cursor = bytes.index(after: cursor)
        }
        guard hasColon || spaces > 0 else { return }  // "dated", "dateline"
        var tokenEnd = cursor
        while tokenEnd < bytes.endIndex, !Self.isSpace(bytes[tokenEnd]), bytes[tokenEnd] != 0x0A, bytes[tokenEnd] != 0x0D,
            bytes.distance(from: cursor, to: tokenEnd) < 40
        {
            tokenEnd = bytes.index(after: tokenEnd)
        }
        let token = String(decoding: bytes[cursor..<tokenEnd], as: UTF8.self)
        if Self.hasDateShape(token.utf8) {
            if let day = Day(iso: token) {
                dateLineDate = day
            } else {
                errors.append(Problem(message: "the date line gives \"\(token)\", which is not a valid date (YYYY-MM-DD)", line: line))
            }
        } else if hasColon {
            warnings.append(
                Problem(message: "the leading \"date:\" line should give the date as YYYY-MM-DD, found \"\(token)\"; ignored", line: line))
        }
    }

    // MARK: Front matter

    /// Simple `key: value` lines between `---` and `---` (or `...`). Only the keys stance uses are
    /// read; nested YAML is skipped. Without a closing line within the first 200 lines, it was a
    /// Markdown rule, not front matter.
    private mutating func readFrontMatter(_ text: Substring) {
        var rest = text.unicodeScalars[...]
        var lines: [(text: Substring, number: Int)] = []
        var number = 0
        var closed = false
        while number < 200, !rest.isEmpty {
            number += 1
            let newline = rest.firstIndex(of: "\n") ?? rest.endIndex
            let line = Substring(rest[..<newline]).trimmingTrailingSpaces()
            rest = newline == rest.endIndex ? rest[newline...] : rest[rest.index(after: newline)...]
            if number == 1 {
                guard line == "---" else { return }
            } else if line == "---" || line == "..." {
                closed = true
                break
            } else {
                lines.append((Substring(line), number))
            }
        }
        guard closed else { return }
        for (line, number) in lines {
            guard let first = line.first, first != " ", first != "\t", first != "#", let colon = line.firstIndex(of: ":")
            else { continue }
            let key = line[..<colon].trimmingSpaces().lowercased()
            guard Self.frontMatterKeys.contains(key) else { continue }
            let value = Self.scalarValue(line[line.index(after: colon)...])
            guard !value.isEmpty else { continue }
            frontMatter[key] = value
            if key == "date" {
                switch Self.leadingDate(value) {
                case .valid(let day): frontMatterDate = day
                case .invalid:
                    errors.append(Problem(message: "front matter \"date\" must be a date YYYY-MM-DD, found \"\(value)\"", line: number))
                }
            }
        }
    }

    /// A YAML scalar written plainly or in quotes, with a trailing ` # comment` dropped from plain ones.
    private static func scalarValue(_ raw: Substring) -> String {
        let value = raw.trimmingSpaces()
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
            let inner = value.dropFirst().dropLast()
            return first == "'" ? inner.replacingOccurrences(of: "''", with: "'") : String(inner)
        }
        if let comment = value.range(of: " #") { return String(value[..<comment.lowerBound]).trimmingSpaces() }
        return String(value)
    }

    enum DateValue: Equatable {
        case valid(Day)
        case invalid
    }

    /// A date, or a timestamp whose first ten characters are one (`2017-04-24T09:30:00Z`,
    /// `2017-04-24 09:30`): scrapers write both.
    static func leadingDate(_ value: String) -> DateValue {
        let scalars = value.unicodeScalars
        guard scalars.count >= 10 else { return .invalid }
        let prefix = String(String.UnicodeScalarView(scalars.prefix(10)))
        if scalars.count > 10 {
            let next = scalars[scalars.index(scalars.startIndex, offsetBy: 10)]
            guard next == "T" || next == " " else { return .invalid }
        }
        guard hasDateShape(prefix.utf8), let day = Day(iso: prefix) else { return .invalid }
        return .valid(day)
    }

    static func hasDateShape(_ bytes: some Collection<UInt8>) -> Bool {
        guard bytes.count == 10 else { return false }
        for (offset, byte) in bytes.enumerated() {
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard byte >= 0x30 && byte <= 0x39 else { return false }
            }
        }
        return true
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    func trimmingTrailingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
