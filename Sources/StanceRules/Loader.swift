import Foundation
import StanceModel
import StanceText
import Yams

/// Reads every file of a rule set, validating as it goes, and builds the `RuleSet`.
///
/// Loading never stops at the first problem: each file is checked as far as it can be, so
/// `stance rules check` lists every error at once.
struct RuleSetLoader {
    /// Prepended to each file's path in diagnostics (`Rules/` for the embedded set).
    let prefix: String
    var diagnostics: [Diagnostic] = []

    // What has been read so far.
    var countries: [CountryEntry] = []
    var countryOrigins: [CountryCode: (file: String, line: Int, column: Int)] = [:]
    var bodies: [BodyEntry] = []
    var people: [PersonEntry] = []
    /// The keys of `people`, and for each name or alias the first of `people` it names: checking each
    /// new person against every earlier one was quadratic in the dictionary's size.
    var personKeys: Set<String> = []
    var firstPersonNamed: [String: Int] = [:]
    var titles: [String] = []
    var genericSources: [String] = []
    var lists: [String: LoadedList] = [:]
    var rules: [LoadedRule] = []
    var boilerplateLines: [String] = []
    var boilerplateCuts: [String] = []
    /// Country codes used by bodies, people, roles, rules and examples, checked once every actor file is read.
    var pendingCodes: [(code: String, file: String, line: Int, column: Int, what: String)] = []

    struct LoadedList {
        var list: PhraseList
        var patterns: [ParsedPattern]
        var line: Int
    }

    struct LoadedRule {
        var rule: Rule
        var patterns: [ParsedPattern]
        var excludes: [ParsedPattern]
        /// (pattern index → line, column) for contradiction reports.
        var patternMarks: [(line: Int, column: Int)]
        var examples: [RuleExample]
        var line: Int
    }

    static let stanceNames = Stance.allCases.map(\.rawValue)
    static let folders = stanceNames + ["lists", "actors"]

    init(prefix: String) {
        self.prefix = prefix
    }

    mutating func load(_ files: [RuleFile]) -> RuleSet? {
        let sorted = files.sorted { $0.path < $1.path }
        let yamlFiles = sorted.filter { $0.path.hasSuffix(".yaml") || $0.path.hasSuffix(".yml") }
        func folder(_ file: RuleFile) -> String { file.path.split(separator: "/").first.map(String.init) ?? "" }

        for file in yamlFiles where folder(file) == "actors" { loadActors(file) }
        checkCountryPhrases()
        for file in yamlFiles where folder(file) == "lists" { loadList(file) }
        for file in yamlFiles {
            let top = folder(file)
            if top == "actors" || top == "lists" { continue }
            if file.path == "boilerplate.yaml" || file.path == "boilerplate.yml" {
                loadBoilerplate(file)
            } else if Self.stanceNames.contains(top) && file.path.contains("/") {
                loadRule(file, folder: top)
            } else {
                let shown = file.path.contains("/") ? "folder '\(top)/'" : "top-level file"
                diagnostics.append(
                    .error(
                        "unexpected \(shown): rules go in \(Self.stanceNames.map { $0 + "/" }.joined(separator: ", ")); shared lists in lists/; actors in actors/; boilerplate in boilerplate.yaml",
                        file: prefix + file.path, line: 1, column: 1))
            }
        }
        checkEngineLists()
        // A rule that failed to load leaves its lists looking unused; say so only about a clean set.
        if !diagnostics.contains(where: { $0.severity == .error }) { checkListReferences() }
        checkCodes()
        checkSlots()
        checkDuplicateIDs()
        checkContradictions()

        let actors = ActorDictionary(
            countries: countries, bodies: bodies, people: people, titles: titles, genericSources: genericSources)
        let orderedRules = rules.sorted { $0.rule.id < $1.rule.id }
        var matcher: Matcher? = nil
        if !diagnostics.contains(where: { $0.severity == .error }) {
            matcher = Matcher(rules: orderedRules, lists: lists)
        }
        guard let matcher else { return nil }
        return RuleSet(
            rules: orderedRules.map(\.rule),
            lists: lists.values.map(\.list).sorted { $0.name < $1.name },
            actors: actors,
            boilerplateLines: boilerplateLines,
            boilerplateCuts: boilerplateCuts,
            version: RuleSet.version(of: files),
            examples: orderedRules.flatMap(\.examples),
            files: sorted,
            matcher: matcher)
    }

