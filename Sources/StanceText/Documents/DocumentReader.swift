import Foundation
import StanceModel

/// Reads documents from files, folders and standard input, one at a time.
///
/// - Plain text (`.txt`, and any extension not listed here) and Markdown (`.md`, `.markdown`): one
///   document per file, its id the file name without extension.
/// - JSON Lines (`.jsonl`, `.ndjson`): one document per line, read line by line so a huge file
///   costs one line of memory. `text` is required; `id`, `date`, `source`, `url`, `title` are used.
/// - Folders are walked recursively in path order; hidden files and folders are skipped, and so is
///   `manifest.csv`, which gives metadata to the files beside (or below) it.
/// - `-` is standard input: JSON Lines when it starts with `{`, otherwise one text document.
///
/// Dates, first found wins: the JSON Lines `date`, a leading `date YYYY-MM-DD` line, YAML front
/// matter, the manifest, `defaultDate`. The text is kept whole, metadata lines included, because
/// span offsets index the text as read.
///
/// Every element is a document or a diagnostic: a bad file or line never stops the batch.
public struct DocumentReader: Sequence, Sendable {
    public typealias Element = Result<SourceDocument, Diagnostic>

    public var paths: [String]
    /// The `--date` option: the date of documents that give none themselves.
    public var defaultDate: Day?
    /// The descriptor `-` reads (standard input unless a test says otherwise).
    public var standardInput: Int32

    public static let standardInputName = "<stdin>"

    public init(paths: [String], defaultDate: Day? = nil, standardInput: Int32 = 0) {
        self.paths = paths
        self.defaultDate = defaultDate
        self.standardInput = standardInput
    }

    public func makeIterator() -> Iterator { Iterator(state: ReaderState(reader: self)) }

    public struct Iterator: IteratorProtocol {
        let state: ReaderState

        public mutating func next() -> Element? { state.next() }
    }

    /// The bytes the inputs hold, for a progress bar's ETA; nil when standard input is among them.
    public func totalBytes() -> Int? {
        var total = 0
        var visited = Set<DirectoryID>()
        func add(_ path: String) {
            switch InputFiles.kind(of: path) {
            case .success(.regularFile(let size)):
                if Paths.fileName(of: path).lowercased() != DocumentManifest.fileName { total += size }
            case .success(.directory(let device, let inode)):
                guard visited.insert(DirectoryID(device: device, inode: inode)).inserted else { return }
                for entry in ReaderState.listing(path).entries { add(entry.path) }
            default: break
            }
        }
        for path in paths {
            if path == "-" { return nil }
            add(path)
        }
        return total
    }
}

struct DirectoryID: Hashable {
    var device: UInt64
    var inode: UInt64
}

/// The reader's progress through its inputs: a stack of folder listings, the JSON Lines file being
/// read, and elements waiting to be handed out.
final class ReaderState {
    struct DirectoryEntry {
        var path: String
        var isDirectory: Bool
    }

    struct Frame {
        var entries: [DirectoryEntry]
        var next = 0
        /// The folder the user named, up to which manifests are looked for.
        var root: String
    }

    let reader: DocumentReader
    private var inputs: [String]
    private var nextInput = 0
    private var frames: [Frame] = []
    private var lines: JSONLinesSource?
    private var pending: [DocumentReader.Element] = []
    private var manifests: [String: DocumentManifest?] = [:]
    private var visited = Set<DirectoryID>()

    init(reader: DocumentReader) {
        self.reader = reader
        inputs = reader.paths
    }

    func next() -> DocumentReader.Element? {
        while true {
            if !pending.isEmpty { return pending.removeFirst() }
            if let source = lines {
                if let element = source.next() { return element }
                lines = nil
                continue
            }
            if !frames.isEmpty {
                let index = frames.count - 1
                guard frames[index].next < frames[index].entries.count else {
                    frames.removeLast()
                    continue
                }
                let entry = frames[index].entries[frames[index].next]
                let root = frames[index].root
                frames[index].next += 1
                if entry.isDirectory {
                    enter(entry.path, root: root)
                } else {
                    readFile(entry.path, root: root)
                }
                continue
            }
            guard nextInput < inputs.count else { return nil }
            let path = inputs[nextInput]
            nextInput += 1
            openInput(path)
        }
    }

