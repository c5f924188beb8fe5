import StanceModel
import StanceText

/// A document as the classifier needs it: its text, tokens, date and the country mentions in it.
///
/// Build one per document and classify each of its statements in it; the country mentions (and the
/// counts that pick the document's focus country) are found once.
public struct ClassificationContext: Sendable {
    public let text: ScalarText
    public let tokens: [Token]
    public let date: Day?
    public let lexicon: ActorLexicon
    /// Every country mention in the document, left to right.
    public let mentions: [CountryMention]
    /// Countries by how often the document mentions them (most first; ties by first mention).
    public let countriesByMentions: [CountryCode]
    /// The same, countries first and international bodies (UN, EU ...) after them: bodies are more
    /// often where things are said than whom they are said to.
    let focusOrder: [CountryCode]
    /// International bodies (UN, EU ...), which name who acts more often than whom it is aimed at.
    let bodies: Set<CountryCode>

    public init(text: ScalarText, tokens: [Token], date: Day?, lexicon: ActorLexicon) {
        self.init(
            text: text, tokens: tokens, date: date, lexicon: lexicon,
            mentions: lexicon.countryMentions(in: tokens, range: 0..<tokens.count),
            bodies: lexicon.dictionary.internationalBodyCodes)
    }

    /// A context for `rules`, with the international bodies the rule set worked out once.
    public init(text: ScalarText, tokens: [Token], date: Day?, rules: RuleSet) {
        self.init(
            text: text, tokens: tokens, date: date, lexicon: rules.lexicon,
            mentions: rules.lexicon.countryMentions(in: tokens, range: 0..<tokens.count), bodies: rules.bodies)
    }

    /// Tokenizes `text` itself.
    public init(text: String, date: Day?, rules: RuleSet) {
        let scalars = ScalarText(text)
        self.init(text: scalars, tokens: Tokenizer.tokenize(scalars), date: date, rules: rules)
    }

    private init(
        text: ScalarText, tokens: [Token], date: Day?, lexicon: ActorLexicon, mentions: [CountryMention],
        bodies: Set<CountryCode>
    ) {
        self.text = text
        self.tokens = tokens
        self.date = date
        self.lexicon = lexicon
        self.mentions = mentions
        // A document names a handful of countries: a list searched in order of first mention is
        // cheaper than hashing every mention's code.
        var codes: [CountryCode] = []
        var counts: [Int] = []
        for mention in mentions {
            if let known = codes.firstIndex(of: mention.code) {
                counts[known] += 1
            } else {
                codes.append(mention.code)
                counts.append(1)
            }
        }
        countriesByMentions = codes.indices.sorted { a, b in counts[a] != counts[b] ? counts[a] > counts[b] : a < b }
            .map { codes[$0] }
        self.bodies = bodies
        focusOrder = countriesByMentions.filter { !bodies.contains($0) } + countriesByMentions.filter { bodies.contains($0) }
    }

    /// Tokenizes `text` itself.
    public init(text: String, date: Day?, lexicon: ActorLexicon) {
        let scalars = ScalarText(text)
        self.init(text: scalars, tokens: Tokenizer.tokenize(scalars), date: date, lexicon: lexicon)
    }

    /// The country a statement is most likely about: the most mentioned one that isn't the speaker's,
    /// preferring countries to international bodies (the UN is usually where things are said, not to whom).
    public func focusCountry(excluding speaker: CountryCode?) -> CountryCode? {
        focusOrder.first { $0 != speaker }
    }

