import Foundation
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
    final class Pattern {
        let regex: Regex<AnyRegexOutput>
        /// Lower-cased UTF-8 of a literal every match contains, when the pattern has one.
        let requiredLiteral: [UInt8]?
        let caseInsensitive: Bool
        /// `^…`: can only match at the start of the line.
        let anchored: Bool
        /// For `^\s*(a…|b…)`-shaped patterns: how a match can start after the line's leading white
        /// space.
        let lineStarts: LineStarts?
        /// `requiredLiteral` as scalars, for the search on the document's scalars.
        let requiredScalars: [Unicode.Scalar]?

        init(_ source: String) throws {
            regex = try Regex(source)
            let (literal, caseInsensitive, anchored) = Pattern.analyze(source)
            requiredLiteral = literal.map { Array($0.utf8) }
            requiredScalars = literal.map { Array($0.unicodeScalars) }
            self.caseInsensitive = caseInsensitive
            self.anchored = anchored
            lineStarts = anchored ? LineStarts.analyze(source) : nil
        }

        func matches(_ line: String) -> Bool {
            if let requiredLiteral {
                guard Pattern.contains(line, requiredLiteral, ignoringASCIICase: caseInsensitive) else { return false }
            }
            if anchored { return (try? regex.prefixMatch(in: line)) != nil }
            return line.contains(regex)
        }

        /// `matches(text[range])`, with the guards run on the scalars so that most lines are never
        /// built as strings; `firstNonSpace` is where the line's leading white space ends, and `line`
        /// builds (once) the string the regex needs.
        func matches(_ scalars: [Unicode.Scalar], _ range: Range<Int>, firstNonSpace: Int, line: () -> String) -> Bool {
            scalars.withUnsafeBufferPointer {
                matches($0, range, firstNonSpace: firstNonSpace, literalFound: nil, line: line)
            }
        }

        /// The same, the line start checked before the literal; `literalFound` says whether the required
        /// literal is in the line when that was already looked for, nil to look for it here.
        func matches(
            _ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>, firstNonSpace: Int, literalFound: Bool?,
            line: () -> String
        ) -> Bool {
            passesGuards(scalars, range, firstNonSpace: firstNonSpace, literalFound: literalFound) && regexMatches(line())
        }

        /// The cheap necessary conditions of a match: the line start, then the required literal.
        func passesGuards(
            _ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>, firstNonSpace: Int, literalFound: Bool?
        ) -> Bool {
            if let lineStarts {
                guard lineStarts.admits(scalars, from: firstNonSpace, to: range.upperBound) else { return false }
            }
            if let requiredScalars {
                guard literalFound ?? Pattern.contains(scalars, range, requiredScalars, ignoringASCIICase: caseInsensitive)
                else { return false }
            }
            return true
        }

        /// The regex alone.
        func regexMatches(_ line: String) -> Bool {
            if anchored { return (try? regex.prefixMatch(in: line)) != nil }
            return line.contains(regex)
        }

        /// The scalar form of the byte search: UTF-8 is self-synchronizing, so a needle is found among
        /// the scalars exactly where it is found among the bytes.
        static func contains(
            _ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>, _ needle: [Unicode.Scalar],
            ignoringASCIICase: Bool
        ) -> Bool {
            guard let first = needle.first else { return true }
            guard needle.count <= range.count else { return false }
            @inline(__always) func fold(_ scalar: Unicode.Scalar) -> UInt32 {
                let value = scalar.value
                return ignoringASCIICase && value >= 65 && value <= 90 ? value | 32 : value
            }
            let firstValue = first.value
            var i = range.lowerBound
            let last = range.upperBound - needle.count
            while i <= last {
                if fold(scalars[i]) == firstValue {
                    var k = 1
                    while k < needle.count, fold(scalars[i + k]) == needle[k].value { k += 1 }
                    if k == needle.count { return true }
                }
                i += 1
            }
            return false
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

    /// What the patterns make of a line.
    enum Verdict: Sendable {
        case keep, drop, cut
    }

    /// Verdicts on lines that reached a regex, shared by every document the filter reads: boilerplate
    /// repeats verbatim from article to article ("Advertisement", "Read more:", a source's footer),
    /// and a regex run costs tens of thousands of instructions. A verdict depends on the line's text
    /// alone. Short lines only, and a bounded number of them.
    final class VerdictCache: @unchecked Sendable {
        private let lock = NSLock()
        private var verdicts: [String: Verdict] = [:]
        static let longestLine = 200
        static let capacity = 4096

        var count: Int {
            lock.lock()
            defer { lock.unlock() }
            return verdicts.count
        }

        func verdict(_ line: String) -> Verdict? {
            guard line.utf8.count <= Self.longestLine else { return nil }
            lock.lock()
            defer { lock.unlock() }
            return verdicts[line]
        }

        func remember(_ verdict: Verdict, for line: String) {
            guard line.utf8.count <= Self.longestLine else { return }
            lock.lock()
            defer { lock.unlock() }
            if verdicts.count >= Self.capacity { verdicts.removeAll(keepingCapacity: true) }
            verdicts[line] = verdict
        }
    }

    private let verdicts = VerdictCache()
    private let lines: [Pattern]
    private let cuts: [Pattern]
    /// Cuts then lines: the index of each pattern in the literal search's results.
    private let all: [Pattern]
    /// The patterns whose required literals are looked for in one pass over each line: those without
    /// a line-start guard. (A guarded pattern's literal is looked for only in lines the guard admits.)
    /// For each ASCII scalar, the patterns (indices into `all`) whose literal can start with it (both
    /// cases for case-insensitive ones) are `literalCandidates[literalCandidateStarts[v]..<
    /// literalCandidateStarts[v + 1]]`; index 128 holds those whose literal starts beyond ASCII.
    private let literalCandidates: [LiteralCandidate]
    private let literalCandidateStarts: [Int]
    /// `all` indices of the patterns with a literal looked for in the one pass.
    private let scannedLiterals: [Int]
    /// A scanned pattern's literal, with its second scalar to turn most false starts away before the
    /// full comparison.
    struct LiteralCandidate: Sendable {
        var pattern: Int
        var length: Int
        /// The literal's second scalar (folded like the literal), if it has one.
        var second: UInt32?
        var caseInsensitive: Bool
    }

    /// The patterns (indices into `all`) whose guards can pass on a line by its first non-white-space
    /// scalar: for an ASCII one v, `guardedCandidates[guardedCandidateStarts[v]..<guardedCandidateStarts[v + 1]]`;
    /// slot 128 for any other scalar, slot 129 for a line of white space only. Most lines are then
    /// checked against a few patterns, not all.
    private let guardedCandidates: [Int]
    private let guardedCandidateStarts: [Int]

    /// Bits 0..<128: ASCII scalars some scanned literal starts with; bit 128: one starts beyond ASCII.
    private let literalFirsts: (low: UInt64, high: UInt64, beyondASCII: Bool)

    /// `lines`: a line matching one of these is boilerplate. `cuts`: a line matching one of these
    /// starts a trailing block that runs to the end of the document.
    public init(lines: [String], cuts: [String]) throws {
        self.lines = try lines.map(Pattern.init)
        self.cuts = try cuts.map(Pattern.init)
        all = self.cuts + self.lines
        var candidates = [[LiteralCandidate]](repeating: [], count: 129)
        var scanned: [Int] = []
        for (index, pattern) in all.enumerated() where pattern.lineStarts == nil {
            guard let needle = pattern.requiredScalars, let first = needle.first?.value else { continue }
            scanned.append(index)
            let candidate = LiteralCandidate(pattern: index, length: needle.count, second: needle.dropFirst().first?.value,
                                             caseInsensitive: pattern.caseInsensitive)
            if first >= 128 {
                candidates[128].append(candidate)
            } else {
                candidates[Int(first)].append(candidate)
                if pattern.caseInsensitive, first >= 97, first <= 122 { candidates[Int(first - 32)].append(candidate) }
            }
        }
        literalCandidates = candidates.flatMap { $0 }
        literalCandidateStarts = [0] + candidates.reduce(into: [Int]()) { starts, list in starts.append((starts.last ?? 0) + list.count) }
        scannedLiterals = scanned
        var firsts: (low: UInt64, high: UInt64, beyondASCII: Bool) = (0, 0, !candidates[128].isEmpty)
        for value in 0..<128 where !candidates[value].isEmpty {
            if value < 64 { firsts.low |= 1 << UInt64(value) } else { firsts.high |= 1 << UInt64(value - 64) }
        }
        literalFirsts = firsts
        var byFirst = [[Int]](repeating: [], count: 130)
        for (index, pattern) in all.enumerated() {
            guard let lineStarts = pattern.lineStarts else {
                for slot in 0..<130 { byFirst[slot].append(index) }
                continue
            }
            for value in 0..<128 where lineStarts.mayStart(withASCII: UInt32(value)) { byFirst[value].append(index) }
            byFirst[128].append(index)
        }
        guardedCandidates = byFirst.flatMap { $0 }
        guardedCandidateStarts = [0] + byFirst.reduce(into: [Int]()) { starts, list in starts.append((starts.last ?? 0) + list.count) }
    }

    /// For the patterns of `scannedLiterals`, whether the required literal is in the line: one pass
    /// over the line for all those literals together.
    private func literalsFound(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>, into found: inout [Bool]) {
        for index in scannedLiterals { found[index] = false }
        let candidates = literalCandidates
        let starts = literalCandidateStarts
        let firsts = literalFirsts
        for i in range {
            let value = scalars[i].value
            // Most scalars start no literal: one bit test.
            if value < 64 {
                if firsts.low & (1 << UInt64(value)) == 0 { continue }
            } else if value < 128 {
                if firsts.high & (1 << UInt64(value - 64)) == 0 { continue }
            } else if !firsts.beyondASCII {
                continue
            }
            let slot = value < 128 ? Int(value) : 128
            var c = starts[slot]
            let end = starts[slot + 1]
            while c < end {
                let candidate = candidates[c]
                c += 1
                guard !found[candidate.pattern], i + candidate.length <= range.upperBound else { continue }
                if let second = candidate.second {
                    let value = scalars[i + 1].value
                    let folded = candidate.caseInsensitive && value >= 65 && value <= 90 ? value | 32 : value
                    guard folded == second else { continue }
                }
                let pattern = all[candidate.pattern]
                if let needle = pattern.requiredScalars,
                    Pattern.contains(scalars, i..<(i + needle.count), needle, ignoringASCIICase: pattern.caseInsensitive)
                {
                    found[candidate.pattern] = true
                }
            }
        }
    }

    public static let none = try! BoilerplateFilter(lines: [], cuts: [])

    /// Indices of the paragraphs to keep.
    public func keptParagraphs(_ paragraphs: [Range<Int>], tokens: [Token], text: ScalarText) -> [Int] {
        guard !lines.isEmpty || !cuts.isEmpty else { return Array(paragraphs.indices) }
        return text.scalars.withUnsafeBufferPointer { scalars in
            var kept: [Int] = []
            var found = [Bool](repeating: false, count: all.count)
            var guardsPassed = [Bool](repeating: false, count: all.count)
            for (index, paragraph) in paragraphs.enumerated() {
                let span = TextSpan(start: tokens[paragraph.lowerBound].start, end: tokens[paragraph.upperBound - 1].end)
                let range = max(0, span.start)..<min(scalars.count, max(span.start, span.end))
                var firstNonSpace = range.lowerBound
                while firstNonSpace < range.upperBound, Self.isWhitespace(scalars[firstNonSpace]) { firstNonSpace += 1 }
                literalsFound(scalars, range, into: &found)
                // Each pattern's guards (a guarded pattern looks for its literal only in lines its guard
                // admits; the others' literals were looked for in the pass above); the regexes only for
                // a line some guard let through.
                var anyPassed = false
                for k in all.indices { guardsPassed[k] = false }
                let slot: Int
                if firstNonSpace == range.upperBound {
                    slot = 129
                } else {
                    let first = scalars[firstNonSpace].value
                    slot = first < 128 ? Int(first) : 128
                }
                for c in guardedCandidateStarts[slot]..<guardedCandidateStarts[slot + 1] {
                    let k = guardedCandidates[c]
                    let pattern = all[k]
                    guardsPassed[k] = pattern.passesGuards(scalars, range, firstNonSpace: firstNonSpace,
                                                           literalFound: pattern.lineStarts == nil ? found[k] : nil)
                    anyPassed = anyPassed || guardsPassed[k]
                }
                let verdict = anyPassed ? self.verdict(on: text[span], guardsPassed: guardsPassed) : .keep
                if verdict == .cut { break }
                if verdict == .drop { continue }
                kept.append(index)
            }
            return kept
        }
    }

    /// The verdict on a line: cut if a cut pattern matches, else drop if a line pattern does, else
    /// keep; only patterns whose guards passed are run.
    private func verdict(on line: String, guardsPassed: [Bool]) -> Verdict {
        if let known = verdicts.verdict(line) { return known }
        let verdict: Verdict
        if cuts.indices.contains(where: { guardsPassed[$0] && cuts[$0].regexMatches(line) }) {
            verdict = .cut
        } else if lines.indices.contains(where: { guardsPassed[cuts.count + $0] && lines[$0].regexMatches(line) }) {
            verdict = .drop
        } else {
            verdict = .keep
        }
        verdicts.remember(verdict, for: line)
        return verdict
    }

    /// Unicode's White_Space, ASCII answered inline.
    @inline(__always) static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 128 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return isUnicodeWhitespace(scalar)
    }

    @inline(never) static func isUnicodeWhitespace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }
}

