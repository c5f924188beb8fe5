import Foundation
import StanceModel
import StanceStore
import Testing

/// Throughput of the store's hot paths on a synthetic archive. Off by default (it takes a while and
/// wants a release build): `STANCE_STORE_PERF=1 swift test -c release -Xswiftc -enable-testing
/// --filter StorePerformance`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["STANCE_STORE_PERF"] == "1"))
struct StorePerformanceTests {
    static let countries: [CountryCode] = ["JPN", "USA", "KOR", "CHN", "RUS", "GBR", "FRA", "DEU", "EU", "UN"]

    /// A document of `sentences` sentences, one in `every` a statement with two labels.
    static func document(_ index: Int, sentences: Int, every: Int = 2) -> (SourceDocument, [ClassifiedStatement]) {
        var text = ""
        var statements: [ClassifiedStatement] = []
        var offset = 0
        let day = Day(year: 2015 + index % 4, month: 1 + index % 12, day: 1 + index % 28)!
        for sentence in 0..<sentences {
            let country = countries[(index + sentence) % countries.count]
            let line = "\"This is not a time for dialogue, this is a time for pressure on North Korea,\" spokesman \(index)-\(sentence) of \(country.rawValue) told reporters in Tokyo on Tuesday. "
            let length = line.unicodeScalars.count
            if sentence % every == 0 {
                let span = TextSpan(start: offset, end: offset + length - 1)
                let speaker = Speaker(
                    mention: "spokesman \(index)-\(sentence)", mentionSpan: nil, actor: "Spokesman \(sentence % 50)",
                    kind: .person, role: "spokesman", country: country, resolution: .title)
                statements.append(
                    ClassifiedStatement(
                        statement: Statement(
                            ordinal: statements.count, kind: .quote, cue: "told reporters", cueSpan: nil, span: span,
                            content: [TextSpan(start: offset + 1, end: offset + 76)], speaker: speaker),
                        labels: [
                            Label(
                                stance: .dialogue, polarity: .oppose, target: "PRK",
                                span: TextSpan(start: offset + 1, end: offset + 33), rule: "dialogue/not-time-for",
                                decisions: [Decision(kind: .negated, detail: "not flips support")]),
                            Label(
                                stance: .pressure, polarity: .support, target: "PRK",
                                span: TextSpan(start: offset + 35, end: offset + 76), rule: "pressure/time-for"),
                        ]))
            }
            text += line
            offset += length
        }
        let document = SourceDocument(
            metadata: DocumentMetadata(id: "doc-\(index)", date: day, source: "Wire \(index % 7)"), text: text,
            origin: DocumentOrigin(path: "archive.jsonl", line: index + 1))
        return (document, statements)
    }

    /// CPU time rather than wall time: other builds share this machine's two cores.
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    @Test func ingestReportAndExportThroughput() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ProcessInfo.processInfo.environment
        let database =
            environment["STANCE_STORE_PERF_MEMORY"] == "1"
            ? try StanceDatabase.inMemory() : try StanceDatabase.open(path: folder.appendingPathComponent("perf.sqlite").path)
        let rulesetID = try database.registerRuleset(version: "perf", ruleCount: 1)
        let runID = try database.beginRun(command: "perf", rulesetID: rulesetID)

        let documentCount = Int(environment["STANCE_STORE_PERF_DOCS"] ?? "") ?? 50_000
        var bytes = 0
        var storing = Duration.zero
        var storingCPU = 0.0
        let clock = ContinuousClock()
        let batchSize = Int(environment["STANCE_STORE_PERF_BATCH"] ?? "") ?? 256
        let statementEvery = Int(environment["STANCE_STORE_PERF_EVERY"] ?? "") ?? 2
        var batch: [DocumentToStore] = []
        func flush() throws {
            let cpuBefore = Self.processCPUSeconds()
            storing += clock.measure {
                for item in batch {
                    _ = try? database.documentStatus(key: item.document.metadata.id, contentHash: item.contentHash)
                }
                for result in database.store(batch, rulesetID: rulesetID, runID: runID) {
                    if case .failure(let error) = result { Issue.record(error) }
                }
            }
            storingCPU += Self.processCPUSeconds() - cpuBefore
            batch.removeAll(keepingCapacity: true)
        }
        for index in 0..<documentCount {
            let (document, statements) = Self.document(index, sentences: 20, every: statementEvery)
            bytes += document.text.utf8.count
            batch.append(DocumentToStore(document: document, contentHash: "hash-\(index)", statements: statements))
            if batch.count >= batchSize { try flush() }
        }
        try flush()
        let seconds = Double(storing.components.seconds) + Double(storing.components.attoseconds) / 1e18
        let counts = try database.counts()
        print("store: batches of \(batchSize), a statement every \(statementEvery) sentences, \(documentCount) documents, \(bytes / 1_000_000) MB, \(counts.labels) labels in \(seconds) s (CPU \(storingCPU) s): \(Double(bytes) / 1e6 / seconds) MB/s, by CPU time \(Double(bytes) / 1e6 / storingCPU) MB/s")

        var rows = 0
        let exporting = try clock.measure {
            try database.exportRows(ExportFilter(countries: ["JPN"])) { _ in rows += 1 }
        }
        print("export JPN: \(rows) rows in \(exporting)")
        let searching = try clock.measure {
            _ = try database.search(text: "\"time for pressure\" Tokyo", filter: ExportFilter(from: Day(iso: "2016-01-01")), limit: 50)
        }
        print("search: \(searching)")
        var statements = 0
        let rereading = try clock.measure {
            try database.forEachReclassifyBatch { batch in statements += batch.reduce(0) { $0 + $1.statements.count } }
        }
        print("reclassify read: \(statements) statements in \(rereading)")

        // Reclassifying with the labels each statement already has: the common case of a small rule edit.
        let newRuleset = try database.registerRuleset(version: "perf-2", ruleCount: 1)
        var changes = LabelChanges()
        let replacing = try clock.measure {
            try database.forEachReclassifyBatch { batch in
                let reclassified = batch.map { document in
                    let index = Int(document.metadata.id.dropFirst(4))!
                    let labels = Self.document(index, sentences: 20, every: statementEvery).1.map(\.labels)
                    return ReclassifiedDocument(document: document, labels: labels)
                }
                changes.merge(try database.replaceLabels(reclassified, rulesetID: newRuleset))
            }
        }
        print("reclassify write: \(changes.statementsSeen) statements, \(changes.unchanged) labels kept in \(replacing)")
        #expect(changes.isEmpty)
        try database.close()
    }
}
