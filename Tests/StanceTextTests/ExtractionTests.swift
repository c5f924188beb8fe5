import StanceModel
import Testing

@testable import StanceText

/// Every construction of issue 3, with the seeds' sentences and sentences written for each case.
@Suite struct QuoteExtractionTests {
    @Test func seedQuoteWithCueAfterItAndTitleBeforeTheName() throws {
        let text = #""This is not a time for dialogue. This is a time for pressure," Japan's foreign ministry spokesman Norio Maruyama told reporters today in New York."#
        let statement = try #require(Fixtures.statements(text).first)
        #expect(statement.kind == .quote)
        #expect(statement.cue == "told reporters")
        #expect(statement.speaker.actor == "Norio Maruyama")
        #expect(statement.speaker.country == "JPN")
        #expect(statement.speaker.resolution == .title)
        #expect(Fixtures.content(statement, in: text) == "This is not a time for dialogue. This is a time for pressure")
    }

    @Test func invertedCueAndSurnameReferBackToTheFullMention() throws {
        let text = """
            "This is a time for pressure," Japan's foreign ministry spokesman Norio Maruyama told reporters.
            "This is a time to raise pressure in order to conduct a serious dialogue," said Maruyama.
            """
        let statements = Fixtures.statements(text)
        #expect(statements.count == 2)
        let second = try #require(statements.last)
        #expect(second.cue == "said")
        #expect(second.speaker.actor == "Norio Maruyama")
        #expect(second.speaker.resolution == .surname)
        #expect(second.speaker.country == "JPN")
    }

    @Test func typographicQuotesAndCueBeforeTheQuote() throws {
        let text = "Pompeo’s deputy, Japanese envoy Kenji Sato, added: “We’re ready to go.”"
        let statement = try #require(Fixtures.statements(text).first)
        #expect(statement.kind == .quote)
        #expect(statement.speaker.actor == "Kenji Sato")
        #expect(statement.speaker.country == "JPN")
        #expect(Fixtures.content(statement, in: text) == "We’re ready to go.")
    }

    @Test func splitQuoteIsOneStatement() throws {
        let text = #""We are ready to talk," the Japanese envoy Kenji Sato said, "but not at any price.""#
        let statements = Fixtures.statements(text)
        #expect(statements.count == 1)
        #expect(Fixtures.content(statements[0], in: text) == "We are ready to talk … but not at any price.")
    }

    @Test func quoteInsideQuoteStaysInTheOuterQuote() throws {
        let text = #""As President Kennedy said, 'Let us never fear to negotiate'," said British Foreign Secretary John Hale."#
        let statement = try #require(Fixtures.statements(text).first)
        #expect(statement.speaker.actor == "John Hale")
        #expect(statement.speaker.country == "GBR")
        #expect(Fixtures.content(statement, in: text).contains("'Let us never fear to negotiate'"))
    }

    @Test func quoteRunningAcrossParagraphsKeepsItsSpeaker() throws {
        let text = """
            Russian Foreign Minister Sergei Lavrov went on, “the testing is disturbing, and we ask that they cease.

            “I think we are early in the game of putting pressure on them.”
            """
        let statements = Fixtures.statements(text, date: "2017-05-21")
        #expect(statements.count == 1)
        #expect(statements[0].speaker.actor == "Sergei Lavrov")
        #expect(statements[0].content.count == 2)
    }

    @Test func quoteInTheNextSentenceContinuesTheSpeaker() throws {
        let text = #""We are ready to meet without precondition," Lavrov said. "Let's just meet.""#
        let statements = Fixtures.statements(text, date: "2017-12-12")
        #expect(statements.count == 2)
        #expect(statements.allSatisfy { $0.speaker.actor == "Sergei Lavrov" })
    }

    @Test func nameLineIntroducesTheQuotesBelowIt() throws {
        let text = """
            President Obama of the United States:

            “We will always be open to engagement.”

            “I will veto any legislation that prevents the deal.”
            """
        let statements = Fixtures.statements(text)
        #expect(statements.count == 2)
        #expect(statements.allSatisfy { $0.speaker.country == "USA" })
    }