/// How a line-anchored pattern can start after the line's leading white space: read from patterns
/// shaped `^\s*X`, where X is a literal, a class, `\d`, or a group of alternatives each starting so.
/// For a literal only its required part counts ("sponsored" in `sponsored( content)?`). Anything else
/// (optional first items, nested groups, other escapes) gives no guard: the guard never rejects a
/// line the regex would match.
struct LineStarts: Sendable {
    enum Start: Sendable {
        /// ASCII-folded when the pattern is case-insensitive.
        case literal([UInt32])
        case oneOf(ScalarClass)
    }

    struct ScalarClass: Sendable {
        /// ASCII scalars, folded when the pattern is case-insensitive.
        var ascii = [Bool](repeating: false, count: 128)
        var others: Set<UInt32> = []
        /// `\d`: any Unicode decimal digit.
        var digits = false
    }

    private(set) var starts: [Start] = [] {
        didSet {
            asciiFirsts = Self.asciiFirsts(of: starts)
            literalScalars = []
            literalEnds = []
            classes = []
            for start in starts {
                switch start {
                case .literal(let literal):
                    literalScalars += literal
                    literalEnds.append(literalScalars.count)
                case .oneOf(let set):
                    classes.append(set)
                }
            }
        }
    }
    /// The literal starts one after another (literal k ends at `literalEnds[k]`), and the class
    /// starts: read without copying an array per start on every line.
    private var literalScalars: [UInt32] = []
    private var literalEnds: [Int] = []
    private var classes: [ScalarClass] = []
    private var caseInsensitive = false
    /// The ASCII scalars (folded) any start can begin with: most lines are turned away by one lookup.
    private var asciiFirsts = [Bool](repeating: false, count: 128)

