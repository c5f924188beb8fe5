import StanceModel

/// The text stage's result for one document: its tokens and the statements found in it.
public struct TextAnalysis: Sendable {
    public let text: ScalarText
    public let tokens: [Token]
    /// Statements in document order, one per speaker (a group's statement appears once per member).
    public let statements: [Statement]
    /// Paragraphs dropped as boilerplate.
    public let boilerplateParagraphs: Int
}

/// Finds statements in a document: direct quotes with their cue and speaker, reported speech, and
/// positions taken by an actor as the subject of a clause; then attributes each to a speaker.
public struct StatementExtractor: Sendable {
    public let lexicon: ActorLexicon
    public let parser: SpeakerPhraseParser
    public let boilerplate: BoilerplateFilter

    public init(lexicon: ActorLexicon, boilerplate: BoilerplateFilter = .none) {
        self.lexicon = lexicon
        self.parser = SpeakerPhraseParser(lexicon: lexicon)
        self.boilerplate = boilerplate
    }

    public func analyze(text: String, date: Day?) -> TextAnalysis {
        let scalars = ScalarText(text)
        let tokens = Tokenizer.tokenize(scalars)
        var run = ExtractionRun(extractor: self, text: scalars, tokens: tokens, date: date)
        run.extract()
        return TextAnalysis(text: scalars, tokens: tokens, statements: run.statements,
                            boilerplateParagraphs: run.droppedParagraphs)
    }
}

/// One document's extraction: the mutable state of a single pass over its paragraphs.
struct ExtractionRun {
    let extractor: StatementExtractor
    let text: ScalarText
    let tokens: [Token]
    var attributor: Attributor
    var statements: [Statement] = []
    var droppedParagraphs = 0

    /// Tokens already part of a statement's quote or frame.
    var consumed: [Bool]
    var paragraphs: [Range<Int>] = []
    var sentences: [(range: Range<Int>, paragraph: Int)] = []
    var quotes: [Quote] = []
    /// Per quote: already part of a statement.
    var handledQuotes: [Bool] = []
    /// Lookups built once per document, so that a document of several megabytes (thousands of
    /// sentences and quotes) costs time in proportion to its length, not to its length squared.
    /// Per token: inside some quote's inner range.
    var tokenInsideQuote: [Bool] = []
    /// Per token: the index of the first (and last) sentence containing it, or -1.
    var firstSentenceOfToken: [Int] = []
    var lastSentenceOfToken: [Int] = []
    /// Quote indices by the token they start at (`open ?? inner.lowerBound`), ascending: those
    /// starting at token t are `quotesByStart[quoteStartOffsets[t]..<quoteStartOffsets[t + 1]]`.
    var quoteStartOffsets: [Int] = []
    var quotesByStart: [Int] = []
    /// Per token boundary (0...tokens.count): a kept paragraph starts (ends) there.
    var isParagraphStart: [Bool] = []
    var isParagraphEnd: [Bool] = []
    /// The speakers of the last statement and the paragraph it was in, for quotes that continue.
    var lastSpeakers: [Speaker] = []
    var lastStatementParagraph = -10
    /// A "Name:" line that introduces the quotes below it.
    var labelSpeakers: [Speaker] = []
    var labelParagraph = -10

    /// Copied from the extractor once per document (a computed property copied them at every use).
    let parser: SpeakerPhraseParser
    let lexicon: ActorLexicon

    // Word lists, built once (as locals they were rebuilt on every call, which showed in profiles).
    static let midSentenceBoundaries: WordSet = [
        ",", "when", "as", "while", "after", "and", "but", "because", "since", "though", "although", "where",
        "before", "until", "whereas", "—", ";",
    ]
    static let endorsementNouns: WordSet = ["position", "stance", "view", "policy", "approach", "move", "call", "demand", "proposal", "stand"]
    static let endorsementVerbs: WordSet = ["backed", "supported", "shared", "endorsed", "echoed", "welcomed", "seconded"]
    static let adverbialOpeners: WordSet = [
        "on", "in", "at", "after", "before", "during", "following", "amid", "amidst", "under", "with", "without",
        "meanwhile", "asked", "last", "earlier", "later", "since", "despite", "for", "however", "separately",
        "instead", "also", "still", "now", "then", "moreover", "yet", "but", "and", "so", "thus", "today",
        "yesterday", "this", "while", "when", "as", "upon", "by", "from", "to", "over", "through", "once",
        "if", "although", "though", "because", "unlike", "like", "besides", "beyond", "against", "according",
    ]
    static let adverbialConjunctions: WordSet = ["but", "and", "so", "yet", "thus", "however", "meanwhile", "moreover", "still", "now", "then", "also"]
    static let firstPersonWords: WordSet = ["i", "we", "my", "our", "me", "us", "mine", "ours"]
    static let clauseConjunctions: WordSet = ["and", "but", "while", "whereas"]
    static let determiners: WordSet = ["the", "a", "an", "his", "her", "its", "their"]
    static let temporalConjunctions: WordSet = ["while", "when", "as", "after", "before"]
    static let finiteAuxiliaries: WordSet = ["has", "had", "have", "is", "was", "were", "are", "will", "would", "could", "should", "must"]
    static let frameTailOpeners: WordSet = [
        "adding", "saying", "according", "as", "in", "on", "at", "after", "before", "during", "while", "when",
    ]
    static let endorsementAdverbs: WordSet = ["firmly", "strongly", "fully", "also", "widely", "quickly", "openly"]

    init(extractor: StatementExtractor, text: ScalarText, tokens: [Token], date: Day?) {
        self.extractor = extractor
        parser = extractor.parser
        lexicon = extractor.lexicon
        self.text = text
        self.tokens = tokens
        self.attributor = Attributor(lexicon: extractor.lexicon, date: date)
        self.consumed = Array(repeating: false, count: tokens.count)
    }

    mutating func extract() {
        let all = Segmenter.paragraphs(tokens)
        let kept = extractor.boilerplate.keptParagraphs(all, tokens: tokens, text: text)
        droppedParagraphs = all.count - kept.count
        paragraphs = kept.map { all[$0] }
        for (index, paragraph) in paragraphs.enumerated() {
            for sentence in Segmenter.sentences(tokens, in: paragraph) { sentences.append((sentence, index)) }
        }
        quotes = QuoteFinder.quotes(tokens, paragraphs: paragraphs)
        buildLookups()
        extractTranscript()

        for (index, sentence) in sentences.enumerated() {
            var starting: [Int] = []
            for token in sentence.range where token >= 0 && token < tokens.count
                && quoteStartOffsets[token] < quoteStartOffsets[token + 1]
            {
                starting += quotesByStart[quoteStartOffsets[token]..<quoteStartOffsets[token + 1]]
            }
            for q in starting.sorted() where !handledQuotes[q] { handleQuote(q, sentenceIndex: index) }
            if isLabelLine(sentence.range, paragraph: sentence.paragraph) { continue }
            if !sentence.range.contains(where: { consumed[$0] }) {
                extractFromSentence(sentence.range, paragraph: sentence.paragraph)
            }
        }
    }

