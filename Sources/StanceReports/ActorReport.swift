import Foundation
import StanceModel
import StanceStore

/// Finds the actor a name or a country code means.
///
/// A country code (JPN, EU) means the country speaking as itself: the statements whose speaker is
/// the country, its capital or its government ("Japan", "Tokyo"), not everything its officials said
/// (`stance report --country` gives that); the report lists its other speakers. A name is looked up
/// in tiers, and the first tier with a match wins: the actor's name or dictionary key, or a person's
/// or country's name or alias in the actor dictionary; then whole words of actor names ("Kishida"
/// finds "Fumio Kishida"). Rows with the same dictionary key (one person speaking for two countries
/// over a career) are one actor; anything else that matches separately is ambiguous.
public enum ActorLookup {
    public enum Outcome: Sendable {
        case found(ActorMatch)
        /// Several actors match; each entry is one actor (one or more rows).
        case ambiguous([[ActorRecord]])
        case notFound
    }

    public struct ActorMatch: Sendable {
        /// The actor's rows in the database (more than one when the same person spoke for several
        /// countries); empty for a country that never spoke as itself.
        public var records: [ActorRecord]
        /// The actor dictionary's entry for the person, when there is one.
        public var person: PersonEntry?
        /// Set when the actor is a country speaking as itself.
        public var country: CountryCode?

        public init(records: [ActorRecord], person: PersonEntry?, country: CountryCode?) {
            self.records = records
            self.person = person
            self.country = country
        }
    }

    public static func find(
        _ query: String, country restriction: CountryCode? = nil, in database: StanceDatabase, dictionary: ActorDictionary?
    ) throws -> Outcome {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return .notFound }
        let lowered = trimmed.lowercased()

        // A country code as typed, or a country's name or alias in the dictionary.
        var code: CountryCode?
        let typed = CountryCode(rawValue: trimmed)
        if typed.isWellFormed, try dictionary?.country(typed) != nil || database.hasActors(country: typed) {
            code = typed
        } else if let entry = dictionary?.countries.first(where: { entry in
            ([entry.name] + entry.aliases).contains { $0.lowercased() == lowered }
        }) {
            code = entry.code
        }
        if let code {
            let records = try database.actors(country: code, kinds: [.country])
            guard try !records.isEmpty || database.hasActors(country: code) else { return .notFound }
            return .found(ActorMatch(records: records, person: nil, country: code))
        }

        let people = dictionary?.people.filter { person in
            ([person.name, person.key] + person.aliases).contains { $0.lowercased() == lowered }
        } ?? []
        // The person's every name: the store keeps whichever the text used.
        var candidates = try database.actors(
            named: [trimmed] + people.flatMap { [$0.name] + $0.aliases }, dictionaryKeys: people.map(\.key))
        if candidates.isEmpty {
            candidates = try database.actors(containingWords: trimmed)
        }
        if let restriction {
            candidates = candidates.filter { $0.country == restriction }
        }
        var groups: [String: [ActorRecord]] = [:]
        var order: [String] = []
        for candidate in candidates {
            let identity = candidate.dictionaryKey.map { "key:\($0)" }
                ?? "name:\(candidate.name.lowercased())|\(candidate.country?.rawValue ?? "")"
            if groups[identity] == nil { order.append(identity) }
            groups[identity, default: []].append(candidate)
        }
        switch order.count {
        case 0: return .notFound
        case 1:
            let records = groups[order[0]]!
            if records.allSatisfy({ $0.kind == .country }), let country = records.first?.country {
                return .found(ActorMatch(records: records, person: nil, country: country))
            }
            return .found(ActorMatch(records: records, person: person(for: records, in: dictionary), country: nil))
        default:
            return .ambiguous(order.map { groups[$0]! })
        }
    }

    static func person(for records: [ActorRecord], in dictionary: ActorDictionary?) -> PersonEntry? {
        guard let dictionary else { return nil }
        let keys = Set(records.compactMap(\.dictionaryKey))
        let names = Set(records.map { $0.name.lowercased() })
        return dictionary.people.first { keys.contains($0.key) }
            ?? dictionary.people.first { names.contains($0.name.lowercased()) }
    }

    /// Lines naming each matching actor, for the message that asks which one.
    public static func describe(_ groups: [[ActorRecord]]) -> [String] {
        groups.map { records in
            let first = records[0]
            let countries = Array(Set(records.compactMap(\.country))).sorted().map(\.rawValue)
            let statements = records.reduce(0) { $0 + $1.statements }
            let labelled = records.reduce(0) { $0 + $1.labelledStatements }
            var line = "\(first.name) (\(([first.kind.rawValue] + countries).joined(separator: ", "))): "
            line += "\(Wording.plural(statements, "statement")), \(labelled) labelled"
            let firstDate = records.compactMap(\.firstDate).min(), lastDate = records.compactMap(\.lastDate).max()
            if let firstDate, let lastDate {
                line += firstDate == lastDate ? ", \(firstDate.iso)" : ", \(firstDate.iso) to \(lastDate.iso)"
            }
            return line
        }
    }
}

