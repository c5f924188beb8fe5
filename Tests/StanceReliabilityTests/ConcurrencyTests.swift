import Foundation
import StanceModel
import Testing

@testable import StanceStore

/// Two `stance ingest` processes into one new database at once, with exports and reports read while
/// they write: every command succeeds and every document is stored once. (The store's own
/// two-writers-and-a-reader test, `ConcurrentUseTests`, does the same through the library.)
@Suite(.serialized) struct ConcurrencyTests {
    @Test func twoIngestsAndReadersAtOnceStoreEveryDocumentOnce() throws {
        let scratch = try Scratch("concurrent")
        defer { scratch.remove() }
        // Documents 160..<240 are in both feeds.
        let first = try scratch.write("first.jsonl", Corpus.jsonLines(count: 240, first: 0))
        let second = try scratch.write("second.jsonl", Corpus.jsonLines(count: 240, first: 160))

        let referenceDB = scratch.file("reference.sqlite")
        #expect(try StanceCLI.run(["ingest", first, "--db", referenceDB, "--quiet"]).status == 0)
        #expect(try StanceCLI.run(["ingest", second, "--db", referenceDB, "--quiet"]).status == 0)
        let reference = try Inspect.state(of: referenceDB)
        #expect(reference.documents.count == 400)

        // Both writers start on a database that does not exist yet, so they also race to create it.
        let db = scratch.file("shared.sqlite")
        let writers = [
            try StanceCLI.start(["ingest", first, "--db", db, "--quiet", "--jobs", "1"]),
            try StanceCLI.start(["ingest", second, "--db", db, "--quiet", "--jobs", "1"]),
        ]
        var reads = 0
        var readFailures: [String] = []
        repeat {
            for command in [["export", "--format", "csv"], ["report"], ["search", "pressure"]] {
                guard FileManager.default.fileExists(atPath: db) else { continue }
                let result = try StanceCLI.run(command + ["--db", db])
                reads += 1
                if result.status != 0 { readFailures.append("\(command): \(result.error)") }
            }
        } while writers.contains(where: { $0.process.isRunning })
        let results = try writers.map { try $0.finish() }
        for result in results { #expect(result.status == 0, "\(result.error)") }
        #expect(readFailures == [])
        #expect(reads >= 3)

        // Each document once, as a single writer stores it; the overlap is new to one writer only.
        let stored = try Inspect.state(of: db)
        #expect(stored == reference)
        let newCounts = results.compactMap { result -> Int? in
            guard let line = result.errorLines.first(where: { $0.hasPrefix("read ") }),
                let range = line.range(of: "documents: ")
            else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        #expect(newCounts.count == 2 && newCounts.reduce(0, +) == 400, "\(results.map(\.error))")
        let database = try StanceDatabase.open(path: db)
        defer { try? database.close() }
        #expect(try database.integrityProblems() == [])
        #expect(try database.counts().rulesets == 1)
        #expect(try Inspect.integer(database, "SELECT count(*) FROM ingest_run WHERE finished_at IS NULL") == 0)
    }

    /// Six connections opening one new file at once race to run every migration, including those that
    /// rebuild tables (a loser's rerun then fails only on recording the migration): all must open it.
    @Test func manyFirstOpensAtOnceAllSucceed() throws {
        let scratch = try Scratch("first-open")
        defer { scratch.remove() }
        for round in 0..<8 {
            let path = scratch.file("round-\(round).sqlite")
            let failures = Locked([String]())
            DispatchQueue.concurrentPerform(iterations: 6) { worker in
                do {
                    let database = try StanceDatabase.open(path: path)
                    _ = try database.counts()
                    try database.close()
                } catch {
                    failures.withLock { $0.append("round \(round), opener \(worker): \(error)") }
                }
            }
            #expect(failures.withLock { $0 } == [])
            let database = try StanceDatabase.open(path: path)
            #expect(try database.appliedMigrations() == StanceDatabase.knownMigrations)
            try database.close()
        }
    }
}
