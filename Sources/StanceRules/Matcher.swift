import StanceModel
import StanceText

/// Every rule pattern, exclusion and engine list compiled into one matcher.
///
/// Words are interned to integer ids once, at load time; a sentence is turned into ids with one
/// dictionary lookup per token. Patterns are indexed by the ids their first element can match, so
/// at each token only the patterns that could start there are tried, each by a small backtracking
/// machine over compiled instructions.
struct Matcher: Sendable {
    enum Opcode: UInt8, Sendable {
        /// Match one token whose id is `a`.
        case word
        /// Match one token whose id is in `wordSets[a]`.
        case words
        /// Try `a` first, and `b` on backtracking.
        case split
        case jump
        /// Skip up to `a` tokens, fewest first.
        case gap
        case country
        case party
        case match
    }

    struct Instruction: Sendable {
        var opcode: Opcode
        var a: Int32 = 0
        var b: Int32 = 0
    }

    /// What a compiled pattern stands for.
    enum Owner: Sendable, Hashable {
        /// Pattern `pattern` of rule `rule` (an index into `rules`).
        case rule(Int, pattern: Int)
        case exclude(Int)
        case engine(EngineList)
    }

    struct Program: Sendable {
        var owner: Owner
        var start: Int32
        /// Only rule matches need the positions of their words (for decisions and negation).
        var keepsWords: Bool
    }

    /// Token text → id; 0 is every word no pattern mentions.
    private(set) var vocabulary: [String: Int32] = [:]
    private var instructions: [Instruction] = []
    private var wordSets: [[Int32]] = []
    private(set) var programs: [Program] = []
    /// Programs indexed by what they can start with, in three groups run in turn: party pronouns
    /// (which `<party>` slots consult), rule patterns and exclusions, and the engine's lists (needed
    /// only when some rule matched, which most sentences never do).
    private var pronounIndex = FirstIndex()
    private var ruleIndex = FirstIndex()
    private var engineIndex = FirstIndex()
    /// Ids of clause-ending punctuation, which gaps never skip.
    private(set) var semicolonID: Int32 = 0

    /// For each word id, the programs whose first element can match it (CSR layout), and the programs
    /// that can start with a `<country>` or `<party>` slot.
    struct FirstIndex: Sendable {
        var offsets: [Int32] = []
        var programs: [Int32] = []
        var country: [Int32] = []
        var party: [Int32] = []

        init() {}

        init(_ firsts: [(program: Int32, first: FirstSet)], vocabularySize: Int) {
            var byWord: [[Int32]] = Array(repeating: [], count: vocabularySize)
            for (program, first) in firsts {
                for id in first.words { byWord[Int(id)].append(program) }
                if first.country { country.append(program) }
                if first.party { party.append(program) }
            }
            offsets.reserveCapacity(vocabularySize + 1)
            for list in byWord {
                offsets.append(Int32(programs.count))
                programs.append(contentsOf: list)
            }
            offsets.append(Int32(programs.count))
        }
    }

    let rules: [Rule]