/// `stance actor`: who an actor is, where they stand, how that moved, and what they said.
public struct ActorReport: Sendable {
    public var match: ActorLookup.ActorMatch
    public var filter: ReportFilter
    public var period: ReportPeriod
    public var coverage: ReportCoverage
    public var names: [CountryCode: String]
    public var rolesSeen: [RoleSeen]
    public var mentions: [MentionSeen]
    /// Labels over the whole filter, undated included; nil without labels.
    public var profile: PositionCell?
    public var timeline: [PositionCell]
    /// Newest first, undated last; roles filled in from the dictionary where the text gave none.
    public var statements: [ReportStatement]
    /// For a country: its other speakers, the 15 with most statements.
    public var otherSpeakers: [ActorRecord]
    public var thinBelow: Int

    public static func build(
        _ database: StanceDatabase, match: ActorLookup.ActorMatch, filter: ReportFilter, by period: ReportPeriod,
        statementLimit: Int, thinBelow: Int = PositionIndex.defaultThinBelow
    ) throws -> ActorReport {
        var actorFilter = filter
        actorFilter.actorIDs = match.records.map(\.id)
        let ids = actorFilter.actorIDs
        var profile: PositionCell?
        var timeline: [PositionCell] = []
        var statements: [ReportStatement] = []
        var rolesSeen: [RoleSeen] = []
        var mentions: [MentionSeen] = []
        var coverage = ReportCoverage(
            rulesets: [], undatedDocuments: 0, undatedLabels: 0, labelsWithoutCountry: 0, statementsWithoutCountry: 0)
        if !ids.isEmpty {
            let (profileCells, rulesets) = try database.positionFigures(actorFilter, by: nil, perCountry: false)
            profile = profileCells.first
            timeline = try database.positionCells(actorFilter, by: period, perCountry: false)
            statements = try database.statementsBehind(actorFilter, limit: statementLimit)
            (rolesSeen, mentions) = try database.rolesAndMentions(actorIDs: ids, mentionLimit: 12)
            coverage = try database.reportCoverage(actorFilter, perCountry: false, rulesets: rulesets)
        }
        if let person = match.person {
            for index in statements.indices where statements[index].role == nil {
                statements[index].role = person.role(on: statements[index].date)?.title
            }
        }
        var otherSpeakers: [ActorRecord] = []
        if let country = match.country {
            otherSpeakers = try database.actors(country: country, excludingKinds: [.country], limit: 15)
                .filter { $0.statements > 0 }
        }
        return ActorReport(
            match: match, filter: filter, period: period, coverage: coverage, names: try database.countryNames(),
            rolesSeen: rolesSeen, mentions: mentions, profile: profile, timeline: timeline, statements: statements,
            otherSpeakers: otherSpeakers, thinBelow: thinBelow)
    }

