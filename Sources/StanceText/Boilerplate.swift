import StanceModel

/// Removes boilerplate before extraction: paywall and subscription blocks, price lists, disclaimers,
/// template placeholders. Patterns come from Rules/boilerplate.yaml so analysts can extend them.
///
/// Every line of every document meets every pattern, so each pattern is guarded by what it cannot
/// match without: a literal it requires (found by reading the pattern) is looked for first with a
/// plain substring search, and a pattern anchored at the line's start is tried only there. The guards
/// never change which lines match; they only skip regex runs that cannot succeed.
public struct BoilerplateFilter: @unchecked Sendable {
    // Regex is not Sendable; the filter only reads its patterns, from any thread.
    struct Pattern {
        let regex: Regex<AnyRegexOutput>
        /// Lower-cased UTF-8 of a literal every match contains, when the pattern has one.
        let requiredLiteral: [UInt8]?
        let caseInsensitive: Bool
        /// `^…`: can only match at the start of the line.
        let anchored: Bool

        init(_ source: String) throws {
            regex = try Regex(source)
            let (literal, caseInsensitive, anchored) = Pattern.analyze(source)
            requiredLiteral = literal.map { Array($0.utf8) }
            self.caseInsensitive = caseInsensitive
            self.anchored = anchored
        }

        func matches(_ line: String) -> Bool {
            if let requiredLiteral {
                guard Pattern.contains(line, requiredLiteral, ignoringASCIICase: caseInsensitive) else { return false }
            }
            if anchored { return (try? regex.prefixMatch(in: line)) != nil }
            return line.contains(regex)
        }

        /// A byte search (ASCII letters folded when asked): the guard runs on every line, so it must
        /// cost less than the regex it saves.
        static func contains(_ line: String, _ needle: [UInt8], ignoringASCIICase: Bool) -> Bool {
            var line = line
            return line.withUTF8 { haystack in
                guard needle.count <= haystack.count, let first = needle.first else { return needle.isEmpty }
                @inline(__always) func fold(_ byte: UInt8) -> UInt8 {
                    ignoringASCIICase && byte >= 65 && byte <= 90 ? byte | 32 : byte
                }
                var i = 0
                let last = haystack.count - needle.count
                while i <= last {
                    if fold(haystack[i]) == first {
                        var k = 1
                        while k < needle.count, fold(haystack[i + k]) == needle[k] { k += 1 }
                        if k == needle.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }

        /// Reads a pattern for its longest required literal (outside groups and alternations), whether it
        /// is case-insensitive, and whether it is anchored at the start.
        static func analyze(_ source: String) -> (literal: String?, caseInsensitive: Bool, anchored: Bool) {
            var scalars = Array(source.unicodeScalars)
            var caseInsensitive = false
            if scalars.starts(with: "(?i)".unicodeScalars) {
                caseInsensitive = true
                scalars.removeFirst(4)
            }
            let anchored = scalars.first == "^"
            var depth = 0
            var runs: [String] = []
            var current = ""
            var i = 0
            var topLevelAlternation = false
            func endRun() {
                if !current.isEmpty { runs.append(current) }
                current = ""
            }
            while i < scalars.count {
                let c = scalars[i]
                switch c {
                case "\\":
                    // An escaped punctuation mark is a literal; \s, \d, \w and the like are classes.
                    if i + 1 < scalars.count, !scalars[i + 1].properties.isAlphabetic, !("0"..."9").contains(scalars[i + 1]),
                        depth == 0
                    {
                        current.unicodeScalars.append(scalars[i + 1])
                    } else {
                        endRun()
                    }
                    i += 2
                    continue
                case "(":
                    endRun()
                    depth += 1
                case ")":
                    endRun()
                    depth -= 1
                case "[":
                    endRun()
                    // Skip the class.
                    i += 1
                    while i < scalars.count, scalars[i] != "]" { i += scalars[i] == "\\" ? 2 : 1 }
                case "|":
                    if depth == 0 { topLevelAlternation = true }
                    endRun()
                case "?", "*", "{":
                    // The character before an optional quantifier is not required.
                    if !current.isEmpty { current.unicodeScalars.removeLast() }
                    endRun()
                    if c == "{" { while i < scalars.count, scalars[i] != "}" { i += 1 } }
                case "+", ".", "^", "$":
                    endRun()
                default:
                    if depth == 0 { current.unicodeScalars.append(c) } else { endRun() }
                }
                i += 1
            }
            endRun()
            guard !topLevelAlternation, let longest = runs.max(by: { $0.count < $1.count }), longest.count >= 2 else {
                return (nil, caseInsensitive, anchored)
            }
            return (caseInsensitive ? longest.lowercased() : longest, caseInsensitive, anchored)
        }
    }

    private let lines: [Pattern]
    private let cuts: [Pattern]

    /// `lines`: a line matching one of these is boilerplate. `cuts`: a line matching one of these
    /// starts a trailing block that runs to the end of the document.
    public init(lines: [String], cuts: [String]) throws {
        self.lines = try lines.map(Pattern.init)
        self.cuts = try cuts.map(Pattern.init)
    }

    public static let none = try! BoilerplateFilter(lines: [], cuts: [])

    /// Indices of the paragraphs to keep.
    public func keptParagraphs(_ paragraphs: [Range<Int>], tokens: [Token], text: ScalarText) -> [Int] {
        guard !lines.isEmpty || !cuts.isEmpty else { return Array(paragraphs.indices) }
        var kept: [Int] = []
        for (index, paragraph) in paragraphs.enumerated() {
            let line = text[TextSpan(start: tokens[paragraph.lowerBound].start, end: tokens[paragraph.upperBound - 1].end)]
            if cuts.contains(where: { $0.matches(line) }) { break }
            if lines.contains(where: { $0.matches(line) }) { continue }
            kept.append(index)
        }
        return kept
    }
}
