#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// Low-level reading: whole text files into one String, and JSON Lines line by line, both on plain
/// file descriptors so memory stays at one document (or one line) plus a buffer.
enum InputFiles {
    enum Kind {
        case regularFile(size: Int)
        case directory(device: UInt64, inode: UInt64)
        case other
    }

    /// What is at `path` (following symlinks), or the errno text when it cannot be examined.
    static func kind(of path: String) -> Result<Kind, InputError> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(InputError(errno: errno)) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .success(.regularFile(size: Int(info.st_size)))
        case S_IFDIR: return .success(.directory(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
        default: return .success(.other)
        }
    }

    /// Checks and decodes a whole text file.
    static func readText(path: String) -> Result<DecodedText, InputError> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(InputError(errno: errno)) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
            return readRegularFile(fd, size: Int(info.st_size))
        }
        // A pipe or terminal: no size to trust, so read to the end.
        var bytes: [UInt8] = []
        switch readAll(fd, into: &bytes) {
        case .failure(let error): return .failure(error)
        case .success: return bytes.withUnsafeBufferPointer { decode($0) }
        }
    }

    /// Reads straight into the String's storage, so a large file is held once, not twice.
    private static func readRegularFile(_ fd: Int32, size: Int) -> Result<DecodedText, InputError> {
        if size == 0 { return .failure(.empty) }
        var failure: InputError?
        var firstInvalidByte: Int?
        let text = String(unsafeUninitializedCapacity: size) { buffer -> Int in
            var count = 0
            while count < size {
                let got = read(fd, buffer.baseAddress! + count, size - count)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = InputError(errno: errno)
                    return 0
                }
                if got == 0 { break }
                count += got
            }
            let bytes = UnsafeBufferPointer(rebasing: buffer[..<count])
            if let problem = refuse(bytes) {
                failure = problem
                return 0
            }
            firstInvalidByte = UTF8Check.firstInvalidByte(in: bytes)
            return count
        }
        if let failure { return .failure(failure) }
        return .success(DecodedText(text: text, byteCount: size, firstInvalidByte: firstInvalidByte))
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<DecodedText, InputError> {
        if let problem = refuse(bytes) { return .failure(problem) }
        let invalid = UTF8Check.firstInvalidByte(in: bytes)
        return .success(
            DecodedText(text: String(decoding: bytes, as: UTF8.self), byteCount: bytes.count, firstInvalidByte: invalid))
    }

    /// Empty files and binary files (a NUL byte in the first 8 KB, as git and grep decide) are refused.
    private static func refuse(_ bytes: UnsafeBufferPointer<UInt8>) -> InputError? {
        if bytes.isEmpty { return .empty }
        if bytes[..<min(bytes.count, 8192)].contains(0) { return .binary }
        return nil
    }

    private static func readAll(_ fd: Int32, into bytes: inout [UInt8]) -> Result<Void, InputError> {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(InputError(errno: errno))
            }
            if got == 0 { return .success(()) }
            bytes.append(contentsOf: chunk[..<got])
        }
    }
}

struct DecodedText {
    /// Invalid UTF-8 already replaced by U+FFFD.
    var text: String
    var byteCount: Int
    var firstInvalidByte: Int?
}

enum InputError: Error, Equatable {
    case empty
    case binary
    case system(String)

    init(errno code: Int32) { self = .system(String(cString: strerror(code))) }

    var message: String {
        switch self {
        case .empty: "empty file"
        case .binary: "binary file, expected text"
        case .system(let reason): "cannot read: \(reason)"
        }
    }
}

/// Finds the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlongs, no
/// surrogates, nothing above U+10FFFF).
enum UTF8Check {
    static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index < count {
            // ASCII runs, eight bytes at a time.
            while index + 8 <= count,
                raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
            }
            guard index < count else { break }
            let lead = base[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = base[index + 1]
            guard second >= low && second <= high else { return index }
            for offset in 2..<length where base[index + offset] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }
}

/// Reads lines from a file descriptor through one growing buffer: a line of several megabytes
/// costs that much memory once, a file of gigabytes costs only the buffer.
final class LineReader {
    struct Line {
        /// Without the line terminator (LF or CRLF).
        var bytes: ArraySlice<UInt8>
        /// 1-based.
        var number: Int
        /// Offset of the line's first byte in the file.
        var offset: Int
    }

    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEnd = false
    private var lineNumber = 0
    private var consumed = 0
    private(set) var error: InputError?

    init(descriptor: Int32, ownsDescriptor: Bool, chunkSize: Int = 1 << 20) {
        fd = descriptor
        self.ownsDescriptor = ownsDescriptor
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    static func reading(path: String) -> Result<LineReader, InputError> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(InputError(errno: errno)) }
        return .success(LineReader(descriptor: fd, ownsDescriptor: true))
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// The first byte that is not whitespace, without consuming anything (to tell JSON Lines from text).
    func peekFirstSignificantByte() -> UInt8? {
        while true {
            for index in start..<end where !Self.isWhitespace(buffer[index]) { return buffer[index] }
            if atEnd || end - start >= 4096 { return nil }
            fill()
        }
    }

    func next() -> Line? {
        while true {
            let found = buffer.withUnsafeBufferPointer { pointer -> Int? in
                guard end > start else { return nil }
                let from = UnsafeRawPointer(pointer.baseAddress! + start)
                guard let hit = memchr(from, 0x0A, end - start) else { return nil }
                return start + (UnsafeRawPointer(hit) - from)
            }
            if let newline = found {
                return takeLine(upTo: newline, skipping: 1)
            }
            if atEnd {
                guard end > start else { return nil }
                return takeLine(upTo: end, skipping: 0)
            }
            fill()
        }
    }

    /// Everything not yet read, buffered bytes included (standard input that turned out to be text).
    func readRemaining() -> [UInt8] {
        while !atEnd { fill() }
        return Array(buffer[start..<end])
    }

    private func takeLine(upTo lineEnd: Int, skipping terminator: Int) -> Line {
        var contentEnd = lineEnd
        if contentEnd > start, buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        lineNumber += 1
        let line = Line(bytes: buffer[start..<contentEnd], number: lineNumber, offset: consumed)
        consumed += lineEnd + terminator - start
        start = lineEnd + terminator
        return line
    }

    /// Moves unread bytes to the front, grows the buffer when one line fills it, and reads more.
    private func fill() {
        if start > 0 {
            buffer.withUnsafeMutableBufferPointer { pointer in
                let base = pointer.baseAddress!
                memmove(base, base + start, end - start)
            }
            end -= start
            start = 0
        }
        if end == buffer.count {
            buffer.append(contentsOf: repeatElement(0, count: buffer.count))
        }
        while true {
            let got = buffer.withUnsafeMutableBufferPointer { pointer in
                read(fd, pointer.baseAddress! + end, pointer.count - end)
            }
            if got < 0 {
                if errno == EINTR { continue }
                error = InputError(errno: errno)
                atEnd = true
                return
            }
            if got == 0 { atEnd = true }
            end += got
            return
        }
    }

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}
