import Foundation
import GRDB
import StanceModel
import Testing

@testable import StanceStore

@Suite struct QueryTests {
    /// Both seed documents, plus an undated copy of 004 under another key and hash.
    func seededDatabase() throws -> StanceDatabase {
        let (database, rulesetID, runID) = try Fixtures.database()
        let (maruyama, maruyamaStatements) = Fixtures.maruyamaDocument()
        let (negotiators, negotiatorsStatements) = Fixtures.negotiatorsDocument()
        var (undated, undatedStatements) = Fixtures.negotiatorsDocument(id: "wire-undated", date: nil)
        undated.metadata.source = nil
        for index in undatedStatements.indices { undatedStatements[index].statement.speaker.country = "KOR" }
        _ = try database.store(maruyama, contentHash: "h000", statements: maruyamaStatements, rulesetID: rulesetID, runID: runID)
        _ = try database.store(negotiators, contentHash: "h004", statements: negotiatorsStatements, rulesetID: rulesetID, runID: runID)
        _ = try database.store(undated, contentHash: "hundated", statements: undatedStatements, rulesetID: rulesetID, runID: runID)
        return database
    }

    func export(_ database: StanceDatabase, _ filter: ExportFilter = .all) throws -> [ExportRow] {
        var rows: [ExportRow] = []
        try database.exportRows(filter) { rows.append($0) }
        return rows
    }