    @Test func quotedAsSayingFrame() throws {
        let text = #""One way to block infiltration is to ban any talks," Iranian leader Ali Hosseini was quoted by state television as saying."#
        let statement = try #require(Fixtures.statements(text).first)
        #expect(statement.speaker.actor == "Ali Hosseini")
        #expect(statement.speaker.country == "IRN")
    }
}

@Suite struct ReportedSpeechTests {
    @Test func saidThat() throws {
        let text = "Russian Foreign Minister Sergei Lavrov said that any effort to find pretexts for military action is unacceptable."
        let statement = try #require(Fixtures.statements(text, date: "2017-07-06").first)
        #expect(statement.kind == .reported)
        #expect(statement.cue == "said")
        #expect(statement.speaker.resolution == .dictionary)
        #expect(statement.speaker.role == "foreign minister")
        #expect(Fixtures.content(statement, in: text).hasPrefix("said that any effort"))
    }

    @Test func toldReporters() throws {
        let text = "Kim Hong Kyun, special representative for Korean Peninsula affairs at the South Korean Foreign Ministry, told reporters the officials agreed to maximize pressure."
        let statement = try #require(Fixtures.statements(text).first)
        #expect(statement.cue == "told reporters")
        #expect(statement.speaker.actor == "Kim Hong Kyun")
        #expect(statement.speaker.country == "KOR")
    }

    @Test(arguments: [
        ("Britain's foreign secretary Jane Hunt urged Iran to show restraint.", "urged", "GBR"),
        ("Japan's foreign ministry called on North Korea to exercise restraint.", "called on", "JPN"),
        ("The Chinese envoy Li Wei proposed a meeting at the border.", "proposed", "CHN"),
        ("The U.S. special envoy Mark Cole agreed to resume talks.", "agreed", "USA"),
        ("Japan maintains that Russia and China must do more.", "maintains", "JPN"),
        ("The Saudi foreign minister Faisal Saud argued that rejecting action could not be accepted.", "argued", "SAU"),
    ])
    func cues(_ example: (String, String, String)) throws {
        let statement = try #require(Fixtures.statements(example.0).first)
        #expect(statement.kind == .reported)
        #expect(statement.cue == example.1)
        #expect(statement.speaker.country == CountryCode(example.2))
    }

    @Test func accordingTo() throws {
        let text = "According to the Japanese foreign ministry, the talks will resume in May."
        let statement = try #require(Fixtures.statements(text).first)
        #expect(statement.cue == "According to")
        #expect(statement.speaker.kind == .body)
        #expect(statement.speaker.country == "JPN")
        #expect(Fixtures.content(statement, in: text) == "the talks will resume in May")
    }

    @Test func postposedFrameKeepsTheContentBeforeIt() throws {
        let text = "Should the West impose new sanctions, Russia will defend its interests, Russian Foreign Minister Sergei Lavrov said."
        let statement = try #require(Fixtures.statements(text, date: "2014-08-26").first)
        #expect(statement.speaker.actor == "Sergei Lavrov")
        #expect(Fixtures.content(statement, in: text) == "Should the West impose new sanctions, Russia will defend its interests")
    }

    @Test func invertedFrameWithAppositive() throws {
        let text = "China stays committed to dialogue, said Zhang Wei, China's envoy to the UN, on Thursday."
        let statement = try #require(Fixtures.statements(text).first)
        #expect(statement.speaker.actor == "Zhang Wei")
        #expect(statement.speaker.country == "CHN")
    }

    @Test func countryAndBodyAsSubjects() throws {
        let text = """
            Japan supports new sanctions.
            South Korea's defence ministry proposed a meeting to be held Friday at Panmunjom.
            """
        let statements = Fixtures.statements(text)
        #expect(statements.map(\.speaker.country) == ["JPN", "KOR"])
        #expect(statements[0].kind == .position)
        #expect(statements[0].speaker.kind == .country)
        #expect(statements[1].speaker.kind == .body)
        #expect(statements[1].speaker.resolution == .body)
    }

