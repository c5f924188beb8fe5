import StanceModel

/// A document's text as an array of Unicode scalars, the unit every span counts in.
public struct ScalarText: Sendable {
    public let scalars: [Unicode.Scalar]

    public init(_ text: String) {
        // Decoded from the UTF-8 storage directly: Array(text.unicodeScalars) counted the scalars in
        // one pass and copied them in another, through the generic view, a tenth of the text stage.
        var text = text
        scalars = text.withUTF8 { bytes in
            [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { buffer, initialized in
                var i = 0
                var n = 0
                while i < bytes.count {
                    let lead = bytes[i]
                    if lead < 0x80 {
                        buffer[n] = Unicode.Scalar(lead)
                        i += 1
                    } else {
                        // A String's UTF-8 is valid: the lead byte gives the length.
                        var value: UInt32
                        if lead < 0xE0 {
                            value = UInt32(lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                            i += 2
                        } else if lead < 0xF0 {
                            value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                            i += 3
                        } else {
                            value = UInt32(lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                                | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                            i += 4
                        }
                        buffer[n] = Unicode.Scalar(value) ?? "\u{FFFD}"
                    }
                    n += 1
                }
                initialized = n
            }
        }
    }

    public var count: Int { scalars.count }

    /// The text of a span, verbatim.
    public subscript(span: TextSpan) -> String {
        let lower = max(0, span.start)
        let upper = min(scalars.count, span.end)
        guard lower < upper else { return "" }
        // Encoded straight into the string's storage: appending scalar by scalar to a String cost more
        // than the rest of the boilerplate filter.
        return scalars.withUnsafeBufferPointer { source in
            var length = 0
            for k in lower..<upper { length += UTF8.width(source[k]) }
            if length <= 15 {
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { buffer in
                    var count = 0
                    for k in lower..<upper { UTF8.encode(source[k]) { buffer[count] = $0; count += 1 } }
                    return String(decoding: buffer, as: UTF8.self)
                }
            }
            return String(unsafeUninitializedCapacity: length) { buffer in
                var count = 0
                for k in lower..<upper {
                    let value = source[k].value
                    if value < 0x80 {
                        buffer[count] = UInt8(truncatingIfNeeded: value)
                        count += 1
                    } else {
                        UTF8.encode(source[k]) { byte in
                            buffer[count] = byte
                            count += 1
                        }
                    }
                }
                return count
            }
        }
    }
}

/// Which quotation mark a quote token is.
public enum QuoteMark: UInt8, Sendable, Hashable {
    /// “ or « (opens a double quote).
    case doubleOpen
    /// ” or » (closes a double quote).
    case doubleClose
    /// " whose side is decided by its neighbours; `side` on the token says which it looked like.
    case doubleStraight
    /// ‘ (opens a single quote).
    case singleOpen
    /// ’ or ' that is not an apostrophe inside a word.
    case singleClose
    /// ' whose side depends on context.
    case singleStraight

    public var isDouble: Bool { self == .doubleOpen || self == .doubleClose || self == .doubleStraight }
}

/// A token: a word, number, punctuation mark, quotation mark or line break, with its span.
public struct Token: Sendable, Hashable {
    public enum Kind: UInt8, Sendable, Hashable {
        case word, number, punctuation, quote, lineBreak
    }

    /// For quote tokens: whether context suggests it opens or closes (straight marks are guessed).
    public enum Side: UInt8, Sendable, Hashable {
        case opening, closing, unknown
    }

    public var kind: Kind
    public var start: Int
    public var end: Int
    /// Lowercased, with typographic apostrophes folded to `'`. Quotes are `"` or `'`; a line break is "\n".
    public var text: String {
        didSet {
            key = WordKey(text)
            (textTail, textLength) = Self.ending(of: text)
        }
    }
    /// The key of `text`, for word lists and dictionary lookups.
    public private(set) var key: WordKey
    /// The first letter is upper case (for words).
    public var isCapitalized: Bool
    /// Every letter is upper case and there are at least two (US, EU, DPRK, U.S.).
    public var isAllCaps: Bool
    public var quote: QuoteMark?
    public var side: Side
    /// The last (up to) four bytes of `text`'s UTF-8, the last one in the low byte, and (below) its
    /// UTF-8 length, saturated at 255: enough to answer most questions about a word's ending and
    /// length ("ends in -ing", "longer than four letters") without touching the String.
    private(set) var textTail: UInt32
    /// For line breaks: how many newlines (2 or more is a blank line, a paragraph break).
    public var newlines: Int
    /// Whitespace (not a newline) precedes the token.
    public var spaceBefore: Bool
    private(set) var textLength: UInt8

    init(kind: Kind, start: Int, end: Int, word: Tokenizer.Word, isCapitalized: Bool, isAllCaps: Bool,
         quote: QuoteMark?, side: Side, newlines: Int, spaceBefore: Bool)
    {
        self.kind = kind
        self.start = start
        self.end = end
        text = word.text
        key = word.key
        textTail = word.tail
        textLength = word.length
        self.isCapitalized = isCapitalized
        self.isAllCaps = isAllCaps
        self.quote = quote
        self.side = side
        self.newlines = newlines
        self.spaceBefore = spaceBefore
    }

    init(kind: Kind, start: Int, end: Int, text: String, isCapitalized: Bool, isAllCaps: Bool, quote: QuoteMark?,
         side: Side, newlines: Int, spaceBefore: Bool)
    {
        self.init(kind: kind, start: start, end: end, word: Tokenizer.Word(text), isCapitalized: isCapitalized,
                  isAllCaps: isAllCaps, quote: quote, side: side, newlines: newlines, spaceBefore: spaceBefore)
    }

    /// `textTail` and `textLength` for a text.
    static func ending(of text: String) -> (tail: UInt32, length: UInt8) {
        var tail: UInt32 = 0
        var length = 0
        for byte in text.utf8 {
            tail = tail << 8 | UInt32(byte)
            length += 1
        }
        return (tail, UInt8(min(length, 255)))
    }

    public var span: TextSpan { TextSpan(start: start, end: end) }
    public var isWord: Bool { kind == .word }
    public var isParagraphBreak: Bool { kind == .lineBreak }
}

/// Splits text into tokens. Rule patterns are tokenized by the same code, so they and the text agree
/// on what a word is (`North Korea's` → `north`, `korea`, `'s`; `don't` → `do`, `n't`; `U.S.` → `u.s.`).
public enum Tokenizer {
    public static func tokenize(_ text: ScalarText) -> [Token] {
        tokenize(text.scalars, from: 0, to: text.count)
    }

    public static func tokenize(_ string: String) -> [Token] {
        tokenize(ScalarText(string))
    }

    /// A token's text with its key.
    /// A token's text with what is kept beside it: its key, and its ending (`Token.textTail`).
    struct Word {
        var text: String
        var key: WordKey
        var tail: UInt32
        var length: UInt8

        init(_ text: String) {
            self.text = text
            key = WordKey(text)
            (tail, length) = Token.ending(of: text)
        }

        init(_ text: String, key: WordKey, tail: UInt32, length: Int) {
            self.text = text
            self.key = key
            self.tail = tail
            self.length = UInt8(min(length, 255))
        }

        /// A one-scalar mark (punctuation): ASCII ones are built once.
        static func mark(_ c: Unicode.Scalar) -> Word {
            c.value < 128 ? asciiMarks[Int(c.value)] : Word(String(c))
        }

        private static let asciiMarks = (0..<128).map { Word(String(Unicode.Scalar(UInt8($0)))) }

        static let lineBreak = Word("\n")
        static let doubleQuote = Word("\"")
        static let singleQuote = Word("'")
        static let ellipsis = Word("…")
        static let dash = Word("—")
    }

    public static func tokenize(_ s: [Unicode.Scalar], from lower: Int, to upper: Int) -> [Token] {
        s.withUnsafeBufferPointer { tokenize(scalars: $0, from: lower, to: upper) }
    }

    /// The tokenizer proper, on the scalars' storage: it visits every scalar of every document.
    static func tokenize(scalars s: UnsafeBufferPointer<Unicode.Scalar>, from lower: Int, to upper: Int) -> [Token] {
        var tokens: [Token] = []
        // About one token per five scalars in news text; growing the array copies every token, so leave room.
        tokens.reserveCapacity((upper - lower) / 4 + 16)
        var i = lower
        var spaceBefore = false
        var lowering = LoweringBuffer()
        defer { lowering.deallocate() }

        func append(_ kind: Token.Kind, _ start: Int, _ end: Int, _ word: Word, capitalized: Bool = false,
                    quote: QuoteMark? = nil, side: Token.Side = .unknown, newlines: Int = 0) {
            tokens.append(Token(kind: kind, start: start, end: end, word: word, isCapitalized: capitalized,
                                isAllCaps: capitalized && kind == .word && isAllCaps(s, start, end),
                                quote: quote, side: side, newlines: newlines, spaceBefore: spaceBefore))
            spaceBefore = false
        }

        while i < upper {
            let c = s[i]
            if c == "\n" || c == "\r" || c == "\u{2029}" || c == "\u{2028}" {
                let start = i
                var newlines = 0
                while i < upper, isSpace(s[i]) || isNewline(s[i]) {
                    if s[i] == "\n" || s[i] == "\u{2029}" || s[i] == "\u{2028}" { newlines += 1 }
                    else if s[i] == "\r", i + 1 >= upper || s[i + 1] != "\n" { newlines += 1 }
                    i += 1
                }
                // Offsets cover the newlines themselves, not the indentation that follows them.
                var end = i
                while end > start, isSpace(s[end - 1]) { end -= 1 }
                spaceBefore = false
                append(.lineBreak, start, max(end, start + 1), Word.lineBreak, newlines: max(newlines, 1))
                continue
            }
            if isSpace(c) {
                spaceBefore = true
                i += 1
                continue
            }
            if isWordStart(c) {
                let start = i
                let scanned = scanWord(s, from: i, to: upper)
                i = scanned.end
                // Contractions and possessives become their own tokens: n't, 's, 're, 've, 'll, 'm, 'd.
                var wordEnd = i
                var clitic: Int? = nil
                if scanned.hasApostrophe, let split = cliticSplit(s, start: start, end: i) {
                    wordEnd = split
                    clitic = split
                }
                var isNumber = isNumeric(s[start])
                if isNumber {
                    for k in start..<wordEnd where !(isNumeric(s[k]) || s[k] == "," || s[k] == "." || s[k] == "-") {
                        isNumber = false
                        break
                    }
                }
                append(isNumber ? .number : .word, start, wordEnd, lowering.word(s, start, wordEnd),
                       capitalized: isUppercase(s[start]) || scanned.hasHyphen && isPrefixedName(s, start, wordEnd))
                if let clitic {
                    append(.word, clitic, i, lowering.word(s, clitic, i))
                }
                continue
            }
            if let mark = quoteMark(c) {
                let prev: Unicode.Scalar? = i > lower ? s[i - 1] : nil
                let next: Unicode.Scalar? = i + 1 < upper ? s[i + 1] : nil
                // An apostrophe after a plural (countries’ ) closes nothing; it is left to the quote
                // pairing to decide, which sees the whole sentence.
                let side = quoteSide(mark, prev: prev, next: next)
                append(.quote, i, i + 1, mark.isDouble ? Word.doubleQuote : Word.singleQuote, quote: mark, side: side)
                i += 1
                continue
            }
            // Runs that read as one mark: ellipses and double hyphens.
            if c == "." && i + 2 < upper && s[i + 1] == "." && s[i + 2] == "." {
                var j = i
                while j < upper, s[j] == "." { j += 1 }
                append(.punctuation, i, j, Word.ellipsis)
                i = j
                continue
            }
            if c == "-" && i + 1 < upper && s[i + 1] == "-" {
                var j = i
                while j < upper, s[j] == "-" { j += 1 }
                append(.punctuation, i, j, Word.dash)
                i = j
                continue
            }
            switch c {
            case "\u{2014}", "\u{2013}", "\u{2012}", "\u{2015}": append(.punctuation, i, i + 1, Word.dash)
            case "\u{2026}": append(.punctuation, i, i + 1, Word.ellipsis)
            default: append(.punctuation, i, i + 1, Word.mark(c))
            }
            i += 1
        }
        return tokens
    }

    /// Scratch space for lower-casing words, allocated once per document: the lowered UTF-8 is
    /// written here, hashed and measured in the same pass, then made one string (a small string,
    /// without allocating, for most words).
    struct LoweringBuffer {
        private var bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 256)

        mutating func deallocate() { bytes.deallocate() }

        /// The word's text, lower-cased, with typographic apostrophes folded to `'` and the
        /// non-breaking hyphen to `-`, with its key and ending.
        mutating func word(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int) -> Word {
            guard start < end else { return Word("") }
            if bytes.count < (end - start) * 4 {
                bytes.deallocate()
                bytes = .allocate(capacity: (end - start) * 4)
            }
            var count = 0
            var allASCII = true
            var hash = WordKey.offsetBasis
            var tail: UInt32 = 0
            for k in start..<end {
                var c = s[k]
                if c.value < 128 {
                    let byte = UInt8(truncatingIfNeeded: c.value >= 65 && c.value <= 90 ? c.value + 32 : c.value)
                    bytes[count] = byte
                    count += 1
                    hash = WordKey.mixing(hash, byte)
                    tail = tail << 8 | UInt32(byte)
                    continue
                }
                if c == "\u{2019}" || c == "\u{2018}" {
                    c = "'"
                } else if c == "\u{2011}" {
                    c = "-"
                } else {
                    allASCII = false
                }
                let buffer = bytes
                UTF8.encode(c) { byte in
                    buffer[count] = byte
                    count += 1
                    hash = WordKey.mixing(hash, byte)
                    tail = tail << 8 | UInt32(byte)
                }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<count]), as: UTF8.self)
            // Beyond ASCII, lower-casing needs Unicode's tables (and can change the length).
            return allASCII ? Word(text, key: WordKey(rawValue: hash), tail: tail, length: count) : Word(text.lowercased())
        }
    }

