import StanceModel
import StanceStore

extension TextTable {
    /// A table with aligned columns and tones; colour codes (when `colour`) never count towards widths.
    public static func render(_ table: ReportTable, colour: Bool) -> String {
        let columns = table.columns
        let header = columns.map { TableCell($0.title) }
        // Characters are counted once per cell: reports can have tens of thousands of rows.
        let lengths = ([header] + table.rows).map { row in row.map(\.text.count) }
        var widths = Array(repeating: 0, count: columns.count)
        for row in lengths {
            for (index, length) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], length)
            }
        }
        var text = ""
        func append(_ cells: [TableCell], _ lengths: [Int], header: Bool) {
            for (index, cell) in cells.enumerated() where index < widths.count {
                if index > 0 { text += "  " }
                let padding = String(repeating: " ", count: max(0, widths[index] - lengths[index]))
                let last = index == cells.count - 1
                let padded = columns[index].alignment == .right ? padding + cell.text : last ? cell.text : cell.text + padding
                let tone = header ? Tone.strong : cell.tone
                text += colour ? ANSI.apply(tone, to: padded) : padded
            }
            text += "\n"
        }
        append(header, lengths[0], header: true)
        text += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for (row, rowLengths) in zip(table.rows, lengths.dropFirst()) { append(row, rowLengths, header: false) }
        return text
    }
}

/// Terminal colours for tones (used only on a terminal with NO_COLOR unset).
enum ANSI {
    static func apply(_ tone: Tone, to text: String) -> String {
        let code: String
        switch tone {
        case .plain: return text
        case .hardLine: code = "31"
        case .engagement: code = "36"
        case .thin: code = "2"
        case .strong: code = "1"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
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
