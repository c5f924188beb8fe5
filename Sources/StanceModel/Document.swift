/// Where a document came from, so every error and every label can name its source.
public struct DocumentOrigin: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The file path as given (or `-` for standard input).
    public var path: String
    /// The 1-based line for a document read from JSON Lines; nil for a whole file.
    public var line: Int?

    public init(path: String, line: Int? = nil) {
        self.path = path
        self.line = line
    }

    public var description: String { line.map { "\(path):\($0)" } ?? path }
}

/// Metadata carried with a document; every field but `id` may be unknown.
public struct DocumentMetadata: Hashable, Sendable, Codable {
    /// The document's id: the JSON Lines `id`, a file's name without extension, or a content hash.
    public var id: String
    public var date: Day?
    public var source: String?
    public var url: String?
    public var title: String?

    public init(id: String, date: Day? = nil, source: String? = nil, url: String? = nil, title: String? = nil) {
        self.id = id
        self.date = date
        self.source = source
        self.url = url
        self.title = title
    }
}

/// A document as read, before any processing. `text` is exactly what offsets index into.
public struct SourceDocument: Sendable {
    public var metadata: DocumentMetadata
    public var text: String
    public var origin: DocumentOrigin
    /// Warnings met while reading (e.g. invalid UTF-8 replaced); reported, never fatal.
    public var warnings: [Diagnostic]

    public init(metadata: DocumentMetadata, text: String, origin: DocumentOrigin, warnings: [Diagnostic] = []) {
        self.metadata = metadata
        self.text = text
        self.origin = origin
        self.warnings = warnings
    }
}