    // MARK: Helpers

    private func location(_ node: Node?) -> (line: Int, column: Int) {
        (node?.mark?.line ?? 1, node?.mark?.column ?? 1)
    }

    private mutating func requireCode(_ text: String, file: String, node: Node, what: String) -> CountryCode {
        let (line, column) = location(node)
        pendingCodes.append((text, file, line, column, what))
        return CountryCode(text)
    }

    /// Every file's diagnostics are gathered here, whatever the reader found.
    private mutating func absorb(_ reader: YAMLReader) { diagnostics.append(contentsOf: reader.diagnostics) }

    // MARK: Actors

    private mutating func loadActors(_ file: RuleFile) {
        var reader = YAMLReader(file: prefix + file.path)
        defer { absorb(reader) }
        guard let root = reader.compose(file.contents) else { return }
        guard
            let keys = reader.mapping(
                root, what: "an actors file", allowed: ["countries", "bodies", "people", "titles", "generic-sources"])
        else { return }
        let name = reader.file
        if let node = keys["countries"] {
            for item in reader.items(node, what: "countries") {
                guard
                    let fields = reader.mapping(
                        item, what: "a country",
                        allowed: ["code", "name", "aliases", "adjectives", "capitals", "metonyms", "body"])
                else { continue }
                guard let codeNode = fields["code"], let code = reader.string(codeNode, what: "code") else {
                    reader.error("a country needs a 'code' (ISO 3166-1 alpha-3, e.g. PRK; or EU, UN, NATO for bodies)", at: item)
                    continue
                }
                let countryCode = CountryCode(code)
                guard countryCode.isWellFormed else {
                    reader.error(
                        "country code '\(code)' is not valid: expected 2 to 5 capital letters or digits (ISO 3166-1 alpha-3 such as PRK, or EU, UN, NATO)",
                        at: codeNode)
                    continue
                }
                guard let nameNode = fields["name"], let countryName = reader.string(nameNode, what: "name") else {
                    reader.error("country \(code) needs a 'name'", at: item)
                    continue
                }
                if let first = countryOrigins[countryCode] {
                    reader.error("country \(code) is defined twice (first at \(first.file):\(first.line):\(first.column))", at: codeNode)
                    continue
                }
                var isBody = false
                if let bodyNode = fields["body"] {
                    if let value = YAMLReader.bool(bodyNode) { isBody = value } else {
                        reader.error("'body' must be true or false", at: bodyNode)
                    }
                }
                func phrases(_ key: String) -> [String] {
                    fields[key].map { reader.strings($0, what: key).map(\.0) } ?? []
                }
                let entry = CountryEntry(
                    code: countryCode, name: countryName, aliases: phrases("aliases"), adjectives: phrases("adjectives"),
                    capitals: phrases("capitals"), metonyms: phrases("metonyms"), isBody: isBody)
                let (line, column) = location(codeNode)
                countryOrigins[countryCode] = (name, line, column)
                countries.append(entry)
            }
        }
        if let node = keys["bodies"] {
            for item in reader.items(node, what: "bodies") {
                if case .scalar(let scalar) = item {
                    bodies.append(BodyEntry(name: scalar.string))
                    continue
                }
                guard let fields = reader.mapping(item, what: "a body", allowed: ["name", "aliases", "country"]) else {
                    continue
                }
                guard let nameNode = fields["name"], let bodyName = reader.string(nameNode, what: "name") else {
                    reader.error("a body needs a 'name' (e.g. foreign ministry)", at: item)
                    continue
                }
                if bodies.contains(where: { $0.name.lowercased() == bodyName.lowercased() }) {
                    reader.error("body '\(bodyName)' is defined twice", at: nameNode)
                    continue
                }
                var country: CountryCode? = nil
                if let countryNode = fields["country"], let code = reader.string(countryNode, what: "country") {
                    country = requireCode(code, file: name, node: countryNode, what: "body '\(bodyName)'")
                }
                let aliases = fields["aliases"].map { reader.strings($0, what: "aliases").map(\.0) } ?? []
                bodies.append(BodyEntry(name: bodyName, aliases: aliases, country: country))
            }
        }
        if let node = keys["people"] {
            for item in reader.items(node, what: "people") {
                guard
                    let fields = reader.mapping(
                        item, what: "a person", allowed: ["key", "name", "aliases", "country", "roles"])
                else { continue }
                guard let nameNode = fields["name"], let personName = reader.string(nameNode, what: "name") else {
                    reader.error("a person needs a 'name'", at: item)
                    continue
                }
                var key: String? = nil
                if let keyNode = fields["key"] { key = reader.string(keyNode, what: "key") }
                let personKey = key ?? personName
                if personKeys.contains(personKey) {
                    reader.error(
                        "person '\(personKey)' is defined twice; give one of them a distinct 'key'",
                        at: fields["key"] ?? nameNode)
                    continue
                }
                var country: CountryCode? = nil
                if let countryNode = fields["country"], let code = reader.string(countryNode, what: "country") {
                    country = requireCode(code, file: name, node: countryNode, what: "person '\(personName)'")
                }
                var roles: [Role] = []
                if let rolesNode = fields["roles"] {
                    for roleNode in reader.items(rolesNode, what: "roles") {
                        if let role = readRole(roleNode, person: personName, reader: &reader) { roles.append(role) }
                    }
                }
                let aliases = fields["aliases"].map { reader.strings($0, what: "aliases") } ?? []
                for (alias, aliasNode) in aliases {
                    if let other = firstPersonNamed[alias].map({ people[$0] }), other.key != personKey {
                        reader.warning(
                            "alias '\(alias)' also names \(other.name); mentions of it will be ambiguous", at: aliasNode)
                    }
                }
                people.append(
                    PersonEntry(key: key, name: personName, aliases: aliases.map(\.0), country: country, roles: roles))
                personKeys.insert(personKey)
                for spelling in [personName] + aliases.map(\.0) where firstPersonNamed[spelling] == nil {
                    firstPersonNamed[spelling] = people.count - 1
                }
            }
        }
        if let node = keys["titles"] {
            for (title, titleNode) in reader.strings(node, what: "titles") {
                if titles.contains(title) { reader.warning("title '\(title)' is listed twice", at: titleNode) } else {
                    titles.append(title)
                }
            }
        }
        if let node = keys["generic-sources"] {
            for (source, sourceNode) in reader.strings(node, what: "generic-sources") {
                if genericSources.contains(source) {
                    reader.warning("generic source '\(source)' is listed twice", at: sourceNode)
                } else {
                    genericSources.append(source)
                }
            }
        }
    }

