import StanceModel

/// Removes boilerplate before extraction: paywall and subscription blocks, price lists, disclaimers,
/// template placeholders. Patterns come from Rules/boilerplate.yaml so analysts can extend them.
public struct BoilerplateFilter: @unchecked Sendable {
    // Regex is not Sendable; the filter only reads its patterns, from any thread.
    private let lines: [Regex<AnyRegexOutput>]
    private let cuts: [Regex<AnyRegexOutput>]

    /// `lines`: a line matching one of these is boilerplate. `cuts`: a line matching one of these
    /// starts a trailing block that runs to the end of the document.
    public init(lines: [String], cuts: [String]) throws {
        self.lines = try lines.map { try Regex($0) }
        self.cuts = try cuts.map { try Regex($0) }
    }

    public static let none = try! BoilerplateFilter(lines: [], cuts: [])

    /// Indices of the paragraphs to keep.
    public func keptParagraphs(_ paragraphs: [Range<Int>], tokens: [Token], text: ScalarText) -> [Int] {
        guard !lines.isEmpty || !cuts.isEmpty else { return Array(paragraphs.indices) }
        var kept: [Int] = []
        for (index, paragraph) in paragraphs.enumerated() {
            let line = text[TextSpan(start: tokens[paragraph.lowerBound].start, end: tokens[paragraph.upperBound - 1].end)]
            if cuts.contains(where: { line.contains($0) }) { break }
            if lines.contains(where: { line.contains($0) }) { continue }
            kept.append(index)
        }
        return kept
    }
}