    public var name: String {
        if let country = match.country { return names[country] ?? match.records.first?.name ?? country.rawValue }
        return match.records.first?.name ?? "?"
    }

    var kind: ActorKind { match.country != nil ? .country : match.records.first?.kind ?? .person }
    var countries: [CountryCode] { Array(Set(match.records.compactMap(\.country) + [match.country].compactMap { $0 })).sorted() }
    var statementCount: Int { match.records.reduce(0) { $0 + $1.statements } }
    var labelledCount: Int { profile?.statements ?? 0 }

    var firstDate: Day? { timeline.compactMap(\.firstDate).min() }
    var lastDate: Day? { timeline.compactMap(\.lastDate).max() }

    public var coverageLines: [CoverageLine] {
        Wording.coverage(
            filter, coverage: coverage, dataFirst: firstDate, dataLast: lastDate, perCountry: false, datedOnly: false)
    }

    var title: String { "\(name): positions and statements" }

    static func roleText(_ role: Role, names: [CountryCode: String]) -> String {
        var text = role.title
        if let country = role.country { text += " (\(country.rawValue))" }
        switch (role.from, role.to) {
        case (nil, nil): break
        case (let from?, nil): text += " from \(from.iso)"
        case (nil, let to?): text += " until \(to.iso)"
        case (let from?, let to?): text += " \(from.iso) to \(to.iso)"
        }
        return text
    }

    func whoFacts() -> [CoverageLine] {
        var facts: [CoverageLine] = []
        if let country = match.country {
            facts.append(CoverageLine("Who", "\(Wording.countryName(country, names: names)) speaking as a country (its name, capital or government as the speaker)"))
        } else {
            let countryText = countries.map { Wording.countryName($0, names: names) }.joined(separator: ", ")
            facts.append(CoverageLine("Who", "\(kind.rawValue)\(countryText.isEmpty ? "" : ", " + countryText)"))
        }
        if let person = match.person {
            if !person.roles.isEmpty {
                facts.append(CoverageLine("Roles", person.roles.map { Self.roleText($0, names: names) }.joined(separator: "; ") + " (actor dictionary)"))
            }
            if !person.aliases.isEmpty { facts.append(CoverageLine("Aliases", person.aliases.joined(separator: ", "))) }
        }
        if !rolesSeen.isEmpty {
            facts.append(
                CoverageLine(
                    "Roles seen",
                    rolesSeen.map { role in
                        var text = "\(role.role) (\(Wording.plural(role.statements, "statement"))"
                        if let first = role.firstDate, let last = role.lastDate {
                            text += first == last ? ", \(first.iso)" : ", \(first.iso) to \(last.iso)"
                        }
                        return text + ")"
                    }.joined(separator: "; ")))
        }
        if !mentions.isEmpty {
            facts.append(CoverageLine("Named as", mentions.map { "\($0.mention) (\($0.statements))" }.joined(separator: "; ")))
        }
        facts.append(
            CoverageLine("Statements", "\(statementCount) in all, \(labelledCount) with labels the filters select"))
        return facts
    }

    public func render(_ format: ReportFormat, colour: Bool = false) -> String {
        switch format {
        case .table: TextRenderer.render(document(), colour: colour)
        case .markdown: MarkdownRenderer.render(document())
        case .html: HTMLRenderer.render(document(html: true))
        case .json: json().text
        case .csv: csv()
        }
    }