    @Test func coordinatedClauseWithItsOwnSubjectIsItsOwnStatement() throws {
        let text = "Russia said it would mirror Belarus, and the State Department announced it had joined the EU in imposing sanctions."
        let statements = Fixtures.statements(text)
        #expect(statements.map(\.speaker.country) == ["RUS", "USA"])
        #expect(Fixtures.content(statements[0], in: text) == "said it would mirror Belarus")
    }

    @Test func speakerInTheMiddleOfTheSentence() throws {
        let text = "The row escalated on Thursday, when Sergey Lavrov, Russia's foreign minister, warned that the expulsions would go ahead."
        let statement = try #require(Fixtures.statements(text, date: "2018-03-15").first)
        #expect(statement.speaker.actor == "Sergei Lavrov")
        #expect(statement.cue == "warned")
    }

    @Test func narrationAndHypotheticalsWithoutAnActorAreNoStatements() {
        #expect(Fixtures.statements("The tougher measures could include an oil embargo and a ban on guest workers.").isEmpty)
        #expect(Fixtures.statements("Iron ore imports from North Korea surged in the spring.").isEmpty)
        #expect(Fixtures.statements("US media said on Thursday that a destroyer was on its way.").isEmpty)
    }

    @Test func datelineIsNotPartOfTheSpeaker() throws {
        let text = "BEIJING, Dec. 23 (Xinhua) -- China urged the countries concerned to stay restrained."
        let statement = try #require(Fixtures.statements(text).first)
        #expect(statement.speaker.mention == "China")
        #expect(statement.cue == "urged")
    }
}

@Suite struct AttributionTests {
    @Test func dictionaryPersonWithTheRoleOfTheDay() throws {
        let before = try #require(Fixtures.statements("Kishida said talks must wait.", date: "2017-08-03").first)
        let after = try #require(Fixtures.statements("Kishida said talks must wait.", date: "2017-08-04").first)
        let later = try #require(Fixtures.statements("Kishida said talks must wait.", date: "2021-10-04").first)
        #expect(before.speaker.role == "foreign minister")
        #expect(after.speaker.role == nil)
        #expect(later.speaker.role == "prime minister")
        #expect([before, after, later].allSatisfy { $0.speaker.country == "JPN" && $0.speaker.resolution == .dictionary })
    }

    @Test func concurrentRolesPreferTheOfficeTheDocumentMentions() throws {
        let text = "Speaking for the African Union, Sall said the sanctions should be lifted."
        let statement = try #require(Fixtures.statements(text, date: "2022-05-16").first)
        #expect(statement.speaker.country == "AU")
        #expect(statement.speaker.role == "African Union chairperson")
        let home = try #require(Fixtures.statements("Sall said the sanctions should be lifted.", date: "2022-05-16").first)
        #expect(home.speaker.country == "AU")
        let before = try #require(Fixtures.statements("Sall said the sanctions should be lifted.", date: "2021-05-16").first)
        #expect(before.speaker.country == "SEN")
    }

    @Test func spellingVariantsOfOneName() throws {
        let text = """
            Kim Hong-kyun, the South Korean special representative, said pressure would rise.
            Kim Hong Kyun added that talks were possible.
            """
        let statements = Fixtures.statements(text)
        #expect(statements.count == 2)
        #expect(statements[1].speaker.actor == "Kim Hong-kyun")
        #expect(statements[1].speaker.country == "KOR")
    }

    @Test func pronounRefersToTheLastFittingSpeaker() throws {
        let text = """
            Japanese envoy Kenji Kanasugi said North Korea may act again.
            "We agreed to urge North Korea to exercise restraint," he added.
            """
        let statements = Fixtures.statements(text)
        #expect(statements.count == 2)
        #expect(statements[1].speaker.actor == "Kenji Kanasugi")
        #expect(statements[1].speaker.resolution == .pronoun)
    }

