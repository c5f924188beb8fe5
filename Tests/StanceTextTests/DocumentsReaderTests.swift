import Foundation
import StanceModel
import Testing

@testable import StanceText

/// The opening of seed 004, whose first line carries its date and goes straight on into the text.
let seed004 = """
     date 2017-04-24 Chief nuclear negotiators from left to right, Joseph Yun, U.S. special representative for \
    North Korea policy, and Kim Hong-kyun join hands before their meeting about North Korean issues at the Iikura \
    Guesthouse in Tokyo Tuesday.

    Senior diplomats from Japan, the United States and South Korea agreed Tuesday to pile greater pressure on North \
    Korea, urging it to abandon its nuclear and missile programs amid heightened regional tensions.

    """

let seed000 = """
    "This is not a time for dialogue. This is a time for pressure," Japan's foreign ministry spokesman Norio \
    Maruyama told reporters today in New York where Foreign Minister Fumio Kishida was attending a UN meeting.
    "This is a time to raise pressure in order to conduct a serious dialogue," said Maruyama.

    """

@Suite struct DocumentsTextFileTests {
    @Test func aTextFileIsOneDocumentNamedAfterTheFileWithItsWholeContent() throws {
        let folder = try InputFolder()
        let path = try folder.write("000_c2941bbf795685c8.txt", seed000)
        let results = folder.read(["000_c2941bbf795685c8.txt"])
        let document = try #require(results.first?.document)
        #expect(results.count == 1)
        #expect(document.metadata == DocumentMetadata(id: "000_c2941bbf795685c8"))
        #expect(document.text == seed000)
        #expect(document.origin == DocumentOrigin(path: path))
        #expect(document.warnings.isEmpty)
    }

    @Test func aLeadingDateLineDatesTheDocumentAndStaysInTheText() throws {
        let folder = try InputFolder()
        try folder.write("004_57b25ce32ab654a7.txt", seed004)
        let document = try #require(folder.read().first?.document)
        #expect(document.metadata.id == "004_57b25ce32ab654a7")
        #expect(document.metadata.date == Day(iso: "2017-04-24"))
        // Offsets index the file as read, so the date line is not cut out.
        #expect(document.text == seed004)
        #expect(document.text.hasPrefix(" date 2017-04-24 Chief nuclear negotiators"))
    }

    @Test(arguments: [
        ("Date: 2017-07-18\n\nJapan supports new sanctions.", "2017-07-18"),
        ("\n\n  DATE 2017-07-18\nJapan supports new sanctions.", "2017-07-18"),
        ("\u{FEFF}date 2017-07-18 Japan supports new sanctions.", "2017-07-18"),
    ])
    func dateLinesInTheirUsualSpellings(_ text: String, _ expected: String) throws {
        let folder = try InputFolder()
        try folder.write("article.md", text)
        #expect(folder.read().first?.document?.metadata.date == Day(iso: expected))
    }

    @Test func wordsThatMerelyStartWithDateAreText() throws {
        let folder = try InputFolder()
        try folder.write("a.txt", "Dated 2017-07-18, the note says Japan supports new sanctions.")
        try folder.write("b.txt", "date night in Seoul: officials said talks would resume.")
        let results = folder.read()
        #expect(results.documents.count == 2)
        #expect(results.documents.allSatisfy { $0.metadata.date == nil && $0.warnings.isEmpty })
    }

    @Test func anImpossibleDateLineIsRefusedWithFileAndLine() throws {
        let folder = try InputFolder()
        let path = try folder.write("bad.txt", "\n date 2017-02-30 Japan supports new sanctions.")
        let diagnostic = try #require(folder.read().first?.diagnostic)
        #expect(diagnostic.file == path)
        #expect(diagnostic.line == 2)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("\"2017-02-30\""))
        #expect(diagnostic.description.hasPrefix("\(path):2: error: "))
    }

    @Test func aDateLineInAnotherFormIsIgnoredWithAWarning() throws {
        let folder = try InputFolder()
        let path = try folder.write("a.txt", "Date: July 18, 2017\nJapan supports new sanctions.")
        let document = try #require(folder.read().first?.document)
        #expect(document.metadata.date == nil)
        #expect(document.warnings.map(\.file) == [path])
        #expect(document.warnings.first?.message.contains("YYYY-MM-DD") == true)
    }

