import StanceModel
import Testing

@testable import StanceReports

/// Column widths in text tables count characters the way Swift does, without grapheme breaking on the
/// common path.
@Suite struct TextTableTests {
    /// Every scalar the fast path admits, next to every other: each pair is two characters, so a text
    /// made only of them has as many characters as scalars.
    @Test func admittedScalarsNeverJoin() {
        let admitted = (UInt32(0)...0x2400).filter(TextTable.standsAlone).compactMap(Unicode.Scalar.init)
        #expect(admitted.count > 1000)
        var joined: [String] = []
        for first in admitted {
            for second in admitted {
                var pair = String.UnicodeScalarView()
                pair.append(first)
                pair.append(second)
                if String(pair).count != 2 { joined.append("\(first.value) \(second.value)") }
            }
        }
        #expect(joined.isEmpty)
    }

    @Test func characterCountMatchesSwift() {
        let texts = [
            "", "Japan (JPN)", "+10 −2", "−0.12*", "·", "Côte d’Ivoire (CIV)", "2017-W17",
            // Fall back to Swift's own count: combining marks, emoji sequences, CR LF, controls.
            "Cafe\u{301}", "🇯🇵", "👩‍👩‍👧", "a\r\nb", "soft\u{AD}hyphen", "zero\u{200B}width", "한국어", "\u{1100}\u{1161}",
        ]
        for text in texts { #expect(TextTable.characterCount(text) == text.count, "\(text.unicodeScalars.map(\.value))") }
    }

    /// The layout written the plain way: a padding string per cell, widths by `count`.
    static func reference(_ table: ReportTable, colour: Bool) -> String {
        let header = table.columns.map { TableCell($0.title) }
        var widths = Array(repeating: 0, count: table.columns.count)
        for row in [header] + table.rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.text.count) }
        }
        var text = ""
        for (rowIndex, row) in ([header] + table.rows).enumerated() {
            if rowIndex == 1 { text += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n" }
            for (index, cell) in row.enumerated() where index < widths.count {
                if index > 0 { text += "  " }
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.text.count))
                let padded = table.columns[index].alignment == .right
                    ? padding + cell.text : index == row.count - 1 ? cell.text : cell.text + padding
                text += colour ? ANSI.apply(rowIndex == 0 ? .strong : cell.tone, to: padded) : padded
            }
            text += "\n"
        }
        if table.rows.isEmpty { text += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n" }
        return text
    }

    @Test func layoutMatchesThePlainWay() {
        let tables = [
            ReportTable(
                columns: [TableColumn("name"), TableColumn("counts", .right), TableColumn("note")],
                rows: [
                    ["Côte d’Ivoire", "+1 −2", "é"], ["Cafe\u{301}", TableCell("+10 −20", tone: .hardLine), "x"],
                    // A short row and a long one: missing cells are blank, extra ones never shown.
                    ["🇯🇵"], ["a", "b", "c", "d"],
                ]),
            ReportTable(columns: [TableColumn("only", .right)], rows: []),
        ]
        for table in tables {
            for colour in [false, true] {
                #expect(TextTable.render(table, colour: colour) == Self.reference(table, colour: colour))
            }
        }
    }
}