    private mutating func readRole(_ node: Node, person: String, reader: inout YAMLReader) -> Role? {
        if case .scalar(let scalar) = node { return Role(title: scalar.string) }
        guard let fields = reader.mapping(node, what: "a role", allowed: ["title", "country", "from", "to"]) else {
            return nil
        }
        guard let titleNode = fields["title"], let title = reader.string(titleNode, what: "title") else {
            reader.error("a role needs a 'title' (e.g. foreign minister)", at: node)
            return nil
        }
        var country: CountryCode? = nil
        if let countryNode = fields["country"], let code = reader.string(countryNode, what: "country") {
            country = requireCode(code, file: reader.file, node: countryNode, what: "a role of \(person)")
        }
        func day(_ key: String) -> (Day?, Bool) {
            guard let dayNode = fields[key] else { return (nil, true) }
            guard let text = reader.string(dayNode, what: key) else { return (nil, false) }
            if let parsed = Day(iso: text) { return (parsed, true) }
            let shaped = text.count == 10 && text.enumerated().allSatisfy { i, c in (i == 4 || i == 7) ? c == "-" : c.isNumber }
            reader.error(
                shaped ? "impossible date '\(text)': no such day in the calendar"
                    : "'\(key)' must be a date written YYYY-MM-DD, found '\(text)'", at: dayNode)
            return (nil, false)
        }
        let (from, fromOK) = day("from")
        let (to, toOK) = day("to")
        guard fromOK, toOK else { return nil }
        if let from, let to, to < from {
            reader.error("role '\(title)' of \(person) ends (\(to)) before it starts (\(from))", at: fields["to"])
            return nil
        }
        return Role(title: title, country: country, from: from, to: to)
    }

