import StanceModel
import StanceRules
import Testing

/// Whole-rule-set behaviour on sentences written the way officials speak in news about many
/// conflicts: every label each gets, not only the one a rule's own examples check.
@Suite("News sentences")
struct NewsSentenceTests {
    static let cases: [(String, CountryCode, Set<String>)] = [
        ("We will continue to apply maximum pressure on North Korea until it denuclearizes.", "USA", ["pressure support"]),
        ("The United States remains open to dialogue with Pyongyang.", "USA", ["dialogue support"]),
        ("China firmly opposes unilateral sanctions and long-arm jurisdiction.", "CHN", ["sanctions oppose"]),
        ("Russia will respond to any new sanctions with countermeasures.", "RUS", ["pressure support"]),
        ("The EU adopted a sixth package of sanctions against Russia, including a ban on Russian oil imports.", "EU", ["sanctions support"]),
        ("We call on all parties to exercise maximum restraint and refrain from any action that could further escalate tensions.", "UN", ["restraint support"]),
        ("Japan demanded that North Korea immediately halt its missile launches.", "JPN", ["pressure support"]),
        ("Venezuela's foreign minister denounced the illegal US blockade.", "VEN", ["sanctions oppose"]),
        ("The junta must end the violence against peaceful protesters.", "USA", ["restraint support"]),
        ("Ukraine is ready for peace talks, but not at the cost of its territory.", "UKR", ["dialogue support"]),
        ("There can be no negotiations while Russian troops occupy our land.", "UKR", ["dialogue oppose"]),
        ("Sanctions alone will not solve the North Korean nuclear issue.", "CHN", ["sanctions oppose"]),
        ("The G7 agreed to tighten export controls on Russia.", "G7", ["sanctions support"]),
        ("Turkey refuses to join Western sanctions on Russia.", "TUR", ["sanctions oppose"]),
        ("The embargo is a flagrant violation of the human rights of the Cuban people.", "CUB", ["sanctions oppose"]),
        ("We stand ready to facilitate dialogue between the government and the opposition.", "NOR", ["dialogue support"]),
        ("India called for an immediate cessation of violence and a return to the path of diplomacy.", "IND", ["restraint support", "dialogue support"]),
        ("Israel will never allow Iran to obtain nuclear weapons.", "ISR", ["pressure support"]),
        ("Washington imposed new sanctions on Chinese firms accused of helping Moscow evade restrictions.", "USA", ["sanctions support"]),
        ("We are not seeking confrontation; we want dialogue.", "CHN", ["dialogue support"]),
        ("All options remain on the table, including a military strike.", "USA", ["pressure support"]),
        ("Russia has no intention of attacking anyone.", "RUS", []),
        ("Britain announced asset freezes on 50 Russian oligarchs.", "GBR", ["sanctions support"]),
        ("The talks ended without agreement on Tuesday.", "USA", []),
        ("The foreign minister met his Chinese counterpart in Beijing.", "JPN", []),
        ("North Korea fired two ballistic missiles into the sea on Sunday.", "JPN", []),
        ("Iran's oil exports rose despite the sanctions.", "IRN", []),
        ("Seoul and Washington will hold joint military exercises next month as planned.", "KOR", ["pressure support"]),
        ("We urge Israel and Hamas to agree to an immediate ceasefire.", "FRA", ["restraint support"]),
        ("The regime must be held accountable for its crimes.", "GBR", ["pressure support"]),
        ("We will not lift sanctions until Russia withdraws its troops.", "GBR", ["sanctions support"]),
        ("Myanmar's military rulers should release all political prisoners and return to dialogue.", "IDN", ["dialogue support"]),
        ("Taipei called on Beijing to stop its military intimidation.", "TWN", ["pressure oppose"]),
        ("The sanctions have crippled our economy.", "IRN", ["sanctions oppose"]),
        ("Pyongyang said it was willing to talk if Washington dropped its hostile policy.", "PRK", ["dialogue support"]),
        ("Moscow denied any involvement in the attack.", "RUS", []),
        ("We do not rule out new sanctions.", "GBR", ["sanctions support"]),
        ("Beijing has repeatedly said it opposes the use of force.", "CHN", ["pressure oppose"]),
        ("The United States and South Korea agreed to resume large-scale joint drills.", "USA", ["pressure support"]),
        ("China will take all necessary measures to safeguard its sovereignty.", "CHN", ["pressure support"]),
        ("We reject the sanctions as illegal and will not comply with them.", "RUS", ["sanctions oppose"]),
        ("The EU extended its sanctions against Russia for another six months.", "EU", ["sanctions support"]),
        ("Washington eased some sanctions on Venezuela's oil sector.", "USA", ["sanctions oppose"]),
        ("Pyongyang rejected Seoul's offer of talks.", "PRK", ["dialogue oppose"]),
        ("The two leaders agreed to hold a summit next year.", "KOR", ["dialogue support"]),
        ("We will not negotiate under pressure.", "IRN", ["dialogue oppose"]),
    ]

    @Test(arguments: cases)
    func labels(text: String, speaker: CountryCode, expected: Set<String>) throws {
        let rules = try #require(RuleSet.embedded.0)
        let found = Fixture.labels(text, speaker: speaker, rules: rules)
        #expect(Set(found.map(\.stancePolarity)) == expected, "\(found.map { "\($0.summary) [\($0.rule)]" })")
    }
}