    // MARK: Inputs

    private func openInput(_ path: String) {
        if path == "-" {
            readStandardInput()
            return
        }
        switch InputFiles.kind(of: path) {
        case .failure(let error):
            pending.append(.failure(.error(error.message.replacingOccurrences(of: "cannot read: ", with: ""), file: path)))
        case .success(.directory):
            enter(path, root: path)
        case .success(.regularFile):
            readFile(path, root: nil)
        case .success(.other):
            pending.append(.failure(.error("not a file or folder", file: path)))
        }
    }

    private func enter(_ path: String, root: String) {
        if case .success(.directory(let device, let inode)) = InputFiles.kind(of: path) {
            // A symbolic link back up the tree would otherwise be walked forever.
            guard visited.insert(DirectoryID(device: device, inode: inode)).inserted else { return }
        }
        let listing = Self.listing(path)
        if let problem = listing.problem {
            pending.append(.failure(.error("cannot read the folder: \(problem)", file: path)))
        }
        frames.append(Frame(entries: listing.entries, root: root))
    }

    /// A folder's visible entries in path order: sorting names with a `/` after folder names orders
    /// them exactly as their full paths sort (byte order), whatever the depth.
    static func listing(_ directory: String) -> (entries: [DirectoryEntry], problem: String?) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? "\(error.localizedDescription)"
            return ([], reason)
        }
        var keyed: [(key: [UInt8], entry: DirectoryEntry)] = []
        for name in names where !name.hasPrefix(".") {
            let path = Paths.join(directory, name)
            switch InputFiles.kind(of: path) {
            case .success(.directory):
                keyed.append((Array((name + "/").utf8), DirectoryEntry(path: path, isDirectory: true)))
            case .success(.regularFile):
                keyed.append((Array(name.utf8), DirectoryEntry(path: path, isDirectory: false)))
            default:
                continue
            }
        }
        keyed.sort { $0.key.lexicographicallyPrecedes($1.key) }
        return (keyed.map(\.entry), nil)
    }

    private func readFile(_ path: String, root: String?) {
        if Paths.fileName(of: path).lowercased() == DocumentManifest.fileName { return }
        switch Paths.pathExtension(of: path) {
        case "jsonl", "ndjson":
            switch LineReader.reading(path: path) {
            case .success(let lineReader):
                lines = JSONLinesSource(
                    lines: lineReader, displayPath: path, originPath: path, defaultDate: reader.defaultDate)
            case .failure(let error):
                pending.append(.failure(.error(error.message, file: path)))
            }
        default:
            switch InputFiles.readText(path: path) {
            case .failure(let error):
                pending.append(.failure(.error(error.message, file: path)))
            case .success(let decoded):
                let manifest = manifestEntry(for: path, root: root)
                pending.append(
                    TextDocuments.make(
                        decoded, displayPath: path, originPath: path, fallbackID: Paths.documentID(of: path, root: root),
                        manifest: manifest, defaultDate: reader.defaultDate))
            }
        }
    }

    private func readStandardInput() {
        let lineReader = LineReader(descriptor: reader.standardInput, ownsDescriptor: false)
        let name = DocumentReader.standardInputName
        if lineReader.peekFirstSignificantByte() == UInt8(ascii: "{") {
            lines = JSONLinesSource(lines: lineReader, displayPath: name, originPath: "-", defaultDate: reader.defaultDate)
            return
        }
        let bytes = lineReader.readRemaining()
        if let error = lineReader.error {
            pending.append(.failure(.error(error.message, file: name)))
            return
        }
        let decoded = bytes.withUnsafeBufferPointer { InputFiles.decode($0) }
        switch decoded {
        case .failure(let error):
            pending.append(.failure(.error(error == .empty ? "empty input" : error.message, file: name)))
        case .success(let decoded):
            pending.append(
                TextDocuments.make(
                    decoded, displayPath: name, originPath: "-", fallbackID: nil, manifest: nil,
                    defaultDate: reader.defaultDate))
        }
    }

    // MARK: Manifests

    /// The manifest row for a file: from its own folder's manifest, else from those of the folders
    /// above it up to the folder the user named.
    private func manifestEntry(for path: String, root: String?) -> (manifest: String, entry: DocumentManifest.Entry)? {
        var directory = Paths.directory(of: path)
        let stop = root.map(Paths.normalize)
        while true {
            if let manifest = manifest(in: directory), let entry = manifest.entry(forDocumentAt: path) {
                return (manifest.path, entry)
            }
            let normalized = Paths.normalize(directory)
            guard let stop, normalized != stop, normalized != ".", normalized != "/" else { return nil }
            directory = Paths.directory(of: directory)
        }
    }

    private func manifest(in directory: String) -> DocumentManifest? {
        let key = Paths.normalize(directory)
        if let cached = manifests[key] { return cached }
        let path = Paths.join(directory, DocumentManifest.fileName)
        guard case .success(.regularFile) = InputFiles.kind(of: path) else {
            manifests[key] = .some(nil)
            return nil
        }
        switch InputFiles.readText(path: path) {
        case .failure(let error):
            pending.append(.failure(.error("manifest: \(error.message)", file: path)))
            manifests[key] = .some(nil)
            return nil
        case .success(let decoded):
            let (manifest, diagnostics) = DocumentManifest.parse(decoded.text, path: path, directory: directory)
            pending.append(contentsOf: diagnostics.filter { $0.severity == .error }.map { .failure($0) })
            manifests[key] = manifest
            return manifest
        }
    }
}