    func document(html: Bool = false) -> ReportDocument {
        var sections = [ReportSection(blocks: [.facts(whoFacts())])]
        if let profile {
            let value = profile.tally.positionIndex
            let rows: [[TableCell]] = Stance.allCases.map { stance in
                [TableCell(stance.rawValue), TableCell(String(profile.tally.count(stance, .support))),
                 TableCell(String(profile.tally.count(stance, .oppose)))]
            }
            let thin = profile.statements < thinBelow
            var summary = "Position index \(PositionIndex.text(value)) from \(Wording.plural(profile.statements, "statement")) (\(Wording.plural(profile.tally.labels, "label")))"
            if thin { summary += "; thin evidence (fewer than \(thinBelow) statements)" }
            sections.append(
                ReportSection(
                    title: "Stance profile",
                    blocks: [
                        .table(ReportTable(columns: [TableColumn("stance"), TableColumn("supports", .right), TableColumn("opposes", .right)], rows: rows)),
                        .paragraph(summary + ". Position index = \(PositionIndex.definition)."),
                    ]))
        } else {
            sections.append(ReportSection(title: "Stance profile", blocks: [.paragraph("No labels match.")]))
        }
        if !timeline.isEmpty {
            let axis: [String] = {
                guard let first = timeline.first.flatMap({ period.bounds(of: $0.period) }),
                    let last = timeline.last.flatMap({ period.bounds(of: $0.period) })
                else { return timeline.map(\.period) }
                return period.keys(from: first.first, through: last.last)
            }()
            var blocks: [ReportBlock] = []
            if html {
                blocks.append(
                    .timeline(
                        TimelineChart(
                            periods: axis,
                            series: [
                                TimelineSeries(
                                    name: name,
                                    points: timeline.compactMap { cell in
                                        cell.tally.positionIndex.map {
                                            TimelinePoint(period: cell.period, index: $0, statements: cell.statements, labels: cell.tally.labels, link: "statements")
                                        }
                                    })
                            ])))
                blocks.append(
                    .stanceBars(
                        StanceBarsChart(
                            title: name, periods: axis,
                            bars: timeline.map { StanceBar(period: $0.period, tally: $0.tally, statements: $0.statements, link: "statements") })))
            }
            let rows: [[TableCell]] = timeline.map { cell in
                let value = cell.tally.positionIndex
                let thin = cell.statements < thinBelow
                let tone: Tone = thin ? .thin : (value ?? 0) > 0 ? .hardLine : (value ?? 0) < 0 ? .engagement : .plain
                return [
                    TableCell(period.label(of: cell.period)), TableCell(String(cell.statements)),
                    TableCell(String(cell.tally.labels)), TableCell(PositionIndex.text(value) + (thin ? "*" : ""), tone: tone),
                ] + Stance.allCases.map { TableCell(PositionsReport.counts(cell.tally, $0)) }
            }
            blocks.append(
                .table(
                    ReportTable(
                        columns: [TableColumn("period"), TableColumn("statements", .right), TableColumn("labels", .right), TableColumn("index", .right)]
                            + Stance.allCases.map { TableColumn($0.rawValue) },
                        rows: rows)))
            if timeline.contains(where: { $0.statements < thinBelow }) {
                blocks.append(.paragraph("* fewer than \(Wording.plural(thinBelow, "statement")): thin evidence."))
            }
            sections.append(ReportSection(title: "Timeline by \(period.rawValue)", anchor: "timeline", blocks: blocks))
        }
        var hint = "stance actor \(Shell.quote(match.country?.rawValue ?? name)) --limit \(labelledCount)"
        if match.country == nil, let only = countries.first, countries.count == 1 { hint += " --country \(only.rawValue)" }
        sections.append(
            ReportSection(
                title: "Statements",
                blocks: [
                    .statements(
                        StatementList(
                            anchor: "statements", title: "Newest first", statements: statements, total: labelledCount,
                            hint: hint, expanded: true))
                ]))
        if match.country != nil {
            let rows: [[TableCell]] = otherSpeakers.map { speaker in
                [
                    TableCell(speaker.name), TableCell(speaker.kind.rawValue), TableCell(String(speaker.statements)),
                    TableCell(String(speaker.labelledStatements)), TableCell(speaker.firstDate?.iso ?? ""),
                    TableCell(speaker.lastDate?.iso ?? ""),
                ]
            }
            var blocks: [ReportBlock] = []
            if rows.isEmpty {
                blocks.append(.paragraph("None."))
            } else {
                blocks.append(
                    .table(
                        ReportTable(
                            columns: [
                                TableColumn("speaker"), TableColumn("kind"), TableColumn("statements", .right),
                                TableColumn("labelled", .right), TableColumn("first"), TableColumn("last"),
                            ],
                            rows: rows)))
            }
            if let country = match.country {
                blocks.append(.paragraph("Everything said for \(country.rawValue), by every speaker: stance report --country \(country.rawValue)"))
            }
            sections.append(ReportSection(title: "Other speakers for \(name)", blocks: blocks))
        }
        return ReportDocument(title: title, coverage: coverageLines, sections: sections)
    }

