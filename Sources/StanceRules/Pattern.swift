import StanceModel
import StanceText

/// A parsed rule pattern: the token-based pattern language of Rules/README.md.
///
///     (raise~|step~ up|maximize~) ...3 @pressure-nouns on <country>
indirect enum PatternElement: Hashable, Sendable {
    /// One token, lower-cased as the tokenizer writes it; `inflect` adds its inflections (`urge~`).
    case word(String, inflect: Bool)
    case sequence([PatternElement])
    case alternatives([PatternElement])
    case optional(PatternElement)
    /// Up to `n` tokens of anything (`...` is 4, `...N` is N).
    case gap(Int)
    /// A shared phrase list (`@pressure-nouns`), resolved when rules are compiled.
    case list(String)
    /// Any mention of a country or international body; captures the target.
    case country
    /// A country mention or a pronoun that stands for one (it, them, the regime); captures the target.
    case party

    /// The pattern written back in the pattern language, canonical (used to spot contradictory rules).
    var canonical: String {
        switch self {
        case .word(let text, let inflect): return inflect ? text + "~" : text
        case .sequence(let items): return items.map(\.canonical).joined(separator: " ")
        case .alternatives(let items): return "(" + items.map(\.canonical).joined(separator: "|") + ")"
        case .optional(let item):
            if case .word = item { return item.canonical + "?" }
            if case .alternatives = item { return item.canonical + "?" }
            return "(" + item.canonical + ")?"
        case .gap(let n): return n == PatternParser.defaultGap ? "..." : "...\(n)"
        case .list(let name): return "@" + name
        case .country: return "<country>"
        case .party: return "<party>"
        }
    }
}

/// A pattern as written and as parsed.
struct ParsedPattern: Sendable {
    var text: String
    var element: PatternElement
    var listReferences: [(name: String, offset: Int)]
    var warnings: [PatternError] = []
}

/// A problem in a pattern, with the 0-based offset (in Unicode scalars) inside the pattern's text.
struct PatternError: Error, Equatable {
    var message: String
    var offset: Int
}

/// Parses the pattern language. Words go through the same `Tokenizer` as documents, so a pattern and
/// the text agree on what a word is (`Korea's` is `korea` `'s`, `can't` is `ca` `n't`).
struct PatternParser {
    static let defaultGap = 4
    static let maximumGap = 12
    static let slots = ["country", "party"]

    private let scalars: [Unicode.Scalar]
    private var position = 0
    /// Every `@list` in the pattern with its offset, so an unknown list can be pointed at.
    private(set) var listReferences: [(name: String, offset: Int)] = []
    /// Constructs that parse but rarely mean what was intended, with their offsets.
    private(set) var warnings: [PatternError] = []

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    static func parse(_ text: String) -> Result<ParsedPattern, PatternError> {
        var parser = PatternParser(text)
        do {
            let element = try parser.parseAlternation(depth: 0)
            if parser.position < parser.scalars.count {
                throw PatternError(message: "unexpected ')' with no '(' before it", offset: parser.position)
            }
            try check(element, text: text)
            return .success(
                ParsedPattern(
                    text: text, element: element, listReferences: parser.listReferences, warnings: parser.warnings))
        } catch let error as PatternError {
            return .failure(error)
        } catch {
            return .failure(PatternError(message: "\(error)", offset: 0))
        }
    }

    /// Shapes that parse but could never match usefully.
    private static func check(_ element: PatternElement, text: String) throws {
        let items: [PatternElement]
        if case .sequence(let sequence) = element { items = sequence } else { items = [element] }
        if items.isEmpty { throw PatternError(message: "empty pattern: write at least one word", offset: 0) }
        if case .gap = items.first! {
            throw PatternError(message: "a pattern cannot start with a gap '...': it would add nothing", offset: 0)
        }
        if case .gap = items.last! {
            throw PatternError(
                message: "a pattern cannot end with a gap '...': it would add nothing",
                offset: max(0, text.unicodeScalars.count - 3))
        }
        if items.count >= 2, case .optional = items[0], case .gap = items[1] {
            throw PatternError(
                message: "a pattern cannot start with an optional part followed by a gap: it could start anywhere; drop the optional part",
                offset: 0)
        }
        if element.canMatchEmpty {
            throw PatternError(
                message: "this pattern can match no words at all (every part is optional); make one part required",
                offset: 0)
        }
    }

