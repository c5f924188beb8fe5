import StanceModel
import StanceStore

/// The per-country table `stance track` prints: counts per stance and polarity, and each country's
/// latest statement.
public enum TrackSummary {
    public static func render(_ summaries: [CountrySummary]) -> String {
        guard !summaries.isEmpty else { return "No labelled statements.\n" }
        var rows: [[String]] = [["country", "statements"] + Stance.allCases.map(\.rawValue) + ["latest"]]
        for summary in summaries {
            var row = [summary.country.rawValue, String(summary.statements)]
            for stance in Stance.allCases {
                let support = summary.count(stance, .support)
                let oppose = summary.count(stance, .oppose)
                row.append(support + oppose == 0 ? "·" : "+\(support) −\(oppose)")
            }
            if let latest = summary.latest {
                row.append("\(latest.date?.iso ?? "undated") \(latest.actor): \(shorten(latest.text, 70))")
            } else {
                row.append("")
            }
            rows.append(row)
        }
        return TextTable.render(rows)
    }

    static func shorten(_ text: String, _ limit: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }
}

/// A plain left-aligned text table with a rule under the header.
public enum TextTable {
    public static func render(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        var widths = Array(repeating: 0, count: header.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
        var text = line(header) + "\n"
        text += widths.enumerated().map { index, width in
            String(repeating: "─", count: index == widths.count - 1 ? max(width, 6) : width)
        }.joined(separator: "  ") + "\n"
        for row in rows.dropFirst() { text += line(row) + "\n" }
        return text
    }
}
