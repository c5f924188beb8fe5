/// A 64-bit key for a word: the FNV-1a hash of its text's NFC-normalized UTF-8, the form in which Swift
/// compares strings, so texts that are equal as Strings have equal keys. The tokenizer computes each
/// token's key once while the bytes are at hand; word lists and the dictionary tries then compare keys
/// instead of hashing the token's text again at every lookup. Different texts almost never share a
/// key, and every lookup confirms a matching key with the text, so results are exact.
public struct WordKey: Hashable, Sendable {
    public let rawValue: UInt64

    @usableFromInline static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    @usableFromInline static let prime: UInt64 = 0x0000_0100_0000_01b3

    public init(_ text: String) {
        var hash = Self.offsetBasis
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII is its own normal form.
            for byte in text.utf8 { hash = Self.mixing(hash, byte) }
        } else {
            text._withNFCCodeUnits { hash = Self.mixing(hash, $0) }
        }
        rawValue = hash
    }

    init(rawValue: UInt64) { self.rawValue = rawValue }

    /// The key of an ASCII literal; written to fold to a constant where the literal is known.
    @inline(__always) @usableFromInline static func hashing(_ literal: StaticString) -> UInt64 {
        var hash = offsetBasis
        let bytes = literal.utf8Start
        for k in 0..<literal.utf8CodeUnitCount { hash = mixing(hash, bytes[k]) }
        return hash
    }

    /// A literal's last four bytes as `Token.textTail` keeps them.
    @inline(__always) static func tail(of literal: StaticString) -> UInt32 {
        var tail: UInt32 = 0
        let bytes = literal.utf8Start
        for k in 0..<literal.utf8CodeUnitCount { tail = tail << 8 | UInt32(bytes[k]) }
        return tail
    }

    @inline(__always) @usableFromInline static func mixing(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* prime
    }

    /// A slot among `1 << bits` for this key (Fibonacci hashing: the high bits of a multiply, which
    /// spread keys whose low bits agree).
    @inline(__always) func slot(bits: Int, salt: UInt64 = 0) -> Int {
        Int(truncatingIfNeeded: ((rawValue ^ salt) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
    }
}

/// Words to integer ids, looked up by a token's key: an open-addressing table of keys, each with its
/// word beside it to confirm a match. The text stage's word lists and the rule matcher's vocabulary
/// are consulted at nearly every token; a `[String: Int32]` would hash the token's text again at
/// every lookup, while the token's key was computed once by the tokenizer. Words that are equal as
/// Swift strings (canonically equivalent) have equal keys, so they share an id as in a dictionary.
public struct WordIDs: Sendable {
    /// `key | 1` per slot, 0 for an empty slot.
    private var tags: [UInt64]
    private var slotWords: [String]
    private var slotIDs: [Int32]
    private var bits: Int
    /// How many words the table holds.
    public private(set) var count = 0

    public init() {
        bits = 3
        tags = [UInt64](repeating: 0, count: 1 << bits)
        slotWords = [String](repeating: "", count: 1 << bits)
        slotIDs = [Int32](repeating: 0, count: 1 << bits)
    }

    /// Adds `word` with `id` unless an equal word is already there; returns the word's id.
    @discardableResult
    public mutating func insert(_ word: String, id: Int32) -> Int32 {
        let key = WordKey(word)
        if let existing = self[key, word] { return existing }
        // At most half full, so a probe that misses meets an empty slot soon.
        if (count + 1) * 2 > tags.count { grow() }
        place(key, word, id)
        count += 1
        return id
    }

    /// The id of the token's text, or nil.
    @inline(__always) public subscript(token: Token) -> Int32? { self[token.key, token.text] }

    /// The id of `word`, or nil.
    public subscript(word: String) -> Int32? { self[WordKey(word), word] }

    /// The id of `text`, whose key is `key`, or nil.
    @inline(__always) public subscript(key: WordKey, text: String) -> Int32? {
        let tag = key.rawValue | 1
        let mask = tags.count - 1
        var slot = key.slot(bits: bits)
        while true {
            let stored = tags[slot]
            if stored == 0 { return nil }
            if stored == tag && slotWords[slot] == text { return slotIDs[slot] }
            slot = (slot + 1) & mask
        }
    }

    private mutating func place(_ key: WordKey, _ word: String, _ id: Int32) {
        var slot = key.slot(bits: bits)
        while tags[slot] != 0 { slot = (slot + 1) & (tags.count - 1) }
        tags[slot] = key.rawValue | 1
        slotWords[slot] = word
        slotIDs[slot] = id
    }

    private mutating func grow() {
        let entries = tags.indices.filter { tags[$0] != 0 }.map { (slotWords[$0], slotIDs[$0]) }
        bits += 1
        tags = [UInt64](repeating: 0, count: 1 << bits)
        slotWords = [String](repeating: "", count: 1 << bits)
        slotIDs = [Int32](repeating: 0, count: 1 << bits)
        for (word, id) in entries { place(WordKey(word), word, id) }
    }
}

/// A fixed set of words looked up by a token's key (a `WordIDs` whose ids are the words' order).
public struct WordSet: Sendable, ExpressibleByArrayLiteral {
    private var ids = WordIDs()
    /// The words, in the order given (without repeats).
    public private(set) var words: [String] = []

    public init(_ words: some Sequence<String>) {
        for word in words where ids.insert(word, id: Int32(self.words.count)) == Int32(self.words.count) {
            self.words.append(word)
        }
    }

    public init(arrayLiteral words: String...) { self.init(words) }

    public var count: Int { words.count }

    public func union(_ other: some Sequence<String>) -> WordSet { WordSet(words + Array(other)) }

    /// Whether the token's text is one of the words.
    @inline(__always) public func contains(_ token: Token) -> Bool { ids[token] != nil }

    public func contains(_ word: String) -> Bool { ids[word] != nil }

    /// Whether `text`, whose key is `key`, is one of the words.
    @inline(__always) public func contains(_ key: WordKey, _ text: String) -> Bool { ids[key, text] != nil }
}

extension Token {
    /// Whether the token's text is `literal` (`token.is(",")`, `token.is("according")`): the literal's
    /// key is computed at compile time, so most tokens are turned away by one integer comparison; the
    /// texts are compared only when the keys agree.
    @inline(__always) public func `is`(_ literal: StaticString) -> Bool {
        guard key.rawValue == WordKey.hashing(literal) else { return false }
        // Up to four bytes, the kept ending is the whole text: equal bytes are equal texts.
        if literal.utf8CodeUnitCount <= 4 && Int(textLength) == literal.utf8CodeUnitCount
            && textTail == WordKey.tail(of: literal)
        {
            return true
        }
        return text == literal.description
    }

    /// `text.hasSuffix(suffix)` for an ASCII suffix of up to three scalars, from the bytes kept on
    /// the token. Bytes that differ settle it (a Character equal to an ASCII one is that scalar);
    /// bytes that agree settle it when an ASCII scalar, or nothing, precedes the suffix, since only a
    /// non-ASCII scalar (a prepended concatenation mark) could join the suffix's first character.
    @inline(__always) func textHasSuffix(_ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        assert(count <= 3, "textHasSuffix takes suffixes of up to three bytes")
        var expected: UInt32 = 0
        for k in 0..<count { expected = expected << 8 | UInt32(suffix.utf8Start[k]) }
        let mask: UInt32 = (1 << (8 * UInt32(count))) - 1
        guard Int(textLength) >= count, textTail & mask == expected else { return false }
        if Int(textLength) == count || (textTail >> (8 * UInt32(count))) & 0xFF < 0x80 { return true }
        return text.hasSuffix(suffix.description)
    }

    /// Whether the text has more than `count` characters (`text.count > count`), from the UTF-8
    /// length when that settles it: never fewer bytes than characters, as many when all are ASCII.
    @inline(__always) func textIsLonger(than count: Int) -> Bool {
        if Int(textLength) <= count { return false }
        return text.count > count
    }

    /// Whether the text is one Unicode scalar (`text.unicodeScalars.count == 1`): one to four bytes.
    @inline(__always) var isSingleScalar: Bool {
        textLength == 1 || textLength <= 4 && text.unicodeScalars.count == 1
    }
}