    mutating func buildLookups() {
        var insideQuote = [Bool](repeating: false, count: tokens.count)
        handledQuotes = Array(repeating: false, count: quotes.count)
        // Counting sort of the quotes by start token (stable, so each token's quotes stay ascending).
        var offsets = [Int](repeating: 0, count: tokens.count + 1)
        for quote in quotes {
            for i in quote.inner where i >= 0 && i < tokens.count { insideQuote[i] = true }
            let start = quote.open ?? quote.inner.lowerBound
            if start >= 0 && start < tokens.count { offsets[start + 1] += 1 }
        }
        for t in 0..<tokens.count { offsets[t + 1] += offsets[t] }
        var byStart = [Int](repeating: 0, count: offsets[tokens.count])
        var filled = offsets
        for (q, quote) in quotes.enumerated() {
            let start = quote.open ?? quote.inner.lowerBound
            guard start >= 0 && start < tokens.count else { continue }
            byStart[filled[start]] = q
            filled[start] += 1
        }
        tokenInsideQuote = insideQuote
        quoteStartOffsets = offsets
        quotesByStart = byStart
        // Filled as locals and stored once: element writes through `self` in a mutating method check
        // the array's uniqueness at every token.
        var first = [Int](repeating: -1, count: tokens.count)
        var last = [Int](repeating: -1, count: tokens.count)
        for (s, sentence) in sentences.enumerated() {
            for i in sentence.range where i >= 0 && i < tokens.count {
                if first[i] < 0 { first[i] = s }
                last[i] = s
            }
        }
        firstSentenceOfToken = first
        lastSentenceOfToken = last
        isParagraphStart = Array(repeating: false, count: tokens.count + 1)
        isParagraphEnd = Array(repeating: false, count: tokens.count + 1)
        for paragraph in paragraphs {
            isParagraphStart[paragraph.lowerBound] = true
            isParagraphEnd[paragraph.upperBound] = true
        }
    }

    /// Indices of the sentences that share a token with `range`, in order (sentences do not overlap).
    func sentenceIndices(touching range: Range<Int>) -> ClosedRange<Int>? {
        var first: Int?
        var last: Int?
        for i in range where i >= 0 && i < tokens.count {
            let s = firstSentenceOfToken[i]
            guard s >= 0 else { continue }
            if first == nil || s < first! { first = s }
            let l = lastSentenceOfToken[i]
            if last == nil || l > last! { last = l }
        }
        guard let first, let last else { return nil }
        return first...last
    }

    // MARK: Transcripts

    /// A transcript or a published speech: a header naming the speaker ("Ambassador Nikki Haley" over
    /// "U.S. Permanent Representative to the United Nations", a place, a date), then the speaker's own
    /// words without quotation marks. Each body paragraph is the header speaker's statement.
    mutating func extractTranscript() {
        guard paragraphs.count >= 3 else { return }
        // The speaker line is among the first lines; header lines are short and end without a full stop.
        func isHeaderLine(_ paragraph: Range<Int>) -> Bool {
            paragraph.count <= 14 && !paragraph.contains { [".", "!", "?"].contains(tokens[$0].text) && $0 == paragraph.upperBound - 1 }
                && !paragraph.contains { tokens[$0].kind == .quote }
        }
        guard isHeaderLine(paragraphs[0]), let phrase = parser.parse(tokens, paragraphs[0]) else { return }
        switch phrase.head {
        case .person, .name: break
        default: return
        }
        guard phrase.title != nil || { if case .person = phrase.head { return true } else { return false } }() else { return }
        var bodyStart = 1
        while bodyStart < paragraphs.count, bodyStart <= 5, isHeaderLine(paragraphs[bodyStart]) { bodyStart += 1 }
        guard bodyStart < paragraphs.count else { return }
        let body = paragraphs[bodyStart...]
        let firstPersonCount = body.reduce(0) { count, paragraph in
            count + paragraph.filter { Self.firstPersonWords.contains(tokens[$0]) && !insideQuote($0) }.count
        }
        // A speech opens by addressing its audience ("Thank you, Mr. President.").
        let opening = paragraphs[bodyStart].prefix(4).map { tokens[$0].text }.joined(separator: " ")
        let addressesAudience = ["thank you", "mr . president", "madam president", "ladies and gentlemen", "good morning",
                                 "good afternoon", "good evening", "dear colleagues", "excellencies"].contains { opening.hasPrefix($0) }
        guard firstPersonCount >= 2 || addressesAudience else { return }
        var header = phrase
        if header.country == nil, let line = paragraphs[1...].prefix(3).first(where: { $0.upperBound <= paragraphs[bodyStart].lowerBound }),
            let role = parser.parseSingle(tokens, line) ?? parser.parse(tokens, line)
        {
            header.country = role.country
            header.title = header.title ?? role.title
        }
        let speakers = attributor.resolve(header, tokens: tokens, text: text)
        guard !speakers.isEmpty else { return }
        for (offset, paragraph) in body.enumerated() {
            for i in paragraph { consumed[i] = true }
            guard let content = span(of: paragraph) else { continue }
            emit(kind: .quote, speakers: speakers, cue: nil, span: content, content: [content], paragraph: bodyStart + offset)
        }
        for i in paragraphs[0].lowerBound..<paragraphs[bodyStart].lowerBound { consumed[i] = true }
    }

    // MARK: Quotes

