/// Words to small integer ids, for turning every token of a sentence into the matcher's word ids.
///
/// A `[String: Int32]` hashes each token with SipHash through `String.hash(into:)`, which showed in
/// classification profiles at over 300 instructions a token. Here an ASCII word (nearly every token
/// of English news) is hashed eight bytes at a time and found in an open-addressing table of the
/// known words. Words with other characters go to a dictionary, which keeps Swift's
/// string equality (canonical equivalence: "é" written as one scalar or as "e" and a combining
/// accent is one word), so the ids are exactly those a `[String: Int32]` would give.
struct WordTable: Sendable {
    /// Every word ever inserted, with its id (the reference the fast path must agree with).
    private(set) var dictionary: [String: Int32] = [:]
    /// Open addressing, linear probing, at most half full. A slot holds 12 bits of its word's hash
    /// above the word's index in `entries` plus one; 0 is an empty slot. Most tokens are no known
    /// word, and one slot tells: a lookup touches `entries` only when the bits match. Four bytes a
    /// slot keep the table of a few thousand words in cache, which profiles showed matters more
    /// than the instructions.
    private var slots: [UInt32] = Array(repeating: 0, count: 64)
    /// Entries past what a slot can index (a million words) are left to the dictionary.
    private static let maximumEntries = (1 << 20) - 2
    private var overflowed = false
    /// ASCII words longer than 16 bytes, end to end (shorter ones fit in their entry).
    private var longBytes: [UInt8] = []
    private var entries: [Entry] = []

    /// An ASCII word: its first 16 bytes as two little-endian words (zero-padded), its length, where
    /// the rest is in `longBytes`, and its id.
    private struct Entry: Sendable {
        var head: UInt64
        var tail: UInt64
        var count: Int32
        var rest: Int32
        var id: Int32
    }

    init() {}

    var count: Int { dictionary.count }

    /// The id of `word`, or nil when it was never inserted.
    subscript(word: String) -> Int32? {
        let found = overflowed ? Self.notASCII : word.utf8.withContiguousStorageIfAvailable { asciiLookup($0) } ?? Self.notASCII
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
            if lookup(Array(ascii.utf8)) == Self.absent { insertASCII(Array(ascii.utf8), id: id) }
        }
        return id
    }

    // MARK: Lookup

    /// Not found among the ASCII words, and the word is ASCII: it is in no table.
    private static let absent: Int32 = -1
    /// The word has a byte outside ASCII: only the dictionary can say.
    private static let notASCII: Int32 = -2
    private static let asciiMask: UInt64 = 0x8080_8080_8080_8080

    /// Up to 8 bytes from `start` as a little-endian word, zero-padded.
    @inline(__always)
    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt64 {
        let count = min(8, bytes.count - start)
        guard count > 0 else { return 0 }
        if count == 8 { return UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + start).loadUnaligned(as: UInt64.self)) }
        var value: UInt64 = 0
        for k in 0..<count { value |= UInt64(bytes[start + k]) << (8 * UInt64(k)) }
        return value
    }

    /// A hash of the word's bytes, eight at a time (multiply and fold, in the manner of wyhash).
    @inline(__always)
    private static func hash(head: UInt64, tail: UInt64, count: Int, rest: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = (head ^ 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ tail ^ UInt64(count)) &* 0x94D0_49BB_1331_11EB
        var start = 16
        while start < rest.count {
            hash = (hash ^ word(rest, from: start)) &* 0xBF58_476D_1CE4_E5B9
            start += 8
        }
        return hash ^ (hash >> 31)
    }

    @inline(__always)
    private func asciiLookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let head = Self.word(bytes, from: 0)
        let tail = Self.word(bytes, from: 8)
        var high = head | tail
        var start = 16
        while start < bytes.count {
            high |= Self.word(bytes, from: start)
            start += 8
        }
        if high & Self.asciiMask != 0 { return Self.notASCII }
        let hash = Self.hash(head: head, tail: tail, count: bytes.count, rest: bytes)
        let tag = UInt32(truncatingIfNeeded: hash >> 52)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = slots[slot]
            if value == 0 { return Self.absent }
            if value >> 20 == tag {
                let entry = entries[Int(value & 0xF_FFFF) - 1]
                if entry.head == head && entry.tail == tail && Int(entry.count) == bytes.count
                    && (bytes.count <= 16 || restEqual(bytes, from: Int(entry.rest)))
                {
                    return entry.id
                }
            }
            slot = (slot + 1) & mask
        }
    }

    private func restEqual(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        for k in 16..<bytes.count where longBytes[start + k - 16] != bytes[k] { return false }
        return true
    }

    private func lookup(_ bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBufferPointer { asciiLookup($0) }
    }

    // MARK: Insertion

    private mutating func insertASCII(_ bytes: [UInt8], id: Int32) {
        guard entries.count < Self.maximumEntries else {
            overflowed = true
            return
        }
        bytes.withUnsafeBufferPointer { bytes in
            let entry = Entry(
                head: Self.word(bytes, from: 0), tail: Self.word(bytes, from: 8), count: Int32(bytes.count),
                rest: Int32(longBytes.count), id: id)
            if bytes.count > 16 { longBytes.append(contentsOf: bytes[16...]) }
            entries.append(entry)
        }
        if entries.count * 2 > slots.count {
            slots = Array(repeating: 0, count: slots.count * 2)
            for index in entries.indices { place(index) }
        } else {
            place(entries.count - 1)
        }
    }

    private mutating func place(_ index: Int) {
        let entry = entries[index]
        let hash = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, Int(entry.count))) { buffer in
            // The whole word again, for the bytes past 16 that the hash also covers.
            for k in 0..<Int(entry.count) {
                buffer[k] = k < 8 ? UInt8(truncatingIfNeeded: entry.head >> (8 * UInt64(k)))
                    : k < 16 ? UInt8(truncatingIfNeeded: entry.tail >> (8 * UInt64(k - 8)))
                    : longBytes[Int(entry.rest) + k - 16]
            }
            return Self.hash(
                head: entry.head, tail: entry.tail, count: Int(entry.count),
                rest: UnsafeBufferPointer(rebasing: buffer[..<Int(entry.count)]))
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = UInt32(truncatingIfNeeded: hash >> 52) << 20 | UInt32(index + 1)
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
