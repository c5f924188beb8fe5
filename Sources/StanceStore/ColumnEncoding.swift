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

    /// Matches what `JSONEncoder` writes for `[Decision]`, so `JSONDecoder` reads it back. Built as
    /// UTF-8 bytes: every label has one, and appending to a String scalar by scalar cost more than
    /// inserting the label.
    static func decisions(_ decisions: [Decision]) -> String {
        guard !decisions.isEmpty else { return "[]" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(decisions.count * 160)
        bytes.append(UInt8(ascii: "["))
        for (index, decision) in decisions.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: #"{"kind":"#.utf8)
            appendQuoted(decision.kind.rawValue, to: &bytes)
            bytes.append(contentsOf: #","detail":"#.utf8)
            appendQuoted(decision.detail, to: &bytes)
            if let span = decision.span {
                bytes.append(contentsOf: #","span":{"start":"#.utf8)
                appendInteger(span.start, to: &bytes)
                bytes.append(contentsOf: #","end":"#.utf8)
                appendInteger(span.end, to: &bytes)
                bytes.append(UInt8(ascii: "}"))
            }
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: String(value).utf8)
    }

    static func decisions(from json: String) -> [Decision] {
        guard json != "[]", let data = json.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([Decision].self, from: data)) ?? []
    }

    static func appendQuoted(_ string: String, to text: inout String) {
        var bytes: [UInt8] = []
        appendQuoted(string, to: &bytes)
        text += String(decoding: bytes, as: UTF8.self)
    }

    /// The string in double quotes with JSON escapes; other bytes (UTF-8 of non-ASCII scalars
    /// included) are copied as they are.
    static func appendQuoted(_ string: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            // Runs without anything to escape (nearly all of a detail) are copied whole.
            var runStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [
                        UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)],
                        hex[Int(byte & 15)],
                    ])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