    /// Roles in the order first seen (undated last) and mentions most frequent first, ties by text,
    /// from one read of the actor's statements.
    @Test func rolesAndMentionsOfAnActor() throws {
        let (database, rulesetID, runID) = try Fixtures.database()
        for (key, date, role) in [
            ("july", Day(iso: "2017-07-18"), "spokesman"), ("earlier", Day(iso: "2016-01-01"), "press secretary"),
            ("undated", nil, "adviser"),
        ] {
            var (document, statements) = Fixtures.maruyamaDocument(id: key, date: date)
            for index in statements.indices where statements[index].statement.speaker.actor == "Norio Maruyama" {
                statements[index].statement.speaker.role = role
            }
            _ = try database.store(document, contentHash: "hash-\(key)", statements: statements, rulesetID: rulesetID, runID: runID)
        }
        let maruyama = try #require(try database.actors(named: ["Norio Maruyama"]).first)
        let (roles, mentions) = try database.rolesAndMentions(actorIDs: [maruyama.id], mentionLimit: 1)
        #expect(roles == [
            RoleSeen(role: "press secretary", firstDate: Day(iso: "2016-01-01"), lastDate: Day(iso: "2016-01-01"), statements: 2),
            RoleSeen(role: "spokesman", firstDate: Day(iso: "2017-07-18"), lastDate: Day(iso: "2017-07-18"), statements: 2),
            RoleSeen(role: "adviser", firstDate: nil, lastDate: nil, statements: 2),
        ])
        // Both mentions name him three times: the tie goes to the text that sorts first.
        #expect(mentions == [MentionSeen(mention: "Japan's foreign ministry spokesman Norio Maruyama", statements: 3)])
        let all = try database.rolesAndMentions(actorIDs: [maruyama.id], mentionLimit: 12).mentions
        #expect(all.map(\.mention) == ["Japan's foreign ministry spokesman Norio Maruyama", "Maruyama"])
        #expect(try database.rolesAndMentions(actorIDs: [], mentionLimit: 12).roles.isEmpty)
    }

    @Test func exportRowsCarryEveryFieldInStableOrder() throws {
        let rows = try export(try seededDatabase())
        #expect(rows.map(\.statement) == [
            "000_c2941bbf795685c8:0", "000_c2941bbf795685c8:0", "000_c2941bbf795685c8:1", "000_c2941bbf795685c8:2",
            "004_57b25ce32ab654a7:0", "004_57b25ce32ab654a7:0", "wire-undated:0", "wire-undated:0",
        ])
        let first = rows[0]
        #expect(first.document == "000_c2941bbf795685c8")
        #expect(first.date == Day(iso: "2017-07-18"))
        #expect(first.source == "Business Standard (wire)")
        #expect(first.speaker == "Japan's foreign ministry spokesman Norio Maruyama")
        #expect(first.actor == "Norio Maruyama")
        #expect(first.country == "JPN")
        #expect(first.stance == .dialogue)
        #expect(first.polarity == .oppose)
        #expect(first.target == "PRK")
        #expect(first.text == "This is not a time for dialogue.")
        #expect(first.rule == "dialogue/not-time-for")
        let scalars = Array(Fixtures.maruyamaArticle.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[first.start..<first.end])) == first.text)
        #expect(rows[4].text == "urge (North Korea) to exercise restraint")
        #expect(rows[6].date == nil)
        #expect(rows[6].source == nil)
    }

    @Test func exportRowsEncodeEveryFieldIncludingNulls() throws {
        let rows = try export(try seededDatabase())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(rows[6]), as: UTF8.self)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == Set(ExportRow.fieldNames))
        #expect(object["date"] is NSNull)
        #expect(object["source"] is NSNull)
        #expect(json.contains("\"start\":"))
    }

    @Test func exportFiltersByDateLeavingUndatedOutAndByCountry() throws {
        let database = try seededDatabase()
        let july = try export(database, ExportFilter(from: Day(iso: "2017-07-01"), to: Day(iso: "2017-07-31")))
        #expect(Set(july.map(\.document)) == ["000_c2941bbf795685c8"])
        let untilApril = try export(database, ExportFilter(to: Day(iso: "2017-04-24")))
        #expect(Set(untilApril.map(\.document)) == ["004_57b25ce32ab654a7"])
        let korea = try export(database, ExportFilter(countries: ["KOR"]))
        #expect(Set(korea.map(\.document)) == ["wire-undated"])
        let both = try export(database, ExportFilter(countries: ["KOR", "JPN"]))
        #expect(both.count == 8)
        #expect(try export(database, ExportFilter(countries: ["USA"])).isEmpty)
    }

    @Test func searchFindsWordsAndPhrasesWithFilters() throws {
        let database = try seededDatabase()
        let pressure = try database.search(text: "pressure", filter: .all, limit: 10)
        #expect(Set(pressure.map(\.statement)) == ["000_c2941bbf795685c8:0", "000_c2941bbf795685c8:1"])
        let phrase = try database.search(text: "\"serious dialogue\"", filter: .all, limit: 10)
        #expect(phrase.map(\.statement) == ["000_c2941bbf795685c8:1"])
        #expect(phrase[0].snippet.contains("**serious dialogue**"))
        #expect(phrase[0].actor == "Norio Maruyama")
        #expect(try database.search(text: "\"dialogue serious\"", filter: .all, limit: 10).isEmpty)
        let restraint = try database.search(text: "RESTRAINT deterrence", filter: .all, limit: 10)
        #expect(restraint.map(\.statement) == ["004_57b25ce32ab654a7:0", "wire-undated:0"])
        let dated = try database.search(text: "restraint", filter: ExportFilter(from: Day(iso: "2017-01-01")), limit: 10)
        #expect(dated.map(\.statement) == ["004_57b25ce32ab654a7:0"])
        let korea = try database.search(text: "restraint", filter: ExportFilter(countries: ["KOR"]), limit: 10)
        #expect(korea.map(\.statement) == ["wire-undated:0"])
        #expect(try database.search(text: "restraint", filter: .all, limit: 1).count == 1)
    }

    @Test(arguments: [
        "\"", "AND (", "pressure AND (", "NOT", "\"unbalanced phrase", "* OR ^", "col:pressure", "NEAR(a b)",
        "'; DROP TABLE statement; --", "", "   ", "“curly” quotes", "pressure)", "-pressure", "+",
    ])
    func hostileSearchInputNeverFails(_ input: String) throws {
        let database = try seededDatabase()
        _ = try database.search(text: input, filter: .all, limit: 10)
        #expect(try database.counts().statements == 5)
    }

    @Test func operatorsInSearchAreTakenLiterally() throws {
        let database = try seededDatabase()
        // "AND" is a word here, and no statement has it next to pressure, so nothing matches.
        #expect(try database.search(text: "pressure AND (", filter: .all, limit: 10).isEmpty)
        #expect(try database.search(text: "pressure)", filter: .all, limit: 10).count == 2)
        #expect(StanceDatabase.matchExpression(for: "say \"he \"\"said\"") == "\"say\" \"he\" \"said\"")
        #expect(StanceDatabase.matchExpression(for: "a\"b") == "\"a\" \"b\"")
        #expect(StanceDatabase.matchExpression(for: "( ) *") == nil)
    }

    @Test func explainShowsLabelsWithDecisions() throws {
        let database = try seededDatabase()
        let detail = try #require(try database.statement(key: "000_c2941bbf795685c8:0"))
        #expect(detail.labels.map(\.label.stance) == [.dialogue, .pressure])
        #expect(detail.labels[0].label.decisions.map(\.kind) == [.matched, .negated])
        #expect(detail.labels[0].label.decisions[1].detail == "\"not\" flips support to oppose")
        #expect(detail.statement.statement.speaker.note == "title: foreign ministry spokesman")
        #expect(detail.statement.statement.cue == "told reporters")
        #expect(try database.statement(key: "000_c2941bbf795685c8:9") == nil)
    }

    @Test func unknownSpeakersListsTitleAndGenericResolutions() throws {
        let database = try seededDatabase()
        let speakers = try database.unknownSpeakers()
        #expect(speakers.map(\.actor) == ["Kenji Kanasugi", "Kenji Kanasugi", "Norio Maruyama"])
        let maruyama = try #require(speakers.last)
        // Statement 1 was resolved by surname, so only the title-resolved one counts.
        #expect(maruyama.statements == 1)
        #expect(maruyama.latestRole == "spokesman")
        #expect(maruyama.country == "JPN")
        #expect(maruyama.latestDate == Day(iso: "2017-07-18"))
        #expect(speakers.map(\.country) == ["JPN", "KOR", "JPN"])
    }

    @Test func countsIncludeUndatedDocuments() throws {
        let counts = try seededDatabase().counts()
        #expect(counts == StoreCounts(
            documents: 3, undatedDocuments: 1, statements: 5, labels: 8, actors: 4, rulesets: 1,
            latestRulesetVersion: "rules-3f9a1c"))
    }

    @Test func integrityProblemsReportOrphans() throws {
        let database = try seededDatabase()
        #expect(try database.integrityProblems().isEmpty)
        try database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "DELETE FROM document WHERE key = 'wire-undated'")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let problems = try database.integrityProblems()
        #expect(problems.contains { $0.contains("statement row") && $0.contains("missing document") })
    }
}
