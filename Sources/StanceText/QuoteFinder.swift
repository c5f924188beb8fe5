import StanceModel

/// A direct quotation: the tokens between a pair of double quotation marks.
public struct Quote: Sendable, Hashable {
    /// Token index of the opening mark; nil when the quote continues an unclosed quote from the previous
    /// paragraph without a new opening mark.
    public var open: Int?
    /// Token index of the closing mark; nil when the quote runs to the end of its paragraph unclosed
    /// (news style for a quote that goes on in the next paragraph).
    public var close: Int?
    /// The quoted tokens, marks excluded.
    public var inner: Range<Int>
    /// Index of the paragraph it sits in.
    public var paragraph: Int
    /// This quote continues the previous paragraph's unclosed quote: same speaker.
    public var continuesPrevious: Bool

    /// The tokens including the marks.
    public var outer: Range<Int> {
        (open ?? inner.lowerBound)..<(close.map { $0 + 1 } ?? inner.upperBound)
    }
}

/// Pairs double quotation marks into quotes, paragraph by paragraph. Single marks are left alone:
/// in running text they are scare quotes or quotes inside quotes, part of the words around them.
public enum QuoteFinder {
    public static func quotes(_ tokens: [Token], paragraphs: [Range<Int>]) -> [Quote] {
        var quotes: [Quote] = []
        var previousUnclosed = false
        for (index, paragraph) in paragraphs.enumerated() {
            var openAt: Int? = nil
            var sawQuoteMark = false
            var paragraphQuotes: [Quote] = []
            for i in paragraph where tokens[i].kind == .quote && tokens[i].quote?.isDouble == true {
                let mark = tokens[i].quote!
                if let open = openAt {
                    // A typographic opening mark inside an open quote is a quote within the quote written
                    // with double marks; it does not close anything.
                    if mark == .doubleOpen && tokens[i].side == .opening && !(i > open + 1 && isSentenceEnd(tokens[i - 1])) {
                        continue
                    }
                    paragraphQuotes.append(Quote(open: open, close: i, inner: (open + 1)..<i, paragraph: index,
                                                 continuesPrevious: false))
                    openAt = nil
                } else if mark == .doubleClose || (mark == .doubleStraight && tokens[i].side == .closing) {
                    // A closing mark with nothing open: the rest of a quote carried over from the
                    // previous paragraph without a new opening mark, if there is one.
                    if !sawQuoteMark && previousUnclosed {
                        paragraphQuotes.append(Quote(open: nil, close: i, inner: paragraph.lowerBound..<i,
                                                     paragraph: index, continuesPrevious: true))
                    }
                } else {
                    openAt = i
                }
                sawQuoteMark = true
            }
            if let open = openAt {
                paragraphQuotes.append(Quote(open: open, close: nil, inner: (open + 1)..<paragraph.upperBound,
                                             paragraph: index, continuesPrevious: false))
            }
            // A paragraph opening with a quote mark after a paragraph whose quote never closed carries on
            // the same quotation.
            if previousUnclosed, let first = paragraphQuotes.first, first.open == paragraph.lowerBound {
                paragraphQuotes[0].continuesPrevious = true
            }
            previousUnclosed = paragraphQuotes.last.map { $0.close == nil } ?? false
            quotes += paragraphQuotes
        }
        return quotes
    }

    static func isSentenceEnd(_ token: Token) -> Bool {
        token.kind == .punctuation && (token.is(".") || token.is("?") || token.is("!"))
    }
}
