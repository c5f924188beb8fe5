import Dispatch
import StanceModel
import StanceRules
import StanceStore

/// What a reclassification did.
public struct ReclassifyReport: Sendable {
    public var changes: LabelChanges
    public var documents: Int
    public var seconds: Double
    public var rulesetVersion: String

    public var statementsPerSecond: Double { seconds > 0 ? Double(changes.statementsSeen) / seconds : 0 }
}

/// Re-runs the current rules over stored statements without re-reading sources: the stored document
/// text and each statement's spans and speaker are all the rules need.
public struct Reclassifier: Sendable {
    public let database: StanceDatabase
    public let processor: DocumentProcessor
    public let jobs: Int

    public init(database: StanceDatabase, processor: DocumentProcessor, jobs: Int) {
        self.database = database
        self.processor = processor
        self.jobs = max(1, jobs)
    }

    public func run(onProgress: (Int) -> Void = { _ in }) throws -> ReclassifyReport {
        let started = DispatchTime.now()
        let rules = processor.rules
        var changes = LabelChanges()
        var documents = 0
        do {
            let rulesetID = try database.registerRuleset(version: rules.version, ruleCount: rules.rules.count)
            // While the workers classify batch k, this thread writes batch k-1 and reads batch k+1.
            var pending: (count: Int, work: BackgroundBatch<ReclassifiedDocument>)?
            defer { pending?.work.wait() }
            func write(_ batch: (count: Int, work: BackgroundBatch<ReclassifiedDocument>)) throws {
                changes.merge(try database.replaceLabels(batch.work.results(), rulesetID: rulesetID))
                documents += batch.count
                onProgress(documents)
            }
            try database.forEachReclassifyBatch { batch in
                let previous = pending
                pending = (batch.count, startClassifying(batch))
                if let previous { try write(previous) }
            }
            if let last = pending {
                pending = nil
                try write(last)
            }
        } catch {
            // A full disk or a damaged file, said plainly; each batch is one transaction, so the
            // documents done so far have their new labels and the rest their old ones.
            throw database.storageFailure(error) ?? error
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return ReclassifyReport(changes: changes, documents: documents, seconds: seconds, rulesetVersion: rules.version)
    }

    func classify(_ batch: [ReclassifyDocument]) -> [ReclassifiedDocument] {
        startClassifying(batch).results()
    }

    /// Starts classifying a batch on `jobs` workers in the background; results keep the input order.
    func startClassifying(_ batch: [ReclassifyDocument]) -> BackgroundBatch<ReclassifiedDocument> {
        let processor = self.processor
        return BackgroundBatch(count: batch.count, jobs: jobs) { index in
            let document = batch[index]
            return ReclassifiedDocument(
                document: document,
                labels: processor.classify(
                    contents: document.statements.map(\.content), speakers: document.statements.map(\.country),
                    text: document.text, date: document.metadata.date))
        }
    }
}