    private static func asciiFirsts(of starts: [Start]) -> [Bool] {
        var table = [Bool](repeating: false, count: 128)
        for start in starts {
            switch start {
            case .literal(let literal):
                if let first = literal.first, first < 128 { table[Int(first)] = true }
            case .oneOf(let set):
                for value in 0..<128 where set.ascii[value] || (set.digits && value >= 48 && value <= 57) {
                    table[value] = true
                }
            }
        }
        return table
    }

    /// Whether a line whose first non-white-space scalar is this ASCII one can match (`admits`'s first
    /// test alone).
    func mayStart(withASCII value: UInt32) -> Bool { asciiFirsts[Int(fold(value))] }

    /// Whether a line whose first non-white-space scalar is at `i` can match.
    @inline(__always) func admits(_ s: UnsafeBufferPointer<Unicode.Scalar>, from i: Int, to end: Int) -> Bool {
        guard i < end else { return false }
        // Most lines are turned away by their first scalar, inline; the rest are read out of line.
        let first = s[i].value
        if first < 128 && !asciiFirsts[Int(fold(first))] { return false }
        return admitsStart(s, from: i, to: end)
    }

    /// Whether some start can begin at `i` (any one suffices, so literals are tried before classes).
    @inline(never) private func admitsStart(_ s: UnsafeBufferPointer<Unicode.Scalar>, from i: Int, to end: Int) -> Bool {
        var literalStart = 0
        for literalEnd in literalEnds {
            var k = literalStart
            var position = i
            while k < literalEnd {
                guard position < end else { break }
                let scalar = s[position]
                if scalar.value >= 128 && cannotTell(scalar) { return true }
                if fold(scalar.value) != literalScalars[k] { break }
                k += 1
                position += 1
            }
            if k == literalEnd { return true }
            literalStart = literalEnd
        }
        for set in classes {
            let scalar = s[i]
            if scalar.value >= 128 && cannotTell(scalar) { return true }
            let value = fold(scalar.value)
            if value < 128 {
                if set.ascii[Int(value)] || (set.digits && value >= 48 && value <= 57) { return true }
            } else if set.others.contains(value) || (set.digits && Self.isNumeric(scalar)) {
                return true
            }
        }
        return false
    }