    @Test func descriptionRefersToTheEarlierOfficeHolder() throws {
        let text = """
            Russian Foreign Minister Sergei Lavrov said sanctions were pointless.
            “It is unacceptable to talk in the language of ultimatums,” Russia’s chief diplomat added.
            """
        let statements = Fixtures.statements(text, date: "2014-08-26")
        #expect(statements.count == 2)
        #expect(statements[1].speaker.actor == "Sergei Lavrov")
        #expect(statements[1].speaker.resolution == .description)
    }

    @Test func groupGivesOneStatementPerMemberCountry() throws {
        let text = """
            Senior diplomats from Japan, the United States and South Korea agreed Tuesday to pile greater pressure on North Korea.
            They also agreed to urge China to use its influence.
            """
        let statements = Fixtures.statements(text)
        #expect(statements.map(\.speaker.country) == ["JPN", "USA", "KOR", "JPN", "USA", "KOR"])
        #expect(statements.prefix(3).allSatisfy { $0.speaker.resolution == .group })
        #expect(statements.suffix(3).allSatisfy { $0.speaker.resolution == .pronoun })
    }

    @Test func groupReferenceByNumber() throws {
        let text = """
            Japan, the United States and South Korea met in Tokyo.
            The three countries will maximize their pressure on the North, the statement said.
            Japanese Foreign Minister Fumio Kishida and French President Anne Leroy agreed to meet.
            The three countries agreed to keep talking.
            """
        let statements = Fixtures.statements(text, date: "2017-04-24")
        let last = statements.suffix(3)
        #expect(last.map(\.speaker.country) == ["JPN", "USA", "KOR"])
    }

    @Test func genericSourcesGetACountryOnlyFromTheText() throws {
        let japanese = try #require(Fixtures.statements("Japanese officials said the missiles were a threat.").first)
        #expect(japanese.speaker.country == "JPN")
        #expect(japanese.speaker.resolution == .generic)
        let unnamed = try #require(Fixtures.statements("Diplomatic sources said the talks were stalled.").first)
        #expect(unnamed.speaker.country == nil)
        #expect(unnamed.speaker.resolution == .unresolved)
    }

    @Test func bodyGetsItsCountryFromContextOrFromItsName() throws {
        let text = "The Chinese Foreign Ministry said talks should resume. The State Department said it disagreed."
        let statements = Fixtures.statements(text)
        #expect(statements.map(\.speaker.country) == ["CHN", "USA"])
        #expect(statements.map(\.speaker.resolution) == [.body, .dictionary])
    }

    @Test func metonymsAndCapitals() throws {
        let statements = Fixtures.statements("Pyongyang said it would respond. The Kremlin warned of consequences.")
        #expect(statements.map(\.speaker.country) == ["PRK", "RUS"])
    }

    @Test func unknownPersonFromTheTitleAroundTheName() throws {
        let statement = try #require(Fixtures.statements("U.S. special representative Joseph Yun told reporters talks were possible.").first)
        #expect(statement.speaker.actor == "Joseph Yun")
        #expect(statement.speaker.country == "USA")
        #expect(statement.speaker.role == "special representative")
        #expect(statement.speaker.resolution == .title)
    }
}

@Suite struct BoilerplateTests {
    @Test func trailingSubscriptionBlockIsCutAndDisclaimersDropped() throws {
        let filter = try BoilerplateFilter(
            lines: ["(?i)^\\s*disclaimer\\s*:", "\\{\\{\\s*[A-Za-z_]+\\s*\\}\\}"],
            cuts: ["(?i)you[’']ve reached your limit"])
        let extractor = StatementExtractor(lexicon: ActorLexicon(Fixtures.dictionary), boilerplate: filter)
        let text = """
            Japan supports new sanctions.
            Disclaimer: Japan said nothing here.
            You’ve reached your limit of {{free_limit}} free articles this month.
            Japan said subscribers get more.
            """
        let analysis = extractor.analyze(text: text, date: nil)
        #expect(analysis.statements.count == 1)
        #expect(analysis.boilerplateParagraphs == 3)
    }
}

