import StanceModel
import StanceRules
import StanceStore

/// Builds a database of `labels` labels quickly, for timing reports: documents with classified
/// statements made up directly (no extraction), stored through the store's ingest API. Shapes follow
/// an archive: 15 years of dates, a few countries speaking most, dictionary people with their roles,
/// unnamed officials, countries speaking as themselves, several labels per statement.
struct LabelDatabaseBuilder {
    let generator: CorpusGenerator
    let rules: RuleSet
    let seed: UInt64

    struct Result {
        var documents: Int
        var statements: Int
        var labels: Int
        var seconds: Double
    }

    func build(into database: StanceDatabase, labels wanted: Int) throws -> Result {
        let rulesetID = try database.registerRuleset(version: rules.version, ruleCount: rules.rules.count)
        let runID = try database.beginRun(command: "stance-benchmark labels", rulesetID: rulesetID)
        let started = Clock.now()
        var random = SeededRandom(seed: seed ^ 0x1AB5)
        var documents = 0, statements = 0, labels = 0
        var batch: [DocumentToStore] = []
        let ruleChoices = rules.rules.map { ($0.id, $0.stance, $0.polarity) }
        while labels < wanted {
            let (item, labelCount) = document(documents, ruleChoices: ruleChoices, &random)
            documents += 1
            statements += item.statements.count
            labels += labelCount
            batch.append(item)
            if batch.count == 256 {
                try flush(&batch, database: database, rulesetID: rulesetID, runID: runID)
            }
        }
        try flush(&batch, database: database, rulesetID: rulesetID, runID: runID)
        var summary = RunSummary()
        summary.documentsRead = documents
        summary.documentsNew = documents
        summary.statements = statements
        summary.labels = labels
        try database.finishRun(runID, summary: summary)
        return Result(documents: documents, statements: statements, labels: labels, seconds: Clock.since(started))
    }

    private func flush(_ batch: inout [DocumentToStore], database: StanceDatabase, rulesetID: Int64, runID: Int64) throws {
        for result in database.store(batch, rulesetID: rulesetID, runID: runID) {
            if case .failure(let error) = result { throw error }
        }
        batch.removeAll(keepingCapacity: true)
    }

    private func document(_ index: Int, ruleChoices: [(String, Stance, Polarity)], _ random: inout SeededRandom)
        -> (DocumentToStore, Int)
    {
        let year = CorpusGenerator.firstYear + random.below(CorpusGenerator.lastYear - CorpusGenerator.firstYear + 1)
        let day = Day(year: year, month: 1 + random.below(12), day: 1 + random.below(28))!
        let target = random.pick(generator.targets)
        var text = ""
        var offset = 0
        var statements: [ClassifiedStatement] = []
        var labelCount = 0
        func append(_ sentence: String) -> TextSpan {
            let length = sentence.unicodeScalars.count
            let span = TextSpan(start: offset, end: offset + length)
            text += sentence + " "
            offset += length + 1
            return span
        }
        _ = append("Report \(index) from \(CorpusGenerator.months[day.month - 1]) \(day.day), \(year).")
        for ordinal in 0..<(6 + random.below(8)) {
            let speaker = speaker(year: year, &random)
            let content = CorpusGenerator.sentenceCase(generator.content(target: target, &random))
            let who = speaker.mention ?? speaker.actor
            let contentLength = content.unicodeScalars.count
            let span = append("“\(content),” \(who) said.")
            let contentSpan = TextSpan(start: span.start + 1, end: span.start + 1 + contentLength)
            var labels: [Label] = []
            for _ in 0..<(1 + random.below(2)) {
                let (rule, stance, polarity) = random.pick(ruleChoices)
                let end = min(contentSpan.end, contentSpan.start + 12 + random.below(max(1, contentLength - 12)))
                labels.append(
                    Label(
                        stance: stance, polarity: polarity, target: random.chance(0.85) ? target.code : nil,
                        span: TextSpan(start: contentSpan.start, end: max(contentSpan.start, end)), rule: rule))
            }
            labelCount += labels.count
            statements.append(
                ClassifiedStatement(
                    statement: Statement(
                        ordinal: ordinal, kind: .quote, cue: "say", cueSpan: nil, span: span, content: [contentSpan],
                        speaker: speaker),
                    labels: labels))
        }
        let document = SourceDocument(
            metadata: DocumentMetadata(
                id: "labels-\(index)", date: day, source: random.pick(CorpusGenerator.sources),
                url: "https://news.example/labels/\(index)", title: "Report \(index)"),
            text: text, origin: DocumentOrigin(path: "labels.jsonl", line: index + 1))
        return (DocumentToStore(document: document, contentHash: "labels-\(seed)-\(index)", statements: statements),
                labelCount)
    }

    private func speaker(year: Int, _ random: inout SeededRandom) -> Speaker {
        let known = generator.peopleByYear[year - CorpusGenerator.firstYear]
        let roll = random.below(10)
        switch roll < 4 && known.isEmpty ? 4 + random.below(6) : roll {
        case 0, 1, 2, 3:
            // Lavrov often, so that `actor Lavrov` has a long record, as a foreign minister's would.
            let person =
                random.chance(0.05) ? (known.first { $0.name == "Sergei Lavrov" } ?? random.pick(known)) : random.pick(known)
            return Speaker(
                mention: person.name, mentionSpan: nil, actor: person.name, actorKey: person.name, kind: .person,
                role: person.title, country: person.country.code, resolution: .dictionary)
        case 4, 5, 6:
            let person = random.pick(generator.inventedPeople)
            return Speaker(
                mention: "\(person.country.name)'s \(person.title) \(person.name)", mentionSpan: nil, actor: person.name,
                kind: .person, role: person.title, country: person.country.code, resolution: .title)
        case 7:
            let country = generator.country(&random)
            return Speaker(
                mention: country.name, mentionSpan: nil, actor: country.name, actorKey: country.code.rawValue,
                kind: .country, country: country.code, resolution: .dictionary)
        case 8:
            let country = generator.country(&random)
            return Speaker(
                mention: "\(country.name)'s foreign ministry", mentionSpan: nil,
                actor: "\(country.name) Foreign Ministry", kind: .body, country: country.code, resolution: .body)
        default:
            let country = generator.country(&random)
            return Speaker(
                mention: "\(generator.adjective(country)) officials", mentionSpan: nil,
                actor: "\(generator.adjective(country)) officials", kind: .generic, country: country.code,
                resolution: .generic)
        }
    }
}