    private mutating func skipSpaces() {
        while position < scalars.count, scalars[position].properties.isWhitespace { position += 1 }
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private mutating func parseAlternation(depth: Int) throws -> PatternElement {
        var branches: [PatternElement] = []
        var branchStarts: [Int] = []
        var branchStart = position
        while true {
            let sequence = try parseSequence(depth: depth)
            if case .sequence(let items) = sequence, items.isEmpty {
                throw PatternError(
                    message: "empty alternative: write a word between '|' and its neighbours, or make the group optional with '?'",
                    offset: branchStart)
            }
            branches.append(sequence)
            branchStarts.append(branchStart)
            skipSpaces()
            if peek() == "|" {
                position += 1
                branchStart = position
                continue
            }
            break
        }
        // An alternative that can match nothing makes its whole group optional, which is never what
        // `(is|are|remains?)` meant. (A whole pattern that can match nothing is reported by `check`.)
        if branches.count > 1 || depth > 0 {
            for (branch, start) in zip(branches, branchStarts) where branch.canMatchEmpty {
                throw PatternError(
                    message: "this alternative can match nothing, so the whole group is optional; make it required (to match a plural write (strike|strikes) or strike~)",
                    offset: start)
            }
        }
        return branches.count == 1 ? branches[0] : .alternatives(branches)
    }

    private mutating func parseSequence(depth: Int) throws -> PatternElement {
        var items: [PatternElement] = []
        while true {
            skipSpaces()
            guard let c = peek() else { break }
            if c == "|" { break }
            if c == ")" {
                if depth == 0 { throw PatternError(message: "unexpected ')' with no '(' before it", offset: position) }
                break
            }
            let start = position
            var atoms = try parseAtom(depth: depth)
            // Postfix operators apply to the last atom (for a word like `korea's`, to `'s`).
            while let op = peek(), op == "?" || op == "~" {
                guard var last = atoms.popLast() else { break }
                if op == "~" {
                    guard case .word(let text, false) = last else {
                        throw PatternError(
                            message: "'~' (any inflection) follows a single word, as in urge~", offset: position)
                    }
                    if Inflection.looksLikeStem(text) {
                        warnings.append(
                            PatternError(
                                message: "'\(text)~' inflects '\(text)' as a whole word (\(Inflection.forms(of: text).prefix(3).joined(separator: ", "))); write the word's base form (resolve~, not resolv~)",
                                offset: position))
                    }
                    last = .word(text, inflect: true)
                } else {
                    if case .optional = last {
                        throw PatternError(message: "'??' is the same as '?'", offset: position)
                    }
                    if case .gap = last {
                        throw PatternError(message: "a gap '...' is already optional; drop the '?'", offset: position)
                    }
                    if case .word(let text, false) = last, text.count > 3, text.hasSuffix("s") {
                        warnings.append(
                            PatternError(
                                message: "'\(text)?' makes the whole word optional, not its 's'; for singular or plural write \(text.dropLast())~ or (\(text.dropLast())|\(text))",
                                offset: position))
                    }
                    last = .optional(last)
                }
                atoms.append(last)
                position += 1
            }
            if atoms.isEmpty { throw PatternError(message: "expected a word", offset: start) }
            items.append(contentsOf: atoms)
        }
        // Two gaps in a row are one longer gap, almost certainly a slip.
        for (a, b) in zip(items, items.dropFirst()) {
            if case .gap = a, case .gap = b {
                throw PatternError(message: "two gaps in a row; write one gap '...N' instead", offset: position)
            }
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func parseAtom(depth: Int) throws -> [PatternElement] {
        let start = position
        let c = peek()!
        switch c {
        case "(":
            position += 1
            let inner = try parseAlternation(depth: depth + 1)
            skipSpaces()
            guard peek() == ")" else {
                throw PatternError(message: "'(' is never closed; add ')'", offset: start)
            }
            position += 1
            return [inner]
        case "?", "~":
            throw PatternError(message: "'\(c)' must follow a word or a group", offset: position)
        case "@":
            position += 1
            var name = ""
            while let n = peek(), Self.isNameScalar(n) {
                name.unicodeScalars.append(n)
                position += 1
            }
            guard !name.isEmpty else {
                throw PatternError(message: "'@' must be followed by a list name, as in @pressure-nouns", offset: start)
            }
            listReferences.append((name.lowercased(), start + 1))
            return [.list(name.lowercased())]
        case "<":
            position += 1
            var name = ""
            while let n = peek(), n != ">", !n.properties.isWhitespace {
                name.unicodeScalars.append(n)
                position += 1
            }
            guard peek() == ">" else {
                throw PatternError(message: "'<' opens a slot that is never closed; expected <country> or <party>", offset: start)
            }
            position += 1
            switch name.lowercased() {
            case "country": return [.country]
            case "party": return [.party]
            default:
                throw PatternError(
                    message: "unknown slot <\(name)>; expected <country> or <party>", offset: start + 1)
            }
        case ">":
            throw PatternError(message: "'>' without '<'; slots are written <country> or <party>", offset: position)
        case "|":
            throw PatternError(message: "unexpected '|'", offset: position)
        default:
            if let gap = try scanGap() { return [.gap(gap)] }
            return try scanWords()
        }
    }

    /// `...`, `…` or `...N`.
    private mutating func scanGap() throws -> Int? {
        let start = position
        if peek() == "." && peek(1) == "." && peek(2) == "." {
            position += 3
        } else if peek() == "\u{2026}" {
            position += 1
        } else {
            return nil
        }
        var digits = ""
        while let d = peek(), ("0"..."9").contains(d) {
            digits.unicodeScalars.append(d)
            position += 1
        }
        guard !digits.isEmpty else { return Self.defaultGap }
        let n = Int(digits) ?? Int.max
        guard n >= 1, n <= Self.maximumGap else {
            throw PatternError(
                message: "a gap spans 1 to \(Self.maximumGap) words; '...\(digits)' is out of range", offset: start)
        }
        return n
    }

    /// A run of text up to whitespace or an operator, tokenized into words.
    private mutating func scanWords() throws -> [PatternElement] {
        let start = position
        var text = ""
        while let c = peek(), !c.properties.isWhitespace, !"()|?~<>@".unicodeScalars.contains(c) {
            if c == "." && peek(1) == "." && peek(2) == "." { break }
            if c == "\u{2026}" { break }
            text.unicodeScalars.append(c)
            position += 1
        }
        guard !text.isEmpty else { throw PatternError(message: "expected a word", offset: start) }
        // A lone clitic ('s, n't) is one token in text ("Korea's" → korea 's); the tokenizer would
        // otherwise read its apostrophe as a quotation mark.
        let lowered = String(text.lowercased().map { $0 == "\u{2019}" ? "'" : $0 })
        if ["'s", "'re", "'ve", "'ll", "'m", "'d", "n't"].contains(lowered) { return [.word(lowered, inflect: false)] }
        var words: [PatternElement] = []
        for token in Tokenizer.tokenize(text) {
            switch token.kind {
            case .quote:
                throw PatternError(
                    message: "quotation marks do not belong in patterns: matching skips them in the text",
                    offset: start + token.start)
            case .lineBreak:
                continue
            default:
                words.append(.word(token.text, inflect: false))
            }
        }
        return words
    }

    static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        (c.value < 128 && (c.properties.isAlphabetic || ("0"..."9").contains(c))) || c == "-" || c == "_" || c == "/"
    }
}

extension PatternElement {
    /// True when the element can match zero tokens.
    var canMatchEmpty: Bool {
        switch self {
        case .word, .list, .country, .party: false
        case .gap, .optional: true
        case .sequence(let items): items.allSatisfy(\.canMatchEmpty)
        case .alternatives(let items): items.contains(where: \.canMatchEmpty)
        }
    }

    /// Every list the element refers to.
    var listReferences: [String] {
        switch self {
        case .list(let name): [name]
        case .sequence(let items), .alternatives(let items): items.flatMap(\.listReferences)
        case .optional(let item): item.listReferences
        default: []
        }
    }

    var containsSlot: Bool {
        switch self {
        case .country, .party: true
        case .sequence(let items), .alternatives(let items): items.contains(where: \.containsSlot)
        case .optional(let item): item.containsSlot
        default: false
        }
    }
}
