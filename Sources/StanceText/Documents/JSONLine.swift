/// One JSON Lines record: a JSON object of which only the document fields are kept.
///
/// A small parser of its own rather than JSONSerialization: it keeps number ids exactly as written,
/// skips unknown fields without building them, and says where a line went wrong (byte column).
struct JSONLine {
    enum Value: Equatable {
        case string(String)
        /// As written ("12", "1.5e3").
        case number(String)
        case bool(Bool)
        case null
        case array
        case object

        /// How a diagnostic shows the value that was found.
        var shown: String {
            switch self {
            case .string(let text):
                let clipped = text.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(40))) + "…" : text
                return "\"" + clipped + "\""
            case .number(let text): return text
            case .bool(let value): return value ? "true" : "false"
            case .null: return "null"
            case .array: return "an array"
            case .object: return "an object"
            }
        }
    }

    struct SyntaxError: Error, Equatable {
        var message: String
        /// 0-based byte offset in the line.
        var offset: Int
    }

    static let documentFields: Set<String> = ["text", "id", "date", "source", "url", "title"]

    /// The document fields present in the object (the last occurrence wins, as in most parsers).
    var fields: [String: Value] = [:]

    init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(SyntaxError) {
        var parser = Parser(bytes: bytes)
        parser.skipWhitespace()
        guard parser.peek() == UInt8(ascii: "{") else {
            throw SyntaxError(message: "expected a JSON object with a string field \"text\"", offset: parser.index)
        }
        fields = try parser.parseTopObject()
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw SyntaxError(message: "unexpected characters after the JSON object", offset: parser.index)
        }
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var depth = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
                index += 1
            }
        }

        func error(_ message: String) -> SyntaxError { SyntaxError(message: message, offset: index) }

        mutating func expect(_ byte: UInt8, _ message: String) throws(SyntaxError) {
            skipWhitespace()
            guard peek() == byte else { throw error(message) }
            index += 1
        }

        mutating func parseTopObject() throws(SyntaxError) -> [String: Value] {
            var fields: [String: Value] = [:]
            index += 1  // {
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                index += 1
                return fields
            }
            while true {
                skipWhitespace()
                guard peek() == UInt8(ascii: "\"") else { throw error("expected a field name in double quotes") }
                let key = try parseString()
                try expect(UInt8(ascii: ":"), "expected ':' after the field name")
                skipWhitespace()
                if JSONLine.documentFields.contains(key) {
                    fields[key] = try parseValue()
                } else {
                    _ = try parseValue()
                }
                skipWhitespace()
                switch peek() {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    return fields
                case nil: throw error("the object is not closed (expected ',' or '}')")
                default: throw error("expected ',' or '}' after a value")
                }
            }
        }

        /// Parses any value; arrays and objects are checked and skipped, not built.
        mutating func parseValue() throws(SyntaxError) -> Value {
            skipWhitespace()
            guard let byte = peek() else { throw error("expected a value") }
            switch byte {
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "{"):
                try skipContainer(close: UInt8(ascii: "}"), isObject: true)
                return .object
            case UInt8(ascii: "["):
                try skipContainer(close: UInt8(ascii: "]"), isObject: false)
                return .array
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return .number(try parseNumber())
            default:
                throw error("expected a value (string, number, object, array, true, false or null)")
            }
        }

        mutating func literal(_ word: StaticString) throws(SyntaxError) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw error("expected \(word)") }
            let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
            for offset in 0..<count where bytes[index + offset] != expected[offset] { throw error("expected \(word)") }
            index += count
        }

        mutating func skipContainer(close: UInt8, isObject: Bool) throws(SyntaxError) {
            depth += 1
            defer { depth -= 1 }
            guard depth <= 512 else { throw error("values nested too deeply") }
            index += 1
            skipWhitespace()
            if peek() == close {
                index += 1
                return
            }
            while true {
                skipWhitespace()
                if isObject {
                    guard peek() == UInt8(ascii: "\"") else { throw error("expected a field name in double quotes") }
                    _ = try parseString()
                    try expect(UInt8(ascii: ":"), "expected ':' after the field name")
                }
                _ = try parseValue()
                skipWhitespace()
                guard let next = peek() else { throw error("\(isObject ? "an object" : "an array") is not closed") }
                if next == UInt8(ascii: ",") {
                    index += 1
                } else if next == close {
                    index += 1
                    return
                } else {
                    throw error("expected ',' or '\(Character(Unicode.Scalar(close)))'")
                }
            }
        }

        mutating func parseNumber() throws(SyntaxError) -> String {
            let start = index
            if peek() == UInt8(ascii: "-") { index += 1 }
            func digits() -> Int {
                let from = index
                while let byte = peek(), byte >= 0x30 && byte <= 0x39 { index += 1 }
                return index - from
            }
            if peek() == UInt8(ascii: "0") {
                index += 1
            } else if digits() == 0 {
                throw error("expected a digit")
            }
            if peek() == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw error("expected a digit after '.'") }
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                index += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw error("expected a digit in the exponent") }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }

        /// A string's contents with escapes decoded; invalid UTF-8 inside it becomes U+FFFD.
        mutating func parseString() throws(SyntaxError) -> String {
            let openingQuote = index
            index += 1
            let start = index
            // Fast path: no escapes, the bytes are the string.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw error("control character in a string (write it as an escape such as \\n)") }
                index += 1
            }
            var decoded = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(decoding: decoded, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    index += 1
                    guard let escape = peek() else {
                        throw SyntaxError(message: "the string is not closed", offset: openingQuote)
                    }
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): decoded.append(0x22)
                    case UInt8(ascii: "\\"): decoded.append(0x5C)
                    case UInt8(ascii: "/"): decoded.append(0x2F)
                    case UInt8(ascii: "b"): decoded.append(0x08)
                    case UInt8(ascii: "f"): decoded.append(0x0C)
                    case UInt8(ascii: "n"): decoded.append(0x0A)
                    case UInt8(ascii: "r"): decoded.append(0x0D)
                    case UInt8(ascii: "t"): decoded.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800...0xDBFF).contains(scalar) {
                            // A high surrogate must pair with a following \uDC00-\uDFFF.
                            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                                let saved = index
                                index += 2
                                let low = try hex4()
                                if (0xDC00...0xDFFF).contains(low) {
                                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                                } else {
                                    index = saved
                                    scalar = 0xFFFD
                                }
                            } else {
                                scalar = 0xFFFD
                            }
                        } else if (0xDC00...0xDFFF).contains(scalar) {
                            scalar = 0xFFFD
                        }
                        decoded.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
                    default:
                        index -= 1
                        throw error("unknown escape \\\(Character(Unicode.Scalar(escape)))")
                    }
                default:
                    if byte < 0x20 { throw error("control character in a string (write it as an escape such as \\n)") }
                    decoded.append(byte)
                    index += 1
                }
            }
            throw SyntaxError(message: "the string is not closed", offset: openingQuote)
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("expected four hex digits after \\u") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
                default: throw error("expected four hex digits after \\u")
                }
                value = value * 16 + digit
                index += 1
            }
            return value
        }
    }
}
