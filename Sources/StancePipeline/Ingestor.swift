import Dispatch
import Foundation
import StanceModel
import StanceRules
import StanceStore
import StanceText

/// How an ingest runs.
public struct IngestOptions: Sendable {
    /// Extraction workers; results are identical whatever the number.
    public var jobs: Int
    /// Stop at the first bad document instead of reporting it and going on.
    public var strict: Bool
    /// The command line, recorded on the run.
    public var command: String

    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, strict: Bool = false, command: String = "ingest") {
        self.jobs = max(1, jobs)
        self.strict = strict
        self.command = command
    }
}

/// Where an ingest is, for a progress bar.
public struct IngestProgress: Sendable {
    public var documents: Int
    public var bytes: Int
    /// Bytes in all inputs, when known (not for standard input).
    public var totalBytes: Int?
    public var seconds: Double
}

/// What an ingest did.
public struct IngestReport: Sendable {
    public var summary: RunSummary
    /// Documents stored without a date: they are left out of time-based reports.
    public var undated: Int
    public var seconds: Double
    /// True when a stop was requested (Ctrl-C) and the run ended at a document boundary.
    public var interrupted: Bool
    /// The rule-set version the labels were computed with.
    public var rulesetVersion: String

    public var megabytesPerSecond: Double { seconds > 0 ? Double(summary.bytes) / 1_048_576 / seconds : 0 }
}

/// An ingest failed as a whole (with `--strict`, or the store refused to write).
public struct IngestError: Error, CustomStringConvertible {
    public var diagnostic: Diagnostic
    public var report: IngestReport
    public var description: String { diagnostic.description }
}

/// Reads documents, runs them through the text and rules stages on several workers, and stores them
/// from one writer, one transaction per document, in input order.
public final class Ingestor: @unchecked Sendable {
    // @unchecked: the ingestor is used from the thread that calls `run`; workers only read `processor`.
    public let database: StanceDatabase
    public let processor: DocumentProcessor
    public let options: IngestOptions
    /// Set from a signal handler to stop at the next document boundary.
    public let stopRequested = StopFlag()

    public init(database: StanceDatabase, processor: DocumentProcessor, options: IngestOptions) {
        self.database = database
        self.processor = processor
        self.options = options
    }

    /// Documents are read in batches; each batch is extracted on the workers, then written in order.
    static let batchDocuments = 256
    static let batchBytes = 8 << 20
    /// Documents per commit.
    static let commitDocuments = 64