    /// The same phrase naming two countries would make every mention of it a coin toss.
    private mutating func checkCountryPhrases() {
        var owner: [String: CountryCode] = [:]
        for country in countries {
            for phrase in Set(country.nounPhrases + country.adjectives) {
                let key = Tokenizer.tokenize(phrase).map(\.text).joined(separator: " ")
                if let other = owner[key], other != country.code {
                    let origin = countryOrigins[country.code]
                    diagnostics.append(
                        .error(
                            "'\(phrase)' names both \(other) and \(country.code); keep it in one country",
                            file: origin?.file, line: origin?.line, column: origin?.column))
                } else {
                    owner[key] = country.code
                }
            }
        }
    }

    // MARK: Lists

    private mutating func loadList(_ file: RuleFile) {
        var reader = YAMLReader(file: prefix + file.path)
        defer { absorb(reader) }
        let name = Self.stem(String(file.path.dropFirst("lists/".count)))
        guard let root = reader.compose(file.contents) else { return }
        guard let keys = reader.mapping(root, what: "a list file", allowed: ["description", "phrases"]) else { return }
        if let existing = lists[name] {
            reader.error("list @\(name) is defined twice (also in \(existing.list.file))", at: root)
            return
        }
        var description = ""
        if let node = keys["description"] { description = reader.string(node, what: "description") ?? "" }
        guard let phrasesNode = keys["phrases"] else {
            reader.error("a list needs 'phrases': the words or patterns it stands for", at: root)
            return
        }
        var phrases: [String] = []
        var patterns: [ParsedPattern] = []
        for (phrase, node) in reader.strings(phrasesNode, what: "phrases") {
            switch PatternParser.parse(phrase) {
            case .success(let parsed):
                for warning in parsed.warnings {
                    reader.append(
                        .warning(
                            "in pattern: \(warning.message)", file: reader.file, line: node.mark?.line ?? 1,
                            column: YAMLReader.textColumn(of: node) + warning.offset))
                }
                if let reference = parsed.listReferences.first {
                    reader.error(
                        "a list's phrases cannot refer to other lists (@\(reference.name)); copy the phrases in",
                        at: node, columnOffset: YAMLReader.textColumn(of: node) - (node.mark?.column ?? 1) + reference.offset)
                    continue
                }
                if name == EngineList.partyPronouns.rawValue && parsed.element.containsSlot {
                    reader.error("@\(name) lists pronouns; it cannot use <country> or <party>", at: node)
                    continue
                }
                phrases.append(phrase)
                patterns.append(parsed)
            case .failure(let error):
                reader.error(
                    "in pattern: \(error.message)", at: node,
                    columnOffset: YAMLReader.textColumn(of: node) - (node.mark?.column ?? 1) + error.offset)
            }
        }
        lists[name] = LoadedList(
            list: PhraseList(name: name, file: reader.file, description: description, phrases: phrases),
            patterns: patterns, line: root.mark?.line ?? 1)
    }

    private mutating func checkEngineLists() {
        for list in EngineList.allCases where lists[list.rawValue] == nil {
            diagnostics.append(
                .warning(
                    "no list @\(list.rawValue) (\(prefix)lists/\(list.rawValue).yaml); the engine uses it for \(list.purpose)",
                    file: prefix + "lists/\(list.rawValue).yaml"))
        }
    }

    // MARK: Boilerplate

    private mutating func loadBoilerplate(_ file: RuleFile) {
        var reader = YAMLReader(file: prefix + file.path)
        defer { absorb(reader) }
        guard let root = reader.compose(file.contents) else { return }
        guard let keys = reader.mapping(root, what: "boilerplate.yaml", allowed: ["description", "lines", "cut"]) else {
            return
        }
        func regexes(_ key: String) -> [String] {
            guard let node = keys[key] else { return [] }
            var result: [String] = []
            for (pattern, patternNode) in reader.strings(node, what: key) {
                do {
                    _ = try Regex(pattern)
                    result.append(pattern)
                } catch {
                    reader.error("'\(pattern)' is not a valid regular expression: \(error)", at: patternNode)
                }
            }
            return result
        }
        boilerplateLines += regexes("lines")
        boilerplateCuts += regexes("cut")
    }

    // MARK: Rules

    static let ruleKeys = [
        "stance", "polarity", "description", "patterns", "exclude", "negation", "confidence", "when", "target",
        "questions", "examples",
    ]

