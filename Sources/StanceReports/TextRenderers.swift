import StanceModel
import StanceStore

extension TextTable {
    /// A table with aligned columns and tones; colour codes (when `colour`) never count towards widths.
    public static func render(_ table: ReportTable, colour: Bool) -> String {
        let columns = table.columns
        let header = columns.map { TableCell($0.title) }
        // Characters are counted once per cell: reports can have tens of thousands of rows. One
        // array, a row of `columns.count` after another (header first); cells past the last column
        // are never shown.
        var lengths: [Int] = []
        lengths.reserveCapacity(columns.count * (table.rows.count + 1))
        var widths = Array(repeating: 0, count: columns.count)
        for row in CollectionOfOne(header) + table.rows {
            for index in columns.indices {
                let length = index < row.count ? characterCount(row[index].text) : 0
                lengths.append(length)
                widths[index] = max(widths[index], length)
            }
        }
        // Assembled as UTF-8 bytes: with a padding string made and joined per cell, laying out a
        // report of tens of thousands of rows took longer than computing it.
        var text = TableText(widths: widths, alignments: columns.map(\.alignment), colour: colour)
        text.bytes.reserveCapacity((widths.reduce(0, +) + 2 * widths.count + 1) * (table.rows.count + 2))
        func rowLengths(_ row: Int) -> ArraySlice<Int> { lengths[row * columns.count..<(row + 1) * columns.count] }
        text.appendRow(header, lengths: rowLengths(0), header: true)
        text.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n")
        for (index, row) in table.rows.enumerated() { text.appendRow(row, lengths: rowLengths(index + 1), header: false) }
        return String(decoding: text.bytes, as: UTF8.self)
    }

    /// A table's text under construction, as UTF-8.
    private struct TableText {
        var bytes: [UInt8] = []
        let widths: [Int]
        let alignments: [TableColumn.Alignment]
        let colour: Bool
        /// Enough spaces for the widest padding, copied from rather than appended one by one.
        private let spaces: [UInt8]

        init(widths: [Int], alignments: [TableColumn.Alignment], colour: Bool) {
            self.widths = widths
            self.alignments = alignments
            self.colour = colour
            spaces = Array(repeating: 0x20, count: max(2, widths.max() ?? 0))
        }

        /// One line: cells padded to their column's width, two spaces apart, the last one unpadded
        /// when left-aligned. `lengths` are the cells' character counts.
        mutating func appendRow(_ cells: [TableCell], lengths: ArraySlice<Int>, header: Bool) {
            for (index, cell) in cells.enumerated() where index < widths.count {
                if index > 0 { appendSpaces(2) }
                let padding = max(0, widths[index] - lengths[lengths.startIndex + index])
                let last = index == cells.count - 1
                let code = colour ? ANSI.code(header ? .strong : cell.tone) : nil
                if let code { append(ANSI.start(code)) }
                if alignments[index] == .right {
                    appendSpaces(padding)
                    append(cell.text)
                } else {
                    append(cell.text)
                    if !last { appendSpaces(padding) }
                }
                if code != nil { append(ANSI.end) }
            }
            bytes.append(0x0A)
        }

        mutating func append(_ string: String) {
            var string = string
            string.withUTF8 { bytes.append(contentsOf: $0) }
        }

        mutating func appendSpaces(_ count: Int) { bytes.append(contentsOf: spaces[0..<count]) }
    }

    /// The number of characters in `text`, as `text.count` counts them (extended grapheme clusters).
    ///
    /// Grapheme breaking costs far more than counting scalars, and table cells are mostly digits,
    /// signs and names. Scalars from the ranges below have the grapheme break property Other, so a
    /// text made only of them has a break between every two scalars; anything else is counted by
    /// `count` itself.
    static func characterCount(_ text: String) -> Int {
        var count = 0
        for scalar in text.unicodeScalars {
            guard standsAlone(scalar.value) else { return text.count }
            count += 1
        }
        return count
    }

    /// Printable ASCII, Latin-1 and the Latin extensions but the soft hyphen (a control), general
    /// punctuation without the zero-width and bidirectional controls, arrows and mathematical
    /// operators (the minus sign of counts and indexes). No combining marks, joiners or controls.
    static func standsAlone(_ value: UInt32) -> Bool {
        switch value {
        case 0x20...0x7E, 0xA0...0xAC, 0xAE...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x22FF: true
        default: false
        }
    }
}

/// Terminal colours for tones (used only on a terminal with NO_COLOR unset).
enum ANSI {
    static func apply(_ tone: Tone, to text: String) -> String {
        guard let code = code(tone) else { return text }
        return start(code) + text + end
    }

    /// The SGR code of a tone; nil for plain text.
    static func code(_ tone: Tone) -> String? {
        switch tone {
        case .plain: nil
        case .hardLine: "31"
        case .engagement: "36"
        case .thin: "2"
        case .strong: "1"
        }
    }

    static func start(_ code: String) -> String { "\u{1B}[\(code)m" }
    static let end = "\u{1B}[0m"
}

