import StanceModel
import StanceRules
import StanceText

/// A document after the text and rules stages, ready to store.
public struct ProcessedDocument: Sendable {
    public var document: SourceDocument
    public var statements: [ClassifiedStatement]
    /// Paragraphs removed as boilerplate before extraction.
    public var boilerplateParagraphs: Int

    public var labelCount: Int { statements.reduce(0) { $0 + $1.labels.count } }
}

/// Runs one document through the pipeline's pure stages: boilerplate removal, segmentation,
/// statement extraction and attribution, classification. Value in, value out: safe to run on many
/// documents in parallel.
public struct DocumentProcessor: Sendable {
    public let rules: RuleSet
    public let extractor: StatementExtractor

    public init(rules: RuleSet) throws {
        self.rules = rules
        let boilerplate = try BoilerplateFilter(lines: rules.boilerplateLines, cuts: rules.boilerplateCuts)
        self.extractor = StatementExtractor(lexicon: rules.lexicon, boilerplate: boilerplate)
    }

    public func process(_ document: SourceDocument) -> ProcessedDocument {
        let analysis = extractor.analyze(text: document.text, date: document.metadata.date)
        let context = ClassificationContext(text: analysis.text, tokens: analysis.tokens,
                                            date: document.metadata.date, rules: rules)
        var classifier = DocumentClassifier(rules: rules, context: context)
        var labels = analysis.statements.map { classifier.labels(of: $0) }
        Self.dropRepeatedLabels(&labels, speakers: analysis.statements.map(\.speaker.country))
        var statements = zip(analysis.statements, labels).map { ClassifiedStatement(statement: $0, labels: $1) }
        // An actor as a subject makes a statement only when it takes a position the rules recognise
        // ("Japan supports new sanctions"); otherwise it is the journalist's narration of facts
        // ("North Korea conducted two nuclear tests") and stays out.
        statements.removeAll { $0.statement.kind == .position && $0.labels.isEmpty }
        return ProcessedDocument(document: document, statements: statements,
                                 boilerplateParagraphs: analysis.boilerplateParagraphs)
    }

    /// Classifies a document's statements again from its text, as `process` would.
    public func classify(_ statements: [Statement], text: String, date: Day?) -> [[Label]] {
        classify(contents: statements.map(\.content), speakers: statements.map(\.speaker.country), text: text, date: date)
    }

    /// The same for statements known by all the rules read of them (for `stance reclassify`): each one's
    /// content spans and its speaker's country.
    public func classify(contents: [[TextSpan]], speakers: [CountryCode?], text: String, date: Day?) -> [[Label]] {
        let context = ClassificationContext(text: text, date: date, rules: rules)
        var classifier = DocumentClassifier(rules: rules, context: context)
        var labels = zip(contents, speakers).map { classifier.labels(content: $0, speaker: $1) }
        Self.dropRepeatedLabels(&labels, speakers: speakers)
        return labels
    }

    /// The same words reported twice for the same country (a speaker's statement and the group it
    /// speaks for, or a quote and its paraphrase in one sentence) give one label, not two: a later label
    /// with the same country, stance and polarity whose span overlaps an earlier one is dropped.
    /// `labels[i]` are the labels of a statement whose speaker's country is `speakers[i]`.
    static func dropRepeatedLabels(_ labels: inout [[Label]], speakers: [CountryCode?]) {
        struct Key: Hashable {
            var country: CountryCode?
            var stance: Stance
            var polarity: Polarity
        }
        var seen: [Key: SpanSet] = [:]
        for index in labels.indices where !labels[index].isEmpty {
            let country = speakers[index]
            labels[index].removeAll { label in
                let key = Key(country: country, stance: label.stance, polarity: label.polarity)
                if seen[key, default: SpanSet()].overlaps(label.span) { return true }
                seen[key, default: SpanSet()].insert(label.span)
                return false
            }
        }
    }
}

/// Spans kept in start order with the running maximum of their ends, so "does any span overlap this
/// one" is a binary search: a document of several megabytes has tens of thousands of labels, and
/// comparing each with every earlier one took minutes. Spans arrive mostly in text order, so an
/// insertion is usually an append.
struct SpanSet {
    private var starts: [Int] = []
    private var maxEnds: [Int] = []

    /// Some span `s` with `s.start < span.end && span.start < s.end` (`TextSpan.overlaps`).
    func overlaps(_ span: TextSpan) -> Bool {
        let count = firstIndex(withStartAtLeast: span.end)
        return count > 0 && maxEnds[count - 1] > span.start
    }

    mutating func insert(_ span: TextSpan) {
        let position = firstIndex(withStartAtLeast: span.start + 1)
        let before = position > 0 ? maxEnds[position - 1] : Int.min
        starts.insert(span.start, at: position)
        maxEnds.insert(max(before, span.end), at: position)
        var index = position + 1
        while index < maxEnds.count, maxEnds[index] < span.end {
            maxEnds[index] = span.end
            index += 1
        }
    }

    private func firstIndex(withStartAtLeast value: Int) -> Int {
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