    public func json() -> JSONValue {
        let person = match.person
        return .object([
            ("report", .string("actor")),
            ("actor", .string(name)),
            ("kind", .string(kind.rawValue)),
            ("countries", .codes(countries)),
            ("speaksAsCountry", .string(match.country?.rawValue)),
            ("dictionaryKey", .string(person?.key ?? match.records.first?.dictionaryKey)),
            ("aliases", .array((person?.aliases ?? []).map { .string($0) })),
            (
                "roles",
                .array(
                    (person?.roles ?? []).map { role in
                        .object([
                            ("title", .string(role.title)), ("country", .string(role.country?.rawValue)),
                            ("from", .day(role.from)), ("to", .day(role.to)),
                        ])
                    })
            ),
            (
                "rolesSeen",
                .array(
                    rolesSeen.map { role in
                        .object([
                            ("role", .string(role.role)), ("statements", .int(role.statements)),
                            ("firstDate", .day(role.firstDate)), ("lastDate", .day(role.lastDate)),
                        ])
                    })
            ),
            ("mentions", .array(mentions.map { .object([("mention", .string($0.mention)), ("statements", .int($0.statements))]) })),
            ("filter", ReportJSON.filter(filter)),
            ("by", .string(period.rawValue)),
            ("coverage", ReportJSON.coverage(coverage, first: firstDate, last: lastDate, perCountry: false)),
            ("statements", .int(statementCount)),
            (
                "profile",
                .object([
                    ("statements", .int(profile?.statements ?? 0)),
                    ("labels", .int(profile?.tally.labels ?? 0)),
                    ("index", .index(profile?.tally.positionIndex)),
                    ("counts", ReportJSON.tally(profile?.tally ?? StanceTally())),
                ])
            ),
            (
                "timeline",
                .array(
                    timeline.map { cell in
                        .object([
                            ("period", .string(cell.period)),
                            ("statements", .int(cell.statements)),
                            ("labels", .int(cell.tally.labels)),
                            ("index", .index(cell.tally.positionIndex)),
                            ("thin", .bool(cell.statements < thinBelow)),
                            ("counts", ReportJSON.tally(cell.tally)),
                        ])
                    })
            ),
            ("statementsListed", .array(statements.map(ReportJSON.statement))),
            (
                "otherSpeakers",
                .array(
                    otherSpeakers.map { speaker in
                        .object([
                            ("actor", .string(speaker.name)), ("kind", .string(speaker.kind.rawValue)),
                            ("statements", .int(speaker.statements)), ("labelled", .int(speaker.labelledStatements)),
                        ])
                    })
            ),
        ])
    }

    /// One row per label of the statements listed, newest statement first.
    public func csv() -> String {
        var out = CSV.line([
            "statement", "date", "actor", "country", "role", "stance", "polarity", "target", "rule", "ruleset", "quote",
            "source", "document",
        ])
        for statement in statements {
            for label in statement.labels {
                out += CSV.line([
                    statement.key, statement.date?.iso ?? "", statement.actor, statement.country?.rawValue ?? "",
                    statement.role ?? "", label.position.stance.rawValue, label.position.polarity.rawValue,
                    label.target?.rawValue ?? "", label.rule, label.ruleset, Wording.oneLine(statement.quote),
                    statement.source ?? "", statement.document,
                ])
            }
        }
        return out
    }
}
