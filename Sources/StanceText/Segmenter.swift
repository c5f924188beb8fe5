import StanceModel

/// Splits tokens into paragraphs (lines) and sentences, the units statements are found in.
///
/// Every line break ends a sentence: in news text a line is a headline, a caption, a byline or a
/// paragraph. Within a line a sentence ends at `.`, `!`, `?` or `…` (with any closing quotes and
/// brackets after it) when the next token can start a sentence, unless the period belongs to an
/// abbreviation (Mr., Gen., Jan., No.) or an initial (J. Smith).
public enum Segmenter {
    /// Token ranges of the lines (paragraphs) in `range`, line breaks excluded, empty lines skipped.
    public static func paragraphs(_ tokens: [Token], in range: Range<Int>? = nil) -> [Range<Int>] {
        let range = range ?? 0..<tokens.count
        var result: [Range<Int>] = []
        var start = range.lowerBound
        for i in range where tokens[i].kind == .lineBreak {
            if start < i { result.append(start..<i) }
            start = i + 1
        }
        if start < range.upperBound { result.append(start..<range.upperBound) }
        return result
    }

    /// Token ranges of the sentences in `range` (which should not cross line breaks; if it does,
    /// line breaks end sentences too).
    public static func sentences(_ tokens: [Token], in range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        var i = range.lowerBound
        while i < range.upperBound {
            if tokens[i].kind == .lineBreak {
                if start < i { result.append(start..<i) }
                start = i + 1
                i += 1
                continue
            }
            // Only punctuation and words ending in a period (U.S.) can end a sentence: most tokens are
            // turned away here without a call.
            if tokens[i].kind == .punctuation || tokens[i].kind == .word && tokens[i].textHasSuffix("."),
                let end = sentenceEnd(tokens, at: i, limit: range.upperBound)
            {
                if start < end { result.append(start..<end) }
                start = end
                i = end
                continue
            }
            i += 1
        }
        if start < range.upperBound { result.append(start..<range.upperBound) }
        return result
    }

    /// Sentences of a whole token array, paragraph by paragraph.
    public static func sentences(_ tokens: [Token]) -> [Range<Int>] {
        paragraphs(tokens).flatMap { sentences(tokens, in: $0) }
    }

    /// If token `i` ends a sentence, the index just past the sentence (after closing marks).
    static func sentenceEnd(_ tokens: [Token], at i: Int, limit: Int) -> Int? {
        // Called at every token: fields are read in place (no copy of the token) and marks compared by key.
        let isTerminal: Bool
        var isInitialism = false
        switch tokens[i].kind {
        case .punctuation:
            isTerminal = tokens[i].is(".") || tokens[i].is("!") || tokens[i].is("?")
                || tokens[i].is("…")
        case .word:
            isInitialism = tokens[i].textHasSuffix(".")
            isTerminal = isInitialism
        default:
            isTerminal = false
        }
        guard isTerminal else { return nil }

        if tokens[i].is(".") && i > 0 {
            if tokens[i - 1].kind == .word && !tokens[i].spaceBefore {
                if abbreviations.contains(tokens[i - 1]) { return nil }
                // An initial (J. Smith), but not a one-letter word at a sentence's end such as "Plan B."
                if tokens[i - 1].isSingleScalar && tokens[i - 1].isCapitalized,
                    i + 1 < limit, tokens[i + 1].isCapitalized
                {
                    return nil
                }
            }
        }

        // Closing quotes and brackets stay with the sentence they close.
        var end = i + 1
        while end < limit {
            if tokens[end].kind == .quote && tokens[end].side != .opening && !tokens[end].spaceBefore { end += 1; continue }
            if tokens[end].kind == .punctuation && (tokens[end].is(")") || tokens[end].is("]"))
                && !tokens[end].spaceBefore
            {
                end += 1
                continue
            }
            break
        }
        guard end < limit else { return end }
        switch tokens[end].kind {
        case .lineBreak:
            return end
        case .quote:
            return tokens[end].side == .closing ? nil : (isInitialism ? nil : end)
        case .number:
            return isInitialism ? nil : end
        case .punctuation:
            return !isInitialism && (tokens[end].is("(") || tokens[end].is("[") || tokens[end].is("—"))
                ? end : nil
        case .word:
            guard tokens[end].isCapitalized else { return nil }
            // "the U.S. Treasury" continues; "the U.S. It said" ends: after an initialism, only a
            // word that commonly starts a sentence ends it.
            if isInitialism { return sentenceStarters.contains(tokens[end]) ? end : nil }
            return end
        }
    }

    /// Words whose period does not end a sentence.
    static let abbreviations: WordSet = [
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt",
        "sen", "rep", "gov", "amb", "pres", "rev", "hon", "st", "jr", "sr", "no", "nos", "vol", "art", "sec",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "inc", "corp", "co", "ltd", "bros", "vs", "v", "approx", "dept", "est", "fig", "ft", "mt", "ave", "rd",
    ]

    /// Capitalized words that, after a sentence-final initialism (U.S.), begin a new sentence.
    static let sentenceStarters: WordSet = [
        "the", "a", "an", "he", "she", "it", "we", "they", "i", "this", "that", "these", "those", "but", "and",
        "in", "on", "at", "for", "as", "if", "when", "while", "after", "before", "since", "its", "his", "her",
        "their", "our", "there", "meanwhile", "however", "still", "yet", "so", "some", "many", "both",
    ]
}