    // MARK: Character classes

    // Each class answers ASCII inline and asks Unicode's tables out of line: inlined, the property
    // lookups (resilient types) set up a large stack frame on every call, even for ASCII, and the
    // scanner calls these for every scalar.

    @inline(__always) static func isNewline(_ c: Unicode.Scalar) -> Bool {
        c == "\n" || c == "\r" || c == "\u{2028}" || c == "\u{2029}"
    }

    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 { return c == " " || c == "\t" }
        return c == "\u{A0}" || c == "\u{200B}" || c == "\u{FEFF}" || (!isNewline(c) && isUnicodeWhitespace(c))
    }

    @inline(never) static func isUnicodeWhitespace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }

    @inline(__always) static func isLetterOrDigit(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 {
            let v = c.value
            return (v >= 97 && v <= 122) || (v >= 65 && v <= 90) || (v >= 48 && v <= 57)
        }
        return isUnicodeLetterOrDigit(c)
    }

    @inline(never) static func isUnicodeLetterOrDigit(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c.properties.numericType != nil || c.properties.generalCategory == .nonspacingMark
    }

    @inline(__always) static func isWordStart(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 { return isLetterOrDigit(c) }
        return isUnicodeWordStart(c)
    }

    @inline(never) static func isUnicodeWordStart(_ c: Unicode.Scalar) -> Bool {
        isUnicodeLetterOrDigit(c) && c.properties.generalCategory != .nonspacingMark
    }

    @inline(__always) static func isUppercase(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? c.value >= 65 && c.value <= 90 : isUnicodeUppercase(c)
    }

    @inline(never) static func isUnicodeUppercase(_ c: Unicode.Scalar) -> Bool { c.properties.isUppercase }

    @inline(__always) static func isNumeric(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? c.value >= 48 && c.value <= 57 : isUnicodeNumeric(c)
    }

    @inline(never) static func isUnicodeNumeric(_ c: Unicode.Scalar) -> Bool { c.properties.numericType != nil }

    @inline(__always) static func isApostrophe(_ c: Unicode.Scalar) -> Bool { c == "'" || c == "\u{2019}" }

    static func quoteMark(_ c: Unicode.Scalar) -> QuoteMark? {
        switch c {
        case "\u{201C}", "\u{AB}", "\u{201E}": .doubleOpen
        case "\u{201D}", "\u{BB}": .doubleClose
        case "\"": .doubleStraight
        case "\u{2018}": .singleOpen
        case "\u{2019}": .singleClose
        case "'": .singleStraight
        default: nil
        }
    }

    static func quoteSide(_ mark: QuoteMark, prev: Unicode.Scalar?, next: Unicode.Scalar?) -> Token.Side {
        switch mark {
        case .doubleOpen, .singleOpen: return .opening
        case .doubleClose: return .closing
        case .singleClose, .doubleStraight, .singleStraight:
            let spaceBefore = prev.map { isSpace($0) || isNewline($0) || "([{—\u{2013}-".unicodeScalars.contains($0) } ?? true
            let spaceAfter = next.map { isSpace($0) || isNewline($0) || ",.;:!?)]}—\u{2013}".unicodeScalars.contains($0) } ?? true
            if spaceBefore && !spaceAfter { return mark == .singleClose ? .opening : .opening }
            if !spaceBefore && spaceAfter { return .closing }
            return .unknown
        }
    }

    /// Where a word ends, and whether it holds a hyphen or an apostrophe (without them it can have
    /// neither a clitic nor a prefixed-name particle, and those checks are skipped).
    struct ScannedWord {
        var end: Int
        var hasHyphen = false
        var hasApostrophe = false
    }

    /// Scans a word: letters and digits, joined by inner hyphens, apostrophes, and the periods of
    /// initialisms (U.S., a.m.) or decimal and thousands separators of numbers (1,429; 2.5).
    static func scanWord(_ s: UnsafeBufferPointer<Unicode.Scalar>, from start: Int, to upper: Int) -> ScannedWord {
        var word = ScannedWord(end: start)
        var i = start
        while i < upper {
            let c = s[i]
            if isLetterOrDigit(c) {
                i += 1
                continue
            }
            guard i + 1 < upper else { break }
            let next = s[i + 1]
            if (c == "-" || c == "\u{2011}") && isLetterOrDigit(next) && i > start {
                if c == "-" { word.hasHyphen = true }
                i += 1
                continue
            }
            if isApostrophe(c) && isLetterOrDigit(next) && i > start {
                word.hasApostrophe = true
                i += 1
                continue
            }
            if (c == "," || c == ".") && isDigit(s[i - 1]) && isDigit(next) {
                i += 1
                continue
            }
            // Initialisms: single letters separated by periods (U.S., U.N., a.m.), final period included.
            if c == "." && i - start == 1 && isLetter(s[start]) {
                var j = i
                var letters = 1
                while j + 2 < upper, s[j] == ".", isLetter(s[j + 1]), s[j + 2] == "." {
                    j += 2
                    letters += 1
                }
                if letters >= 2 {
                    word.end = j + 1
                    return word
                }
            }
            break
        }
        word.end = i
        return word
    }

    /// Arabic and other names with a lower-case particle joined by a hyphen: al-Faisal, bin-Salman.
    static func isPrefixedName(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int) -> Bool {
        var hyphen = start
        while hyphen < min(end, start + 4), s[hyphen] != "-" { hyphen += 1 }
        guard hyphen < min(end, start + 4), hyphen > start, hyphen + 1 < end else { return false }
        return isUppercase(s[hyphen + 1])
    }

    static func isAllCaps(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int) -> Bool {
        var letters = 0
        for k in start..<end where isLetter(s[k]) {
            guard isUppercase(s[k]) else { return false }
            letters += 1
        }
        return letters >= 2
    }

    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
    @inline(__always) static func isLetter(_ c: Unicode.Scalar) -> Bool {
        c.value < 128 ? ((c.value | 32) >= 97 && (c.value | 32) <= 122) : isUnicodeAlphabetic(c)
    }

    @inline(never) static func isUnicodeAlphabetic(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic }

    /// Where a word splits into a base and a clitic: `korea|'s`, `do|n't`, `we|'re`.
    static func cliticSplit(_ s: UnsafeBufferPointer<Unicode.Scalar>, start: Int, end: Int) -> Int? {
        guard end - start >= 3 else { return nil }
        func lower(_ k: Int) -> UInt32 { s[k].value < 128 ? s[k].value | 32 : s[k].value }
        // n't
        if isApostrophe(s[end - 2]), lower(end - 1) == 116 /* t */, lower(end - 3) == 110 /* n */, end - start > 3 {
            return end - 3
        }
        if isApostrophe(s[end - 2]) {
            let last = lower(end - 1)
            if last == 115 /* s */ || last == 109 /* m */ || last == 100 /* d */ { return end - 2 }
        }
        if end - start >= 4, isApostrophe(s[end - 3]) {
            let a = lower(end - 2), b = lower(end - 1)
            if (a == 114 && b == 101) || (a == 118 && b == 101) || (a == 108 && b == 108) { return end - 3 }  // re ve ll
        }
        return nil
    }
}