    @Test func frontMatterGivesIdDateSourceUrlAndTitle() throws {
        let folder = try InputFolder()
        let text = """
            ---
            title: "Japan: no time for dialogue"
            date: 2017-07-18T09:30:00Z
            source: 'Business Standard (wire)'
            url: https://www.business-standard.com/article/news-ians/japan-no-time-for-dialogue   # canonical
            id: bs-2017-07-18-maruyama
            tags:
              - north-korea
            ---
            "This is not a time for dialogue," Maruyama said.

            """
        try folder.write("maruyama.md", text)
        let document = try #require(folder.read().first?.document)
        #expect(
            document.metadata
                == DocumentMetadata(
                    id: "bs-2017-07-18-maruyama", date: Day(iso: "2017-07-18"), source: "Business Standard (wire)",
                    url: "https://www.business-standard.com/article/news-ians/japan-no-time-for-dialogue",
                    title: "Japan: no time for dialogue"))
        #expect(document.text == text)
    }

    @Test func aMarkdownRuleAtTheTopIsNotFrontMatter() throws {
        let folder = try InputFolder()
        try folder.write("rule.md", "---\ndate: 2017-07-18\n\nNo closing line: this was a rule and a sentence.\n")
        let document = try #require(folder.read().first?.document)
        #expect(document.metadata.date == nil)
    }

    @Test func anImpossibleFrontMatterDateIsRefusedWithItsLine() throws {
        let folder = try InputFolder()
        let path = try folder.write("bad.md", "---\ntitle: Talks\ndate: 2017-02-30\n---\nText.\n")
        let diagnostic = try #require(folder.read().first?.diagnostic)
        #expect(diagnostic.file == path)
        #expect(diagnostic.line == 3)
        #expect(diagnostic.message == "front matter \"date\" must be a date YYYY-MM-DD, found \"2017-02-30\"")
    }

    @Test func theDefaultDateComesLast() throws {
        let folder = try InputFolder()
        try folder.write("a.txt", seed000)
        try folder.write("b.txt", seed004)
        let documents = folder.read(defaultDate: Day(iso: "2017-07-18")).documents
        #expect(documents.map(\.metadata.date) == [Day(iso: "2017-07-18"), Day(iso: "2017-04-24")])
    }

    @Test func invalidUTF8IsReplacedWithAWarningNamingTheByte() throws {
        let folder = try InputFolder()
        var bytes = Array("Japan supports new sanctions.\nRussia and China must do ".utf8)
        let badOffset = bytes.count
        bytes += [0xC3, 0x28] + Array("more.\n".utf8)  // 0xC3 needs a continuation byte
        let path = try folder.write("latin.txt", bytes: bytes)
        let document = try #require(folder.read().first?.document)
        #expect(document.text == "Japan supports new sanctions.\nRussia and China must do \u{FFFD}(more.\n")
        let warning = try #require(document.warnings.first)
        #expect(warning.severity == .warning)
        #expect(warning.file == path)
        #expect(warning.line == 2)
        #expect(warning.message == "invalid UTF-8 at byte \(badOffset), replaced with U+FFFD")
    }

    @Test(arguments: [
        ([0xED, 0xA0, 0x80] as [UInt8], 0),  // a UTF-16 surrogate
        ([0xC0, 0xAF], 0),  // an overlong slash
        ([0x41, 0xF4, 0x90, 0x80, 0x80], 1),  // above U+10FFFF
        ([0x41, 0x42, 0xE2, 0x82], 2),  // cut short
    ])
    func utf8CheckFindsTheFirstBadByte(_ bytes: [UInt8], _ expected: Int) {
        #expect(bytes.withUnsafeBufferPointer { UTF8Check.firstInvalidByte(in: $0) } == expected)
    }

    @Test func validUTF8PassesTheCheck() {
        let text = Array(("Rodríguez said “no” — 北朝鮮 🇰🇵 " + String(repeating: "ascii ", count: 20)).utf8)
        #expect(text.withUnsafeBufferPointer { UTF8Check.firstInvalidByte(in: $0) } == nil)
    }

    @Test func binaryEmptyAndBlankFilesAreRefused() throws {
        let folder = try InputFolder()
        let binary = try folder.write("a.txt", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00])
        let empty = try folder.write("b.txt", bytes: [])
        let blank = try folder.write("c.txt", "  \n\n\t\n")
        try folder.write("d.txt", seed000)
        let results = folder.read()
        #expect(results.diagnostics.map(\.file) == [binary, empty, blank])
        #expect(results.diagnostics.map(\.message) == ["binary file, expected text", "empty file", "empty file (only whitespace)"])
        #expect(results.documents.map(\.metadata.id) == ["d"])
    }

    @Test func aMissingPathIsADiagnosticAndTheRestIsRead() throws {
        let folder = try InputFolder()
        try folder.write("a.txt", seed000)
        let results = folder.read(["missing.txt", "a.txt"])
        #expect(results.diagnostics.map(\.file) == [folder.path("missing.txt")])
        #expect(results.diagnostics.first?.message.lowercased().contains("no such file") == true)
        #expect(results.documents.map(\.metadata.id) == ["a"])
    }
}