    mutating func handleQuote(_ q: Int, sentenceIndex: Int) {
        let quote = quotes[q]
        let paragraph = quote.paragraph
        let paragraphRange = paragraphs[paragraph]
        let sentence = sentences[sentenceIndex].range

        // Cue before the quote: `X said: "…"`, `Pompeo added: “…”`, `Ronald Godard: “…”`.
        if let open = quote.open, let frame = frameBefore(open: open, sentenceStart: sentence.lowerBound) {
            var content = [quote.inner]
            var covered = frame.tokens.lowerBound..<quote.outer.upperBound
            handledQuotes[q] = true
            covered = absorbFollowingQuotes(after: q, covered: covered, content: &content)
            emitQuote(speakers: frame.speakers, cue: frame.cue, content: content, covered: covered, paragraph: paragraph)
            return
        }
        // Cue after the quote: `"…," Maruyama said`, `"…," said Maruyama`, split quotes. A quote in the
        // middle of a sentence belongs to the sentence's own frame instead.
        if let close = quote.close, let prefix = shortSubjectBefore(quote, sentence),
            let frame = frameAfter(close: close, limit: paragraphRange.upperBound)
        {
            // `The US "should not place …," said Zhang Jun`: the words before the quote are part of it.
            var content = [prefix.isEmpty ? quote.inner : prefix.lowerBound..<quote.inner.upperBound]
            var covered = quote.outer.lowerBound..<frame.tokens.upperBound
            handledQuotes[q] = true
            // A split quote: `"…," he said, "…"` continues after the frame.
            covered = absorbFollowingQuotes(after: q, covered: covered, content: &content)
            // `"…," Wang told a briefing, urging all parties to exercise restraint`: the speaker's act.
            if let cue = frame.cue, let tail = trailingClause(cue.tokens.upperBound..<frame.tokens.upperBound) {
                content.append(tail)
            }
            emitQuote(speakers: frame.speakers, cue: frame.cue, content: content, covered: covered, paragraph: paragraph)
            return
        }
        // No cue of its own: a quote standing alone continues the last speaker (or a "Name:" line).
        guard isStandalone(quote) else { return }
        var speakers: [Speaker] = []
        if labelParagraph >= lastStatementParagraph, paragraph - labelParagraph <= 1 || !labelSpeakers.isEmpty && lastSpeakers == labelSpeakers {
            speakers = labelSpeakers
        }
        if speakers.isEmpty, quote.continuesPrevious || paragraph - lastStatementParagraph <= 1 {
            speakers = lastSpeakers
        }
        guard !speakers.isEmpty else { return }
        handledQuotes[q] = true
        var content = [quote.inner]
        var covered = quote.outer
        covered = absorbFollowingQuotes(after: q, covered: covered, content: &content)
        for speaker in speakers { attributor.repeatSpeaker(speaker) }
        emitQuote(speakers: speakers, cue: nil, content: content, covered: covered, paragraph: paragraph)
    }

    /// Joins quotes that directly continue a handled one: the rest of a split quote after its frame
    /// (`"…," he said, "…"`) and paragraphs that carry the same quotation on.
    mutating func absorbFollowingQuotes(after q: Int, covered: Range<Int>, content: inout [Range<Int>]) -> Range<Int> {
        var covered = covered
        var next = q + 1
        while next < quotes.count, !handledQuotes[next] {
            let candidate = quotes[next]
            let gap = covered.upperBound..<(candidate.open ?? candidate.inner.lowerBound)
            let joinsSplit = candidate.paragraph == quotes[q].paragraph && gap.count <= 1
                && gap.allSatisfy { tokens[$0].kind == .punctuation && (tokens[$0].is(",") || tokens[$0].is(":")) }
            guard joinsSplit || candidate.continuesPrevious, quotes[next - 1].close == nil || joinsSplit else { break }
            // A continuing paragraph that has its own frame is attributed by that frame instead.
            if !joinsSplit, let close = candidate.close,
                frameAfter(close: close, limit: paragraphs[candidate.paragraph].upperBound) != nil
            {
                break
            }
            content.append(candidate.inner)
            covered = covered.lowerBound..<candidate.outer.upperBound
            handledQuotes[next] = true
            next += 1
        }
        return covered
    }

    mutating func emitQuote(speakers: [Speaker], cue: Cue?, content: [Range<Int>], covered: Range<Int>, paragraph: Int) {
        for i in covered { consumed[i] = true }
        let contentSpans = content.compactMap { span(of: $0) }
        guard !contentSpans.isEmpty else { return }
        // The statement's span is the whole of its sentences: quote and frame.
        let whole = sentenceSpan(covering: covered)
        emit(kind: .quote, speakers: speakers, cue: cue, span: whole, content: contentSpans, paragraph: paragraph)
    }

    /// A quote that is its own sentence(s): nothing but punctuation outside its marks.
    func isStandalone(_ quote: Quote) -> Bool {
        let outer = quote.outer
        let first = Self.sentence(firstSentenceOfToken, outer.lowerBound) ?? 0
        let last = Self.sentence(lastSentenceOfToken, max(outer.lowerBound, outer.upperBound - 1)) ?? first
        for s in first...last {
            for i in sentences[s].range where !outer.contains(i) {
                if tokens[i].kind == .word || tokens[i].kind == .number { return false }
            }
        }
        return true
    }

    // MARK: Frames around quotes

    struct Frame {
        var speakers: [Speaker]
        var cue: Cue?
        var tokens: Range<Int>
    }

    /// `NP [aux] CUE [,:]` or `NP:` right before an opening quote mark, from the sentence start.
    mutating func frameBefore(open: Int, sentenceStart: Int) -> Frame? {
        var end = open
        while end > sentenceStart, tokens[end - 1].kind == .punctuation,
            tokens[end - 1].is(",") || tokens[end - 1].is(":") || tokens[end - 1].is("—")
        {
            end -= 1
        }
        guard end > sentenceStart else { return nil }
        let colon = end < open && tokens[end].is(":")
        let start = leadingAdverbialEnd(sentenceStart..<end)
        // Find a cue whose words end right before the quote (allowing "that").
        var cueEnd = end
        if cueEnd > start, tokens[cueEnd - 1].is("that") { cueEnd -= 1 }
        for cueStart in stride(from: cueEnd - 1, through: max(start, cueEnd - 4), by: -1) {
            if let cue = CueLexicon.cue(in: tokens, at: cueStart, limit: cueEnd), cue.tokens.upperBound == cueEnd {
                let subjectEnd = skipAuxiliaries(before: cueStart, from: start)
                guard subjectEnd > start, let phrase = parser.parse(tokens, start..<subjectEnd) else { return nil }
                let speakers = attributor.resolve(phrase, tokens: tokens, text: text)
                guard !speakers.isEmpty else { return nil }
                return Frame(speakers: speakers, cue: cue, tokens: start..<end)
            }
        }
        // "Ronald Godard: “…”" — a name and a colon.
        if colon, let phrase = parser.parse(tokens, start..<end), !isPronoun(phrase) {
            let speakers = attributor.resolve(phrase, tokens: tokens, text: text)
            guard !speakers.isEmpty else { return nil }
            return Frame(speakers: speakers, cue: nil, tokens: start..<end)
        }
        return nil
    }