    init(rules loaded: [RuleSetLoader.LoadedRule], lists: [String: RuleSetLoader.LoadedList]) {
        rules = loaded.map(\.rule)
        vocabulary[""] = 0
        semicolonID = intern(";")
        var listElements: [String: PatternElement] = [:]
        for (name, list) in lists {
            listElements[name] = list.patterns.count == 1 ? list.patterns[0].element : .alternatives(list.patterns.map(\.element))
        }
        var firsts: [(program: Int32, first: FirstSet)] = []
        func add(_ element: PatternElement, owner: Owner) {
            let start = Int32(instructions.count)
            emit(element, lists: listElements)
            instructions.append(Instruction(opcode: .match))
            programs.append(Program(owner: owner, start: start, keepsWords: { if case .rule = owner { true } else { false } }()))
            firsts.append((Int32(programs.count - 1), first(of: element, lists: listElements)))
        }
        for (ruleIndex, rule) in loaded.enumerated() {
            for (patternIndex, pattern) in rule.patterns.enumerated() {
                add(pattern.element, owner: .rule(ruleIndex, pattern: patternIndex))
            }
            for pattern in rule.excludes { add(pattern.element, owner: .exclude(ruleIndex)) }
        }
        for engineList in EngineList.allCases {
            guard let list = lists[engineList.rawValue] else { continue }
            for pattern in list.patterns {
                add(pattern.element, owner: .engine(engineList))
            }
        }
        var pronounFirsts: [(program: Int32, first: FirstSet)] = []
        var ruleFirsts: [(program: Int32, first: FirstSet)] = []
        var engineFirsts: [(program: Int32, first: FirstSet)] = []
        for entry in firsts {
            switch programs[Int(entry.program)].owner {
            case .engine(.partyPronouns): pronounFirsts.append(entry)
            case .engine: engineFirsts.append(entry)
            case .rule, .exclude: ruleFirsts.append(entry)
            }
        }
        pronounIndex = FirstIndex(pronounFirsts, vocabularySize: vocabulary.count)
        ruleIndex = FirstIndex(ruleFirsts, vocabularySize: vocabulary.count)
        engineIndex = FirstIndex(engineFirsts, vocabularySize: vocabulary.count)
    }

    private mutating func intern(_ word: String) -> Int32 {
        if let id = vocabulary[word] { return id }
        let id = Int32(vocabulary.count)
        vocabulary[word] = id
        return id
    }

    private mutating func ids(for word: String, inflect: Bool) -> [Int32] {
        (inflect ? Inflection.forms(of: word) : [word]).map { intern($0) }
    }

    // MARK: Compilation

    private mutating func emit(_ element: PatternElement, lists: [String: PatternElement]) {
        switch element {
        case .word(let text, let inflect):
            let wordIDs = ids(for: text, inflect: inflect)
            emitWords(wordIDs)
        case .sequence(let items):
            for item in items { emit(item, lists: lists) }
        case .alternatives(let items):
            // Alternatives of single words are one set lookup instead of a chain of splits.
            let singles = items.compactMap { item -> [Int32]? in
                if case .word(let text, let inflect) = item { return ids(for: text, inflect: inflect) }
                return nil
            }
            if singles.count == items.count {
                emitWords(Array(Set(singles.flatMap { $0 })).sorted())
                return
            }
            var jumps: [Int] = []
            for (index, item) in items.enumerated() {
                if index < items.count - 1 {
                    let split = instructions.count
                    instructions.append(Instruction(opcode: .split, a: Int32(split + 1)))
                    emit(item, lists: lists)
                    jumps.append(instructions.count)
                    instructions.append(Instruction(opcode: .jump))
                    instructions[split].b = Int32(instructions.count)
                } else {
                    emit(item, lists: lists)
                }
            }
            for jump in jumps { instructions[jump].a = Int32(instructions.count) }
        case .optional(let item):
            let split = instructions.count
            instructions.append(Instruction(opcode: .split, a: Int32(split + 1)))
            emit(item, lists: lists)
            instructions[split].b = Int32(instructions.count)
        case .gap(let n):
            instructions.append(Instruction(opcode: .gap, a: Int32(n)))
        case .list(let name):
            if let list = lists[name] { emit(list, lists: lists) }
        case .country:
            instructions.append(Instruction(opcode: .country))
        case .party:
            instructions.append(Instruction(opcode: .party))
        }
    }

    private mutating func emitWords(_ wordIDs: [Int32]) {
        if wordIDs.count == 1 {
            instructions.append(Instruction(opcode: .word, a: wordIDs[0]))
        } else {
            wordSets.append(wordIDs.sorted())
            instructions.append(Instruction(opcode: .words, a: Int32(wordSets.count - 1)))
        }
    }

    struct FirstSet {
        var words: Set<Int32> = []
        var country = false
        var party = false
        var nullable = false
    }

