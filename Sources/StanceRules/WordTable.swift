/// Words to small integer ids, for turning every token of a sentence into the matcher's word ids.
///
/// A `[String: Int32]` hashes each token with SipHash through `String.hash(into:)`, which showed in
/// classification profiles at over 300 instructions a token. Here an ASCII word (nearly every token
/// of English news) is hashed with FNV-1a over its UTF-8 bytes and found in an open-addressing table
/// of the known words' bytes. Words with other characters go to a dictionary, which keeps Swift's
/// string equality (canonical equivalence: "é" written as one scalar or as "e" and a combining
/// accent is one word), so the ids are exactly those a `[String: Int32]` would give.
struct WordTable: Sendable {
    /// Every word ever inserted, with its id (the reference the fast path must agree with).
    private(set) var dictionary: [String: Int32] = [:]
    /// Open addressing, linear probing: an index into `entries`, or -1 for an empty slot.
    private var slots: [Int32] = Array(repeating: -1, count: 64)
    /// ASCII words' bytes end to end.
    private var bytes: [UInt8] = []
    private var entries: [Entry] = []

    private struct Entry: Sendable {
        var hash: UInt64
        var start: Int32
        var count: Int32
        var id: Int32
    }

    init() {}

    var count: Int { dictionary.count }

    /// The id of `word`, or nil when it was never inserted.
    subscript(word: String) -> Int32? {
        let found = word.utf8.withContiguousStorageIfAvailable { asciiLookup($0) } ?? Self.notASCII
        if found >= 0 { return found }
        if found == Self.absent { return nil }
        return dictionary[word]
    }

    /// Adds `word` with `id` unless an equal word is already there; returns the word's id.
    @discardableResult
    mutating func insert(_ word: String, id: Int32) -> Int32 {
        if let existing = dictionary[word] { return existing }
        dictionary[word] = id
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            insertASCII(Array(word.utf8), id: id)
        } else if let ascii = Self.asciiEquivalent(of: word) {
            // "\u{212A}" (the Kelvin sign) is equal to "K" as a Swift string: the dictionary would
            // give its id to a token "K", so the fast path must too.
            if asciiLookupBytes(Array(ascii.utf8)) == Self.absent { insertASCII(Array(ascii.utf8), id: id) }
        }
        return id
    }

    // MARK: Lookup

    /// Not found among the ASCII words, and the word is ASCII: it is in no table.
    private static let absent: Int32 = -1
    /// The word has a byte outside ASCII: only the dictionary can say.
    private static let notASCII: Int32 = -2

    @inline(__always)
    private func asciiLookup(_ word: UnsafeBufferPointer<UInt8>) -> Int32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var high: UInt8 = 0
        for byte in word {
            high |= byte
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        if high >= 0x80 { return Self.notASCII }
        return bytes.withUnsafeBufferPointer { pool in
            slots.withUnsafeBufferPointer { slots in
                entries.withUnsafeBufferPointer { entries in
                    let mask = slots.count - 1
                    var slot = Self.slot(of: hash, mask: mask)
                    while true {
                        let index = Int(slots[slot])
                        if index < 0 { return Self.absent }
                        let entry = entries[index]
                        if entry.hash == hash && Int(entry.count) == word.count
                            && Self.equal(pool, from: Int(entry.start), word)
                        {
                            return entry.id
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func equal(_ pool: UnsafeBufferPointer<UInt8>, from start: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        for k in 0..<word.count where pool[start + k] != word[k] { return false }
        return true
    }

    private func asciiLookupBytes(_ word: [UInt8]) -> Int32 {
        word.withUnsafeBufferPointer { asciiLookup($0) }
    }

    @inline(__always)
    private static func slot(of hash: UInt64, mask: Int) -> Int {
        // FNV-1a leaves the low bits poorly mixed: fold the high half in first.
        Int(truncatingIfNeeded: (hash ^ (hash >> 29)) &* 0x9E37_79B9_7F4A_7C15 >> 32) & mask
    }

    // MARK: Insertion

    private mutating func insertASCII(_ word: [UInt8], id: Int32) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        entries.append(Entry(hash: hash, start: Int32(bytes.count), count: Int32(word.count), id: id))
        bytes.append(contentsOf: word)
        if entries.count * 2 > slots.count {
            slots = Array(repeating: -1, count: slots.count * 2)
            for index in entries.indices { place(index) }
        } else {
            place(entries.count - 1)
        }
    }

    private mutating func place(_ index: Int) {
        let mask = slots.count - 1
        var slot = Self.slot(of: entries[index].hash, mask: mask)
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index)
    }

    /// The ASCII string equal to `word` as a Swift string (canonically equivalent), if there is one:
    /// each scalar replaced by the ASCII character it is equal to.
    static func asciiEquivalent(of word: String) -> String? {
        var result = ""
        for scalar in word.unicodeScalars {
            if scalar.isASCII {
                result.unicodeScalars.append(scalar)
                continue
            }
            let alone = String(scalar)
            guard let ascii = (0..<128).lazy.map({ Unicode.Scalar(UInt8($0)) }).first(where: { String($0) == alone })
            else { return nil }
            result.unicodeScalars.append(ascii)
        }
        return result == word ? result : nil
    }
}