    /// The text of a span, built straight from its scalars (`ScalarText`'s subscript appends scalar by
    /// scalar, which shows in profiles when every label records the words it matched).
    func string(_ span: TextSpan) -> String {
        let lower = max(0, span.start)
        let upper = min(text.count, span.end)
        guard lower < upper else { return "" }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(upper - lower)
        for scalar in text.scalars[lower..<upper] {
            if scalar.value < 0x80 {
                utf8.append(UInt8(scalar.value))
            } else {
                utf8.append(contentsOf: UTF8.encode(scalar)!)
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Token indices whose tokens lie in `span` (by binary search on token starts).
    func tokenRange(of span: TextSpan) -> Range<Int> {
        func firstStart(atLeast offset: Int) -> Int {
            var low = 0
            var high = tokens.count
            while low < high {
                let mid = (low + high) >> 1
                if tokens[mid].start < offset { low = mid + 1 } else { high = mid }
            }
            return low
        }
        let lower = firstStart(atLeast: span.start)
        return lower..<max(lower, firstStart(atLeast: span.end))
    }

    /// Index of the first mention starting at or after token `index`.
    func firstMention(from index: Int) -> Int {
        var low = 0
        var high = mentions.count
        while low < high {
            let mid = (low + high) >> 1
            if mentions[mid].tokens.lowerBound < index { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

/// Labels a statement would get, and those its rules matched but withheld (with the reason in the
/// label's decisions), for `stance explain`.
public struct Classification: Sendable {
    public var labels: [Label]
    public var withheld: [Label]
}

/// Buffers that classification reuses from one sentence to the next, so that a sentence costs no
/// allocations unless a rule matches in it. One per thread: make one per batch of statements.
struct ClassificationScratch {
    var positions: [Int] = []
    var input = Matcher.Input(ids: [], mentionEnd: [], pronounEnd: [], hardStop: [])
    var mentionAt: [Int32] = []
    var matcher = Matcher.Scratch()
}

/// Classifies the statements of one document one after another, reusing its buffers from sentence
/// to sentence: `RuleSet.classify` without the allocations, for a document's worth of statements.
public struct DocumentClassifier {
    public let rules: RuleSet
    public let context: ClassificationContext
    private var scratch = ClassificationScratch()

    public init(rules: RuleSet, context: ClassificationContext) {
        self.rules = rules
        self.context = context
    }

    /// The stance labels of a statement: at most one per stance and polarity in each sentence of its content.
    public mutating func labels(of statement: Statement) -> [Label] {
        labels(content: statement.content, speaker: statement.speaker.country)
    }

    /// The same for a statement known by all the rules read of it: its content and its speaker's country.
    public mutating func labels(content: [TextSpan], speaker: CountryCode?) -> [Label] {
        var labels: [Label] = []
        for unit in rules.units(of: content, in: context) {
            let candidates = rules.classify(unit: unit, speaker: speaker, in: context, &scratch)
            guard !candidates.isEmpty else { continue }
            labels += RuleSet.deduplicated(candidates.filter(\.kept).map(\.label))
        }
        return labels
    }
}

extension RuleSet {
    /// The stance labels of a statement: at most one per stance and polarity in each sentence of its content.
    public func classify(_ statement: Statement, in context: ClassificationContext) -> [Label] {
        var classifier = DocumentClassifier(rules: self, context: context)
        return classifier.labels(of: statement)
    }

    /// Like `classify`, also returning the matches that were withheld and why.
    public func explain(_ statement: Statement, in context: ClassificationContext) -> Classification {
        var result = Classification(labels: [], withheld: [])
        var scratch = ClassificationScratch()
        for unit in units(of: statement.content, in: context) {
            let candidates = classify(unit: unit, speaker: statement.speaker.country, in: context, &scratch)
            result.labels += Self.deduplicated(candidates.filter(\.kept).map(\.label))
            result.withheld += candidates.filter { !$0.kept }.map(\.label)
        }
        return result
    }

    /// The sentences of a statement's content, as token ranges.
    func units(of content: [TextSpan], in context: ClassificationContext) -> [Range<Int>] {
        var units: [Range<Int>] = []
        for span in content {
            let range = context.tokenRange(of: span)
            guard !range.isEmpty else { continue }
            // Most content is one sentence: only segment what could hold a sentence end.
            // (A word whose last byte is a period may still not end in the character "." when a
            // combining mark precedes it; the segmenter then finds no end there, so asking is only slower.)
            let couldEnd = context.tokens[range].contains { token in
                switch token.kind {
                case .lineBreak: true
                case .punctuation: token.text == "." || token.text == "!" || token.text == "?" || token.text == "…"
                case .word: token.text.utf8.last == UInt8(ascii: ".")
                case .number, .quote: false
                }
            }
            if couldEnd {
                units += Segmenter.sentences(context.tokens, in: range)
            } else {
                units.append(range)
            }
        }
        return units
    }

    /// One label per (stance, polarity): the most confident, then the earliest match.
    static func deduplicated(_ labels: [Label]) -> [Label] {
        struct Key: Hashable {
            var stance: Stance
            var polarity: Polarity
        }
        guard labels.count > 1 else { return labels }
        var best: [Key: Label] = [:]
        var order: [Key] = []
        for label in labels {
            let key = Key(stance: label.stance, polarity: label.polarity)
            if let existing = best[key] {
                if label.confidence > existing.confidence { best[key] = label }
            } else {
                best[key] = label
                order.append(key)
            }
        }
        return order.compactMap { best[$0] }
    }

    /// Words that tie a match to the country after it ("pressure on", "sanctions against").
    static let linkingPrepositions: Set<String> = [
        "on", "against", "to", "toward", "towards", "at", "over", "of", "for", "with", "from", "in", "upon", "into",
    ]

    /// The engine lists' matches in a sentence, by list (an array indexed by the list's case).
    struct Cues {
        private var lists = Array(repeating: [Matcher.Match](), count: EngineList.allCases.count)

        subscript(list: EngineList) -> [Matcher.Match] { lists[list.ordinal] }

        mutating func append(_ match: Matcher.Match, to list: EngineList) { lists[list.ordinal].append(match) }
    }

    struct Candidate {
        var label: Label
        var kept: Bool
        /// Where the rule's match was, in match positions.
        var start: Int
        var end: Int
        /// For the goal of a purpose clause, where its marker starts ("in order to").
        var goalMarker: Int? = nil
    }

    /// Every rule match in one sentence, with negation, scope and target decided.
    func classify(
        unit: Range<Int>, speaker: CountryCode?, in context: ClassificationContext, _ scratch: inout ClassificationScratch
    ) -> [Candidate] {
        let tokens = context.tokens
        // The tokens the matcher sees: quotation marks and brackets are transparent.
        scratch.positions.removeAll(keepingCapacity: true)
        for index in unit {
            // Read fields in place: copying a Token copies (and retains) its text.
            switch tokens[index].kind {
            case .quote, .lineBreak: continue
            case .punctuation:
                let text = tokens[index].text
                if text == "(" || text == ")" || text == "[" || text == "]" { continue }
            default: break
            }
            scratch.positions.append(index)
        }
        guard !scratch.positions.isEmpty else { return [] }
        let count = scratch.positions.count
        scratch.input.ids.removeAll(keepingCapacity: true)
        scratch.input.hardStop.removeAll(keepingCapacity: true)
        for index in scratch.positions {
            let id = matcher.id(of: tokens[index])
            scratch.input.ids.append(id)
            scratch.input.hardStop.append(id == matcher.semicolonID)
        }
        scratch.input.mentionEnd.removeAll(keepingCapacity: true)
        scratch.input.mentionEnd.append(contentsOf: repeatElement(0, count: count))
        scratch.input.pronounEnd.removeAll(keepingCapacity: true)
        scratch.input.pronounEnd.append(contentsOf: repeatElement(0, count: count))
        // Country mentions mapped from token indices to match positions: for each position, the index
        // in `context.mentions` of the mention starting there (-1: none), and in `input` where it ends.
        scratch.mentionAt.removeAll(keepingCapacity: true)
        scratch.mentionAt.append(contentsOf: repeatElement(-1, count: count))
        var mentionIndex = context.firstMention(from: unit.lowerBound)
        var p = 0
        while mentionIndex < context.mentions.count, context.mentions[mentionIndex].tokens.lowerBound < unit.upperBound {
            let mention = context.mentions[mentionIndex]
            mentionIndex += 1
            while p < count, scratch.positions[p] < mention.tokens.lowerBound { p += 1 }
            guard p < count, scratch.positions[p] == mention.tokens.lowerBound, mention.tokens.upperBound <= unit.upperBound
            else {
                continue
            }
            var end = p
            while end < count, scratch.positions[end] < mention.tokens.upperBound { end += 1 }
            scratch.input.mentionEnd[p] = Int32(end)
            scratch.mentionAt[p] = Int32(mentionIndex - 1)
        }

        let matches = matcher.run(&scratch.input, &scratch.matcher)
        guard matches.contains(where: { if case .rule = matcher.owner(of: $0) { true } else { false } }) else { return [] }
        // From here on a rule matched (in a minority of sentences): plain copies for the closures below.
        let positions = scratch.positions
        let input = scratch.input
        let mentionAt = scratch.mentionAt
        func code(at position: Int) -> CountryCode? {
            mentionAt[position] >= 0 ? context.mentions[Int(mentionAt[position])].code : nil
        }
        var cues = Cues()
        var excludes: [Int: [Matcher.Match]] = [:]
        var ruleMatches: [(rule: Int, pattern: Int, match: Matcher.Match)] = []
        for match in matches {
            switch matcher.owner(of: match) {
            case .rule(let rule, let pattern): ruleMatches.append((rule, pattern, match))
            case .exclude(let rule): excludes[rule, default: []].append(match)
            case .engine(let list): cues.append(match, to: list)
            }
        }
        // A negator inside an exception ("not only", "no alternative to") negates nothing.
        let exceptions = cues[.negationExceptions]
        let negators = cues[.negators].filter { negator in
            !exceptions.contains { $0.start <= negator.start && negator.end <= $0.end }
        }
        let rejections = cues[.rejections].filter { rejection in
            !exceptions.contains { $0.start <= rejection.start && rejection.end <= $0.end }
        }

        // Where clauses break, for the reach of negation.
        var breaks = Array(repeating: false, count: count)
        for position in 0..<count where tokens[positions[position]].kind == .punctuation {
            switch tokens[positions[position]].text {
            case ",", ";", ":", "—", "-", "–": breaks[position] = true
            default: break
            }
        }
        for cue in cues[.clauseBreaks] { breaks[cue.start] = true }
        func clauseStart(before position: Int) -> Int {
            var k = position - 1
            while k >= 0, !breaks[k] { k -= 1 }
            return k + 1
        }
        func strongBreak(between from: Int, and to: Int) -> Bool {
            guard from < to else { return false }
            for k in from..<to {
                let text = tokens[positions[k]].text
                if text == ";" || text == ":" { return true }
                if cues[.clauseBreaks].contains(where: { $0.start == k }) { return true }
            }
            return false
        }

        let lastToken = tokens[positions[count - 1]]
        let isQuestion = lastToken.text == "?"
        let unitSpan = TextSpan(start: tokens[positions[0]].start, end: tokens[positions[count - 1]].end)
        func span(_ from: Int, _ to: Int) -> TextSpan {
            TextSpan(start: tokens[positions[from]].start, end: tokens[positions[max(from, to - 1)]].end)
        }
        func words(_ from: Int, _ to: Int) -> String {
            context.string(span(from, to))
        }

        /// Whether a scope marker governs a match: it comes first, and nothing between them ends its
        /// reach (a semicolon or colon; a comma too for markers that govern only their clause).
        func reaches(_ marker: Matcher.Match, _ match: Matcher.Match, acrossCommas: Bool) -> Bool {
            // The marker may end inside the match ("since the army started | started exercises").
            guard marker.start < match.start else { return false }
            for k in min(marker.end, match.start)..<match.start {
                let text = tokens[positions[k]].text
                if text == ";" || text == ":" || (!acrossCommas && (text == "," || text == "—")) { return false }
            }
            return true
        }

        func isBody(at position: Int) -> Bool { code(at: position).map { context.bodies.contains($0) } ?? false }
        /// A country named inside the match, or right after it behind a preposition ("sanctions against Russia").
        /// A body inside the match is who acts, not whom it is aimed at ("reimpose UN sanctions on Iran");
        /// so is the speaker's own country skipped by a gap of a supporting match ("warned that Moscow
        /// would respond"), since nobody backs pressure on itself.
        func nearMention(_ match: Matcher.Match, skippingInGaps own: CountryCode?) -> Int? {
            if let inside = (match.start..<match.end).first(where: {
                mentionAt[$0] >= 0 && !isBody(at: $0) && !(own != nil && code(at: $0) == own && !match.words.contains(Int32($0)))
            }) { return inside }
            var position = match.end
            if position < count, Self.linkingPrepositions.contains(tokens[positions[position]].text) { position += 1 }
            if position < count, tokens[positions[position]].text == "the" { position += 1 }
            if position < count && mentionAt[position] >= 0 { return position }
            return (match.start..<match.end).first(where: { mentionAt[$0] >= 0 && isBody(at: $0) })
        }

        /// Whether the speaker's country is named in a coordination ending at `position` ("Russia and
        /// China vetoed ...", said Russia): the group's position is the speaker's too.
        func coordinated(withSpeaker speaker: CountryCode?, before position: Int) -> Bool {
            guard let speaker else { return false }
            var end = position
            while true {
                var k = end - 1
                var joined = false
                while k >= 0, ["and", ",", "the", "&"].contains(tokens[positions[k]].text) {
                    joined = joined || tokens[positions[k]].text != "the"
                    k -= 1
                }
                guard joined, k >= 0,
                    let start = (max(0, k - 5)...k).first(where: { mentionAt[$0] >= 0 && Int(input.mentionEnd[$0]) == k + 1 })
                else { return false }
                if code(at: start) == speaker { return true }
                end = start
            }
        }

        var candidates: [Candidate] = []
        for (ruleIndex, patternIndex, match) in ruleMatches {
            let rule = matcher.rules[ruleIndex]
            guard rule.conditions.acceptsSpeaker(speaker) else { continue }
            var polarity = rule.polarity
            var confidence = rule.confidence
            var kept = true
            var decisions: [Decision] = []
            let matchedText = match.words.isEmpty ? words(match.start, match.end) : words(Int(match.words.first!), Int(match.words.last!) + 1)
            decisions.append(
                Decision(
                    kind: .matched, detail: "pattern '\(rule.patterns[patternIndex])' matched '\(matchedText)'",
                    span: span(match.start, match.end)))

            if let exclusion = excludes[ruleIndex]?.first(where: { $0.start < match.end && match.start < $0.end }) {
                decisions.append(
                    Decision(kind: .blocked, detail: "excluded by '\(words(exclusion.start, exclusion.end))'", span: span(exclusion.start, exclusion.end)))
                kept = false
            }

            // Negation: before the match in its clause, inside its gaps, and negative predicates after it.
            var negations: [(String, TextSpan)] = []
            if rule.negation != .ignore {
                let clause = clauseStart(before: match.start)
                let matchedWords = match.words  // a few positions: a linear search beats building a set
                for negator in negators {
                    let before = negator.end <= match.start && negator.start >= max(clause, match.start - 6)
                    let inside = negator.start >= match.start && negator.end <= match.end
                        && !(negator.start..<negator.end).contains { matchedWords.contains(Int32($0)) }
                    if before || inside { negations.append((words(negator.start, negator.end), span(negator.start, negator.end))) }
                }
                var rejected = false
                for rejection in rejections {
                    // A sentence adverbial ("Contrary to any logic, ...") governs the whole sentence.
                    let adverbial = rejection.start == 0 && rejection.end < count && tokens[positions[rejection.end]].text == ","
                    let before = rejection.end <= match.start && (rejection.start >= max(clause, match.start - 6) || adverbial)
                    let inside = rejection.start >= match.start && rejection.end <= match.end
                        && !(rejection.start..<rejection.end).contains { matchedWords.contains(Int32($0)) }
                    if before || inside {
                        negations.append((words(rejection.start, rejection.end), span(rejection.start, rejection.end)))
                        rejected = true
                    }
                }
                for predicate in cues[.negativePredicates] {
                    // "denounced X as unjust" is one judgment, not two that cancel.
                    if rejected && tokens[positions[predicate.start]].text == "as" { continue }
                    if predicate.start >= match.end, predicate.start <= match.end + 12,
                        !strongBreak(between: match.end, and: predicate.start)
                    {
                        negations.append((words(predicate.start, predicate.end), span(predicate.start, predicate.end)))
                    }
                }
                // Overlapping cues ("refuse" inside "refused to") count once.
                var distinct: [(String, TextSpan)] = []
                for negation in negations where !distinct.contains(where: { $0.1.overlaps(negation.1) }) {
                    distinct.append(negation)
                }
                negations = distinct
            }
            if !negations.isEmpty {
                switch rule.negation {
                case .flip:
                    for (text, negationSpan) in negations {
                        polarity = polarity.flipped
                        decisions.append(Decision(kind: .negated, detail: "'\(text)' negates it: \(polarity)", span: negationSpan))
                    }
                case .block:
                    decisions.append(
                        Decision(kind: .blocked, detail: "'\(negations[0].0)' negates it and the rule says negation: block", span: negations[0].1))
                    kept = false
                case .ignore:
                    break
                }
            }

            // Scope: questions, hypotheticals, other parties' positions, goals of purpose clauses.
            if isQuestion && !rule.allowsQuestions {
                decisions.append(Decision(kind: .scoped, detail: "a question: no label unless the rule says questions: allow", span: unitSpan))
                kept = false
            }
            // A hypothetical governs what follows it in the sentence, and its subject right before it
            // ("the tougher measures could include ...").
            if let marker = cues[.hypotheticalMarkers].first(where: {
                reaches($0, match, acrossCommas: true) || ($0.start >= match.end && $0.start - match.end <= 1)
            }) {
                decisions.append(
                    Decision(kind: .scoped, detail: "hypothetical ('\(words(marker.start, marker.end))'): no label", span: span(marker.start, marker.end)))
                kept = false
            }
            if let marker = cues[.conditionalMarkers].first(where: { reaches($0, match, acrossCommas: false) }) {
                decisions.append(
                    Decision(kind: .scoped, detail: "inside a condition ('\(words(marker.start, marker.end))'): no label", span: span(marker.start, marker.end)))
                kept = false
            }
            if let marker = cues[.backgroundMarkers].first(where: { reaches($0, match, acrossCommas: false) }) {
                decisions.append(
                    Decision(kind: .scoped, detail: "background, not a position ('\(words(marker.start, marker.end))'): no label", span: span(marker.start, marker.end)))
                kept = false
            }
            // The marker may share its verb with the match ("North Korea wants talks", "Hamas rejected
            // the ceasefire"): what counts is that its party comes first.
            if let marker = cues[.reportedPositionMarkers].last(where: {
                $0.start < match.start && ($0.slot?.upperBound ?? $0.start + 1) <= match.start
            }) {
                let other = marker.slot.flatMap { code(at: $0.lowerBound) }
                if other == nil || (other != speaker && !(marker.slot.map { coordinated(withSpeaker: speaker, before: $0.lowerBound) } ?? false)) {
                    let whose = other.map { "\($0)'s" } ?? "another party's"
                    decisions.append(
                        Decision(
                            kind: .scoped, detail: "\(whose) position reported ('\(words(marker.start, marker.end))'), not the speaker's: no label",
                            span: span(marker.start, marker.end)))
                    kept = false
                }
            }
            let purpose = cues[.purposeMarkers].first(where: { $0.end <= match.start })
            if let marker = purpose {
                confidence = min(confidence, 0.5)
                decisions.append(
                    Decision(kind: .scoped, detail: "the goal of a purpose clause ('\(words(marker.start, marker.end))'): confidence \(confidence)", span: span(marker.start, marker.end)))
            }

            // Target.
            var target: CountryCode? = nil
            switch rule.target {
            case .fixed(let code):
                target = code
                decisions.append(Decision(kind: .target, detail: "\(code), fixed by the rule"))
            case .none:
                decisions.append(Decision(kind: .target, detail: "none, fixed by the rule"))
            case .fromText:
                if let slot = match.slot, !match.slotIsPronoun, let code = code(at: slot.lowerBound) {
                    target = code
                    decisions.append(Decision(kind: .target, detail: "\(code), named in the match ('\(words(slot.lowerBound, slot.upperBound))')", span: span(slot.lowerBound, slot.upperBound)))
                } else if let parties = cues[.allParties].first, rule.stance == .restraint || rule.stance == .dialogue {
                    decisions.append(Decision(kind: .target, detail: "none: addressed to '\(words(parties.start, parties.end))'", span: span(parties.start, parties.end)))
                } else if let slot = match.slot, match.slotIsPronoun {
                    target = context.focusCountry(excluding: speaker)
                    decisions.append(
                        Decision(
                            kind: .target, detail: "'\(words(slot.lowerBound, slot.upperBound))' taken as the document's focus country, \(target.map(\.rawValue) ?? "unknown")",
                            span: span(slot.lowerBound, slot.upperBound)))
                } else if let position = nearMention(
                    match, skippingInGaps: polarity == .support && (rule.stance == .pressure || rule.stance == .sanctions) ? speaker : nil)
                {
                    // A country named inside the match or right after it is what the match is about,
                    // even when it is the speaker's own ("sanctions against Russia", said Moscow).
                    target = code(at: position)
                    let end = Int(input.mentionEnd[position])
                    decisions.append(Decision(kind: .target, detail: "\(target!), named in or right after the match ('\(words(position, end))')", span: span(position, end)))
                } else if let position = (match.start..<count).first(where: { mentionAt[$0] >= 0 && code(at: $0) != speaker && !isBody(at: $0) })
                    ?? (match.start..<count).first(where: { mentionAt[$0] >= 0 && code(at: $0) != speaker })
                {
                    target = code(at: position)
                    let end = Int(input.mentionEnd[position])
                    decisions.append(Decision(kind: .target, detail: "\(target!), the next country named ('\(words(position, end))')", span: span(position, end)))
                } else {
                    target = context.focusCountry(excluding: speaker)
                    decisions.append(Decision(kind: .target, detail: "\(target.map(\.rawValue) ?? "none"), the document's focus country"))
                }
            }
            // Nobody backs pressure or sanctions on their own country: such a label is opposition
            // (whether the text named the target or the rule fixed it: arms for Kyiv, said Moscow).
            if let target, target == speaker, rule.stance == .pressure || rule.stance == .sanctions, polarity == .support,
                rule.target != .none
            {
                polarity = .oppose
                decisions.append(
                    Decision(kind: .negated, detail: "aimed at the speaker's own country (\(target)): oppose"))
            }
            if kept && !rule.conditions.acceptsTarget(target) { continue }

            let label = Label(
                stance: rule.stance, polarity: polarity, target: target, span: unitSpan, rule: rule.id,
                confidence: confidence, decisions: decisions)
            candidates.append(Candidate(label: label, kept: kept, start: match.start, end: match.end, goalMarker: purpose?.start))
        }
        return Self.withoutGoalsOfCoercion(Self.preferringLongerMatches(candidates))
    }

    /// The goal of coercion is not a position the speaker takes: in "raise pressure in order to conduct a
    /// serious dialogue" or "implement the sanctions resolutions in order to push for a peaceful solution"
    /// the position is the pressure or the sanctions, and the goal they serve is withheld (`stance
    /// explain` still names it). The goal of any other means ("take steps that help ease tensions, so as
    /// to focus on peace talks"), or of none, is the speaker's too, and keeps its lower confidence.
    static func withoutGoalsOfCoercion(_ candidates: [Candidate]) -> [Candidate] {
        var result = candidates
        for (i, goal) in candidates.enumerated() where goal.kept {
            guard let marker = goal.goalMarker,
                let means = candidates.first(where: {
                    $0.kept && $0.goalMarker == nil && $0.end <= marker && $0.label.polarity == .support
                        && ($0.label.stance == .pressure || $0.label.stance == .sanctions)
                })
            else { continue }
            result[i].kept = false
            result[i].label.decisions.append(
                Decision(kind: .scoped, detail: "the goal of coercion (\(means.label.stance) \(means.label.polarity), \(means.label.rule)), not a position: no label"))
        }
        return result
    }

    /// Where matches of opposite polarity in one stance overlap and one lies inside the other, the
    /// longer one is the more specific reading ("no response other than introducing new sanctions"
    /// is opposition even though "introducing new sanctions" alone is support).
    static func preferringLongerMatches(_ candidates: [Candidate]) -> [Candidate] {
        var result = candidates
        for (i, inner) in candidates.enumerated() where inner.kept {
            guard let winner = candidates.first(where: { outer in
                outer.kept && outer.label.stance == inner.label.stance && outer.label.polarity != inner.label.polarity
                    && outer.start <= inner.start && inner.end <= outer.end && outer.end - outer.start > inner.end - inner.start
            }) else { continue }
            result[i].kept = false
            result[i].label.decisions.append(
                Decision(kind: .blocked, detail: "inside the longer match of \(winner.label.rule) (\(winner.label.polarity))"))
        }
        return result
    }
}
