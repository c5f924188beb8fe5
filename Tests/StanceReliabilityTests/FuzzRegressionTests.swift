import Foundation
import StanceModel
import StancePipeline
import StanceRules
import StanceText
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Inputs on which the fuzz targets (Sources/StanceFuzzText, Sources/StanceFuzzRules) found a crash,
/// replayed through the same stages with the same checks. Each names the file and the fix.
@Suite struct FuzzRegressionTests {
    static let processor: DocumentProcessor = {
        try! DocumentProcessor(rules: RuleSet.embedded.0!)
    }()

    /// What StanceFuzzText does with one input: read it as standard input (JSON Lines or text), run
    /// every document through the pipeline and reclassification, and check the spans the store slices.
    static func replayText(_ bytes: [UInt8]) throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let written = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        #expect(written == bytes.count)
        close(fds[1])
        defer { close(fds[0]) }
        for element in DocumentReader(paths: ["-"], defaultDate: Day(iso: "2017-07-18"), standardInput: fds[0]) {
            guard case .success(let document) = element else { continue }
            let scalars = document.text.unicodeScalars.count
            let processed = processor.process(document)
            for classified in processed.statements {
                #expect(classified.statement.span.end <= scalars)
                for label in classified.labels { #expect(label.span.end <= scalars) }
            }
            let again = processor.classify(
                processed.statements.map(\.statement), text: document.text, date: document.metadata.date)
            #expect(again.count == processed.statements.count)
        }
    }

    /// Found by StanceFuzzText in its first minute: a comma at the very end of a sentence made
    /// `extractPostposedFrame` build the range `(comma + 1)..<end` with end before its start.
    /// Fixed in Sources/StanceText/StatementExtractor.swift (skip a comma with nothing after it).
    @Test(arguments: [
        "t.n,",
        "Chief nuclear negotiators from left to right, Joseph Yu.nS ,.U special representative for North Korea policy.",
        "Officials met in Seoul on Friday, Kim said,.",
    ])
    func aCommaEndingASentence(_ text: String) throws {
        try Self.replayText(Array(text.utf8))
    }

    /// Found by StanceFuzzText after 8 minutes (107,000 inputs): "quoted" or "cited" as the last words
    /// of a clause made `extractClause` build `(v + 2)..<(end - 1)` with end before its start, looking
    /// for "as saying". Fixed in Sources/StanceText/StatementExtractor.swift (look only when there is room).
    @Test(arguments: [
        "P quoted",
        "President quoted\n\"We will not accept a nuclear North Korea.\"",
        "The agency cited.",
        "KCNA quoted Kim Yo Jong as saying the talks were over.",
    ])
    func quotedAtTheEndOfAClause(_ text: String) throws {
        try Self.replayText(Array(text.utf8))
    }

    /// Found by StanceFuzzText after 7 minutes of a third run: a dateline read past the comma a
    /// postposed frame starts at ("S,A,-B add": the dateline "S, A, -" ends at "B", after the comma
    /// before "A") made `datelineEnd(sentence)..<comma` run backwards. Fixed in
    /// Sources/StanceText/StatementExtractor.swift: `contentStart(_:before:)` never passes the limit
    /// (also where a subject or a short subject before a quote starts).
    @Test(arguments: [
        "S,A,-B add",
        "MOSCOW, Aug, -- Talks resumed, Lavrov added.",
        "SEOUL, Japan, - \"We want talks,\" Moon said.",
        "WASHINGTON, D.C., — Sanctions will stay, officials said",
    ])
    func aDatelinePastTheComma(_ text: String) throws {
        try Self.replayText(Array(text.utf8))
    }
}
