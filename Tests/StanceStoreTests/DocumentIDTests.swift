import Foundation
import StanceModel
import StanceText
import Testing

@Suite struct DocumentIDTests {
    @Test func sameNamedFilesInSubfoldersStayDifferentDocuments() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stance-ids-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["2017", "2018"] {
            let directory = root.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try "Japan supports new sanctions.".write(to: directory.appendingPathComponent("briefing.txt"), atomically: true, encoding: .utf8)
        }
        try "Seoul proposed talks.".write(to: root.appendingPathComponent("top.txt"), atomically: true, encoding: .utf8)
        let ids = DocumentReader(paths: [root.path]).compactMap { try? $0.get().metadata.id }
        #expect(ids == ["2017/briefing", "2018/briefing", "top"])
        let single = DocumentReader(paths: [root.appendingPathComponent("2017/briefing.txt").path]).compactMap { try? $0.get().metadata.id }
        #expect(single == ["briefing"])
    }
}
