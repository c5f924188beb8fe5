import StanceModel

/// How a word of a dictionary phrase must be written in the text to match.
enum CaseRequirement: UInt8, Sendable {
    /// Written in lower case in the dictionary: any case matches ("the", "foreign ministry").
    case any
    /// Capitalized in the dictionary ("North", "Pyongyang"): the text must be too, so "the north of
    /// the country" is not North Korea.
    case capitalized
    /// All capitals in the dictionary ("US", "EU"): so the pronoun "us" is not the United States.
    case allCaps

    init(_ token: Token) {
        self = token.isAllCaps && token.text.count <= 5 ? .allCaps : token.isCapitalized ? .capitalized : .any
    }

    func accepts(_ token: Token) -> Bool {
        switch self {
        case .any: true
        case .capitalized: token.isCapitalized
        case .allCaps: token.isAllCaps
        }
    }
}

/// A trie of multi-word phrases over token texts, for longest-match lookup of dictionary entries.
public struct PhraseIndex<Value: Sendable>: Sendable {
    struct Entry: Sendable {
        var value: Value
        var cases: [CaseRequirement]
    }

    struct Node: Sendable {
        var next: [String: Int32] = [:]
        var entries: [Entry] = []
    }

    private var nodes: [Node] = [Node()]

    public init() {}

    public var isEmpty: Bool { nodes.count == 1 }

    /// Adds a phrase, tokenized like the text it will be matched against.
    public mutating func insert(_ phrase: String, _ value: Value) {
        let tokens = Tokenizer.tokenize(phrase).filter { $0.kind != .lineBreak }
        guard !tokens.isEmpty else { return }
        var node = 0
        for token in tokens {
            if let next = nodes[node].next[token.text] {
                node = Int(next)
            } else {
                nodes.append(Node())
                nodes[node].next[token.text] = Int32(nodes.count - 1)
                node = nodes.count - 1
            }
        }
        nodes[node].entries.append(Entry(value: value, cases: tokens.map(CaseRequirement.init)))
    }

    /// The longest phrase starting at `index` (ending before `limit`), with every value it names.
    public func longestMatch(in tokens: [Token], at index: Int, limit: Int? = nil) -> (end: Int, values: [Value])? {
        let upper = min(limit ?? tokens.count, tokens.count)
        var node = 0
        var i = index
        var candidates: [(end: Int, node: Int)] = []
        while i < upper, let next = nodes[node].next[tokens[i].text] {
            node = Int(next)
            i += 1
            if !nodes[node].entries.isEmpty { candidates.append((i, node)) }
        }
        for candidate in candidates.reversed() {
            let values = nodes[candidate.node].entries.filter { entry in
                zip(entry.cases, tokens[index..<candidate.end]).allSatisfy { $0.accepts($1) }
            }.map(\.value)
            if !values.isEmpty { return (candidate.end, values) }
        }
        return nil
    }

    /// True when some phrase begins with this token's text (a cheap pre-check).
    public func mayStart(with token: Token) -> Bool { nodes[0].next[token.text] != nil }
}