    public func run(
        _ documents: some Sequence<Result<SourceDocument, Diagnostic>>, totalBytes: Int? = nil,
        onDiagnostic: (Diagnostic) -> Void, onProgress: (IngestProgress) -> Void
    ) throws -> IngestReport {
        let started = DispatchTime.now()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
        let rules = processor.rules
        var summary = RunSummary()
        var undated = 0
        var interrupted = false
        // Dates after tomorrow (a day of slack for time zones) are stored as given, with a warning.
        let today = Day(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
        let latestPlausible = today.adding(days: 1)

        func report() -> IngestReport {
            IngestReport(summary: summary, undated: undated, seconds: elapsed(), interrupted: interrupted,
                         rulesetVersion: rules.version)
        }
        /// A full disk, an I/O error or a damaged file stops the run at once, naming the document it
        /// was storing: every later document would fail the same way.
        func storing<T>(_ document: SourceDocument?, _ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch {
                guard let failure = database.storageFailure(error) else { throw error }
                let stored = summary.documentsNew + summary.documentsReplaced
                let message = "\(failure); the \(stored) document\(stored == 1 ? "" : "s") stored by this run before it "
                    + "and all earlier data are intact; once that is fixed, run the same command again to store the rest"
                throw IngestError(
                    diagnostic: .error(message, file: document.map { Self.displayPath($0.origin) }, line: document?.origin.line),
                    report: report())
            }
        }
        let rulesetID = try storing(nil) { try database.registerRuleset(version: rules.version, ruleCount: rules.rules.count) }
        let runID = try storing(nil) { try database.beginRun(command: options.command, rulesetID: rulesetID) }
        func fail(_ diagnostic: Diagnostic) throws {
            summary.documentsFailed += 1
            onDiagnostic(diagnostic)
            if options.strict {
                try? database.finishRun(runID, summary: summary)
                throw IngestError(diagnostic: diagnostic, report: report())
            }
        }

        var iterator = documents.makeIterator()
        var exhausted = false
        /// A bad document met while reading with `--strict`: the run ends with it once everything read
        /// before its batch is stored, as if the batches had run one after the other.
        var strictFailure: Diagnostic?

        /// Reads the next batch, skipping documents already stored unchanged (one index lookup each).
        func readBatch() throws -> [(document: SourceDocument, hash: String)] {
            var batch: [(document: SourceDocument, hash: String)] = []
            var batchBytes = 0
            while batch.count < Self.batchDocuments, batchBytes < Self.batchBytes, !exhausted, strictFailure == nil {
                guard let element = iterator.next() else {
                    exhausted = true
                    break
                }
                summary.documentsRead += 1
                switch element {
                case .failure(let diagnostic):
                    if options.strict {
                        strictFailure = diagnostic
                        return []
                    }
                    try fail(diagnostic)
                case .success(let document):
                    document.warnings.forEach(onDiagnostic)
                    if let date = document.metadata.date, date > latestPlausible {
                        onDiagnostic(
                            .warning(
                                "date \(date) is in the future (today is \(today)); stored as given: check the source",
                                file: Self.displayPath(document.origin), line: document.origin.line))
                    }
                    let bytes = document.text.utf8.count
                    summary.bytes += bytes
                    let hash = ContentHash.of(document)
                    if try storing(document, { try database.documentStatus(key: document.metadata.id, contentHash: hash) })
                        == .unchanged
                    {
                        summary.documentsUnchanged += 1
                        continue
                    }
                    batch.append((document, hash))
                    batchBytes += bytes
                }
            }
            return batch
        }

        /// Stores a processed batch in commit groups, in input order. Returns false when a stop was
        /// requested.
        func store(_ batch: [(document: SourceDocument, hash: String)], _ processed: [ProcessedDocument]) throws -> Bool {
            // Commits go in groups: each commit rewrites the index pages it touched, so a commit per
            // document costs several times the extraction. A document is still stored whole or not at
            // all; an interruption loses at most the group in flight, which a re-run stores.
            var start = 0
            while start < processed.count {
                if stopRequested.isSet { return false }
                let end = min(processed.count, start + Self.commitDocuments)
                let group = (start..<end).map { index in
                    DocumentToStore(document: batch[index].document, contentHash: batch[index].hash,
                                    statements: processed[index].statements)
                }
                for (offset, result) in database.store(group, rulesetID: rulesetID, runID: runID).enumerated() {
                    let document = group[offset].document
                    switch result {
                    case .success(.inserted): summary.documentsNew += 1
                    case .success(.replaced): summary.documentsReplaced += 1
                    case .success(.unchanged):
                        summary.documentsUnchanged += 1
                        continue
                    case .failure(let error):
                        if let failure = database.storageFailure(error) {
                            try? database.finishRun(runID, summary: summary)
                            let _: Void = try storing(document) { throw failure }
                        }
                        try fail(Diagnostic.error("could not store the document: \(error)", file: document.origin.path,
                                                  line: document.origin.line))
                        continue
                    }
                    summary.statements += group[offset].statements.count
                    summary.labels += processed[start + offset].labelCount
                    if document.metadata.date == nil { undated += 1 }
                }
                start = end
            }
            return true
        }

        // A pipeline three batches deep: while the workers extract and classify batch k, this thread
        // stores batch k-1 (the one writer) and reads batch k+1. Extraction never waits for SQLite, and
        // memory stays bounded by three batches whatever the input's size.
        var current = try readBatch()
        var inFlight = startProcessing(current.map(\.document))
        defer { inFlight.wait() }
        while true {
            if stopRequested.isSet {
                interrupted = true
                break
            }
            let next = exhausted || strictFailure != nil ? [] : try readBatch()
            let processed = inFlight.results()
            inFlight = startProcessing(next.map(\.document))
            if try !store(current, processed) {
                interrupted = true
                break
            }
            onProgress(IngestProgress(documents: summary.documentsRead, bytes: summary.bytes, totalBytes: totalBytes,
                                      seconds: elapsed()))
            if let strictFailure {
                // What was read before the bad document's batch is stored; the rest of its batch is not.
                try fail(strictFailure)
            }
            if next.isEmpty && (exhausted || strictFailure != nil) { break }
            current = next
        }
        try storing(nil) { try database.finishRun(runID, summary: summary) }
        return report()
    }

    /// A document's origin as diagnostics name it (`<stdin>` for `-`).
    static func displayPath(_ origin: DocumentOrigin) -> String {
        origin.path == "-" ? DocumentReader.standardInputName : origin.path
    }

    /// Extracts and classifies a batch on `options.jobs` workers; results keep the input order.
    func process(_ documents: [SourceDocument]) -> [ProcessedDocument] {
        startProcessing(documents).results()
    }

    /// Starts extracting and classifying a batch on `options.jobs` workers in the background.
    func startProcessing(_ documents: [SourceDocument]) -> BackgroundBatch<ProcessedDocument> {
        let processor = self.processor
        return BackgroundBatch(count: documents.count, jobs: options.jobs) { index in processor.process(documents[index]) }
    }
}

/// Work on a batch running on background workers while the caller does something else (stores the
/// previous batch). Workers take items one at a time from a shared counter, so a long item does not
/// leave the others idle; each result goes to its item's slot, so results keep the input order.
final class BackgroundBatch<Output: Sendable>: @unchecked Sendable {
    // `next` is guarded by the lock; slots are written once each and read after `group` completes.
    private let group = DispatchGroup()
    private let slots: ResultSlots<Output>
    private let count: Int
    private var next = 0
    private let lock = NSLock()

    init(count: Int, jobs: Int, work: @escaping @Sendable (Int) -> Output) {
        self.count = count
        slots = ResultSlots(count: count)
        for _ in 0..<min(max(1, jobs), count) {
            DispatchQueue.global().async(group: group) { [self] in
                while let index = nextIndex() { slots.set(index, work(index)) }
            }
        }
    }

    private func nextIndex() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func wait() { group.wait() }

    /// Waits for the batch and returns its results in input order.
    func results() -> [Output] {
        group.wait()
        return slots.values
    }
}

/// A flag a signal handler can set and workers can read.
public final class StopFlag: @unchecked Sendable {
    // A plain word written once from a signal handler; readers poll it between documents.
    private let storage = UnsafeMutablePointer<Int32>.allocate(capacity: 1)

    public init() { storage.initialize(to: 0) }
    deinit { storage.deallocate() }

    public func set() { storage.pointee = 1 }
    public var isSet: Bool { storage.pointee != 0 }
    /// For C signal handlers, which cannot capture context.
    public var pointer: UnsafeMutablePointer<Int32> { storage }
}

/// Fixed slots filled by parallel workers, each writing only its own indices.
final class ResultSlots<Value>: @unchecked Sendable {
    // Each index is written by exactly one worker and read only after all workers finish.
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Value] { slots.map { $0! } }
}