/// Turns a decoded text file into a document: embedded metadata, manifest row, default date.
enum TextDocuments {
    static func make(
        _ decoded: DecodedText, displayPath: String, originPath: String, fallbackID: String?,
        manifest: (manifest: String, entry: DocumentManifest.Entry)?, defaultDate: Day?
    ) -> DocumentReader.Element {
        let text = decoded.text
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            return .failure(.error("empty file (only whitespace)", file: displayPath))
        }
        var warnings: [Diagnostic] = []
        if let bad = decoded.firstInvalidByte {
            warnings.append(invalidUTF8Warning(byte: bad, text: text, file: displayPath))
        }
        let embedded = EmbeddedMetadata(reading: text)
        if let problem = embedded.errors.first {
            return .failure(.error(problem.message, file: displayPath, line: problem.line))
        }
        warnings += embedded.warnings.map { .warning($0.message, file: displayPath, line: $0.line) }
        if let manifest, let problem = manifest.entry.dateProblem {
            return .failure(
                .error("\(problem) (for \(displayPath))", file: manifest.manifest, line: manifest.entry.line))
        }
        let front = embedded.frontMatter
        let entry = manifest?.entry
        var metadata = DocumentMetadata(
            id: front["id"] ?? fallbackID ?? "",
            date: embedded.date ?? entry?.date ?? defaultDate,
            source: front["source"] ?? entry?.source,
            url: front["url"] ?? entry?.url,
            title: front["title"] ?? entry?.title)
        var document = SourceDocument(
            metadata: metadata, text: text, origin: DocumentOrigin(path: originPath), warnings: warnings)
        if metadata.id.isEmpty {
            metadata.id = String(ContentHash.of(document).prefix(16))
            document.metadata = metadata
        }
        return .success(document)
    }

    /// Names the first bad byte and its line; the text before it is unchanged by the repair, so its
    /// newlines can still be counted.
    static func invalidUTF8Warning(byte: Int, text: String, file: String) -> Diagnostic {
        invalidUTF8Warning(byte: byte, file: file, line: 1 + text.utf8.prefix(byte).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
    }

    static func invalidUTF8Warning(byte: Int, file: String, line: Int) -> Diagnostic {
        .warning("invalid UTF-8 at byte \(byte), replaced with U+FFFD", file: file, line: line)
    }
}