    /// After a closing mark: `, NP [aux] CUE …`, `, CUE NP …`, or `, NP was quoted … as saying`.
    mutating func frameAfter(close: Int, limit: Int) -> Frame? {
        var start = close + 1
        while start < limit, tokens[start].kind == .punctuation, tokens[start].is(",") { start += 1 }
        guard start < limit, tokens[start].kind == .word else { return nil }
        // The frame runs to the end of its sentence or the next quote.
        var end = start
        while end < limit, tokens[end].kind != .quote || tokens[end].side == .closing {
            if tokens[end].kind == .punctuation,
                tokens[end].is(".") || tokens[end].is("!") || tokens[end].is("?") || tokens[end].is(";")
            {
                break
            }
            end += 1
        }
        let region = start..<end
        // Inverted: `said Maruyama`, `added Russia's chief diplomat`, `read a statement from X`.
        if let cue = CueLexicon.cue(in: tokens, at: start, limit: end), cue.kind != .accordingTo {
            guard CueLexicon.invertible.contains(cue.lemma) else { return nil }
            var npStart = cue.tokens.upperBound
            if tokens[cue.lemma == "read" ? npStart : start].is("a"),
                npStart + 2 < end, tokens[npStart + 1].is("statement"), tokens[npStart + 2].is("from")
            {
                npStart += 3
            }
            let npEnd = trimTrailers(npStart..<end).upperBound
            if npStart < npEnd, let phrase = parser.parse(tokens, npStart..<npEnd) {
                let speakers = attributor.resolve(phrase, tokens: tokens, text: text)
                if !speakers.isEmpty { return Frame(speakers: speakers, cue: cue, tokens: region) }
            }
            return nil
        }
        // `NP [aux] CUE`: find the first cue within reach and read the words before it.
        var i = start
        while i < min(end, start + 30) {
            if let cue = CueLexicon.cue(in: tokens, at: i, limit: end) {
                if cue.kind == .accordingTo { return nil }
                let subjectEnd = skipAuxiliaries(before: i, from: start)
                guard subjectEnd > start, let phrase = parser.parse(tokens, start..<subjectEnd) else { return nil }
                let speakers = attributor.resolve(phrase, tokens: tokens, text: text)
                guard !speakers.isEmpty else { return nil }
                return Frame(speakers: speakers, cue: cue, tokens: region)
            }
            if tokens[i].is("quoted") || tokens[i].is("cited"),
                let asSaying = (i + 1..<min(end, i + 8)).first(where: { tokens[$0].is("as") && $0 + 1 < end && tokens[$0 + 1].is("saying") })
            {
                let subjectEnd = skipAuxiliaries(before: i, from: start)
                guard subjectEnd > start, let phrase = parser.parse(tokens, start..<subjectEnd) else { return nil }
                let speakers = attributor.resolve(phrase, tokens: tokens, text: text)
                guard !speakers.isEmpty else { return nil }
                let cue = Cue(kind: .quotedAs, tokens: i..<(asSaying + 2), lemma: "quoted as saying")
                return Frame(speakers: speakers, cue: cue, tokens: region)
            }
            i += 1
        }
        return nil
    }

    // MARK: Sentences without a quote of their own

    mutating func extractFromSentence(_ sentence: Range<Int>, paragraph: Int) {
        if extractPostposedFrame(sentence, paragraph: paragraph) { return }
        if extractAccordingTo(sentence, paragraph: paragraph) { return }
        extractSubjectFirst(sentence, paragraph: paragraph)
        extractEndorsement(sentence, paragraph: paragraph)
    }

    /// `CONTENT, X said [on Friday].` and `CONTENT, said X.`
    mutating func extractPostposedFrame(_ sentence: Range<Int>, paragraph: Int) -> Bool {
        let end = sentenceBodyEnd(sentence)
        // A quote ending in a comma (`…November,” UN envoy X said`) puts that comma inside the marks; the
        // closing mark after it separates the content from the frame just the same.
        func isComma(_ i: Int) -> Bool {
            if tokens[i].kind == .punctuation { return tokens[i].is(",") && !insideQuote(i) }
            return tokens[i].kind == .quote && tokens[i].side != .opening && i > sentence.lowerBound
                && tokens[i - 1].is(",") && insideQuote(i - 1)
        }
        for comma in sentence where comma - sentence.lowerBound >= 3 && isComma(comma) {
            // A comma at the sentence's end ("t.n,") leaves nothing after it to be a frame.
            guard comma + 1 < end else { continue }
            let region = (comma + 1)..<end
            guard region.count <= 40 else { continue }
            // ", and the US Treasury Department announced …" coordinates a new clause; it is no frame.
            if Self.clauseConjunctions.contains(tokens[region.lowerBound]) || tokens[region.lowerBound].is("or") { continue }
            // Inverted: `, said the spokesperson`, `, said Zhang Jun, China's envoy to the UN, on Thursday`.
            if let cue = CueLexicon.cue(in: tokens, at: region.lowerBound, limit: end), CueLexicon.invertible.contains(cue.lemma) {
                let npEnd = trimTrailers(cue.tokens.upperBound..<end).upperBound
                guard cue.tokens.upperBound < npEnd, isCleanFrameTail(npEnd..<end),
                    let phrase = parser.parse(tokens, cue.tokens.upperBound..<npEnd)
                else {
                    continue
                }
                let speakers = attributor.resolve(phrase, tokens: tokens, text: text)
                guard !speakers.isEmpty else { continue }
                emitReported(speakers: speakers, cue: cue, sentence: sentence, content: contentStart(sentence, before: comma)..<comma,
                             paragraph: paragraph)
                return true
            }
            // `, NP [aux] CUE [trailers]` with nothing but trailers after the cue.
            guard let cueIndex = region.first(where: { CueLexicon.cue(in: tokens, at: $0, limit: end) != nil }),
                let cue = CueLexicon.cue(in: tokens, at: cueIndex, limit: end), cue.kind == .speech,
                isCleanFrameTail(cue.tokens.upperBound..<end)
            else { continue }
            // "…, Prime Minister Theresa May announced on Wednesday, while laying out a package of steps
            // aimed at Russian assets": what the speaker did while speaking is part of the statement.
            let trailing = trailingClause(cue.tokens.upperBound..<end)
            let subjectEnd = skipAuxiliaries(before: cueIndex, from: region.lowerBound)
            guard subjectEnd > region.lowerBound, let phrase = parser.parse(tokens, region.lowerBound..<subjectEnd) else {
                continue
            }
            let speakers = attributor.resolve(phrase, tokens: tokens, text: text)
            guard !speakers.isEmpty else { continue }
            if let trailing, let main = span(of: contentStart(sentence, before: comma)..<comma), let tail = span(of: trailing) {
                emit(kind: .reported, speakers: speakers, cue: cue, span: spanOf(sentence), content: [main, tail],
                     paragraph: paragraph)
            } else {
                emitReported(speakers: speakers, cue: cue, sentence: sentence, content: contentStart(sentence, before: comma)..<comma,
                             paragraph: paragraph)
            }
            return true
        }
        return false
    }