@Suite struct DocumentsFolderTests {
    @Test func foldersAreWalkedInPathOrderSkippingHiddenEntries() throws {
        let folder = try InputFolder()
        for name in ["b.txt", "a/z.txt", "a-b/y.md", "A.txt", "a/c/x.txt", ".hidden.txt", ".git/HEAD.txt", "a/.cache/w.txt"] {
            try folder.write(name, "Officials in Tokyo said talks would resume (\(name)).")
        }
        let paths = folder.read().documents.map(\.origin.path)
        let expected = ["A.txt", "a-b/y.md", "a/c/x.txt", "a/z.txt", "b.txt"].map(folder.path)
        #expect(paths == expected)
        #expect(paths == paths.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    }

    @Test func totalBytesCountsWhatWillBeRead() throws {
        let folder = try InputFolder()
        try folder.write("a.txt", "12345")
        try folder.write("sub/b.jsonl", "{\"text\":\"x\"}\n")
        try folder.write(".hidden", "ignored")
        try folder.write("manifest.csv", "path,date\na.txt,2017-07-18\n")
        #expect(DocumentReader(paths: [folder.path]).totalBytes() == 5 + 13)
        #expect(DocumentReader(paths: [folder.path, "-"]).totalBytes() == nil)
    }
}

@Suite struct DocumentsManifestTests {
    @Test func aManifestDatesTheFilesBesideItAndIsNotADocument() throws {
        let folder = try InputFolder()
        try folder.write("seeds/000_c2941bbf795685c8.txt", seed000)
        try folder.write("seeds/004_57b25ce32ab654a7.txt", seed004)
        try folder.write(
            "seeds/manifest.csv",
            """
            path,date,source,url,title
            000_c2941bbf795685c8.txt,2017-07-18,Business Standard (wire),,"Japan: ""not a time for dialogue"", says spokesman"
            ./004_57b25ce32ab654a7.txt,2017-01-01,Kyodo,https://english.kyodonews.net/,

            """)
        let results = folder.read(["seeds"])
        #expect(results.diagnostics.isEmpty)
        let documents = results.documents
        #expect(documents.map(\.metadata.id) == ["000_c2941bbf795685c8", "004_57b25ce32ab654a7"])
        #expect(documents[0].metadata.date == Day(iso: "2017-07-18"))
        #expect(documents[0].metadata.source == "Business Standard (wire)")
        #expect(documents[0].metadata.url == nil)
        #expect(documents[0].metadata.title == "Japan: \"not a time for dialogue\", says spokesman")
        // The date line in the text wins over the manifest.
        #expect(documents[1].metadata.date == Day(iso: "2017-04-24"))
        #expect(documents[1].metadata.source == "Kyodo")
    }

    @Test func aManifestAppliesToFilesNamedExplicitlyAndInFoldersBelow() throws {
        let folder = try InputFolder()
        try folder.write("archive/2017/07/maruyama.txt", seed000)
        try folder.write("archive/manifest.csv", "Path,Date\n2017/07/maruyama.txt,2017-07-18\n")
        #expect(folder.read(["archive"]).documents.first?.metadata.date == Day(iso: "2017-07-18"))
        try folder.write("loose/maruyama.txt", seed000)
        try folder.write("loose/manifest.csv", "path,date\nmaruyama.txt,2017-07-19\n")
        #expect(folder.read(["loose/maruyama.txt"]).documents.first?.metadata.date == Day(iso: "2017-07-19"))
    }