    @inline(never) private static func isNumeric(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.numericType != nil }

    @inline(__always) private func fold(_ value: UInt32) -> UInt32 {
        caseInsensitive && value >= 65 && value <= 90 ? value | 32 : value
    }

    /// Matching runs on characters: a mark or joiner joins the scalar before it into one character
    /// (which a literal then does not match, or `\s` skips whole), and a case-insensitive match may
    /// fold a non-ASCII scalar to ASCII (ſ, K). Lines with such scalars go to the regex.
    @inline(never) private func cannotTell(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<128: return false
        // Quotation marks, dashes and the ellipsis, which open many lines: none is a mark, a joiner
        // or a letter.
        case 0x2010...0x2015, 0x2018...0x201F, 0x2026, 0xAB, 0xBB: return false
        // Latin and the other two-byte scripts from a table (©, accented capitals open lines too).
        case 0x80..<0x800: return Self.cannotTellTwoByte[Int(scalar.value - 0x80)] & (caseInsensitive ? 2 : 1) != 0
        default: return Self.cannotTellByProperties(scalar, caseInsensitive: caseInsensitive)
        }
    }

    private static func cannotTellByProperties(_ scalar: Unicode.Scalar, caseInsensitive: Bool) -> Bool {
        let properties = scalar.properties
        return properties.isGraphemeExtend || properties.isJoinControl || properties.isVariationSelector
            || properties.isEmojiModifier || (caseInsensitive && properties.changesWhenCaseFolded)
    }

    /// `cannotTell` for U+0080..<U+0800: bit 0 case-sensitive, bit 1 case-insensitive.
    private static let cannotTellTwoByte: [UInt8] = (0x80..<0x800).map { value in
        let scalar = Unicode.Scalar(UInt32(value))!
        return (cannotTellByProperties(scalar, caseInsensitive: false) ? 1 : 0)
            | (cannotTellByProperties(scalar, caseInsensitive: true) ? 2 : 0)
    }

    static func analyze(_ source: String) -> LineStarts? {
        var scalars = Array(source.unicodeScalars)
        var result = LineStarts()
        if scalars.starts(with: "(?i)".unicodeScalars) {
            result.caseInsensitive = true
            scalars.removeFirst(4)
        }
        guard scalars.first == "^", !hasTopLevelAlternation(scalars) else { return nil }
        var i = 1
        if scalars.count >= i + 3, scalars[i] == "\\", scalars[i + 1] == "s", scalars[i + 2] == "*" { i += 3 }
        guard i < scalars.count else { return nil }
        guard scalars[i] == "(" else { return result.addStart(scalars, i) ? result : nil }
        // A plain group (not `(?…`) of alternatives, each read for how it starts.
        guard i + 1 < scalars.count, scalars[i + 1] != "?" else { return nil }
        var depth = 0
        var j = i
        var alternativeStart = i + 1
        while j < scalars.count {
            let c = scalars[j]
            if c == "\\" {
                j += 2
                continue
            }
            if c == "[" {
                j += 1
                while j < scalars.count, scalars[j] != "]" { j += scalars[j] == "\\" ? 2 : 1 }
            } else if c == "(" {
                depth += 1
            } else if c == ")" {
                depth -= 1
                if depth == 0 {
                    guard result.addStart(scalars, alternativeStart, end: j) else { return nil }
                    break
                }
            } else if c == "|" && depth == 1 {
                guard result.addStart(scalars, alternativeStart, end: j) else { return nil }
                alternativeStart = j + 1
            }
            j += 1
        }
        guard depth == 0, j < scalars.count else { return nil }
        // The group itself must not be optional.
        if j + 1 < scalars.count, ["?", "*", "{"].contains(scalars[j + 1]) { return nil }
        return result
    }

    /// `a|b` outside any group: the pattern's start is not where the guard would look.
    static func hasTopLevelAlternation(_ s: [Unicode.Scalar]) -> Bool {
        var depth = 0
        var j = 0
        while j < s.count {
            switch s[j] {
            case "\\":
                j += 1
            case "[":
                j += 1
                while j < s.count, s[j] != "]" { j += s[j] == "\\" ? 2 : 1 }
            case "(": depth += 1
            case ")": depth -= 1
            case "|" where depth == 0: return true
            default: break
            }
            j += 1
        }
        return false
    }

    /// Adds how the item at `i` (up to `end`) starts; false when it cannot tell.
    private mutating func addStart(_ s: [Unicode.Scalar], _ i: Int, end: Int? = nil) -> Bool {
        let end = end ?? s.count
        guard i < end else { return false }
        if s[i] == "[" || (s[i] == "\\" && i + 1 < end && s[i + 1] == "d") {
            var set = ScalarClass()
            var after: Int
            if s[i] == "[" {
                var j = i + 1
                // Literal characters, ranges and \d only: no negation, no other escapes.
                guard j < end, s[j] != "^", s[j] != "]" else { return false }
                while j < end, s[j] != "]" {
                    // Nested classes and set operations ([a[b]], [a&&b], [[:alpha:]]) are not read.
                    if s[j] == "[" || (s[j] == "&" && j + 1 < end && s[j + 1] == "&") { return false }
                    if s[j] == "\\" {
                        guard j + 1 < end else { return false }
                        let escaped = s[j + 1]
                        if escaped == "d" {
                            set.digits = true
                        } else if isPunctuation(escaped) {
                            guard add(escaped, to: &set) else { return false }
                        } else {
                            return false
                        }
                        j += 2
                        continue
                    }
                    if j + 2 < end, s[j + 1] == "-", s[j + 2] != "]" {
                        let low = s[j].value, high = s[j + 2].value
                        guard low <= high, high < 128 else { return false }
                        for value in low...high { guard add(Unicode.Scalar(value)!, to: &set) else { return false } }
                        j += 3
                        continue
                    }
                    guard add(s[j], to: &set) else { return false }
                    j += 1
                }
                guard j < end else { return false }
                after = j + 1
            } else {
                set.digits = true
                after = i + 2
            }
            // An optional first item lets the match start with whatever follows it.
            if after < s.count, ["?", "*", "{"].contains(s[after]) { return false }
            starts.append(.oneOf(set))
            return true
        }
        // A literal run: plain characters and escaped punctuation, up to the first special character.
        var literal: [UInt32] = []
        var j = i
        while j < end {
            var scalar = s[j]
            var next = j + 1
            if scalar == "\\" {
                guard j + 1 < end, isPunctuation(s[j + 1]) else { break }
                scalar = s[j + 1]
                next = j + 2
            } else if ["(", ")", "|", "[", ".", "^", "$", "?", "*", "+", "{"].contains(scalar) {
                break
            }
            // A character made optional by the quantifier after it is not required, nor is anything later.
            if next < s.count, ["?", "*", "{"].contains(s[next]) { break }
            // Case-insensitive matching of a non-ASCII letter could meet another case of it.
            if caseInsensitive && scalar.value >= 128 && scalar.properties.changesWhenCaseMapped { break }
            // White space first would be skipped as the line's leading white space.
            if literal.isEmpty && scalar.properties.isWhitespace { return false }
            literal.append(fold(scalar.value))
            j = next
            if next < s.count, s[next] == "+" { break }
        }
        guard !literal.isEmpty else { return false }
        starts.append(.literal(literal))
        return true
    }

    private func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        !scalar.properties.isAlphabetic && !("0"..."9").contains(scalar)
    }

    private func add(_ scalar: Unicode.Scalar, to set: inout ScalarClass) -> Bool {
        // A white-space first item would be skipped as leading white space; another case of a
        // non-ASCII letter could match case-insensitively.
        if scalar.properties.isWhitespace { return false }
        let value = scalar.value
        if value < 128 {
            set.ascii[Int(fold(value))] = true
            return true
        }
        if caseInsensitive && scalar.properties.changesWhenCaseMapped { return false }
        set.others.insert(value)
        return true
    }
}