    /// `According to X, CONTENT` and `CONTENT, according to X.`
    mutating func extractAccordingTo(_ sentence: Range<Int>, paragraph: Int) -> Bool {
        let end = sentenceBodyEnd(sentence)
        for i in sentence where tokens[i].is("according") && !insideQuote(i) {
            guard let cue = CueLexicon.cue(in: tokens, at: i, limit: end), cue.kind == .accordingTo else { continue }
            var npEnd = cue.tokens.upperBound
            while npEnd < end, !tokens[npEnd].is(",") { npEnd += 1 }
            guard let phrase = parser.parse(tokens, cue.tokens.upperBound..<npEnd), !isPronoun(phrase) else { return false }
            let speakers = attributor.resolve(phrase, tokens: tokens, text: text)
            guard !speakers.isEmpty else { return false }
            let content = i == sentence.lowerBound ? min(npEnd + 1, end)..<end : sentence.lowerBound..<i
            guard !content.isEmpty else { return false }
            emitReported(speakers: speakers, cue: cue, sentence: sentence, content: content, paragraph: paragraph)
            return true
        }
        return false
    }

    /// `X said (that) …`, `X urged Y to …`, and positions with an actor as the subject
    /// (`Japan supports new sanctions`, `South Korea's defence ministry proposed a meeting`). A clause
    /// joined by ", and" with a subject of its own (", and the US Treasury Department announced …") is a
    /// statement of its own. Without a subject at the start, a cue in mid-sentence is read with the
    /// words before it (`…, when Sergey Lavrov, Russia's foreign minister, warned that …`).
    mutating func extractSubjectFirst(_ sentence: Range<Int>, paragraph: Int) {
        let end = sentenceBodyEnd(sentence)
        var start = leadingAdverbialEnd(contentStart(sentence, before: end)..<end)
        var first = true
        while start < end {
            guard let clauseEnd = extractClause(start..<end, sentence: sentence, paragraph: paragraph, leading: first) else {
                if first { extractMidSentenceCue(sentence, paragraph: paragraph) }
                return
            }
            first = false
            start = clauseEnd
        }
    }

    /// Reads one clause from its subject; returns where the next coordinated clause starts, or `end`
    /// of the range when the statement runs to the end. Nil when the clause has no actor as subject.
    mutating func extractClause(_ range: Range<Int>, sentence: Range<Int>, paragraph: Int, leading: Bool) -> Int? {
        let end = range.upperBound
        guard let (npEnd, verb) = subjectBoundary(range), npEnd > range.lowerBound,
            let phrase = parser.parse(tokens, range.lowerBound..<npEnd)
        else { return nil }
        var v = verb
        while v < end, WordClass.auxiliaries.contains(tokens[v]), !tokens[v].isCapitalized,
            CueLexicon.cue(in: tokens, at: v, limit: end) == nil
        {
            v += 1
        }
        guard v < end, tokens[v].kind == .word else { return nil }
        // "KCNA quoted Kim Yo Jong as saying …": the speaker is the one quoted, not the outlet.
        if tokens[v].is("quoted") || tokens[v].is("cited"), v + 2 < end - 1,
            let asSaying = (v + 2..<min(end - 1, v + 30)).first(where: { tokens[$0].is("as") && tokens[$0 + 1].is("saying") }),
            let quoted = parser.parse(tokens, (v + 1)..<asSaying)
        {
            let speakers = attributor.resolve(quoted, tokens: tokens, text: text)
            if !speakers.isEmpty, let content = span(of: (asSaying + 2)..<end) {
                emit(kind: .reported, speakers: speakers, cue: Cue(kind: .quotedAs, tokens: v..<(asSaying + 2), lemma: "quoted as saying"),
                     span: spanOf(sentence), content: [content], paragraph: paragraph)
            }
            return end
        }
        let cue = CueLexicon.cue(in: tokens, at: v, limit: end)
        if cue == nil {
            // A position needs a subject that is surely an actor, and a verb after it.
            if case .pronoun = phrase.head { return nil }
            if case .groupReference = phrase.head, !phrase.isGroup { return nil }
            if case .name = phrase.head, parser.isUnknownName(phrase) { return nil }
            if case .description = phrase.head, phrase.country == nil { return nil }
            guard verb < end, WordClass.looksLikeVerb(tokens[verb]) else { return nil }
        }
        let contentStart = cue?.tokens.lowerBound ?? verb
        let split = coordinatedClause(in: contentStart..<end)
        let contentEnd = split?.comma ?? end
        let speakers = attributor.resolve(phrase, tokens: tokens, text: text)
        if !speakers.isEmpty, let contentSpan = span(of: contentStart..<contentEnd) {
            emit(kind: cue == nil ? .position : .reported, speakers: speakers, cue: cue, span: spanOf(sentence),
                 content: [contentSpan], paragraph: paragraph)
        }
        return split?.next ?? end
    }

    /// `…, and the US Treasury Department announced …`: the comma and where the new clause starts.
    func coordinatedClause(in range: Range<Int>) -> (comma: Int, next: Int)? {
        for k in range where (tokens[k].is(",") || tokens[k].is(";")) && !insideQuote(k) {
            var next = k + 1
            if next < range.upperBound, Self.clauseConjunctions.contains(tokens[next]) { next += 1 }
            guard next < range.upperBound, next > k + 1 || tokens[k].is(";") else { continue }
            guard tokens[next].kind == .word, !WordClass.pronouns.contains(tokens[next]),
                let (npEnd, verb) = subjectBoundary(next..<range.upperBound), npEnd > next,
                let phrase = parser.parse(tokens, next..<npEnd)
            else { continue }
            if case .pronoun = phrase.head { continue }
            if case .name = phrase.head, parser.isUnknownName(phrase) { continue }
            var v = verb
            while v < range.upperBound, WordClass.auxiliaries.contains(tokens[v]), !tokens[v].isCapitalized,
                CueLexicon.cue(in: tokens, at: v, limit: range.upperBound) == nil
            {
                v += 1
            }
            guard v < range.upperBound else { continue }
            if CueLexicon.cue(in: tokens, at: v, limit: range.upperBound) != nil || WordClass.looksLikeVerb(tokens[verb]) {
                return (k, next)
            }
        }
        return nil
    }