    private func first(of element: PatternElement, lists: [String: PatternElement]) -> FirstSet {
        switch element {
        case .word(let text, let inflect):
            let forms = inflect ? Inflection.forms(of: text) : [text]
            return FirstSet(words: Set(forms.compactMap { vocabulary[$0] }))
        case .sequence(let items):
            var result = FirstSet(nullable: true)
            for item in items {
                let itemFirst = first(of: item, lists: lists)
                result.words.formUnion(itemFirst.words)
                result.country = result.country || itemFirst.country
                result.party = result.party || itemFirst.party
                if !itemFirst.nullable {
                    result.nullable = false
                    break
                }
            }
            return result
        case .alternatives(let items):
            var result = FirstSet()
            for item in items {
                let itemFirst = first(of: item, lists: lists)
                result.words.formUnion(itemFirst.words)
                result.country = result.country || itemFirst.country
                result.party = result.party || itemFirst.party
                result.nullable = result.nullable || itemFirst.nullable
            }
            return result
        case .optional(let item):
            var result = first(of: item, lists: lists)
            result.nullable = true
            return result
        case .gap:
            return FirstSet(nullable: true)
        case .list(let name):
            return lists[name].map { first(of: $0, lists: lists) } ?? FirstSet()
        case .country:
            return FirstSet(country: true)
        case .party:
            return FirstSet(party: true)
        }
    }

    // MARK: Matching

    func id(of text: String) -> Int32 { vocabulary[text] ?? 0 }

    /// A successful match of one program in a unit (positions index the unit's match tokens).
    struct Match: Sendable {
        var program: Int32
        var start: Int
        var end: Int
        /// Positions of the tokens matched by literal words (not skipped by gaps, not slots).
        var words: [Int32]
        /// The first `<country>`/`<party>` slot filled: its range and whether it was a pronoun.
        var slot: Range<Int>?
        var slotIsPronoun: Bool
    }

    /// The tokens of one unit as the matcher sees them.
    struct Input {
        var ids: [Int32]
        /// For each position, the end of the country mention starting there (0: none).
        var mentionEnd: [Int32]
        /// For each position, the end of the party pronoun starting there (0: none); filled by `run`.
        var pronounEnd: [Int32]
        /// Positions that a gap never skips (the end of a clause).
        var hardStop: [Bool]
    }

    private struct Thread {
        var pc: Int32
        var pos: Int32
        /// For a resumed gap: how many more tokens it may skip; -1 otherwise.
        var gapLeft: Int32
        var wordCount: Int32
        var slotStart: Int32
        var slotEnd: Int32
        var slotIsPronoun: Bool
    }

    /// Every match of every program at every position, leftmost-first per program and start. The
    /// engine's lists are run only when a rule pattern matched.
    func run(_ input: inout Input) -> [Match] {
        var matches: [Match] = []
        guard !input.ids.isEmpty else { return matches }
        var stack: [Thread] = []
        var words: [Int32] = []
        // Party pronouns first: <party> slots consult them.
        let pronouns = runIndex(pronounIndex, input: input, stack: &stack, words: &words)
        for match in pronouns {
            input.pronounEnd[match.start] = max(input.pronounEnd[match.start], Int32(match.end))
        }
        matches += pronouns
        let ruleMatches = runIndex(ruleIndex, input: input, stack: &stack, words: &words)
        guard ruleMatches.contains(where: { if case .rule = programs[Int($0.program)].owner { true } else { false } }) else {
            return []
        }
        matches += ruleMatches
        matches += runIndex(engineIndex, input: input, stack: &stack, words: &words)
        return matches
    }

    private func runIndex(_ index: FirstIndex, input: Input, stack: inout [Thread], words: inout [Int32]) -> [Match] {
        var matches: [Match] = []
        for position in 0..<input.ids.count {
            let id = Int(input.ids[position])
            if id > 0 {
                for k in Int(index.offsets[id])..<Int(index.offsets[id + 1]) {
                    if let match = execute(index.programs[k], at: position, input: input, stack: &stack, words: &words) {
                        matches.append(match)
                    }
                }
            }
            let slotStarts = input.mentionEnd[position] > 0
            if slotStarts {
                for program in index.country {
                    if let match = execute(program, at: position, input: input, stack: &stack, words: &words) {
                        matches.append(match)
                    }
                }
            }
            if slotStarts || input.pronounEnd[position] > 0 {
                for program in index.party {
                    if let match = execute(program, at: position, input: input, stack: &stack, words: &words) {
                        matches.append(match)
                    }
                }
            }
        }
        return matches
    }

