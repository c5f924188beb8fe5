import StanceModel

/// A `manifest.csv` beside documents: a header row naming `path` and any of `date`, `source`, `url`,
/// `title`, then one row per document, paths relative to the manifest's folder. RFC 4180 quoting
/// (fields in double quotes, `""` for a quote, line breaks inside quotes) is understood.
struct DocumentManifest {
    static let fileName = "manifest.csv"

    struct Entry {
        var date: Day?
        /// Set when the row's date is impossible or unreadable; a document using the row is refused.
        var dateProblem: String?
        var source: String?
        var url: String?
        var title: String?
        /// The row's line in the manifest, for diagnostics.
        var line: Int
    }

    let path: String
    /// Keyed by the normalised path of the document the row names.
    private(set) var entries: [String: Entry] = [:]

    func entry(forDocumentAt documentPath: String) -> Entry? { entries[Paths.normalize(documentPath)] }

    /// Parses a manifest; problems with the file as a whole or with rows that name no document come
    /// back as diagnostics (the usable rows are still used).
    static func parse(_ text: String, path: String, directory: String) -> (DocumentManifest, [Diagnostic]) {
        var manifest = DocumentManifest(path: path)
        var diagnostics: [Diagnostic] = []
        let (records, syntaxProblem) = CSV.records(text)
        if let syntaxProblem {
            diagnostics.append(.error(syntaxProblem.message, file: path, line: syntaxProblem.line))
        }
        guard let header = records.first else {
            diagnostics.append(.error("empty manifest: expected a header row path,date,source,url,title", file: path, line: 1))
            return (manifest, diagnostics)
        }
        let names = header.fields.map { $0.trimmingSpaces().lowercased() }
        guard let pathColumn = names.firstIndex(of: "path") else {
            diagnostics.append(
                .error(
                    "expected a header row with a \"path\" column (path,date,source,url,title), found \(names.joined(separator: ","))",
                    file: path, line: header.line))
            return (manifest, diagnostics)
        }
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        let dateColumn = column("date")
        let sourceColumn = column("source")
        let urlColumn = column("url")
        let titleColumn = column("title")

        for record in records.dropFirst() {
            if record.fields.allSatisfy({ $0.trimmingSpaces().isEmpty }) { continue }
            func value(_ index: Int?) -> String? {
                guard let index, index < record.fields.count else { return nil }
                let text = record.fields[index].trimmingSpaces()
                return text.isEmpty ? nil : text
            }
            guard let relative = value(pathColumn) else {
                diagnostics.append(.error("manifest row without a path", file: path, line: record.line))
                continue
            }
            var entry = Entry(
                source: value(sourceColumn), url: value(urlColumn), title: value(titleColumn), line: record.line)
            if let dateText = value(dateColumn) {
                switch EmbeddedMetadata.leadingDate(dateText) {
                case .valid(let day): entry.date = day
                case .invalid: entry.dateProblem = "\"date\" must be a date YYYY-MM-DD, found \"\(dateText)\""
                }
            }
            let key = Paths.normalize(relative.hasPrefix("/") ? relative : Paths.join(directory, relative))
            if manifest.entries[key] != nil {
                diagnostics.append(.warning("\(relative) is listed twice; the first row is used", file: path, line: record.line))
                continue
            }
            manifest.entries[key] = entry
        }
        return (manifest, diagnostics)
    }
}

enum CSV {
    struct Record {
        var fields: [String]
        /// The line the record starts on (1-based).
        var line: Int
    }

    struct Problem {
        var message: String
        var line: Int
    }

    static func records(_ text: String) -> ([Record], Problem?) {
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteLine = 1
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var iterator = scalars.makeIterator()
        var lookahead: Unicode.Scalar? = iterator.next()

        func endRecord() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            records.append(Record(fields: fields, line: recordLine))
            fields = []
        }

        while let scalar = lookahead {
            lookahead = iterator.next()
            if inQuotes {
                if scalar == "\"" {
                    if lookahead == "\"" {
                        field.append("\"")
                        lookahead = iterator.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where String(field).trimmingSpaces().isEmpty:
                field = String.UnicodeScalarView()
                inQuotes = true
                quoteLine = line
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
            case "\r" where lookahead == "\n":
                continue
            case "\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(scalar)
            }
        }
        if inQuotes {
            return (records, Problem(message: "a quoted field is never closed", line: quoteLine))
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return (records, nil)
    }
}

/// Path spelling, so a manifest's `./a.txt` and a walk's `seeds/a.txt` meet.
enum Paths {
    static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty || directory == "." { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Drops empty and `.` components and resolves `..` where it can, without touching the disk.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var components: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == "..", let last = components.last, last != ".." {
                components.removeLast()
                continue
            }
            if component == "..", absolute { continue }
            components.append(component)
        }
        let joined = components.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The name without its last extension ("000_c2941bbf795685c8.txt" → "000_c2941bbf795685c8").
    static func stem(of path: String) -> String {
        let name = fileName(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// A file's document id: its name without extension, prefixed by its sub-folders below the folder
    /// named on the command line ("2017/04/kyodo-briefing"), so same-named files in different
    /// sub-folders stay different documents.
    static func documentID(of path: String, root: String?) -> String {
        let stem = stem(of: path)
        guard let root else { return stem }
        let normalizedRoot = normalize(root)
        let normalizedPath = normalize(path)
        let prefix = normalizedRoot == "." ? "" : (normalizedRoot.hasSuffix("/") ? normalizedRoot : normalizedRoot + "/")
        guard normalizedPath.hasPrefix(prefix) else { return stem }
        let folder = directory(of: String(normalizedPath.dropFirst(prefix.count)))
        return folder == "." ? stem : folder + "/" + stem
    }

    static func pathExtension(of path: String) -> String {
        let name = fileName(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