    /// A cue in mid-sentence with its subject right before it, after a clause boundary.
    mutating func extractMidSentenceCue(_ sentence: Range<Int>, paragraph: Int) {
        let end = sentenceBodyEnd(sentence)
        for c in sentence where !insideQuote(c) {
            // "…, adding …": a participle's subject is the main clause's, not the words before it.
            guard let cue = CueLexicon.cue(in: tokens, at: c, limit: end), cue.kind != .accordingTo,
                !tokens[c].textHasSuffix("ing")
            else { continue }
            let subjectEnd = skipAuxiliaries(before: c, from: sentence.lowerBound)
            guard subjectEnd > sentence.lowerBound else { continue }
            var best: SpeakerPhrase? = nil
            var k = subjectEnd - 1
            while k >= sentence.lowerBound, subjectEnd - k <= 25 {
                if Self.midSentenceBoundaries.contains(tokens[k]), k + 1 < subjectEnd, tokens[k + 1].kind == .word,
                    let phrase = parser.parse(tokens, (k + 1)..<subjectEnd)
                {
                    best = phrase
                }
                if insideQuote(k) { break }
                k -= 1
            }
            guard let phrase = best else { continue }
            let speakers = attributor.resolve(phrase, tokens: tokens, text: text)
            guard !speakers.isEmpty else { continue }
            emitReported(speakers: speakers, cue: cue, sentence: sentence, content: c..<end, paragraph: paragraph)
            return
        }
    }

    /// `…, a position firmly backed by Japan.`: the main clause's position, endorsed by another actor.
    mutating func extractEndorsement(_ sentence: Range<Int>, paragraph: Int) {
        let end = sentenceBodyEnd(sentence)
        for i in sentence where Self.endorsementNouns.contains(tokens[i]) {
            var j = i + 1
            while j < end, Self.endorsementAdverbs.contains(tokens[j]) { j += 1 }
            guard j + 1 < end, Self.endorsementVerbs.contains(tokens[j]), tokens[j + 1].is("by") else { continue }
            var npEnd = j + 2
            while npEnd < end, !tokens[npEnd].is(",") { npEnd += 1 }
            guard let phrase = parser.parse(tokens, (j + 2)..<npEnd) else { continue }
            let speakers = attributor.resolve(phrase, tokens: tokens, text: text)
            guard !speakers.isEmpty, let whole = span(of: sentence.lowerBound..<end) else { continue }
            emit(kind: .position, speakers: speakers, cue: nil, span: spanOf(sentence), content: [whole], paragraph: paragraph)
            return
        }
    }

    /// Finds where a subject phrase starting at `range.lowerBound` ends and its verb begins.
    /// Returns (end of the phrase, index of the first verb-group token).
    func subjectBoundary(_ range: Range<Int>) -> (Int, Int)? {
        var i = range.lowerBound
        // After a title, a preposition opens its subject matter ("special representative for North
        // Korea policy"), where lower-case words belong to the phrase until a comma or a verb.
        var inTitleTail = false
        var afterTitle = false
        while i < range.upperBound, i - range.lowerBound < 40 {
            let token = tokens[i]
            switch token.kind {
            case .quote, .lineBreak:
                return nil
            case .number:
                i += 1
                continue
            case .punctuation:
                if token.is(",") || token.is("(") || token.is("—") || token.is(")") {
                    inTitleTail = false
                    afterTitle = false
                    guard i > range.lowerBound else { return nil }
                    let next = i + 1
                    guard next < range.upperBound else { return nil }
                    if token.is(")") { i += 1; continue }
                    let isAside = WordClass.relativePronouns.contains(tokens[next])
                        || (WordClass.parentheticalStarts.contains(tokens[next]) && !tokens[next].isCapitalized)
                        || (WordClass.isParticipleAside(tokens[next]) && CueLexicon.cue(in: tokens, at: next, limit: range.upperBound) == nil)
                    if isAside {
                        let closer = token.is("(") ? ")" : token.text
                        if let close = (next..<range.upperBound).first(where: { tokens[$0].text == closer || tokens[$0].is(",") }) {
                            i = close
                            if tokens[i].is(")") { i += 1 }
                            // ", who …, said": the aside ends at its comma; the verb may follow it.
                            if i < range.upperBound, tokens[i].is(","), i + 1 < range.upperBound,
                                !startsPhrase(i + 1, range.upperBound)
                            {
                                return (i, i + 1)
                            }
                            continue
                        }
                        // ", who also took part in the talks said …": the verb is the first cue in the aside.
                        if WordClass.relativePronouns.contains(tokens[next]),
                            let cueAt = (next..<range.upperBound).first(where: { CueLexicon.cue(in: tokens, at: $0, limit: range.upperBound) != nil })
                        {
                            return (i, cueAt)
                        }
                        return nil
                    }
                    if startsPhrase(next, range.upperBound) {
                        i = next
                        continue
                    }
                    return (i, next)
                }
                if token.is(".") && i > range.lowerBound && WordClass.honorifics.contains(tokens[i - 1]) {
                    i += 1
                    continue
                }
                if token.is("-") || token.is("&") || token.is("'") { i += 1; continue }
                return nil
            case .word:
                let text = token.text
                if CueLexicon.cue(in: tokens, at: i, limit: range.upperBound) != nil || WordClass.auxiliaries.contains(token)
                    && !token.isCapitalized
                {
                    return i > range.lowerBound ? (i, i) : nil
                }
                if let (end, isTitle) = mentionEnd(at: i, limit: range.upperBound) {
                    i = end
                    afterTitle = isTitle
                    continue
                }
                if afterTitle && WordClass.topicPrepositions.contains(token) { inTitleTail = true }
                afterTitle = false
                if inTitleTail { i += 1; continue }
                if token.isCapitalized && !WordClass.capitalizedNonNames.contains(token) { i += 1; continue }
                // "Mrs May": after an honorific any capitalized word is a name.
                if token.isCapitalized, i > range.lowerBound,
                    WordClass.honorifics.contains(tokens[i - 1])
                        || tokens[i - 1].is(".") && i >= range.lowerBound + 2 && WordClass.honorifics.contains(tokens[i - 2])
                {
                    i += 1
                    continue
                }
                // "A statement from the ASEAN chair said": the issuer follows.
                if CueLexicon.statementNouns.contains(token) || text == "joint" { i += 1; continue }
                if i == range.lowerBound && token.isCapitalized
                    && (token.is("the") || token.is("a") || token.is("an") || token.is("both") || token.is("all"))
                {
                    i += 1
                    continue
                }
                if WordClass.phraseFunctionWords.contains(token) || WordClass.phraseModifiers.contains(token)
                    || WordClass.regionalAdjectives.contains(token) || WordClass.describers.contains(token)
                    || WordClass.governmentHeads.contains(token) || WordClass.groupNouns.contains(token)
                    || WordClass.honorifics.contains(token) || WordClass.nameParticles.contains(token)
                {
                    i += 1
                    continue
                }
                if WordClass.pronouns.contains(token) && i == range.lowerBound { return (i + 1, i + 1) }
                // The field of an office: "human rights commissioner", "foreign policy chief".
                if (i + 1..<min(range.upperBound, i + 3)).contains(where: { lexicon.titleMention(in: tokens, at: $0, limit: range.upperBound) != nil }) {
                    i += 1
                    continue
                }
                return i > range.lowerBound ? (i, i) : nil
            }
        }
        return nil
    }