    private mutating func loadRule(_ file: RuleFile, folder: String) {
        var reader = YAMLReader(file: prefix + file.path)
        defer { absorb(reader) }
        let id = Self.stem(file.path)
        guard let root = reader.compose(file.contents) else { return }
        guard let keys = reader.mapping(root, what: "a rule", allowed: Self.ruleKeys) else { return }
        var ok = true

        let folderStance = Stance(rawValue: folder)!
        var stance = folderStance
        if let node = keys["stance"], let text = reader.string(node, what: "stance") {
            if let parsed = Stance(rawValue: text) {
                if parsed != folderStance {
                    reader.error(
                        "stance '\(text)' disagrees with the folder \(folder)/: move the file to \(text)/ or write stance: \(folder)",
                        at: node)
                    ok = false
                }
                stance = parsed
            } else {
                reader.error(
                    "unknown stance '\(text)': expected one of \(YAMLReader.list(Self.stanceNames))", at: node)
                ok = false
            }
        }

        var polarity = Polarity.support
        if let node = keys["polarity"] {
            if let text = reader.string(node, what: "polarity"), let parsed = Polarity(rawValue: text) {
                polarity = parsed
            } else {
                reader.error("unknown polarity \(reader.describe(node)): expected support or oppose", at: node)
                ok = false
            }
        } else {
            reader.error("missing 'polarity': expected support or oppose", at: root)
            ok = false
        }

        var description = ""
        if let node = keys["description"] { description = reader.string(node, what: "description") ?? "" }
        if description.isEmpty {
            reader.error("missing 'description': say in a sentence what the rule recognizes", at: root)
        }

        func patterns(_ key: String) -> [(ParsedPattern, Node)] {
            guard let node = keys[key] else { return [] }
            var result: [(ParsedPattern, Node)] = []
            for (text, patternNode) in reader.strings(node, what: key) {
                let base = YAMLReader.textColumn(of: patternNode) - (patternNode.mark?.column ?? 1)
                switch PatternParser.parse(text) {
                case .success(let parsed):
                    for warning in parsed.warnings {
                        let mark = patternNode.mark
                        reader.append(
                            .warning(
                                "in pattern: \(warning.message)", file: reader.file, line: mark?.line ?? 1,
                                column: (mark?.column ?? 1) + base + warning.offset))
                    }
                    result.append((parsed, patternNode))
                case .failure(let error):
                    reader.error("in pattern: \(error.message)", at: patternNode, columnOffset: base + error.offset)
                    ok = false
                }
            }
            return result
        }
        let parsedPatterns = patterns("patterns")
        if keys["patterns"] == nil {
            reader.error("missing 'patterns': a list of patterns in the pattern language (see Rules/README.md)", at: root)
            ok = false
        }
        let parsedExcludes = patterns("exclude")
        var seen: Set<String> = []
        for (pattern, node) in parsedPatterns where !seen.insert(pattern.element.canonical).inserted {
            reader.warning("pattern '\(pattern.text)' repeats an earlier pattern of this rule", at: node)
        }
        for (pattern, node) in parsedPatterns + parsedExcludes {
            for reference in pattern.listReferences where lists[reference.name] == nil {
                let base = YAMLReader.textColumn(of: node) - (node.mark?.column ?? 1)
                let known = lists.keys.sorted().map { "@" + $0 }
                let suggestion = Self.closest(reference.name, in: lists.keys.sorted()).map { "did you mean @\($0)? " } ?? ""
                reader.error(
                    "unknown list @\(reference.name); \(suggestion)known lists: \(known.isEmpty ? "none (add Rules/lists/\(reference.name).yaml)" : known.joined(separator: ", "))",
                    at: node, columnOffset: base + reference.offset - 1)
                ok = false
            }
        }

        // Shapes that can never give a label.
        for (pattern, node) in parsedPatterns {
            if parsedExcludes.contains(where: { $0.0.element.canonical == pattern.element.canonical }) {
                reader.error("pattern '\(pattern.text)' can never match: an 'exclude' entry removes every match of it", at: node)
                ok = false
            }
        }

        var negation = NegationMode.flip
        if let node = keys["negation"] {
            if let text = reader.string(node, what: "negation"), let parsed = NegationMode(rawValue: text) {
                negation = parsed
            } else {
                reader.error("unknown negation \(reader.describe(node)): expected flip, block or ignore", at: node)
                ok = false
            }
        }

        var confidence = 1.0
        if let node = keys["confidence"] {
            if let value = node.float, value > 0, value <= 1 { confidence = value } else {
                reader.error("confidence must be a number above 0 and at most 1, found \(reader.describe(node))", at: node)
                ok = false
            }
        }

        var conditions = RuleConditions()
        if let node = keys["when"],
            let fields = reader.mapping(node, what: "'when'", allowed: ["speaker", "speaker-not", "target", "target-not"])
        {
            func codes(_ key: String) -> Set<CountryCode> {
                guard let listNode = fields[key] else { return [] }
                return Set(
                    reader.strings(listNode, what: key).map {
                        requireCode($0.0, file: reader.file, node: $0.1, what: "'\(key)' condition")
                    })
            }
            conditions.speakerIn = codes("speaker")
            conditions.speakerNotIn = codes("speaker-not")
            conditions.targetIn = codes("target")
            conditions.targetNotIn = codes("target-not")
            for (included, excluded, key) in [
                (conditions.speakerIn, conditions.speakerNotIn, "speaker"), (conditions.targetIn, conditions.targetNotIn, "target"),
            ] where !included.isEmpty && included.isSubset(of: excluded) {
                reader.error(
                    "'\(key)' and '\(key)-not' exclude every country between them, so the rule can never match", at: fields[key])
                ok = false
            }
        }

        var target = RuleTarget.fromText
        if let node = keys["target"], let text = reader.string(node, what: "target") {
            if text == "none" { target = .none } else {
                target = .fixed(requireCode(text, file: reader.file, node: node, what: "'target'"))
            }
        }

        var allowsQuestions = false
        if let node = keys["questions"] {
            switch reader.string(node, what: "questions") {
            case "allow": allowsQuestions = true
            case "skip": allowsQuestions = false
            default: reader.error("unknown questions \(reader.describe(node)): expected allow or skip", at: node)
            }
        }

        let rule = Rule(
            id: id, file: reader.file, stance: stance, polarity: polarity, description: description,
            patterns: parsedPatterns.map(\.0.text), exclude: parsedExcludes.map(\.0.text), negation: negation,
            confidence: confidence, conditions: conditions, target: target, allowsQuestions: allowsQuestions)

        var examples: [RuleExample] = []
        if let node = keys["examples"] {
            examples = readExamples(node, rule: rule, reader: &reader)
        }
        if !examples.contains(where: { if case .match = $0.expectation { true } else { false } }) {
            reader.warning("rule \(id) has no 'examples: match:' sentence; every rule should show what it matches", at: root)
        }
        guard ok else { return }
        rules.append(
            LoadedRule(
                rule: rule, patterns: parsedPatterns.map(\.0), excludes: parsedExcludes.map(\.0),
                patternMarks: parsedPatterns.map { location($0.1) }, examples: examples, line: root.mark?.line ?? 1))
    }