/// The `table` format: plain text for a terminal or a pager.
public enum TextRenderer {
    public static func render(_ document: ReportDocument, colour: Bool) -> String {
        var out = (colour ? ANSI.apply(.strong, to: document.title) : document.title) + "\n"
        out += facts(document.coverage)
        for section in document.sections {
            let blocks = section.blocks.filter(\.isText)
            guard !blocks.isEmpty else { continue }
            out += "\n"
            if let title = section.title {
                out += (colour ? ANSI.apply(.strong, to: title) : title) + "\n"
                out += String(repeating: "─", count: title.count) + "\n"
            }
            for (index, block) in blocks.enumerated() {
                if index > 0 { out += "\n" }
                switch block {
                case .paragraph(let text):
                    out += Wording.wrap(text, width: 100).joined(separator: "\n") + "\n"
                case .facts(let facts):
                    out += self.facts(facts)
                case .table(let table):
                    out += TextTable.render(table, colour: colour)
                case .statements(let list):
                    out += statements(list, colour: colour)
                case .timeline, .stanceBars, .comparison:
                    break
                }
            }
        }
        return out
    }

    static func facts(_ facts: [CoverageLine]) -> String {
        let width = facts.map(\.label.count).max() ?? 0
        return facts.map { fact in
            "  " + fact.label + String(repeating: " ", count: width - fact.label.count) + "  " + fact.text + "\n"
        }.joined()
    }

    static func statements(_ list: StatementList, colour: Bool) -> String {
        var out = list.title
        if let total = list.total, total > list.statements.count {
            out += " (the latest \(list.statements.count) of \(total))"
        }
        out += ":\n"
        if list.statements.isEmpty { out += "  none\n" }
        let indent = String(repeating: " ", count: 14)
        for statement in list.statements {
            let date = statement.date?.iso ?? "undated   "
            var head = "  \(date)  \(Wording.speaker(statement))"
            if let source = statement.source { head += " · \(source)" }
            out += (colour ? ANSI.apply(.strong, to: head) : head) + "\n"
            for line in Wording.wrap("“\(Wording.oneLine(statement.quote))”", width: 96) {
                out += indent + line + "\n"
            }
            for label in statement.labels {
                let text = "\(Wording.label(label)) · \(label.rule)"
                let tone: Tone = label.position.lean > 0 ? .hardLine : .engagement
                out += indent + (colour ? ANSI.apply(tone, to: text) : text) + "\n"
            }
            out += indent + "statement \(statement.key)\n"
        }
        if let hint = list.hint, let total = list.total, total > list.statements.count {
            out += "  all of them: \(hint)\n"
        }
        return out
    }
}

/// The `markdown` format: GitHub-flavoured Markdown.
public enum MarkdownRenderer {
    public static func render(_ document: ReportDocument) -> String {
        var out = "# \(escape(document.title))\n\n"
        for line in document.coverage {
            out += "- **\(escape(line.label)):** \(escape(line.text))\n"
        }
        for section in document.sections {
            let blocks = section.blocks.filter(\.isText)
            guard !blocks.isEmpty else { continue }
            out += "\n"
            if let title = section.title { out += "## \(escape(title))\n\n" }
            for (index, block) in blocks.enumerated() {
                if index > 0 { out += "\n" }
                switch block {
                case .paragraph(let text):
                    out += escape(Wording.oneLine(text)) + "\n"
                case .facts(let facts):
                    out += facts.map { "- **\(escape($0.label)):** \(escape($0.text))\n" }.joined()
                case .table(let table):
                    out += self.table(table)
                case .statements(let list):
                    out += statements(list)
                case .timeline, .stanceBars, .comparison:
                    break
                }
            }
        }
        return out
    }

    static func table(_ table: ReportTable) -> String {
        func cell(_ text: String) -> String { escape(text).isEmpty ? " " : escape(text) }
        var out = "| " + table.columns.map { cell($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + table.columns.map { $0.alignment == .right ? " ---: " : " --- " }.joined(separator: "|") + "|\n"
        for row in table.rows {
            out += "| " + row.map { cell($0.text) }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    static func statements(_ list: StatementList) -> String {
        var out = "**\(escape(list.title))**"
        if let total = list.total, total > list.statements.count {
            out += " (the latest \(list.statements.count) of \(total))"
        }
        out += "\n\n"
        if list.statements.isEmpty { out += "- none\n" }
        for statement in list.statements {
            var head = "- **\(statement.date?.iso ?? "undated")** · \(escape(Wording.speaker(statement)))"
            if let source = statement.source { head += " · \(escape(source))" }
            head += " · `\(statement.key)`"
            out += head + "\n"
            out += "  > \(escape(Wording.oneLine(statement.quote)))\n"
            if !statement.labels.isEmpty {
                out += "\n  " + statement.labels.map { "\(escape(Wording.label($0))) (`\($0.rule)`)" }.joined(separator: "; ") + "\n"
            }
        }
        if let hint = list.hint, let total = list.total, total > list.statements.count {
            out += "\nAll of them: `\(hint)`\n"
        }
        return out
    }

    /// Escapes the characters Markdown would read as markup.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>|#".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}

extension ReportBlock {
    /// Whether text formats show the block (charts are HTML only).
    var isText: Bool {
        switch self {
        case .paragraph, .facts, .table, .statements: true
        case .timeline, .stanceBars, .comparison: false
        }
    }
}
