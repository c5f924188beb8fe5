import StanceModel
import StanceStore

/// JSON written by hand, so fields come out in a fixed order (Foundation's encoder orders keys by
/// hash on Linux) and rows by the million cost no intermediate objects.
public enum JSONText {
    /// A JSON string literal.
    public static func string(_ value: String) -> String {
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    public static func string(_ value: String?) -> String { value.map { string($0) } ?? "null" }

    /// An object from (key, already-encoded value) pairs, in order.
    public static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}

extension ExportRow {
    /// The row as one JSON line, fields in the documented order.
    public var jsonLine: String {
        JSONText.object([
            ("statement", JSONText.string(statement)),
            ("document", JSONText.string(document)),
            ("date", JSONText.string(date?.iso)),
            ("source", JSONText.string(source)),
            ("speaker", JSONText.string(speaker)),
            ("actor", JSONText.string(actor)),
            ("country", JSONText.string(country?.rawValue)),
            ("stance", JSONText.string(stance.rawValue)),
            ("polarity", JSONText.string(polarity.rawValue)),
            ("target", JSONText.string(target?.rawValue)),
            ("text", JSONText.string(text)),
            ("start", String(start)),
            ("end", String(end)),
            ("rule", JSONText.string(rule)),
        ]) + "\n"
    }

    /// The row as CSV fields, in the same order as `fieldNames`.
    public var csvFields: [String] {
        [
            statement, document, date?.iso ?? "", source ?? "", speaker ?? "", actor, country?.rawValue ?? "",
            stance.rawValue, polarity.rawValue, target?.rawValue ?? "", text, String(start), String(end), rule,
        ]
    }
}