    private mutating func readExamples(_ node: Node, rule: Rule, reader: inout YAMLReader) -> [RuleExample] {
        guard let fields = reader.mapping(node, what: "'examples'", allowed: ["match", "no-match"]) else { return [] }
        var examples: [RuleExample] = []
        for (key, expectsMatch) in [("match", true), ("no-match", false)] {
            guard let listNode = fields[key] else { continue }
            for item in reader.items(listNode, what: key) {
                let (line, column) = location(item)
                var example = RuleExample(
                    rule: rule.id, file: reader.file, line: line, column: column, text: "", speaker: nil,
                    expectation: expectsMatch ? .match(polarity: rule.polarity, target: nil) : .noMatch)
                switch item {
                case .scalar(let scalar):
                    example.text = scalar.string
                case .mapping:
                    let allowed = expectsMatch ? ["text", "polarity", "target", "speaker"] : ["text", "speaker"]
                    guard let exampleFields = reader.mapping(item, what: "an example", allowed: allowed) else { continue }
                    guard let textNode = exampleFields["text"], let text = reader.string(textNode, what: "text") else {
                        reader.error("an example needs 'text': the sentence", at: item)
                        continue
                    }
                    example.text = text
                    if let speakerNode = exampleFields["speaker"], let code = reader.string(speakerNode, what: "speaker") {
                        example.speaker = requireCode(code, file: reader.file, node: speakerNode, what: "example speaker")
                    }
                    var polarity = rule.polarity
                    if let polarityNode = exampleFields["polarity"] {
                        if let text = reader.string(polarityNode, what: "polarity"), let parsed = Polarity(rawValue: text) {
                            polarity = parsed
                        } else {
                            reader.error("unknown polarity \(reader.describe(polarityNode)): expected support or oppose", at: polarityNode)
                        }
                    }
                    var target: RuleExample.ExpectedTarget? = nil
                    if let targetNode = exampleFields["target"], let code = reader.string(targetNode, what: "target") {
                        target = code == "none"
                            ? RuleExample.ExpectedTarget.none
                            : .country(requireCode(code, file: reader.file, node: targetNode, what: "example target"))
                    }
                    if expectsMatch { example.expectation = .match(polarity: polarity, target: target) }
                default:
                    reader.error("an example is a sentence, or a mapping with 'text'", at: item)
                    continue
                }
                if example.text.trimmingCharacters(in: .whitespaces).isEmpty {
                    reader.error("empty example sentence", at: item)
                    continue
                }
                examples.append(example)
            }
        }
        return examples
    }

