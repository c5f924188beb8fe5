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
        /// Match one token whose id is in the set at `a` (`b` long) in `setPool`.
        case words
        /// Try `a` first, and `b` on backtracking.
        case split
        case jump
        /// Skip up to `a` tokens, fewest first, landing only where what follows can start (see `c`).
        case gap
        case country
        case party
        /// Fail at once unless the current token can start what follows (the set at `a` in `setPool`), so that
        /// alternatives and gaps do not try branches that cannot match.
        case guardFirst
        case match
    }

    struct Instruction: Sendable {
        var opcode: Opcode
        var a: Int32 = 0
        var b: Int32 = 0
        /// For a gap: the count (and slot flags) of the set at `b` that the token after the gap must
        /// be in; -1 when anything may follow.
        var c: Int32 = -1
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
        /// When every match's first element is one token, the tokens that can come second (a set in
        /// `setPool` like a `.guardFirst`'s); checked before the program runs. `secondCount` < 0: no check.
        var secondStart: Int32 = 0
        var secondCount: Int32 = -1
        /// The word sets every match holds a token of (indices into the requirements, at
        /// `requirementStart` in `programRequirements`); checked before the program runs.
        var requirementStart: Int32 = 0
        var requirementCount: Int32 = 0
    }

    /// Token text → id; 0 is every word no pattern mentions.
    private(set) var vocabulary = WordIDs()
    private var instructions: [Instruction] = []
    /// Sorted word-id sets of `.words` and `.guardFirst` instructions, end to end (an instruction
    /// holds its set's start in `a` and its count in the low bits of `b`).
    private var setPool: [Int32] = []
    /// Flags in `b` of a `.guardFirst`: the guarded part may also start with a country or party slot.
    static let guardCountry: Int32 = 1 << 28
    static let guardParty: Int32 = 1 << 29
    static let countMask: Int32 = (1 << 24) - 1
    private(set) var programs: [Program] = []
    /// Programs indexed by what they can start with, in three groups run in turn: party pronouns
    /// (which `<party>` slots consult), rule patterns and exclusions, and the engine's lists (needed
    /// only when some rule matched, which most sentences never do).
    private var pronounIndex = FirstIndex()
    private var ruleIndex = FirstIndex()
    private var engineIndex = FirstIndex()
    /// Ids of clause-ending punctuation, which gaps never skip.
    private(set) var semicolonID: Int32 = 0
    /// Most programs that start at a token cannot match: "@sanctions-nouns ...3 remain in (place|force)"
    /// starts at every "sanctions" but needs "place" or "force" after it. Each distinct word set that
    /// some program needs a token of is a requirement; `run` notes the last position of each in the
    /// unit, and a program runs only where every one of its requirements is met at or after its start.
    /// For each word id, the requirements it meets (CSR layout, like `FirstIndex`).
    private var requirementOffsets: [Int32] = []
    private var requirementsOfWords: [Int32] = []
    /// The requirements of each program, end to end (`Program.requirementStart`).
    private var programRequirements: [Int32] = []
    private(set) var requirementCount = 0
    /// Compilation asks for the same words and lists over and over (a list is part of every pattern
    /// that names it): the ids of each inflected word's forms (`Inflection.forms` is costly) and each
    /// shared list's first set, worked out once.
    private var inflectedIDs: [String: [Int32]] = [:]
    private var listFirstSets: [String: FirstSet] = [:]

    /// For each word id, the programs whose first element can match it (CSR layout), and the programs
    /// that can start with a `<country>` or `<party>` slot.
    struct FirstIndex: Sendable {
        var offsets: [Int32] = []
        var programs: [Int32] = []
        var country: [Int32] = []
        var party: [Int32] = []
        /// Programs that may start with anything (an optional first word followed by a gap).
        var always: [Int32] = []

        init() {}

        init(_ firsts: [(program: Int32, first: FirstSet)], vocabularySize: Int) {
            var byWord: [[Int32]] = Array(repeating: [], count: vocabularySize)
            for (program, first) in firsts {
                if first.any {
                    always.append(program)
                    continue
                }
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
        vocabulary.insert("", id: 0)
        semicolonID = intern(";")
        var listElements: [String: PatternElement] = [:]
        for (name, list) in lists {
            listElements[name] = list.patterns.count == 1 ? list.patterns[0].element : .alternatives(list.patterns.map(\.element))
        }
        // Every word is interned before anything is compiled, so that each list's first set is complete
        // when it is worked out.
        for rule in loaded {
            for pattern in rule.patterns + rule.excludes { internWords(of: pattern.element, lists: listElements) }
        }
        for engineList in EngineList.allCases {
            for pattern in lists[engineList.rawValue]?.patterns ?? [] { internWords(of: pattern.element, lists: listElements) }
        }
        for name in listElements.keys.sorted() {
            listFirstSets[name] = first(of: listElements[name]!, lists: listElements)
        }
        var firsts: [(program: Int32, first: FirstSet)] = []
        var requirementIDs: [[Int32]: Int32] = [:]
        func add(_ element: PatternElement, owner: Owner) {
            let start = Int32(instructions.count)
            emit(element, lists: listElements)
            instructions.append(Instruction(opcode: .match))
            var program = Program(owner: owner, start: start, keepsWords: { if case .rule = owner { true } else { false } }())
            if let second = follow(element, rest: [], lists: listElements) {
                program.secondStart = Int32(setPool.count)
                setPool.append(contentsOf: second.words.sorted())
                program.secondCount = Int32(second.words.count)
                if second.country || second.party { program.secondCount |= Self.guardCountry }
                if second.party { program.secondCount |= Self.guardParty }
            }
            let programFirst = first(of: element, lists: listElements)
            program.requirementStart = Int32(programRequirements.count)
            for words in requiredWordSets(of: element, lists: listElements) {
                // The first-word index already checks the token the program starts at.
                if words == programFirst.words && !programFirst.country && !programFirst.party && !programFirst.any {
                    continue
                }
                let key = words.sorted()
                let requirement: Int32
                if let known = requirementIDs[key] {
                    requirement = known
                } else {
                    requirement = Int32(requirementIDs.count)
                    requirementIDs[key] = requirement
                }
                guard !programRequirements[Int(program.requirementStart)...].contains(requirement) else { continue }
                programRequirements.append(requirement)
            }
            program.requirementCount = Int32(programRequirements.count) - program.requirementStart
            programs.append(program)
            firsts.append((Int32(programs.count - 1), programFirst))
        }
        for (ruleIndex, rule) in loaded.enumerated() {
            for (patternIndex, pattern) in rule.patterns.enumerated() {
                add(pattern.element, owner: .rule(ruleIndex, pattern: patternIndex))
            }
            for pattern in rule.excludes { add(pattern.element, owner: .exclude(ruleIndex)) }
        }
        // Each phrase of an engine list is its own program, so that the first-word index and the
        // second-word check skip it wherever it cannot match.
        for engineList in EngineList.allCases {
            guard let list = lists[engineList.rawValue] else { continue }
            for pattern in list.patterns { add(pattern.element, owner: .engine(engineList)) }
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
        requirementCount = requirementIDs.count
        var requirementsByWord: [[Int32]] = Array(repeating: [], count: vocabulary.count)
        for (words, requirement) in requirementIDs.sorted(by: { $0.value < $1.value }) {
            for word in words { requirementsByWord[Int(word)].append(requirement) }
        }
        for list in requirementsByWord {
            requirementOffsets.append(Int32(requirementsOfWords.count))
            requirementsOfWords.append(contentsOf: list)
        }
        requirementOffsets.append(Int32(requirementsOfWords.count))
        pronounIndex = FirstIndex(pronounFirsts, vocabularySize: vocabulary.count)
        ruleIndex = FirstIndex(ruleFirsts, vocabularySize: vocabulary.count)
        engineIndex = FirstIndex(engineFirsts, vocabularySize: vocabulary.count)
    }

    private mutating func intern(_ word: String) -> Int32 {
        vocabulary.insert(word, id: Int32(vocabulary.count))
    }

    private mutating func ids(for word: String, inflect: Bool) -> [Int32] {
        guard inflect else { return [intern(word)] }
        if let known = inflectedIDs[word] { return known }
        let ids = Inflection.forms(of: word).map { intern($0) }
        inflectedIDs[word] = ids
        return ids
    }

    // MARK: Compilation

    private mutating func emit(_ element: PatternElement, lists: [String: PatternElement]) {
        switch element {
        case .word(let text, let inflect):
            let wordIDs = ids(for: text, inflect: inflect)
            emitWords(wordIDs)
        case .sequence(let items):
            for (index, item) in items.enumerated() {
                if case .gap(let n) = item {
                    emitGap(n, before: Array(items[(index + 1)...]), lists: lists)
                } else {
                    emit(item, lists: lists)
                }
            }
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
            emitGuard(for: element, lists: lists)
            let branches = Self.factored(items, lists: lists)
            if branches.count == 1 {
                emit(branches[0], lists: lists)
                return
            }
            var jumps: [Int] = []
            for (index, item) in branches.enumerated() {
                if index < branches.count - 1 {
                    let split = instructions.count
                    instructions.append(Instruction(opcode: .split, a: Int32(split + 1)))
                    emitGuarded(item, lists: lists)
                    jumps.append(instructions.count)
                    instructions.append(Instruction(opcode: .jump))
                    instructions[split].b = Int32(instructions.count)
                } else {
                    emitGuarded(item, lists: lists)
                }
            }
            for jump in jumps { instructions[jump].a = Int32(instructions.count) }
        case .optional(let item):
            let split = instructions.count
            instructions.append(Instruction(opcode: .split, a: Int32(split + 1)))
            emitGuarded(item, lists: lists)
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

    /// Alternatives rearranged so that trying them is cheap: every single word in one set, and
    /// alternatives that begin with the same word sharing it (`trade embargo|trade restrictions` →
    /// `trade (embargo|restrictions)`). Nested groups and lists are flattened first. The order of
    /// alternatives changes, which only matters for how long a match is, never whether it is found.
    static func factored(_ items: [PatternElement], lists: [String: PatternElement]) -> [PatternElement] {
        var flat: [PatternElement] = []
        func flatten(_ item: PatternElement) {
            switch item {
            case .alternatives(let inner): inner.forEach(flatten)
            case .list(let name): if let list = lists[name] { flatten(list) }
            case .sequence(let inner) where inner.count == 1: flatten(inner[0])
            default: flat.append(item)
            }
        }
        items.forEach(flatten)
        var singles: [PatternElement] = []
        var groups: [(key: PatternElement, rests: [PatternElement])] = []
        var others: [PatternElement] = []
        for item in flat {
            switch item {
            case .word:
                singles.append(item)
            case .sequence(let sequence):
                if case .word = sequence[0] {
                    let rest = sequence.count == 2 ? sequence[1] : PatternElement.sequence(Array(sequence.dropFirst()))
                    if let index = groups.firstIndex(where: { $0.key == sequence[0] }) {
                        groups[index].rests.append(rest)
                    } else {
                        groups.append((sequence[0], [rest]))
                    }
                } else {
                    others.append(item)
                }
            default:
                others.append(item)
            }
        }
        var result: [PatternElement] = []
        if !singles.isEmpty { result.append(singles.count == 1 ? singles[0] : .alternatives(singles)) }
        for group in groups {
            let rest = group.rests.count == 1 ? group.rests[0] : PatternElement.alternatives(group.rests)
            result.append(.sequence([group.key, rest]))
        }
        return result + others
    }

    /// Emits an element behind a guard on its first tokens (when it has a first token to guard on).
    private mutating func emitGuarded(_ element: PatternElement, lists: [String: PatternElement]) {
        switch element {
        case .word, .country, .party, .gap:
            emit(element, lists: lists)  // already a single cheap test
        default:
            let guardIndex = instructions.count
            instructions.append(Instruction(opcode: .jump, a: Int32(guardIndex + 1)))  // patched below
            emit(element, lists: lists)
            if let guardInstruction = makeGuard(for: element, lists: lists) { instructions[guardIndex] = guardInstruction }
        }
    }

    /// A guard at the current instruction for `element`, whose words must already be interned.
    private mutating func emitGuard(for element: PatternElement, lists: [String: PatternElement]) {
        let guardIndex = instructions.count
        instructions.append(Instruction(opcode: .jump, a: Int32(guardIndex + 1)))
        // Words of the element are interned as it is emitted; intern them now to compute the guard.
        internWords(of: element, lists: lists)
        if let guardInstruction = makeGuard(for: element, lists: lists) { instructions[guardIndex] = guardInstruction }
    }

    private mutating func internWords(of element: PatternElement, lists: [String: PatternElement]) {
        switch element {
        case .word(let text, let inflect): _ = ids(for: text, inflect: inflect)
        case .sequence(let items), .alternatives(let items): for item in items { internWords(of: item, lists: lists) }
        case .optional(let item): internWords(of: item, lists: lists)
        case .list(let name): if let list = lists[name] { internWords(of: list, lists: lists) }
        case .gap, .country, .party: break
        }
    }

    private mutating func makeGuard(for element: PatternElement, lists: [String: PatternElement]) -> Instruction? {
        let firstSet = first(of: element, lists: lists)
        guard !firstSet.nullable, !firstSet.any else { return nil }
        let start = Int32(setPool.count)
        setPool.append(contentsOf: firstSet.words.sorted())
        var b = Int32(firstSet.words.count)
        if firstSet.country || firstSet.party { b |= Self.guardCountry }
        if firstSet.party { b |= Self.guardParty }
        return Instruction(opcode: .guardFirst, a: start, b: b)
    }

    /// A gap that only stops where the rest of the sequence can start, so it does not try every
    /// position in turn.
    private mutating func emitGap(_ n: Int, before rest: [PatternElement], lists: [String: PatternElement]) {
        var instruction = Instruction(opcode: .gap, a: Int32(n))
        let next = PatternElement.sequence(rest)
        internWords(of: next, lists: lists)
        if let guardInstruction = makeGuard(for: next, lists: lists) {
            instruction.b = guardInstruction.a
            instruction.c = guardInstruction.b
        }
        instructions.append(instruction)
    }

    private mutating func emitWords(_ wordIDs: [Int32]) {
        if wordIDs.count == 1 {
            instructions.append(Instruction(opcode: .word, a: wordIDs[0]))
        } else {
            let start = Int32(setPool.count)
            setPool.append(contentsOf: wordIDs.sorted())
            instructions.append(Instruction(opcode: .words, a: start, b: Int32(wordIDs.count)))
        }
    }

    /// The tokens that can come second in a match of `element` followed by `rest`, when the first
    /// element always takes exactly one token; nil when that cannot be said simply.
    private func follow(_ element: PatternElement, rest: [PatternElement], lists: [String: PatternElement]) -> FirstSet? {
        switch element {
        case .word:
            let after = first(of: .sequence(rest), lists: lists)
            return after.nullable || after.any ? nil : after
        case .alternatives(let items):
            var result = FirstSet()
            for item in items {
                guard let itemFollow = follow(item, rest: rest, lists: lists) else { return nil }
                result.add(itemFollow)
            }
            return result
        case .sequence(let items):
            guard let head = items.first else { return nil }
            return follow(head, rest: Array(items.dropFirst()) + rest, lists: lists)
        case .list(let name):
            return lists[name].flatMap { follow($0, rest: rest, lists: lists) }
        case .optional, .gap, .country, .party:
            return nil
        }
    }

    struct FirstSet {
        var words: Set<Int32> = []
        var country = false
        var party = false
        /// A gap can be first: any token can start the element.
        var any = false
        var nullable = false

        mutating func add(_ other: FirstSet) {
            words.formUnion(other.words)
            country = country || other.country
            party = party || other.party
            any = any || other.any
        }
    }

    private func first(of element: PatternElement, lists: [String: PatternElement]) -> FirstSet {
        switch element {
        case .word(let text, let inflect):
            // Only words already interned (all of them, once `init` has interned every pattern).
            if inflect { return FirstSet(words: Set(inflectedIDs[text] ?? [])) }
            return FirstSet(words: vocabulary[text].map { [$0] } ?? [])
        case .sequence(let items):
            var result = FirstSet(nullable: true)
            for item in items {
                let itemFirst = first(of: item, lists: lists)
                result.add(itemFirst)
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
                result.add(itemFirst)
                result.nullable = result.nullable || itemFirst.nullable
            }
            return result
        case .optional(let item):
            var result = first(of: item, lists: lists)
            result.nullable = true
            return result
        case .gap:
            return FirstSet(any: true, nullable: true)
        case .list(let name):
            return listFirstSets[name] ?? lists[name].map { first(of: $0, lists: lists) } ?? FirstSet()
        case .country:
            return FirstSet(country: true)
        case .party:
            return FirstSet(party: true)
        }
    }

    /// Word sets of which every match of `element` holds a token: the parts of its sequences that
    /// cannot be skipped and can only start with a word (not a slot, not a gap).
    func requiredWordSets(of element: PatternElement, lists: [String: PatternElement]) -> [Set<Int32>] {
        var result: [Set<Int32>] = []
        func collect(_ element: PatternElement) {
            switch element {
            case .sequence(let items):
                items.forEach(collect)
            case .list(let name):
                if let list = lists[name] { collect(list) }
            default:
                let firstSet = first(of: element, lists: lists)
                if !firstSet.nullable && !firstSet.any && !firstSet.country && !firstSet.party && !firstSet.words.isEmpty {
                    result.append(firstSet.words)
                }
            }
        }
        collect(element)
        return result
    }

    // MARK: Matching

    func id(of text: String) -> Int32 { vocabulary[text] ?? 0 }

    /// The token's word id (0 for a word no pattern names), by the key the tokenizer computed.
    @inline(__always) func id(of token: Token) -> Int32 { vocabulary[token] ?? 0 }

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

    struct Thread {
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
    func run(_ input: inout Input, _ scratch: inout Scratch) -> [Match] {
        guard !input.ids.isEmpty else { return [] }
        if scratch.lastPositions.count != requirementCount {
            scratch.lastPositions = Array(repeating: -1, count: requirementCount)
        }
        scratch.metRequirements.removeAll(keepingCapacity: true)
        for (position, id) in input.ids.enumerated() where id > 0 {
            for k in Int(requirementOffsets[Int(id)])..<Int(requirementOffsets[Int(id) + 1]) {
                let requirement = Int(requirementsOfWords[k])
                if scratch.lastPositions[requirement] < 0 { scratch.metRequirements.append(Int32(requirement)) }
                scratch.lastPositions[requirement] = Int32(position)
            }
        }
        // Left as found for the next unit: only the requirements met here were set.
        defer { for requirement in scratch.metRequirements { scratch.lastPositions[Int(requirement)] = -1 } }
        // Party pronouns first: <party> slots consult them.
        let pronouns = withMachine(input) { $0.run(pronounIndex, &scratch) }
        for match in pronouns {
            input.pronounEnd[match.start] = max(input.pronounEnd[match.start], Int32(match.end))
        }
        return withMachine(input) { machine in
            let ruleMatches = machine.run(ruleIndex, &scratch)
            guard ruleMatches.contains(where: { if case .rule = programs[Int($0.program)].owner { true } else { false } })
            else { return [] }
            return pronouns + ruleMatches + machine.run(engineIndex, &scratch)
        }
    }

    /// Buffers that `run` reuses from one unit to the next (one per thread).
    struct Scratch {
        var stack: [Thread] = []
        var words: [Int32] = []
        /// For each requirement, the last position in the unit of a token that meets it (-1: none).
        var lastPositions: [Int32] = []
        /// The requirements met in the current unit, to reset.
        var metRequirements: [Int32] = []
    }

    /// The compiled programs and one unit's input as unsafe buffers. The matching loop is the
    /// classifier's hottest code; array accesses there would pay for bounds checks and reference
    /// counting on every step.
    private struct Machine {
        let instructions: UnsafeBufferPointer<Instruction>
        let pool: UnsafeBufferPointer<Int32>
        let programs: UnsafeBufferPointer<Program>
        let programRequirements: UnsafeBufferPointer<Int32>
        let ids: UnsafeBufferPointer<Int32>
        let mentionEnd: UnsafeBufferPointer<Int32>
        let pronounEnd: UnsafeBufferPointer<Int32>
        let hardStop: UnsafeBufferPointer<Bool>

        func run(_ index: FirstIndex, _ scratch: inout Scratch) -> [Match] {
            var matches: [Match] = []
            func tryProgram(_ program: Int32, at position: Int) {
                guard requirementsMet(program, at: position, scratch.lastPositions) else { return }
                if let match = execute(program, at: position, &scratch) { matches.append(match) }
            }
            for position in 0..<ids.count {
                let id = Int(ids[position])
                if id > 0 {
                    for k in Int(index.offsets[id])..<Int(index.offsets[id + 1]) {
                        let program = index.programs[k]
                        let secondCount = programs[Int(program)].secondCount
                        if secondCount >= 0 {
                            // The second token must fit before the program is worth running.
                            let next = position + 1
                            guard next < ids.count,
                                inSet(programs[Int(program)].secondStart, secondCount, ids[next])
                                    || (secondCount & Matcher.guardCountry != 0 && mentionEnd[next] > 0)
                                    || (secondCount & Matcher.guardParty != 0 && pronounEnd[next] > 0)
                            else { continue }
                        }
                        tryProgram(program, at: position)
                    }
                }
                for program in index.always { tryProgram(program, at: position) }
                let slotStarts = mentionEnd[position] > 0
                if slotStarts {
                    for program in index.country { tryProgram(program, at: position) }
                }
                if slotStarts || pronounEnd[position] > 0 {
                    for program in index.party { tryProgram(program, at: position) }
                }
            }
            return matches
        }

        /// Whether every word set the program needs has a token at or after `position`.
        @inline(__always) func requirementsMet(_ program: Int32, at position: Int, _ lastPositions: [Int32]) -> Bool {
            let start = Int(programs[Int(program)].requirementStart)
            let end = start + Int(programs[Int(program)].requirementCount)
            for k in start..<end where Int(lastPositions[Int(programRequirements[k])]) < position { return false }
            return true
        }

        @inline(__always) func inSet(_ setStart: Int32, _ setCount: Int32, _ value: Int32) -> Bool {
            let lower = Int(setStart)
            let upper = lower + Int(setCount & Matcher.countMask)
            if upper - lower <= 8 {
                for k in lower..<upper where pool[k] == value { return true }
                return false
            }
            var low = lower
            var high = upper
            while low < high {
                let mid = (low + high) >> 1
                if pool[mid] < value { low = mid + 1 } else { high = mid }
            }
            return low < upper && pool[low] == value
        }

        /// Runs one program at one position; a bounded number of steps keeps a pathological pattern cheap.
        func execute(_ program: Int32, at start: Int, _ scratch: inout Scratch) -> Match? {
            scratch.stack.removeAll(keepingCapacity: true)
            scratch.words.removeAll(keepingCapacity: true)
            let count = Int32(ids.count)
            let keepsWords = programs[Int(program)].keepsWords
            var thread = Thread(
                pc: programs[Int(program)].start, pos: Int32(start), gapLeft: -1, wordCount: 0, slotStart: -1,
                slotEnd: -1, slotIsPronoun: false)
            func keepWord(_ thread: inout Thread, _ words: inout [Int32]) {
                let excess = words.count - Int(thread.wordCount)
                if excess > 0 { words.removeLast(excess) }
                words.append(thread.pos)
                thread.wordCount += 1
            }
            var steps = 0
            while true {
                steps += 1
                if steps > 20_000 { return nil }
                var failed = false
                let instruction = instructions[Int(thread.pc)]
                if instruction.opcode == .gap {
                    // A fresh gap may skip `a` tokens; a resumed one what it had left. It lands on the
                    // nearest position where what follows can start, and leaves the rest for backtracking.
                    var left = thread.gapLeft >= 0 ? thread.gapLeft : instruction.a
                    thread.gapLeft = -1
                    var landing = Int(thread.pos)
                    var found = false
                    while true {
                        if instruction.c < 0 || (landing < Int(count)
                            && (inSet(instruction.b, instruction.c, ids[landing])
                                || (instruction.c & Matcher.guardCountry != 0 && mentionEnd[landing] > 0)
                                || (instruction.c & Matcher.guardParty != 0 && pronounEnd[landing] > 0)))
                        {
                            found = true
                            break
                        }
                        if left == 0 || landing >= Int(count) || hardStop[landing] { break }
                        landing += 1
                        left -= 1
                    }
                    if found {
                        if left > 0, landing < Int(count), !hardStop[landing] {
                            var resume = thread
                            resume.pos = Int32(landing + 1)
                            resume.gapLeft = left - 1
                            scratch.stack.append(resume)
                        }
                        thread.pos = Int32(landing)
                        thread.pc += 1
                        continue
                    }
                    guard let next = scratch.stack.popLast() else { return nil }
                    thread = next
                    continue
                }
                let position = Int(thread.pos)
                let inside = thread.pos < count
                switch instruction.opcode {
                case .word:
                    if inside, ids[position] == instruction.a {
                        if keepsWords { keepWord(&thread, &scratch.words) }
                        thread.pos += 1
                        thread.pc += 1
                    } else {
                        failed = true
                    }
                case .words:
                    if inside, inSet(instruction.a, instruction.b, ids[position]) {
                        if keepsWords { keepWord(&thread, &scratch.words) }
                        thread.pos += 1
                        thread.pc += 1
                    } else {
                        failed = true
                    }
                case .guardFirst:
                    if inside,
                        inSet(instruction.a, instruction.b, ids[position])
                            || (instruction.b & Matcher.guardCountry != 0 && mentionEnd[position] > 0)
                            || (instruction.b & Matcher.guardParty != 0 && pronounEnd[position] > 0)
                    {
                        thread.pc += 1
                    } else {
                        failed = true
                    }
                case .split:
                    var alternative = thread
                    alternative.pc = instruction.b
                    scratch.stack.append(alternative)
                    thread.pc = instruction.a
                case .jump:
                    thread.pc = instruction.a
                case .gap:
                    break  // handled above
                case .country, .party:
                    if inside, mentionEnd[position] > 0 {
                        if thread.slotStart < 0 {
                            thread.slotStart = thread.pos
                            thread.slotEnd = mentionEnd[position]
                        }
                        thread.pos = mentionEnd[position]
                        thread.pc += 1
                    } else if instruction.opcode == .party, inside, pronounEnd[position] > 0 {
                        if thread.slotStart < 0 {
                            thread.slotStart = thread.pos
                            thread.slotEnd = pronounEnd[position]
                            thread.slotIsPronoun = true
                        }
                        thread.pos = pronounEnd[position]
                        thread.pc += 1
                    } else {
                        failed = true
                    }
                case .match:
                    var words: [Int32] = []
                    if keepsWords {
                        let excess = scratch.words.count - Int(thread.wordCount)
                        if excess > 0 { scratch.words.removeLast(excess) }
                        words = scratch.words
                    }
                    return Match(
                        program: program, start: start, end: Int(thread.pos), words: words,
                        slot: thread.slotStart >= 0 ? Int(thread.slotStart)..<Int(thread.slotEnd) : nil,
                        slotIsPronoun: thread.slotIsPronoun)
                }
                if failed {
                    guard let next = scratch.stack.popLast() else { return nil }
                    thread = next
                }
            }
        }
    }

    private func withMachine<Result>(_ input: Input, _ body: (Machine) -> Result) -> Result {
        instructions.withUnsafeBufferPointer { instructions in
            setPool.withUnsafeBufferPointer { pool in
                programs.withUnsafeBufferPointer { programs in
                    programRequirements.withUnsafeBufferPointer { programRequirements in
                        input.ids.withUnsafeBufferPointer { ids in
                            input.mentionEnd.withUnsafeBufferPointer { mentionEnd in
                                input.pronounEnd.withUnsafeBufferPointer { pronounEnd in
                                    input.hardStop.withUnsafeBufferPointer { hardStop in
                                        body(
                                            Machine(
                                                instructions: instructions, pool: pool, programs: programs,
                                                programRequirements: programRequirements, ids: ids, mentionEnd: mentionEnd,
                                                pronounEnd: pronounEnd, hardStop: hardStop))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    func owner(of match: Match) -> Owner { programs[Int(match.program)].owner }
}