    @Test func frontMatterWinsOverTheManifestAndTheManifestOverTheDefaultDate() throws {
        let folder = try InputFolder()
        try folder.write("a.md", "---\ndate: 2017-07-20\n---\nText.\n")
        try folder.write("b.md", "Text without a date.\n")
        try folder.write("c.md", "Text missing from the manifest.\n")
        try folder.write("manifest.csv", "path,date\na.md,2017-07-18\nb.md,2017-07-18\n")
        let dates = folder.read(defaultDate: Day(iso: "2017-01-01")).documents.map(\.metadata.date)
        #expect(dates == [Day(iso: "2017-07-20"), Day(iso: "2017-07-18"), Day(iso: "2017-01-01")])
    }

    @Test func anImpossibleManifestDateNamesTheManifestAndLine() throws {
        let folder = try InputFolder()
        try folder.write("a.txt", seed000)
        try folder.write("b.txt", seed000 + "More.")
        let manifest = try folder.write("manifest.csv", "path,date\na.txt,2017-07-18\nb.txt,2017-02-30\n")
        let results = folder.read()
        #expect(results.documents.map(\.metadata.id) == ["a"])
        let diagnostic = try #require(results.diagnostics.first)
        #expect(diagnostic.file == manifest)
        #expect(diagnostic.line == 3)
        #expect(diagnostic.message.contains("\"2017-02-30\""))
    }

    @Test func aManifestWithoutAPathColumnIsReportedOnceAndIgnored() throws {
        let folder = try InputFolder()
        try folder.write("a.txt", seed000)
        try folder.write("b.txt", seed004)
        let manifest = try folder.write("manifest.csv", "file,date\na.txt,2017-07-18\n")
        let results = folder.read()
        #expect(results.diagnostics.map(\.file) == [manifest])
        #expect(results.diagnostics.first?.line == 1)
        #expect(results.documents.count == 2)
    }

    @Test func csvHandlesQuotesCommasAndLineBreaksInFields() {
        let (records, problem) = CSV.records("path,title\r\n\"a,b.txt\",\"two\nlines\"\r\nc.txt,\"say \"\"no\"\"\"\n")
        #expect(problem == nil)
        #expect(records.map(\.fields) == [["path", "title"], ["a,b.txt", "two\nlines"], ["c.txt", "say \"no\""]])
        #expect(records.map(\.line) == [1, 2, 4])
        let (_, unclosed) = CSV.records("path\n\"a.txt\n")
        #expect(unclosed?.line == 2)
    }

    @Test func pathsNormalise() {
        #expect(Paths.normalize("./seeds//a.txt") == "seeds/a.txt")
        #expect(Paths.normalize("seeds/sub/../a.txt") == "seeds/a.txt")
        #expect(Paths.normalize("/tmp/./x/../y") == "/tmp/y")
        #expect(Paths.normalize("../a") == "../a")
        #expect(Paths.stem(of: "seeds/000_c2941bbf795685c8.txt") == "000_c2941bbf795685c8")
        #expect(Paths.stem(of: "notes.v2.md") == "notes.v2")
        #expect(Paths.stem(of: "README") == "README")
    }
}

@Suite struct DocumentsStandardInputTests {
    func read(stdin bytes: [UInt8]) throws -> [DocumentReader.Element] {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let writer = FileHandle(fileDescriptor: fds[1], closeOnDealloc: true)
        let reader = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true)
        // Small inputs fit the pipe's buffer, so writing before reading cannot block.
        try writer.write(contentsOf: Data(bytes))
        try writer.close()
        let results = Array(DocumentReader(paths: ["-"], standardInput: reader.fileDescriptor))
        try reader.close()
        return results
    }

    @Test func standardInputStartingWithABraceIsJSONLines() throws {
        let results = try read(stdin: Array("\n  {\"id\": \"a\", \"text\": \"Japan supports new sanctions.\"}\n{\"text\": 3}\n".utf8))
        #expect(results.documents.map(\.metadata.id) == ["a"])
        #expect(results.documents.first?.origin == DocumentOrigin(path: "-", line: 2))
        #expect(results.diagnostics.map(\.file) == ["<stdin>"])
        #expect(results.diagnostics.map(\.line) == [3])
    }

    @Test func otherStandardInputIsOneTextDocumentWithAHashId() throws {
        let results = try read(stdin: Array(seed004.utf8))
        let document = try #require(results.first?.document)
        #expect(document.text == seed004)
        #expect(document.metadata.date == Day(iso: "2017-04-24"))
        #expect(document.metadata.id.count == 16)
        #expect(document.origin.path == "-")
    }

    @Test func emptyStandardInputIsADiagnostic() throws {
        #expect(try read(stdin: []).diagnostics.map(\.message) == ["empty input"])
    }
}
