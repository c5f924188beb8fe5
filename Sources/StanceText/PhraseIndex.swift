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
///
/// Every position of every document is looked up in several of these (countries, bodies, people,
/// titles, cues), so the trie's edges live in one open-addressing table keyed by (node, word key):
/// a step costs a multiply and a compare or two, and the text is compared only when the keys agree.
public struct PhraseIndex<Value: Sendable>: Sendable {
    struct Entry: Sendable {
        var value: Value
        var cases: [CaseRequirement]
    }

    /// An edge from `parent` on the word whose key is `key` to `child`; `child < 0` marks an empty slot.
    struct Edge: Sendable {
        var key: UInt64 = 0
        var parent: Int32 = 0
        var child: Int32 = -1
    }

    private var edges = [Edge](repeating: Edge(), count: 8)
    /// The word of each edge slot, to confirm a match of keys.
    private var edgeWords = [String](repeating: "", count: 8)
    private var edgeBits = 3
    private var edgeCount = 0
    /// The phrases ending at each node.
    private var entries: [[Entry]] = [[]]
    /// One bit per slot of the words phrases begin with (`WordKey.slot(bits: rootFilterBits)`): most
    /// tokens begin no phrase, and a clear bit says so with one load, before any probe of the edges.
    private var rootFilter = [UInt64](repeating: 0, count: (1 << PhraseIndex.rootFilterBits) / 64)
    private static var rootFilterBits: Int { 14 }

    public init() {}

    public var isEmpty: Bool { entries.count == 1 }

    /// Adds a phrase, tokenized like the text it will be matched against.
    public mutating func insert(_ phrase: String, _ value: Value) {
        let tokens = Tokenizer.tokenize(phrase).filter { $0.kind != .lineBreak }
        guard !tokens.isEmpty else { return }
        var node: Int32 = 0
        for token in tokens {
            if let next = child(of: node, token.key, token.text) {
                node = next
            } else {
                entries.append([])
                let next = Int32(entries.count - 1)
                addEdge(from: node, token.key, token.text, to: next)
                node = next
            }
        }
        entries[Int(node)].append(Entry(value: value, cases: tokens.map(CaseRequirement.init)))
    }

    /// The longest phrase starting at `index` (ending before `limit`), with every value it names.
    public func longestMatch(in tokens: [Token], at index: Int, limit: Int? = nil) -> (end: Int, values: [Value])? {
        guard let (end, node) = longestAcceptedNode(in: tokens, at: index, limit: limit) else { return nil }
        let values = entries[node].filter { accepts($0, tokens, index) }.map(\.value)
        return (end, values)
    }

    /// The longest phrase starting at `index` (ending before `limit`) and the first value it names:
    /// `longestMatch` without collecting every value.
    @inline(__always)
    public func firstLongestMatch(in tokens: [Token], at index: Int, limit: Int? = nil) -> (end: Int, value: Value)? {
        // The root filter inline, the walk out of line: most positions begin no phrase.
        guard index >= 0, index < tokens.count, mayBeginPhrase(tokens[index].key) else { return nil }
        return firstLongestMatchWalking(in: tokens, at: index, limit: limit)
    }

    private func firstLongestMatchWalking(in tokens: [Token], at index: Int, limit: Int?) -> (end: Int, value: Value)? {
        guard let (end, node) = longestAcceptedNode(in: tokens, at: index, limit: limit),
            let entry = entries[node].first(where: { accepts($0, tokens, index) })
        else { return nil }
        return (end, entry.value)
    }

    /// The words phrases begin with (the texts of the root's edges).
    public var firstWords: [String] {
        edges.indices.filter { edges[$0].child >= 0 && edges[$0].parent == 0 }.map { edgeWords[$0] }
    }

    /// True when some phrase begins with this token's text (a cheap pre-check).
    @inline(__always) public func mayStart(with token: Token) -> Bool {
        mayBeginPhrase(token.key) && child(of: 0, token.key, token.text) != nil
    }

    /// The child of `node` on `tokens[i]`: the token's text is read only where the keys agree, so a
    /// miss (most tokens, at the root) neither loads nor retains it.
    @inline(__always) private func child(of node: Int32, _ tokens: [Token], _ i: Int) -> Int32? {
        let key = tokens[i].key
        let mask = edges.count - 1
        var slot = key.slot(bits: edgeBits, salt: Self.salt(node))
        while true {
            let edge = edges[slot]
            if edge.child < 0 { return nil }
            if edge.key == key.rawValue && edge.parent == node && edgeWords[slot] == tokens[i].text { return edge.child }
            slot = (slot + 1) & mask
        }
    }

    // MARK: The walk

    /// The end and node of the longest phrase from `index` with an entry whose case requirements the
    /// tokens meet.
    @inline(__always)
    private func longestAcceptedNode(in tokens: [Token], at index: Int, limit: Int?) -> (end: Int, node: Int)? {
        let upper = min(limit ?? tokens.count, tokens.count)
        guard index < upper, mayBeginPhrase(tokens[index].key) else { return nil }
        var node: Int32 = 0
        var i = index
        var found: (end: Int, node: Int)? = nil
        while i < upper, let next = child(of: node, tokens, i) {
            node = next
            i += 1
            if !entries[Int(node)].isEmpty, entries[Int(node)].contains(where: { accepts($0, tokens, index) }) {
                found = (i, Int(node))
            }
        }
        return found
    }

    private func accepts(_ entry: Entry, _ tokens: [Token], _ index: Int) -> Bool {
        for (offset, requirement) in entry.cases.enumerated() where !requirement.accepts(tokens[index + offset]) {
            return false
        }
        return true
    }

    // MARK: The edge table

    @inline(__always) private func mayBeginPhrase(_ key: WordKey) -> Bool {
        let bit = key.slot(bits: Self.rootFilterBits)
        return rootFilter[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    @inline(__always) private static func salt(_ node: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) &* 0xBF58_476D_1CE4_E5B9
    }

    @inline(__always) private func child(of node: Int32, _ key: WordKey, _ text: String) -> Int32? {
        let mask = edges.count - 1
        var slot = key.slot(bits: edgeBits, salt: Self.salt(node))
        while true {
            let edge = edges[slot]
            if edge.child < 0 { return nil }
            if edge.key == key.rawValue && edge.parent == node && edgeWords[slot] == text { return edge.child }
            slot = (slot + 1) & mask
        }
    }

    private mutating func addEdge(from node: Int32, _ key: WordKey, _ text: String, to next: Int32) {
        if (edgeCount + 1) * 2 > edges.count { grow() }
        let mask = edges.count - 1
        var slot = key.slot(bits: edgeBits, salt: Self.salt(node))
        while edges[slot].child >= 0 { slot = (slot + 1) & mask }
        edges[slot] = Edge(key: key.rawValue, parent: node, child: next)
        edgeWords[slot] = text
        edgeCount += 1
        if node == 0 {
            let bit = key.slot(bits: Self.rootFilterBits)
            rootFilter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    private mutating func grow() {
        let old = zip(edges, edgeWords).filter { $0.0.child >= 0 }
        edgeBits += 1
        edges = [Edge](repeating: Edge(), count: 1 << edgeBits)
        edgeWords = [String](repeating: "", count: 1 << edgeBits)
        edgeCount = 0
        for (edge, word) in old { addEdge(from: edge.parent, WordKey(rawValue: edge.key), word, to: edge.child) }
    }
}
