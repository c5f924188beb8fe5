import Foundation
import StanceModel

@testable import StanceText

/// A temporary folder of input files, removed when the test ends.
final class InputFolder {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("stance-documents-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ relativePath: String, _ text: String) throws -> String {
        try write(relativePath, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ relativePath: String, bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        return file.path
    }

    func path(_ relativePath: String) -> String { url.appendingPathComponent(relativePath).path }

    /// Reads the given paths (relative to the folder; the folder itself when none) into documents and
    /// diagnostics, in order.
    func read(_ relativePaths: [String] = [], defaultDate: Day? = nil) -> [DocumentReader.Element] {
        let paths = relativePaths.isEmpty ? [path] : relativePaths.map { $0 == "-" ? "-" : path($0) }
        return Array(DocumentReader(paths: paths, defaultDate: defaultDate))
    }
}

extension Result where Success == SourceDocument, Failure == Diagnostic {
    var document: SourceDocument? {
        if case .success(let document) = self { return document }
        return nil
    }

    var diagnostic: Diagnostic? {
        if case .failure(let diagnostic) = self { return diagnostic }
        return nil
    }
}

extension Array where Element == DocumentReader.Element {
    var documents: [SourceDocument] { compactMap(\.document) }
    var diagnostics: [Diagnostic] { compactMap(\.diagnostic) }
}
