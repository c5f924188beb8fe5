import StanceModel

/// The content hash that makes ingest idempotent: same text and same output-affecting metadata, same
/// hash. The id is left out on purpose, so the same article under another id is stored once.
///
/// MurmurHash3 x64 128 (seed 0): fast and well distributed; it need not resist forgery, only
/// accidental collisions. Written as h1 then h2, each as 16 lowercase hex digits.
public enum ContentHash {
    public static func of(_ document: SourceDocument) -> String {
        var hasher = MurmurHash3x64128()
        var text = document.text
        field(0x54 /* T */, text: &text, into: &hasher)
        let metadata = document.metadata
        var date = metadata.date?.iso
        field(0x44 /* D */, text: &date, into: &hasher)
        var source = metadata.source
        field(0x53 /* S */, text: &source, into: &hasher)
        var url = metadata.url
        field(0x55 /* U */, text: &url, into: &hasher)
        var title = metadata.title
        field(0x4E /* N */, text: &title, into: &hasher)
        return hasher.finalize().hex
    }

    /// The hash of some bytes, for callers that need a short stable id.
    public static func of(bytes: some Collection<UInt8>) -> String {
        var hasher = MurmurHash3x64128()
        let copied: Void? = bytes.withContiguousStorageIfAvailable { hasher.update($0) }
        if copied == nil { Array(bytes).withUnsafeBufferPointer { hasher.update($0) } }
        return hasher.finalize().hex
    }

    /// Tag, presence and length before each field, so no two different documents feed the same bytes
    /// ("ab" + "c" never hashes like "a" + "bc"; an absent title differs from an empty one).
    private static func field(_ tag: UInt8, text: inout String?, into hasher: inout MurmurHash3x64128) {
        guard var value = text else {
            withUnsafeBytes(of: (tag, UInt8(0))) { hasher.update($0.bindMemory(to: UInt8.self)) }
            return
        }
        field(tag, text: &value, into: &hasher)
    }

    private static func field(_ tag: UInt8, text: inout String, into hasher: inout MurmurHash3x64128) {
        let length = UInt64(text.utf8.count).littleEndian
        withUnsafeBytes(of: (tag, UInt8(1))) { hasher.update($0.bindMemory(to: UInt8.self)) }
        withUnsafeBytes(of: length) { hasher.update($0.bindMemory(to: UInt8.self)) }
        text.withUTF8 { hasher.update($0) }
    }
}

/// MurmurHash3_x64_128 over bytes fed in pieces; equal to the one-shot reference over their
/// concatenation.
struct MurmurHash3x64128 {
    struct Digest: Hashable {
        let h1: UInt64
        let h2: UInt64

        var hex: String {
            func digits(_ value: UInt64) -> String {
                let text = String(value, radix: 16)
                return String(repeating: "0", count: 16 - text.count) + text
            }
            return digits(h1) + digits(h2)
        }
    }

    private static let c1: UInt64 = 0x87c3_7b91_1142_53d5
    private static let c2: UInt64 = 0x4cf5_ad43_2745_937f

    private var h1: UInt64
    private var h2: UInt64
    private var length: UInt64 = 0
    /// Bytes waiting for a full 16-byte block.
    private var pending: (UInt64, UInt64) = (0, 0)
    private var pendingCount = 0

    init(seed: UInt32 = 0) {
        h1 = UInt64(seed)
        h2 = UInt64(seed)
    }

    mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        length &+= UInt64(bytes.count)
        var index = 0
        let count = bytes.count
        if pendingCount > 0 {
            while pendingCount < 16 && index < count {
                appendPending(base[index])
                index += 1
            }
            if pendingCount < 16 { return }
            mix(pending.0, pending.1)
            pending = (0, 0)
            pendingCount = 0
        }
        let raw = UnsafeRawPointer(base)
        while count - index >= 16 {
            let k1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let k2 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self))
            mix(k1, k2)
            index += 16
        }
        while index < count {
            appendPending(base[index])
            index += 1
        }
    }

    private mutating func appendPending(_ byte: UInt8) {
        if pendingCount < 8 {
            pending.0 |= UInt64(byte) << (8 * UInt64(pendingCount))
        } else {
            pending.1 |= UInt64(byte) << (8 * UInt64(pendingCount - 8))
        }
        pendingCount += 1
    }

    @inline(__always) private mutating func mix(_ block1: UInt64, _ block2: UInt64) {
        var k1 = block1
        var k2 = block2
        k1 &*= Self.c1
        k1 = k1.rotatedLeft(31)
        k1 &*= Self.c2
        h1 ^= k1
        h1 = h1.rotatedLeft(27)
        h1 &+= h2
        h1 = h1 &* 5 &+ 0x52dc_e729
        k2 &*= Self.c2
        k2 = k2.rotatedLeft(33)
        k2 &*= Self.c1
        h2 ^= k2
        h2 = h2.rotatedLeft(31)
        h2 &+= h1
        h2 = h2 &* 5 &+ 0x3849_5ab5
    }

    func finalize() -> Digest {
        var h1 = self.h1
        var h2 = self.h2
        var (k1, k2) = pending
        if pendingCount > 8 {
            k2 &*= Self.c2
            k2 = k2.rotatedLeft(33)
            k2 &*= Self.c1
            h2 ^= k2
        }
        if pendingCount > 0 {
            k1 &*= Self.c1
            k1 = k1.rotatedLeft(31)
            k1 &*= Self.c2
            h1 ^= k1
        }
        h1 ^= length
        h2 ^= length
        h1 &+= h2
        h2 &+= h1
        h1 = Self.fmix(h1)
        h2 = Self.fmix(h2)
        h1 &+= h2
        h2 &+= h1
        return Digest(h1: h1, h2: h2)
    }

    private static func fmix(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k &*= 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k &*= 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }
}

extension UInt64 {
    @inline(__always) fileprivate func rotatedLeft(_ count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
