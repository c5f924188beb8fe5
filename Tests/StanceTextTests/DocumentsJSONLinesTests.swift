import Foundation
import StanceModel
import Testing

@testable import StanceText

@Suite struct DocumentsJSONLinesTests {
    @Test func goodLinesBecomeDocumentsAndBadLinesDiagnosticsWithTheirLineNumbers() throws {
        let folder = try InputFolder()
        let lines = [
            #"{"id": "000_c2941bbf795685c8", "date": "2017-07-18", "source": "Business Standard (wire)", "note": "dated by events", "text": "\"This is not a time for dialogue,\" Maruyama said."}"#,
            #""#,
            #"{"id": 17, "text": "Japan supports new sanctions.", "tags": ["dprk", {"nested": [1, 2.5e3, null, true]}]}"#,
            #"{"id": "x", "text": "Unclosed"#,
            #"["not", "an object"]"#,
            #"{"id": "no-text", "title": "Talks"}"#,
            #"{"text": 42}"#,
            #"{"text": "Talks resume.", "date": "2017-02-30"}"#,
            #"{"text": "Talks resume.", "date": 20170718}"#,
            #"{"text": "Talks resume.", "id": ["a"]}"#,
            #"{"text": "Talks resume.", "title": 12}"#,
            #"{"text": "Talks resume."} trailing"#,
            #"{"text": "   "}"#,
            "   \t",
            #"{"id": "last", "text": "Kishida urged restraint.", "url": "https://example.org/kishida", "title": null}"#,
        ]
        let path = try folder.write("articles.jsonl", lines.joined(separator: "\n"))
        let results = folder.read()
        #expect(results.documents.map(\.metadata.id) == ["000_c2941bbf795685c8", "17", "last"])
        #expect(results.documents.map(\.origin.line) == [1, 3, 15])
        let first = results.documents[0]
        #expect(first.metadata.date == Day(iso: "2017-07-18"))
        #expect(first.metadata.source == "Business Standard (wire)")
        #expect(first.text == "\"This is not a time for dialogue,\" Maruyama said.")
        #expect(results.documents[2].metadata.url == "https://example.org/kishida")
        #expect(results.documents[2].metadata.title == nil)

        let diagnostics = results.diagnostics
        #expect(diagnostics.allSatisfy { $0.file == path && $0.severity == .error })
        #expect(diagnostics.map(\.line) == [4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
        #expect(diagnostics.map(\.message) == [
            "the string is not closed",
            "expected a JSON object with a string field \"text\"",
            "expected a JSON object with a string field \"text\"",
            "field \"text\" must be a string, found 42",
            "field \"date\" must be a date YYYY-MM-DD, found \"2017-02-30\"",
            "field \"date\" must be a date YYYY-MM-DD, found 20170718",
            "field \"id\" must be a string or a number, found an array",
            "field \"title\" must be a string, found 12",
            "unexpected characters after the JSON object",
            "field \"text\" is empty",
        ])
        #expect(diagnostics[0].column == 21)
        #expect(diagnostics[0].description.hasPrefix("\(path):4:21: error: "))
    }

    @Test func escapesAndSurrogatePairsAreDecoded() throws {
        let folder = try InputFolder()
        try folder.write(
            "a.ndjson",
            #"{"id":"e","text":"\"No\" \u2014 Rodr\u00edguez\\n\/ \ud83c\uddf0\ud83c\uddf5 \ud800 end\ttab\r\n"}"# + "\r\n")
        let document = try #require(folder.read().first?.document)
        #expect(document.text == "\"No\" — Rodríguez\\n/ 🇰🇵 \u{FFFD} end\ttab\r\n")
    }

    @Test func timestampsGiveTheirDateAndLinesWithoutIdGetAHashId() throws {
        let folder = try InputFolder()
        try folder.write(
            "a.jsonl",
            """
            {"text": "Japan supports new sanctions.", "date": "2017-07-18T09:30:00+09:00"}
            {"text": "Japan supports new sanctions.", "date": "2017-07-18 09:30"}
            {"text": " date 2017-04-24 Officials agreed to pile greater pressure on North Korea."}
            """)
        let documents = folder.read().documents
        #expect(documents.map(\.metadata.date) == [Day(iso: "2017-07-18"), Day(iso: "2017-07-18"), Day(iso: "2017-04-24")])
        #expect(documents.allSatisfy { $0.metadata.id.count == 16 && $0.metadata.id.allSatisfy(\.isHexDigit) })
        // Same text and metadata: same id.
        #expect(documents[0].metadata.id == documents[1].metadata.id)
        #expect(documents[2].metadata.id != documents[0].metadata.id)
    }

    @Test func invalidUTF8InALineIsAWarningWithTheFileByteOffset() throws {
        let folder = try InputFolder()
        let firstLine = Array(#"{"id": "a", "text": "fine"}"#.utf8) + [0x0A]
        let beforeBadByte = Array(#"{"id": "b", "text": "caf"#.utf8)
        let secondLine = beforeBadByte + [0xE9] + Array(#"!"}"#.utf8) + [0x0A]
        let path = try folder.write("latin1.jsonl", bytes: firstLine + secondLine)
        let documents = folder.read().documents
        #expect(documents.map(\.metadata.id) == ["a", "b"])
        #expect(documents[1].text == "caf\u{FFFD}!")
        let warning = try #require(documents[1].warnings.first)
        #expect(warning.file == path)
        #expect(warning.line == 2)
        #expect(warning.message == "invalid UTF-8 at byte \(firstLine.count + beforeBadByte.count), replaced with U+FFFD")
    }

    @Test func linesLongerThanTheReadBufferAreWhole() throws {
        let folder = try InputFolder()
        let long = String(repeating: "Officials said talks would resume. ", count: 100_000)  // 3.5 MB
        try folder.write("long.jsonl", "{\"id\":\"long\",\"text\":\"\(long)\"}\n{\"id\":\"next\",\"text\":\"short\"}")
        let documents = folder.read().documents
        #expect(documents.map(\.metadata.id) == ["long", "next"])
        #expect(documents.first?.text == long)
    }

    @Test func aLargeFileIsReadLazily() throws {
        let folder = try InputFolder()
        var text = ""
        for index in 0..<20_000 {
            text += #"{"id": "doc-\#(index)", "date": "2017-07-18", "text": "Japan supports new sanctions, spokesman \#(index) said."}"# + "\n"
        }
        try folder.write("big.jsonl", text)
        var iterator = DocumentReader(paths: [folder.path("big.jsonl")]).makeIterator()
        #expect(iterator.next()?.document?.metadata.id == "doc-0")
        var count = 1
        while let element = iterator.next() {
            #expect(element.document != nil)
            count += 1
        }
        #expect(count == 20_000)
    }
}

@Suite struct DocumentsContentHashTests {
    func hash(_ text: String) -> String {
        var hasher = MurmurHash3x64128()
        var copy = text
        copy.withUTF8 { hasher.update($0) }
        return hasher.finalize().hex
    }

    @Test func murmurHashMatchesTheReferenceVectors() {
        #expect(hash("") == "00000000000000000000000000000000")
        #expect(hash("hello") == "cbd8a7b341bd9b025b1e906a48ae1d19")
        #expect(hash("The quick brown fox jumps over the lazy dog") == "e34bbc7bbc071b6c7a433ca9c49a9347")
        #expect(hash("0123456789abcdef0123456789abcdefXYZ") == "263a542fa3e51fc627c22087bbcaa495")
    }

    @Test func feedingInPiecesEqualsFeedingAtOnce() {
        let bytes = Array(seed004.utf8)
        var whole = MurmurHash3x64128()
        bytes.withUnsafeBufferPointer { whole.update($0) }
        for pieceSize in [1, 3, 7, 15, 16, 17, 100] {
            var pieces = MurmurHash3x64128()
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + pieceSize)
                bytes[start..<end].withUnsafeBufferPointer { pieces.update($0) }
                start = end
            }
            #expect(pieces.finalize() == whole.finalize(), "pieces of \(pieceSize)")
        }
    }

    @Test func theContentHashCoversTextAndMetadataButNotTheId() {
        let base = SourceDocument(
            metadata: DocumentMetadata(id: "a", date: Day(iso: "2017-07-18"), source: "Kyodo"), text: seed000,
            origin: DocumentOrigin(path: "a.txt"))
        let hash = ContentHash.of(base)
        #expect(hash.count == 32)
        #expect(hash.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        var renamed = base
        renamed.metadata.id = "b"
        renamed.origin = DocumentOrigin(path: "elsewhere/b.txt")
        #expect(ContentHash.of(renamed) == hash)
        var variants: [SourceDocument] = []
        for change in 0..<6 {
            var variant = base
            switch change {
            case 0: variant.text += " "
            case 1: variant.metadata.date = Day(iso: "2017-07-19")
            case 2: variant.metadata.source = nil
            case 3: variant.metadata.url = "https://example.org"
            case 4: variant.metadata.title = ""
            default: variant.metadata.title = "Talks"
            }
            variants.append(variant)
        }
        let hashes = variants.map(ContentHash.of)
        #expect(Set(hashes + [hash]).count == 7)
    }
}
