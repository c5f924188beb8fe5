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
            try database.forEachReclassifyBatch { batch in
                let labelled = classify(batch)
                changes.merge(try database.replaceLabels(labelled, rulesetID: rulesetID))
                documents += batch.count
                onProgress(documents)
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
        let processor = self.processor
        let work: @Sendable (ReclassifyDocument) -> ReclassifiedDocument = { document in
            ReclassifiedDocument(
                document: document,
                labels: processor.classify(document.statements.map(\.statement), text: document.text,
                                           date: document.metadata.date))
        }
        let workers = min(jobs, batch.count)
        guard workers > 1 else { return batch.map(work) }
        let results = ResultSlots<ReclassifiedDocument>(count: batch.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: batch.count, by: workers) { results.set(index, work(batch[index])) }
        }
        return results.values
    }
}
