import Foundation
import StanceModel
import StanceRules
import Testing

@Suite("Loading and validating rule files")
struct LoaderTests {
    static let goodRule = """
        stance: pressure
        polarity: support
        description: Calls to raise pressure.
        patterns:
          - (raise~|increase~) ...2 pressure
        examples:
          match:
            - We must raise pressure on Pyongyang.

        """

    @Test func loadsAGoodRuleWithItsIDFromThePath() throws {
        let (set, diagnostics) = Fixture.load([Fixture.rule("pressure/raise-pressure.yaml", Self.goodRule)])
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        let rules = try #require(set)
        #expect(rules.rule(id: "pressure/raise-pressure")?.stance == .pressure)
        #expect(rules.examples.first?.line == 8)
        #expect(rules.examples.first?.file == "Rules/pressure/raise-pressure.yaml")
    }

    @Test func unknownStanceNamesTheValidOnes() {
        let errors = Fixture.errors([Fixture.rule("pressure/x.yaml", Self.goodRule.replacingOccurrences(of: "stance: pressure", with: "stance: presure"))])
        #expect(errors.map(\.description) == [
            "Rules/pressure/x.yaml:1:9: error: unknown stance 'presure': expected one of pressure, dialogue, sanctions or restraint"
        ])
    }

    @Test func unknownKeyNamesTheValidOnes() {
        let errors = Fixture.errors([Fixture.rule("pressure/x.yaml", Self.goodRule + "polarty: support\n")])
        #expect(errors.count == 1)
        #expect(errors.first?.line == 9)
        #expect(errors.first?.message.hasPrefix("unknown key 'polarty' in a rule; expected one of stance, polarity") == true)
    }

    @Test func patternErrorPointsInsideThePattern() {
        let yaml = Self.goodRule.replacingOccurrences(of: "(raise~|increase~) ...2 pressure", with: "(raise~|increase~ ...2 pressure")
        let errors = Fixture.errors([Fixture.rule("pressure/x.yaml", yaml)])
        #expect(errors.map(\.description) == ["Rules/pressure/x.yaml:5:5: error: in pattern: '(' is never closed; add ')'"])
        let quoted = Self.goodRule.replacingOccurrences(of: "(raise~|increase~) ...2 pressure", with: "\"raise pressure <nation>\"")
        #expect(Fixture.errors([Fixture.rule("pressure/x.yaml", quoted)]).first?.column == 22)
    }

    @Test func unknownListIsNamedWithASuggestion() {
        let yaml = Self.goodRule.replacingOccurrences(of: "...2 pressure", with: "...2 @negator")
        let errors = Fixture.errors([Fixture.rule("pressure/x.yaml", yaml)])
        #expect(errors.count == 1)
        #expect(errors.first?.column == 29)
        #expect(errors.first?.message.hasPrefix("unknown list @negator; did you mean @negators?") == true)
    }

    @Test func unknownCountryCodeInACondition() {
        let yaml = Self.goodRule + "when:\n  speaker: [JPN, XYZ]\ntarget: PRKK\n"
        let errors = Fixture.errors([Fixture.rule("pressure/x.yaml", yaml)])
        #expect(errors.map { "\($0.line!):\($0.column!)" } == ["10:18", "11:9"])
        #expect(errors.first?.message.contains("unknown country code 'XYZ'") == true)
        #expect(errors.last?.message.contains("did you mean PRK?") == true)
    }

    @Test func duplicateIDs() {
        let errors = Fixture.errors([
            Fixture.rule("pressure/x.yaml", Self.goodRule),
            Fixture.rule("pressure/x.yml", Self.goodRule.replacingOccurrences(of: "(raise~|increase~)", with: "step~ up")),
        ])
        #expect(errors.contains { $0.message.hasPrefix("duplicate rule id pressure/x") })
    }

    @Test func contradictoryRules() {
        let oppose = Self.goodRule.replacingOccurrences(of: "polarity: support", with: "polarity: oppose")
        let errors = Fixture.errors([Fixture.rule("pressure/a.yaml", Self.goodRule), Fixture.rule("pressure/b.yaml", oppose)])
        #expect(errors.count == 1)
        #expect(errors.first?.file == "Rules/pressure/b.yaml")
        #expect(errors.first?.message.hasPrefix("contradictory rules: pattern '(raise~|increase~) ...2 pressure' is oppose here but support in pressure/a") == true)
    }

    @Test func patternsThatCanNeverMatch() {
        let excluded = Self.goodRule + "exclude:\n  - (raise~|increase~)  ...2  pressure\n"
        #expect(Fixture.errors([Fixture.rule("pressure/x.yaml", excluded)]).first?.message.contains("can never match") == true)
        let conditions = Self.goodRule + "when:\n  speaker: [JPN]\n  speaker-not: [JPN, USA]\n"
        #expect(Fixture.errors([Fixture.rule("pressure/x.yaml", conditions)]).first?.message.contains("can never match") == true)
        let slot = Self.goodRule.replacingOccurrences(of: "...2 pressure", with: "...2 pressure on <country>")
        let (_, diagnostics) = RuleSet.load(files: Fixture.lists + [Fixture.rule("pressure/x.yaml", slot)], prefix: "Rules/")
        #expect(diagnostics.contains { $0.severity == .warning && $0.message.contains("<country> or <party>, which can never match") })
    }

    @Test func stanceFolderAndMissingKeys() {
        let errors = Fixture.errors([
            Fixture.rule("presure/x.yaml", Self.goodRule),
            Fixture.rule("dialogue/y.yaml", "description: talks\npatterns: [talks]\n"),
        ])
        #expect(errors.contains { $0.file == "Rules/presure/x.yaml" && $0.message.contains("unexpected folder 'presure/'") })
        #expect(errors.contains { $0.file == "Rules/dialogue/y.yaml" && $0.message.contains("missing 'polarity'") })
    }

    @Test func invalidYAMLIsLocated() {
        let errors = Fixture.errors([Fixture.rule("pressure/x.yaml", "stance: pressure\npatterns: [a, b\n")])
        #expect(errors.count == 1)
        #expect(errors.first?.line == 3)
    }

    @Test func actorsAreValidated() {
        let actors = RuleFile(
            path: "actors/people.yaml",
            contents: """
                bodies:
                  - {name: State Department, country: USB}
                people:
                  - name: Fumio Kishida
                    country: JPN
                    roles:
                      - {title: foreign minister, from: 2012-12-26, to: 2017-08-03}
                      - {title: prime minister, from: 2017-02-30}
                      - {title: envoy, from: 2020-01-02, to: 2019-01-01}
                      - {title: adviser, from: yesterday}
                  - name: Fumio Kishida
                countries:
                  - {code: prk, name: Nowhere}
                  - {code: JPN, name: Japan again}

                """)
        let messages = Fixture.errors([actors]).map { "\($0.line!): \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("2: unknown country code 'USB' in body 'State Department'") })
        #expect(messages.contains("8: impossible date '2017-02-30': no such day in the calendar"))
        #expect(messages.contains("9: role 'envoy' of Fumio Kishida ends (2019-01-01) before it starts (2020-01-02)"))
        #expect(messages.contains("10: 'from' must be a date written YYYY-MM-DD, found 'yesterday'"))
        #expect(messages.contains { $0.hasPrefix("11: person 'Fumio Kishida' is defined twice") })
        #expect(messages.contains { $0.hasPrefix("13: country code 'prk' is not valid") })
        #expect(messages.contains { $0.hasPrefix("14: country JPN is defined twice") })
    }

    @Test func actorsMergeAcrossFiles() throws {
        let people = RuleFile(
            path: "actors/people.yaml",
            contents: """
                people:
                  - name: Fumio Kishida
                    aliases: [Kishida]
                    country: JPN
                    roles:
                      - {title: foreign minister, from: 2012-12-26, to: 2017-08-03}
                      - {title: prime minister, from: 2021-10-04, to: 2024-10-01}
                titles: [spokesman, foreign minister]
                generic-sources: [officials]

                """)
        let set = try #require(Fixture.load([people]).0)
        let kishida = try #require(set.actors.people.first)
        #expect(kishida.role(on: Day(iso: "2016-01-01"))?.title == "foreign minister")
        #expect(kishida.role(on: Day(iso: "2022-01-01"))?.title == "prime minister")
        #expect(set.actors.country("PRK")?.metonyms == ["the North", "the reclusive state"])
        #expect(set.actors.titles == ["spokesman", "foreign minister"])
    }

    @Test func boilerplateRegexesAreChecked() throws {
        let good = RuleFile(path: "boilerplate.yaml", contents: "lines:\n  - '(?i)^disclaimer:'\ncut:\n  - 'subscribe now'\n")
        let set = try #require(Fixture.load([good]).0)
        #expect(set.boilerplateLines == ["(?i)^disclaimer:"])
        #expect(set.boilerplateCuts == ["subscribe now"])
        let bad = RuleFile(path: "boilerplate.yaml", contents: "lines:\n  - '(unclosed'\n")
        let errors = Fixture.errors([bad])
        #expect(errors.count == 1)
        #expect(errors.first?.location == "Rules/boilerplate.yaml:2:5")
        #expect(errors.first?.message.hasPrefix("'(unclosed' is not a valid regular expression") == true)
    }

    @Test func versionDependsOnEveryFileAndOnNothingElse() throws {
        let a = try #require(Fixture.load([Fixture.rule("pressure/x.yaml", Self.goodRule)]).0)
        let b = try #require(Fixture.load([Fixture.rule("pressure/x.yaml", Self.goodRule)]).0)
        let c = try #require(Fixture.load([Fixture.rule("pressure/x.yaml", Self.goodRule + "# comment\n")]).0)
        #expect(a.version == b.version)
        #expect(a.version != c.version)
        #expect(a.version.count == 12)
    }

    @Test func loadsADirectoryAndNamesItsFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "stance-rules-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in [Fixture.countries] + Fixture.lists + [Fixture.rule("pressure/x.yaml", "stance: pressure\npolarity: sideways\n")] {
            let url = directory.appending(path: file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
        }
        let (set, diagnostics) = RuleSet.load(directory: directory)
        #expect(set == nil)
        #expect(diagnostics.contains { $0.description.hasPrefix("\(directory.path)/pressure/x.yaml:2:11: error: unknown polarity 'sideways'") })
    }

    @Test func theEmbeddedRulesCheck() throws {
        let (set, diagnostics) = RuleSet.load(directory: nil)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
        let rules = try #require(set)
        #expect(rules.rules.count >= 40)
        #expect(Set(rules.rules.map(\.stance)) == Set(Stance.allCases))
        for rule in rules.rules {
            #expect(rules.examples.contains { $0.rule == rule.id }, "\(rule.id) has no examples")
        }
    }
}
