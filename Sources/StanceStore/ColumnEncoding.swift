import Foundation
import StanceModel

/// Slices a document's text by Unicode scalar offsets.
///
/// Built once per document: it maps scalar offsets to UTF-8 offsets so each slice is a byte copy.
/// ASCII text, the common case, needs no map at all. Out-of-range spans are clamped, never a crash.
struct ScalarSlicer {
    private let utf8: [UInt8]
    /// UTF-8 offset of each scalar, plus one for the end; empty when the text is ASCII.
    private let offsets: [Int32]
    let scalarCount: Int

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var isASCII = true
        for byte in bytes where byte >= 0x80 {
            isASCII = false
            break
        }
        if isASCII {
            offsets = []
            scalarCount = bytes.count
        } else {
            var map: [Int32] = []
            map.reserveCapacity(bytes.count + 1)
            for (index, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
                map.append(Int32(truncatingIfNeeded: index))
            }
            scalarCount = map.count
            map.append(Int32(truncatingIfNeeded: bytes.count))
            offsets = map
        }
        utf8 = bytes
    }

    subscript(span: TextSpan) -> String { slice(start: span.start, end: span.end) }

    func slice(start: Int, end: Int) -> String {
        let lower = min(max(0, start), scalarCount)
        let upper = min(max(lower, end), scalarCount)
        let byteLower = offsets.isEmpty ? lower : Int(offsets[lower])
        let byteUpper = offsets.isEmpty ? upper : Int(offsets[upper])
        return String(decoding: utf8[byteLower..<byteUpper], as: UTF8.self)
    }
}

/// The JSON kept in TEXT columns: content spans as `[[start,end],...]`, decisions as the model's
/// Codable form. Written by hand on the ingest path, where JSONEncoder would dominate.
enum ColumnJSON {
    static func spans(_ spans: [TextSpan]) -> String {
        var text = "["
        for (index, span) in spans.enumerated() {
            if index > 0 { text += "," }
            text += "[\(span.start),\(span.end)]"
        }
        return text + "]"
    }

    /// Reads what `spans(_:)` writes, by hand: reclassify reads one per statement, hundreds of
    /// thousands a second. Anything else yields no spans rather than an error.
    static func spans(from json: String) -> [TextSpan] {
        var numbers: [Int] = []
        var current = 0
        var inNumber = false
        for byte in json.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                current = current &* 10 &+ Int(byte - UInt8(ascii: "0"))
                inNumber = true
            case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: " "):
                if inNumber { numbers.append(current) }
                current = 0
                inNumber = false
            case UInt8(ascii: "["):
                continue
            default:
                return []
            }
        }
        guard numbers.count % 2 == 0 else { return [] }
        return stride(from: 0, to: numbers.count, by: 2).compactMap { index in
            numbers[index] <= numbers[index + 1] ? TextSpan(start: numbers[index], end: numbers[index + 1]) : nil
        }
    }

    /// Matches what `JSONEncoder` writes for `[Decision]`, so `JSONDecoder` reads it back.
    static func decisions(_ decisions: [Decision]) -> String {
        guard !decisions.isEmpty else { return "[]" }
        var text = "["
        for (index, decision) in decisions.enumerated() {
            if index > 0 { text += "," }
            text += "{\"kind\":"
            appendQuoted(decision.kind.rawValue, to: &text)
            text += ",\"detail\":"
            appendQuoted(decision.detail, to: &text)
            if let span = decision.span {
                text += ",\"span\":{\"start\":\(span.start),\"end\":\(span.end)}"
            }
            text += "}"
        }
        return text + "]"
    }

    static func decisions(from json: String) -> [Decision] {
        guard json != "[]", let data = json.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([Decision].self, from: data)) ?? []
    }

    static func appendQuoted(_ string: String, to text: inout String) {
        text.append("\"")
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text.append("\\\"")
            case "\\": text.append("\\\\")
            case "\n": text.append("\\n")
            case "\r": text.append("\\r")
            case "\t": text.append("\\t")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    text.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text.append("\"")
    }
}