@Suite struct BoilerplatePatternGuardTests {
    @Test(arguments: [
        ("(?i)^\\s*disclaimer\\s*:", "disclaimer", true, true),
        ("(?i)you[’']ve reached your limit", "ve reached your limit", true, false),
        ("\\{\\{\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\}\\}", "{{", false, false),
        ("(?i)all rights reserved\\.?\\s*$", "all rights reserved", true, false),
        ("(?i)^\\s*(advertisement|sponsored)\\s*$", nil, true, true),
        ("cat|dog", nil, false, false),
        ("colou?r", "colo", false, false),
    ] as [(String, String?, Bool, Bool)])
    func requiredLiteralIsFoundOnlyWhereEveryMatchHasIt(_ example: (String, String?, Bool, Bool)) {
        let analysis = BoilerplateFilter.Pattern.analyze(example.0)
        #expect(analysis.literal == example.1)
        #expect(analysis.caseInsensitive == example.2)
        #expect(analysis.anchored == example.3)
    }
}

@Suite struct FrameClauseTests {
    @Test func participleAfterAQuoteFrameIsPartOfTheStatement() throws {
        let text = #""Sanctions have never been an effective way to solve problems," Chinese foreign ministry spokesman Wang Wen told a regular briefing, urging all parties to exercise restraint."#
        let statement = try #require(Fixtures.statements(text).first)
        #expect(statement.speaker.country == "CHN")
        #expect(Fixtures.content(statement, in: text).hasSuffix("urging all parties to exercise restraint"))
    }
}

@Suite struct QuotedAsSayingTests {
    @Test func outletQuotingAnOfficialGivesTheOfficialsStatement() throws {
        let text = #"KCNA quoted Kim Yo Jong, a senior North Korean official, as saying that talks would "plunge them into greater disappointment.""#
        let statement = try #require(Fixtures.statements(text).first)
        #expect(statement.speaker.actor == "Kim Yo Jong")
        #expect(statement.speaker.country == "PRK")
        #expect(statement.cue == "quoted Kim Yo Jong, a senior North Korean official, as saying")
    }

    @Test func indefiniteOfficialIsSomeoneNew() throws {
        let text = """
            Russian Foreign Minister Sergei Lavrov said talks were possible.
            A senior official said the talks would not happen.
            """
        let statements = Fixtures.statements(text, date: "2020-01-01")
        #expect(statements.count == 2)
        #expect(statements[1].speaker.actor != "Sergei Lavrov")
    }
}

@Suite struct PossessorAndBodyMemberTests {
    @Test func spokesmanOfAKnownLeaderSpeaksForHisCountry() throws {
        let statement = try #require(Fixtures.statements("Lavrov's spokesman said the talks were over.", date: "2020-01-01").first)
        #expect(statement.speaker.country == "RUS")
        #expect(statement.speaker.actor != "Sergei Lavrov")
    }

    @Test func membersOfABodySpeakForTheBody() throws {
        let statement = try #require(Fixtures.statements("EU member states agreed to impose new sanctions.").first)
        #expect(statement.speaker.country == "EU")
    }
}

@Suite struct QuoteInsideAReportedSentenceTests {
    @Test func frameAfterAQuoteThatEndsInACommaCoversTheWholeSentence() throws {
        let text = #"It is vital for the Security Council to “stand firmly by the side of the people,” UN envoy Anna Berg said at the body's meeting on Friday, according to the speech."#
        let statement = try #require(Fixtures.statements(text).first)
        #expect(statement.speaker.actor == "Anna Berg")
        #expect(statement.speaker.country == "UN")
        #expect(Fixtures.content(statement, in: text).contains("stand firmly by the side of the people"))
    }
}
