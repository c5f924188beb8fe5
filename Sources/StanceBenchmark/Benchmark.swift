import ArgumentParser
import Foundation
import StanceModel
import StancePipeline
import StanceReports
import StanceRules
import StanceStore
import StanceText

@main
struct Benchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stance-benchmark",
        abstract: "Measure ingest, memory, report latency and reclassify throughput on a synthetic news archive.",
        discussion: """
            Examples:
              swift run -c release stance-benchmark                       100 MB corpus, 1M labels
              swift run -c release stance-benchmark --size 1GB --skip reports --skip reclassify
              swift run -c release stance-benchmark generate --size 10MB corpus.jsonl

            The corpus is deterministic (same --seed and --size, same bytes). Each ingest runs in a child
            process into a fresh database, so its peak RSS is its own.
            """,
        subcommands: [Run.self, Generate.self, IngestWorker.self],
        defaultSubcommand: Run.self
    )
}

/// The built-in rules, or a clear failure.
func loadRules() throws -> RuleSet {
    let (rules, diagnostics) = RuleSet.embedded
    guard let rules else {
        throw BenchmarkError("the built-in rules do not load: \(diagnostics.map(\.description).joined(separator: "; "))")
    }
    return rules
}

/// Writes the corpus; returns documents and bytes.
func writeCorpus(to path: String, bytes wanted: Int, seed: UInt64, rules: RuleSet) throws -> (documents: Int, bytes: Int) {
    let generator = CorpusGenerator(rules: rules)
    let writer = try BufferedWriter(path: path)
    var documents = 0
    var bytes = 0
    while bytes < wanted {
        let line = CorpusGenerator.jsonLine(generator.document(documents, seed: seed))
        try writer.write(line)
        bytes += line.utf8.count
        documents += 1
    }
    try writer.close()
    return (documents, bytes)
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write the synthetic corpus as JSON Lines and stop.")

    @Option(help: "Corpus size: 100MB, 1GB, 512KB …")
    var size: String = "100MB"

    @Option(help: "Seed of the corpus.")
    var seed: UInt64 = 1

    @Argument(help: "The JSON Lines file to write.")
    var output: String

    func run() throws {
        guard let bytes = ByteSize.parse(size) else { throw ValidationError("--size \(size) is not a size such as 100MB") }
        let written = try writeCorpus(to: output, bytes: bytes, seed: seed, rules: try loadRules())
        FileHandle.standardError.write(
            Data("wrote \(grouped(written.documents)) documents, \(ByteSize.describe(written.bytes)) to \(output)\n".utf8))
    }
}

/// What an ingest child reports to the parent.
struct IngestResult: Codable {
    var rulesSeconds: Double
    var ingestSeconds: Double
    var documents: Int
    var bytes: Int
    var statements: Int
    var labels: Int
    var failed: Int
}