    /// The end of a dictionary phrase starting at `i` (the longest kind), and whether it is a title.
    func mentionEnd(at i: Int, limit: Int) -> (Int, Bool)? {
        let found = lexicon.mentions(in: tokens, at: i, limit: limit)
        let title = found.title?.tokens.upperBound
        let other = MentionsAt.later(MentionsAt.later(found.country?.tokens.upperBound, found.body?.tokens.upperBound),
                                     MentionsAt.later(found.person?.tokens.upperBound, found.genericSource?.tokens.upperBound))
        switch (title, other) {
        case (nil, nil): return nil
        case (let t?, nil): return (t, true)
        case (nil, let o?): return (o, false)
        case (let t?, let o?): return t >= o ? (t, true) : (o, false)
        }
    }

    /// Whether a speaker phrase can start at `i` (a list member or an appositive after a comma).
    func startsPhrase(_ i: Int, _ limit: Int) -> Bool {
        let token = tokens[i]
        guard token.kind == .word else { return false }
        if mentionEnd(at: i, limit: limit) != nil { return true }
        if token.isCapitalized && !WordClass.capitalizedNonNames.contains(token) { return true }
        if Self.determiners.contains(token), i + 1 < limit {
            return startsPhrase(i + 1, limit) || WordClass.phraseModifiers.contains(tokens[i + 1])
        }
        return WordClass.phraseModifiers.contains(token) && i + 1 < limit && startsPhrase(i + 1, limit)
    }

    // MARK: Emitting statements

    mutating func emitReported(speakers: [Speaker], cue: Cue, sentence: Range<Int>, content: Range<Int>, paragraph: Int) {
        guard let contentSpan = span(of: content) else { return }
        emit(kind: .reported, speakers: speakers, cue: cue, span: spanOf(sentence), content: [contentSpan], paragraph: paragraph)
    }

    mutating func emit(kind: StatementKind, speakers: [Speaker], cue: Cue?, span: TextSpan, content: [TextSpan], paragraph: Int) {
        let cueSpan = cue.map { TextSpan(start: tokens[$0.tokens.lowerBound].start, end: tokens[$0.tokens.upperBound - 1].end) }
        for speaker in speakers {
            statements.append(Statement(ordinal: statements.count, kind: kind, cue: cueSpan.map { text[$0] },
                                        cueSpan: cueSpan, span: span, content: content, speaker: speaker))
        }
        lastSpeakers = speakers
        lastStatementParagraph = paragraph
    }

    // MARK: Helpers

    /// The participial clause after a post-posed frame (", while laying out …", ", calling …"), if any.
    func trailingClause(_ range: Range<Int>) -> Range<Int>? {
        guard let comma = range.first(where: { tokens[$0].is(",") }), comma + 1 < range.upperBound else { return nil }
        var start = comma + 1
        if Self.temporalConjunctions.contains(tokens[start]) { start += 1 }
        guard start < range.upperBound, tokens[start].textHasSuffix("ing") else { return nil }
        return (comma + 1)..<range.upperBound
    }

    /// Moves back over auxiliaries and adverbs between a subject and its verb ("has once more urged").
    func skipAuxiliaries(before index: Int, from lower: Int) -> Int {
        var end = index
        while end > lower, WordClass.auxiliaries.contains(tokens[end - 1]) && !tokens[end - 1].isCapitalized
            || WordClass.timeWords.contains(tokens[end - 1]) && !tokens[end - 1].is("may")
        {
            end -= 1
        }
        return end
    }

    /// Whether what follows a post-posed cue is only its object and circumstances ("told an international
    /// conference in Antalya on Sunday", "said Sunday, calling …"), not a clause of reported content.
    func isCleanFrameTail(_ range: Range<Int>) -> Bool {
        var count = 0
        for i in range {
            let token = tokens[i]
            if token.kind == .quote { return false }
            if token.is("that") && count == 0 { return false }
            // "announced it had joined …" is a clause of content, not the frame's circumstances.
            if WordClass.pronouns.contains(token) && !token.isCapitalized
                || Self.finiteAuxiliaries.contains(token)
            {
                return false
            }
            if token.is(",") || token.is("—") {
                guard i + 1 < range.upperBound else { return true }
                let next = tokens[i + 1]
                return next.textHasSuffix("ing") || WordClass.relativePronouns.contains(next)
                    || Self.frameTailOpeners.contains(next)
            }
            if CueLexicon.cue(in: tokens, at: i, limit: range.upperBound) != nil { return false }
            count += 1
            if count > 12 { return false }
        }
        return true
    }

    /// The words before a quote in its sentence when they are no more than a short subject ("The US
    /// “should not …”"): empty when the quote opens the sentence, nil when a longer clause precedes it
    /// (then the quote is part of that clause's statement).
    func shortSubjectBefore(_ quote: Quote, _ sentence: Range<Int>) -> Range<Int>? {
        guard let open = quote.open else { return 0..<0 }
        let start = contentStart(sentence, before: open)
        let words = (start..<open).filter { tokens[$0].kind == .word || tokens[$0].kind == .number }
        if words.isEmpty { return 0..<0 }
        guard words.count <= 4, (start..<open).allSatisfy({ !tokens[$0].is(",") }) else { return nil }
        return words.first!..<open
    }