/// The documents of one JSON Lines file (or of standard input).
final class JSONLinesSource {
    private let lines: LineReader
    private let displayPath: String
    private let originPath: String
    private let defaultDate: Day?
    private var reportedReadError = false

    init(lines: LineReader, displayPath: String, originPath: String, defaultDate: Day?) {
        self.lines = lines
        self.displayPath = displayPath
        self.originPath = originPath
        self.defaultDate = defaultDate
    }

    func next() -> DocumentReader.Element? {
        while let line = lines.next() {
            if line.bytes.allSatisfy(LineReader.isWhitespace) { continue }
            return line.bytes.withUnsafeBufferPointer { document(from: $0, line: line) }
        }
        if let error = lines.error, !reportedReadError {
            reportedReadError = true
            return .failure(.error(error.message, file: displayPath))
        }
        return nil
    }

    private func document(from bytes: UnsafeBufferPointer<UInt8>, line: LineReader.Line) -> DocumentReader.Element {
        func failure(_ message: String, column: Int? = nil) -> DocumentReader.Element {
            .failure(.error(message, file: displayPath, line: line.number, column: column))
        }
        let record: JSONLine
        do {
            record = try JSONLine(parsing: bytes)
        } catch {
            return failure(error.message, column: error.offset + 1)
        }
        let fields = record.fields
        guard case .string(let text)? = fields["text"] else {
            if let found = fields["text"] { return failure("field \"text\" must be a string, found \(found.shown)") }
            return failure("expected a JSON object with a string field \"text\"")
        }
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) { return failure("field \"text\" is empty") }

        var id: String?
        switch fields["id"] {
        case nil, .null?: id = nil
        case .string(let value)?:
            guard !value.trimmingSpaces().isEmpty else { return failure("field \"id\" is empty") }
            id = value
        case .number(let value)?: id = value
        case let other?: return failure("field \"id\" must be a string or a number, found \(other.shown)")
        }

        var date: Day?
        switch fields["date"] {
        case nil, .null?: date = nil
        case .string(let value)? where !value.isEmpty:
            guard case .valid(let day) = EmbeddedMetadata.leadingDate(value) else {
                return failure("field \"date\" must be a date YYYY-MM-DD, found \"\(value)\"")
            }
            date = day
        case let other?: return failure("field \"date\" must be a date YYYY-MM-DD, found \(other.shown)")
        }

        var strings: [String: String] = [:]
        for name in ["source", "url", "title"] {
            switch fields[name] {
            case nil, .null?: continue
            case .string(let value)?: if !value.isEmpty { strings[name] = value }
            case let other?: return failure("field \"\(name)\" must be a string, found \(other.shown)")
            }
        }

        var warnings: [Diagnostic] = []
        if let bad = UTF8Check.firstInvalidByte(in: bytes) {
            warnings.append(
                TextDocuments.invalidUTF8Warning(byte: line.offset + bad, file: displayPath, line: line.number))
        }
        if date == nil {
            // A line without a date may carry one in its text, as a file would.
            let embedded = EmbeddedMetadata(reading: text)
            if let problem = embedded.errors.first {
                return failure("in field \"text\", line \(problem.line): \(problem.message)")
            }
            date = embedded.date
            for (name, value) in embedded.frontMatter where name != "date" && name != "id" && strings[name] == nil {
                strings[name] = value
            }
        }
        var document = SourceDocument(
            metadata: DocumentMetadata(
                id: id ?? "", date: date ?? defaultDate, source: strings["source"], url: strings["url"],
                title: strings["title"]),
            text: text, origin: DocumentOrigin(path: originPath, line: line.number), warnings: warnings)
        if id == nil { document.metadata.id = String(ContentHash.of(document).prefix(16)) }
        return .success(document)
    }
}