struct IngestWorker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest-worker", abstract: "Ingest a corpus (the benchmark's child process).",
        shouldDisplay: false)

    @Option var db: String
    @Option var jobs: Int
    @Option var result: String
    @Argument var corpus: String

    func run() throws {
        let started = Clock.now()
        let rules = try loadRules()
        let processor = try DocumentProcessor(rules: rules)
        let rulesSeconds = Clock.since(started)
        let database = try StanceDatabase.open(path: db)
        let ingestor = Ingestor(database: database, processor: processor, options: IngestOptions(jobs: jobs, command: "benchmark"))
        let report = try ingestor.run(
            DocumentReader(paths: [corpus]), onDiagnostic: { diagnostic in
                FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
            }, onProgress: { _ in })
        try database.close()
        let summary = report.summary
        let outcome = IngestResult(
            rulesSeconds: rulesSeconds, ingestSeconds: report.seconds, documents: summary.documentsRead,
            bytes: summary.bytes, statements: summary.statements, labels: summary.labels,
            failed: summary.documentsFailed)
        try JSONEncoder().encode(outcome).write(to: URL(fileURLWithPath: result))
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the benchmark (the default).")

    @Option(help: "Corpus size: 100MB, 1GB, 512KB …")
    var size: String = "100MB"

    @Option(help: "Labels in the database the reports are timed on.")
    var labels: Int = 1_000_000

    @Option(help: "Workers for the parallel ingest and reclassify (default: the number of cores).")
    var jobs: Int = Machine.cores

    @Option(help: "Seed of the corpus.")
    var seed: UInt64 = 1

    @Option(help: "Timed runs of each report (the median is printed).")
    var runs: Int = 5

    @Option(help: "Work in this folder (kept) instead of a temporary one (removed).")
    var dir: String?

    @Option(help: "Use this JSON Lines corpus instead of generating one.")
    var corpus: String?

    @Option(help: "Leave out a part: ingest, reports, reclassify (repeatable).")
    var skip: [String] = []

    @Option(name: .customLong("ingest-jobs"),
            help: "Ingest only with this many workers (repeatable; default: 1 and --jobs), e.g. for a memory check on a 1GB corpus.")
    var ingestJobs: [Int] = []

    func validate() throws {
        guard ByteSize.parse(size) != nil else { throw ValidationError("--size \(size) is not a size such as 100MB") }
        guard labels >= 1 else { throw ValidationError("--labels must be at least 1") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard ingestJobs.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--ingest-jobs must be at least 1") }
        for part in skip where !["ingest", "reports", "reclassify"].contains(part) {
            throw ValidationError("--skip \(part): give ingest, reports or reclassify")
        }
    }

    func note(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

    func run() throws {
        let folder: String
        if let dir {
            folder = dir
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } else {
            folder = NSTemporaryDirectory() + "stance-benchmark-\(getpid())"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        defer { if dir == nil { try? FileManager.default.removeItem(atPath: folder) } }

        let loadStarted = Clock.now()
        let rules = try loadRules()
        let rulesSeconds = Clock.since(loadStarted)
        var rows: [(String, String)] = []
        let loadAtStart = Machine.loadAverage

        // The corpus.
        let corpusPath: String
        var corpusNote: String
        if let corpus {
            corpusPath = corpus
            let size = (try? FileManager.default.attributesOfItem(atPath: corpus)[.size] as? Int) ?? 0
            corpusNote = "\(corpus), \(ByteSize.describe(size))"
        } else {
            corpusPath = folder + "/corpus.jsonl"
            let started = Clock.now()
            let written = try writeCorpus(to: corpusPath, bytes: ByteSize.parse(size)!, seed: seed, rules: rules)
            corpusNote = "\(ByteSize.describe(written.bytes)) synthetic JSON Lines, \(grouped(written.documents)) documents "
                + "(\(String(format: "%.1f", Double(written.bytes) / Double(written.documents) / 1000)) KB each), seed \(seed)"
            note(String(format: "corpus: %@ (written in %.1f s)", corpusNote, Clock.since(started)))
        }

        // Ingest, 1 worker and all of them, each in its own process into a fresh database.
        var parallelDatabase: String?
        if !skip.contains("ingest") || !skip.contains("reclassify") {
            var results: [(jobs: Int, result: IngestResult, outcome: ChildOutcome, db: String)] = []
            let jobCounts = skip.contains("ingest") ? [jobs] : !ingestJobs.isEmpty ? ingestJobs : (jobs == 1 ? [1] : [1, jobs])
            for count in jobCounts {
                let db = folder + "/ingest-\(count).sqlite"
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
                let resultPath = folder + "/ingest-\(count).json"
                note("ingest with \(count) worker\(count == 1 ? "" : "s") …")
                let outcome = try Child.run([
                    Machine.executable, "ingest-worker", "--db", db, "--jobs", String(count), "--result", resultPath, corpusPath,
                ])
                guard outcome.status == 0 else { throw BenchmarkError("the ingest child failed with status \(outcome.status)") }
                let result = try JSONDecoder().decode(IngestResult.self, from: Data(contentsOf: URL(fileURLWithPath: resultPath)))
                results.append((count, result, outcome, db))
                let megabytes = Double(result.bytes) / 1_000_000
                let line = String(
                    format: "%.1f MB/s, %@ documents/s (%.1f s; CPU %.1f s, %.1f MB per CPU second; %@ statements, %@ labels)",
                    megabytes / outcome.seconds, grouped(Int(Double(result.documents) / outcome.seconds)), outcome.seconds,
                    outcome.cpuSeconds, megabytes / outcome.cpuSeconds, grouped(result.statements), grouped(result.labels))
                note("  " + line)
                if !skip.contains("ingest") {
                    rows.append(("ingest, \(count) worker\(count == 1 ? "" : "s")", line))
                    rows.append(("peak RSS, ingest with \(count) worker\(count == 1 ? "" : "s")",
                                 String(format: "%.0f MB", Double(outcome.peakRSS) / 1_048_576)))
                }
            }
            if results.count >= 2, let first = results.first, let last = results.last {
                let same = try exportDigest(first.db) == exportDigest(last.db)
                rows.append(("\(first.jobs) and \(last.jobs) workers store the same",
                             same ? "yes (export digests equal)" : "NO: exports differ"))
                if !same { note("warning: the \(first.jobs)-worker and \(last.jobs)-worker ingests differ") }
                if first.result.documents > 0 {
                    let speedup = first.outcome.seconds / last.outcome.seconds
                    rows.append(("speed-up with \(last.jobs) workers", String(format: "%.2f× (wall clock)", speedup)))
                }
            }
            parallelDatabase = results.last?.db
        }

        // Reports on a database of at least `labels` labels.
        if !skip.contains("reports") {
            let db = folder + "/labels.sqlite"
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
            note("building a database of \(grouped(labels)) labels …")
            let database = try StanceDatabase.open(path: db)
            let built = try LabelDatabaseBuilder(generator: CorpusGenerator(rules: rules), rules: rules, seed: seed)
                .build(into: database, labels: labels)
            try database.close()
            note(String(format: "  %@ documents, %@ statements, %@ labels in %.1f s", grouped(built.documents),
                        grouped(built.statements), grouped(built.labels), built.seconds))
            let reports = try ReportTimer(path: db, runs: runs, dictionary: rules.actors)
            for (name, time) in try reports.timeAll() {
                rows.append(("\(name) (\(grouped(built.labels)) labels)", time))
                note("  \(name): \(time)")
            }
        }

        // Reclassify the parallel ingest's statements with an edited rule set.
        if !skip.contains("reclassify"), let parallelDatabase {
            let workerCounts: [Int] = jobs == 1 ? [1] : [1, jobs]
            for index in workerCounts.indices {
                let count = workerCounts[index]
                var files = RuleSet.embeddedFiles
                files[files.count - 1].contents += "\n# benchmark edit \(index + 1)\n"
                let (edited, _) = RuleSet.load(files: files, prefix: "Rules/")
                guard let edited else { throw BenchmarkError("the edited rules do not load") }
                let database = try StanceDatabase.open(path: parallelDatabase)
                let report = try Reclassifier(database: database, processor: try DocumentProcessor(rules: edited), jobs: count).run()
                try database.close()
                let line = String(
                    format: "%@ statements/s (%@ statements in %.2f s; %@ labels moved to the edited rules)",
                    grouped(Int(report.statementsPerSecond)), grouped(report.changes.statementsSeen), report.seconds,
                    grouped(report.changes.unchanged))
                rows.append(("reclassify, \(count) worker\(count == 1 ? "" : "s")", line))
                note("reclassify with \(count) worker\(count == 1 ? "" : "s"): \(line)")
            }
        }
        rows.append(("load the built-in rules", String(format: "%.0f ms", rulesSeconds * 1000)))

        // The table, ready to paste into the README.
        var out = "\n"
        out += "stance-benchmark, \(Machine.date); \(Machine.cores) cores, \(Machine.cpuModel), \(Machine.memory); "
            + "load average \(loadAtStart) at the start, \(Machine.loadAverage) at the end\n"
        out += "corpus: \(corpusNote)\n\n"
        out += "| measure | result |\n|---|---|\n"
        for (name, value) in rows { out += "| \(name) | \(value) |\n" }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// FNV-1a over every exported label row, in export order.
    func exportDigest(_ path: String) throws -> String {
        let database = try StanceDatabase.open(path: path)
        defer { try? database.close() }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var rows = 0
        try database.exportRows(.all) { row in
            rows += 1
            for byte in "\(row)".utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        return "\(rows):\(String(hash, radix: 16))"
    }
}

/// Times the report commands the way the command line runs them: open the database, compute, render
/// a table. The first run is thrown away (it warms the page cache), the median of the rest printed.
struct ReportTimer {
    let path: String
    let runs: Int
    let dictionary: ActorDictionary

    init(path: String, runs: Int, dictionary: ActorDictionary) throws {
        self.path = path
        self.runs = runs
        self.dictionary = dictionary
    }

    func time(_ body: (StanceDatabase) throws -> String) throws -> String {
        var times: [Double] = []
        var characters = 0
        for run in 0...runs {
            let started = Clock.now()
            let database = try StanceDatabase.open(path: path)
            characters = try body(database).utf8.count
            try database.close()
            if run > 0 { times.append(Clock.since(started)) }
        }
        times.sort()
        let median = times[times.count / 2]
        return String(format: "%.0f ms (median of %d; min %.0f, max %.0f; %@ characters out)", median * 1000, times.count,
                      times[0] * 1000, times[times.count - 1] * 1000, grouped(characters))
    }

    func timeAll() throws -> [(String, String)] {
        let positions = try time { database in
            try PositionsReport.build(database, filter: .all, by: .month).render(.table)
        }
        let compare = try time { database in
            try CompareReport.build(
                database, filter: .all, before: CompareWindow(from: Day(year: 2017, month: 1, day: 1)!, to: Day(year: 2017, month: 12, day: 31)!),
                after: CompareWindow(from: Day(year: 2018, month: 1, day: 1)!, to: Day(year: 2018, month: 12, day: 31)!)
            ).render(.table)
        }
        let actor = try time { database in
            guard case .found(let match) = try ActorLookup.find("Lavrov", in: database, dictionary: dictionary) else {
                throw BenchmarkError("actor Lavrov not found in the label database")
            }
            return try ActorReport.build(database, match: match, filter: .all, by: .month, statementLimit: 50).render(.table)
        }
        return [
            ("report --by month", positions),
            ("compare --before 2017 --after 2018", compare),
            ("actor Lavrov", actor),
        ]
    }
}