    // MARK: Cross-file checks

    private mutating func checkListReferences() {
        // Unused lists are worth a note: a typo in a rule may have left one behind.
        var used: Set<String> = Set(EngineList.allCases.map(\.rawValue))
        for rule in rules {
            for pattern in rule.patterns + rule.excludes { used.formUnion(pattern.listReferences.map(\.name)) }
        }
        for (name, list) in lists where !used.contains(name) {
            diagnostics.append(.warning("list @\(name) is not used by any rule", file: list.list.file, line: list.line, column: 1))
        }
    }

    private mutating func checkCodes() {
        let known = Set(countries.map(\.code))
        let sample = countries.prefix(6).map(\.code.rawValue).joined(separator: ", ")
        for pending in pendingCodes where !known.contains(CountryCode(pending.code)) {
            let suggestion = Self.closest(pending.code, in: known.map(\.rawValue).sorted()).map { "did you mean \($0)? " } ?? ""
            diagnostics.append(
                .error(
                    "unknown country code '\(pending.code)' in \(pending.what); \(suggestion)expected a code defined under actors/ (\(known.isEmpty ? "none defined" : sample + (known.count > 6 ? ", …" : "")))",
                    file: pending.file, line: pending.line, column: pending.column))
        }
    }

    /// `<country>` and `<party>` match country mentions; without countries they can never match.
    private mutating func checkSlots() {
        guard countries.isEmpty else { return }
        for rule in rules where rule.patterns.contains(where: \.element.containsSlot) {
            diagnostics.append(
                .warning(
                    "rule \(rule.rule.id) uses <country> or <party>, which can never match: no countries are defined under actors/",
                    file: rule.rule.file, line: rule.line, column: 1))
        }
    }

    private mutating func checkDuplicateIDs() {
        var seen: [String: String] = [:]
        for rule in rules {
            if let first = seen[rule.rule.id] {
                diagnostics.append(
                    .error(
                        "duplicate rule id \(rule.rule.id) (also \(first)); rule ids come from file names, rename one",
                        file: rule.rule.file, line: 1, column: 1))
            }
            seen[rule.rule.id] = rule.rule.file
        }
    }

    /// The same pattern in a support rule and an oppose rule of one stance cannot both be right.
    private mutating func checkContradictions() {
        var owners: [String: (rule: Rule, polarity: Polarity)] = [:]
        for loaded in rules {
            for (index, pattern) in loaded.patterns.enumerated() {
                let key = loaded.rule.stance.rawValue + " " + pattern.element.canonical
                if let other = owners[key], other.polarity != loaded.rule.polarity {
                    let mark = loaded.patternMarks[index]
                    diagnostics.append(
                        .error(
                            "contradictory rules: pattern '\(pattern.text)' is \(loaded.rule.polarity) here but \(other.polarity) in \(other.rule.id) (\(other.rule.file)); keep it in one of them",
                            file: loaded.rule.file, line: mark.line, column: mark.column))
                } else if owners[key] == nil {
                    owners[key] = (loaded.rule, loaded.rule.polarity)
                }
            }
        }
    }

    // MARK: Names

    /// `pressure/raise-pressure.yaml` → `pressure/raise-pressure`.
    static func stem(_ path: String) -> String {
        for suffix in [".yaml", ".yml"] where path.hasSuffix(suffix) { return String(path.dropLast(suffix.count)) }
        return path
    }

    /// The nearest name within two edits, for "did you mean" hints.
    static func closest(_ word: String, in candidates: [String]) -> String? {
        var best: (String, Int)? = nil
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= 2, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