    /// Runs one program at one position; a bounded number of steps keeps a pathological pattern cheap.
    private func execute(
        _ program: Int32, at start: Int, input: Input, stack: inout [Thread], words: inout [Int32]
    ) -> Match? {
        stack.removeAll(keepingCapacity: true)
        words.removeAll(keepingCapacity: true)
        let count = Int32(input.ids.count)
        var thread = Thread(
            pc: programs[Int(program)].start, pos: Int32(start), gapLeft: -1, wordCount: 0, slotStart: -1, slotEnd: -1,
            slotIsPronoun: false)
        var steps = 0
        while true {
            steps += 1
            if steps > 20_000 { return nil }
            var failed = false
            if thread.gapLeft >= 0 {
                // Resuming a gap one token further on.
                let left = thread.gapLeft
                thread.gapLeft = -1
                if left > 0, thread.pos < count, !input.hardStop[Int(thread.pos)] {
                    var next = thread
                    next.pos += 1
                    next.gapLeft = left - 1
                    stack.append(next)
                }
                thread.pc += 1
                continue
            }
            let instruction = instructions[Int(thread.pc)]
            switch instruction.opcode {
            case .word:
                if thread.pos < count, input.ids[Int(thread.pos)] == instruction.a {
                    words.removeSubrange(Int(thread.wordCount)...)
                    words.append(thread.pos)
                    thread.wordCount += 1
                    thread.pos += 1
                    thread.pc += 1
                } else {
                    failed = true
                }
            case .words:
                if thread.pos < count, Self.contains(wordSets[Int(instruction.a)], input.ids[Int(thread.pos)]) {
                    words.removeSubrange(Int(thread.wordCount)...)
                    words.append(thread.pos)
                    thread.wordCount += 1
                    thread.pos += 1
                    thread.pc += 1
                } else {
                    failed = true
                }
            case .split:
                var alternative = thread
                alternative.pc = instruction.b
                stack.append(alternative)
                thread.pc = instruction.a
            case .jump:
                thread.pc = instruction.a
            case .gap:
                if instruction.a > 0, thread.pos < count, !input.hardStop[Int(thread.pos)] {
                    var next = thread
                    next.pos += 1
                    next.gapLeft = instruction.a - 1
                    stack.append(next)
                }
                thread.pc += 1
            case .country, .party:
                let position = Int(thread.pos)
                if thread.pos < count, input.mentionEnd[position] > 0 {
                    if thread.slotStart < 0 {
                        thread.slotStart = thread.pos
                        thread.slotEnd = input.mentionEnd[position]
                    }
                    thread.pos = input.mentionEnd[position]
                    thread.pc += 1
                } else if instruction.opcode == .party, thread.pos < count, input.pronounEnd[position] > 0 {
                    if thread.slotStart < 0 {
                        thread.slotStart = thread.pos
                        thread.slotEnd = input.pronounEnd[position]
                        thread.slotIsPronoun = true
                    }
                    thread.pos = input.pronounEnd[position]
                    thread.pc += 1
                } else {
                    failed = true
                }
            case .match:
                words.removeSubrange(Int(thread.wordCount)...)
                return Match(
                    program: program, start: start, end: Int(thread.pos), words: programs[Int(program)].keepsWords ? words : [],
                    slot: thread.slotStart >= 0 ? Int(thread.slotStart)..<Int(thread.slotEnd) : nil,
                    slotIsPronoun: thread.slotIsPronoun)
            }
            if failed {
                guard let next = stack.popLast() else { return nil }
                thread = next
            }
        }
    }

    @inline(__always) private static func contains(_ sorted: [Int32], _ value: Int32) -> Bool {
        if sorted.count <= 8 { return sorted.contains(value) }
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) >> 1
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] == value
    }

    func owner(of match: Match) -> Owner { programs[Int(match.program)].owner }
}