    /// The end of a dateline opening a paragraph ("MOSCOW, August 26 (RIA Novosti) –", "New Delhi - 18 Jan
    /// 2012:", "WASHINGTON –"), or the sentence's start when there is none.
    /// Where a sentence's own words start after its dateline, but never after `limit`: a dateline can
    /// run over the comma or quote a caller stops at ("MOSCOW, Aug 26 -- X, Y said" read loosely).
    func contentStart(_ sentence: Range<Int>, before limit: Int) -> Int {
        max(sentence.lowerBound, min(datelineEnd(sentence), limit))
    }

    func datelineEnd(_ sentence: Range<Int>) -> Int {
        guard isParagraphStart[sentence.lowerBound] else { return sentence.lowerBound }
        var sawName = false
        var inParentheses = false
        var sawDigitOrCaps = false
        var end = sentence.lowerBound
        for i in sentence.prefix(18) {
            let token = tokens[i]
            if inParentheses {
                if token.is(")") { inParentheses = false }
                continue
            }
            switch token.kind {
            case .word:
                guard token.isCapitalized || Segmenter.abbreviations.contains(token) else { return end }
                sawName = true
                if token.isAllCaps { sawDigitOrCaps = true }
            case .number:
                sawDigitOrCaps = true
            case .punctuation:
                if token.is("(") { inParentheses = true; sawDigitOrCaps = true; continue }
                if token.is(",") || token.is(".") { continue }
                let isDash = token.is("—") || token.is("-")
                guard sawName || end > sentence.lowerBound, isDash || token.is(":") && sawDigitOrCaps,
                    i + 1 < sentence.upperBound,
                    tokens[i + 1].isCapitalized || tokens[i + 1].kind == .quote || tokens[i + 1].kind == .number
                else { return end }
                end = i + 1
            default:
                return end
            }
        }
        return end
    }

    /// A line that only names a speaker ("President Obama:") introduces the quotes below it.
    mutating func isLabelLine(_ sentence: Range<Int>, paragraph: Int) -> Bool {
        guard let last = sentence.last, tokens[last].is(":"), sentence.count >= 2, sentence.count <= 8,
            isParagraphEnd[sentence.upperBound],
            let phrase = parser.parse(tokens, sentence.lowerBound..<last), !isPronoun(phrase)
        else { return false }
        let speakers = attributor.resolve(phrase, tokens: tokens, text: text)
        guard !speakers.isEmpty else { return false }
        labelSpeakers = speakers
        labelParagraph = paragraph
        return true
    }

    func isPronoun(_ phrase: SpeakerPhrase) -> Bool {
        if case .pronoun = phrase.head { return true }
        return false
    }

    func insideQuote(_ i: Int) -> Bool {
        i >= 0 && i < tokenInsideQuote.count && tokenInsideQuote[i]
    }

    static func sentence(_ map: [Int], _ token: Int) -> Int? {
        guard token >= 0, token < map.count, map[token] >= 0 else { return nil }
        return map[token]
    }

    /// Skips introductory phrases ("On Monday,", "Meanwhile,", "Speaking at …,", "Dismissing US
    /// sanctions …,") before a subject.
    func leadingAdverbialEnd(_ range: Range<Int>) -> Int {
        var start = range.lowerBound
        for _ in 0..<4 {
            guard start < range.upperBound else { break }
            let token = tokens[start]
            let isParticiple = token.kind == .word && token.isCapitalized
                && (token.textHasSuffix("ing") || token.textHasSuffix("ed")) && token.textIsLonger(than: 4) && CueLexicon.cue(in: tokens, at: start, limit: range.upperBound) == nil
            let isRelative = start > range.lowerBound && WordClass.relativePronouns.contains(token)
            guard Self.adverbialOpeners.contains(token) || token.kind == .number || isParticiple || isRelative else { break }
            if Self.adverbialConjunctions.contains(token), start + 1 < range.upperBound, !tokens[start + 1].is(",") {
                start += 1
                continue
            }
            let comma = (start..<min(range.upperBound, start + 35)).first { tokens[$0].is(",") && !insideQuote($0) }
            // "In the interview he repeated …": a pronoun subject right after a short phrase.
            if let subject = (start + 1..<min(range.upperBound, start + 8)).first(where: {
                WordClass.pronouns.contains(tokens[$0]) && !tokens[$0].isCapitalized
            }), comma.map({ subject < $0 }) ?? true, !isParticiple {
                return subject
            }
            guard let comma else { break }
            start = comma + 1
        }
        return start
    }

    /// Drops trailing adverbials after a speaker ("on Friday", "in a statement", "as cited by …").
    func trimTrailers(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else { return range }
        for i in range {
            let token = tokens[i]
            if token.kind == .word, !token.isCapitalized, WordClass.frameTrailers.contains(token),
                !tokens[i - 1].is(",") || true
            {
                // Keep prepositions that belong to a title ("envoy to the UN") by checking what follows.
                if token.is("to") || token.is("for") || token.is("of") || token.is("at") && i + 1 < range.upperBound
                    && tokens[i + 1].isCapitalized
                {
                    continue
                }
                var end = i
                while end > range.lowerBound, tokens[end - 1].is(",") { end -= 1 }
                return range.lowerBound..<end
            }
        }
        var end = range.upperBound
        while end > range.lowerBound, tokens[end - 1].kind == .punctuation { end -= 1 }
        return range.lowerBound..<end
    }

    /// A sentence without its final punctuation and closing marks.
    func sentenceBodyEnd(_ sentence: Range<Int>) -> Int {
        var end = sentence.upperBound
        while end > sentence.lowerBound, tokens[end - 1].kind == .punctuation || tokens[end - 1].kind == .quote
            && tokens[end - 1].side == .closing
        {
            end -= 1
        }
        return end
    }

    func span(of range: Range<Int>) -> TextSpan? {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, tokens[lower].kind == .lineBreak || tokens[lower].kind == .punctuation && tokens[lower].is(",") {
            lower += 1
        }
        while upper > lower, tokens[upper - 1].kind == .lineBreak || tokens[upper - 1].kind == .punctuation && tokens[upper - 1].is(",") {
            upper -= 1
        }
        guard lower < upper else { return nil }
        return TextSpan(start: tokens[lower].start, end: tokens[upper - 1].end)
    }

    func spanOf(_ range: Range<Int>) -> TextSpan {
        span(of: range) ?? TextSpan(start: tokens[range.lowerBound].start, end: tokens[range.lowerBound].start)
    }

    /// The span of the sentences that a token range touches.
    func sentenceSpan(covering range: Range<Int>) -> TextSpan {
        guard let touched = sentenceIndices(touching: range) else { return spanOf(range) }
        return spanOf(sentences[touched.lowerBound].range.lowerBound..<max(sentences[touched.upperBound].range.upperBound, range.upperBound))
    }
}
