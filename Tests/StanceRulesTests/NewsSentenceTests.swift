import StanceModel
import StanceRules
import Testing

/// Whole-rule-set behaviour on sentences written the way officials speak in news about many
/// conflicts: every label each gets, not only the one a rule's own examples check.
@Suite("News sentences")
struct NewsSentenceTests {
    /// A sentence, its speaker's country, and every label it must get: "stance polarity", or
    /// "stance polarity → TARGET" where the target matters too.
    typealias Case = (String, CountryCode, Set<String>)

    static let general: [Case] = [
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
        ("We are not seeking confrontation; we want dialogue.", "CHN", ["restraint support", "dialogue support"]),
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

    /// Statements the default rules once got wrong on news they had never seen, and others like them.
    static let heldOut: [Case] = [
        ("What we proposed was not the lifting of all sanctions, but a partial one.", "PRK", ["sanctions oppose"]),
        ("We are hitting Putin's regime where it hurts.", "EU", ["pressure support"]),
        ("The bloc would consider further measures, including cutting Russian banks from the SWIFT payment system.", "EU", ["sanctions support → RUS"]),
        ("The sanctions were an example of the absolute helplessness of Western foreign policy.", "RUS", ["sanctions oppose"]),
        ("Peskov warned that Moscow would respond.", "RUS", ["pressure support"]),
        ("Sanctions have never been a fundamental and effective way to solve problems.", "CHN", ["sanctions oppose"]),
        ("We do not seek escalation or war, but will defend ourselves against any aggression.", "IRN", ["restraint support"]),
        ("He said Tehran did not seek escalation or war.", "IRN", ["restraint support"]),
        ("He rejected any ceasefire that would freeze the front lines.", "UKR", ["restraint oppose"]),
        ("The United States opposed a ceasefire now.", "USA", ["restraint oppose"]),
        ("Turkey is calling for an immediate ceasefire.", "TUR", ["restraint support"]),
        ("Washington would continue to supply weapons to Kyiv.", "USA", ["pressure support → RUS"]),
        ("Japanese Prime Minister Shinzo Abe said he fully supported Trump's decision not to make an easy compromise.", "JPN", ["pressure support"]),
        ("South Korea's defence ministry proposed a meeting to be held Friday at Panmunjom to ease tensions.", "KOR", ["dialogue support"]),
        ("China calls on all sides to implement the resolutions in a comprehensive manner, in order to push for a peaceful solution.", "CHN", ["sanctions support"]),
        ("This is a time to raise pressure in order to conduct a serious dialogue.", "JPN", ["pressure support"]),
        ("We urge both sides to ease tensions so as to resume dialogue at an early date.", "CHN", ["restraint support", "dialogue support"]),
        ("China will work with all parties so as to reach a peaceful settlement.", "CHN", ["dialogue support"]),
    ]

    static let northKorea: [Case] = [
        ("The Treasury designated three North Korean officials involved in the ballistic missile program.", "USA", ["sanctions support → PRK"]),
        ("Japan will freeze the assets of 19 North Korean groups and individuals.", "JPN", ["sanctions support → PRK"]),
        ("The era of strategic patience is over.", "USA", ["pressure support"]),
        ("Seoul will pursue a diplomatic solution with Pyongyang while keeping up sanctions.", "KOR", ["dialogue support → PRK", "sanctions support → PRK"]),
        ("Pyongyang warned that it would take stronger countermeasures if the drills go ahead.", "PRK", ["pressure support"]),
        ("North Korea denounced the joint drills as a rehearsal for invasion.", "PRK", ["pressure oppose"]),
        ("We call on the DPRK to return to the negotiating table.", "KOR", ["dialogue support → PRK"]),
        ("The Security Council should consider tightening sanctions on North Korea after the latest test.", "GBR", ["sanctions support → PRK"]),
        ("Russia will not support new sanctions against Pyongyang.", "RUS", ["sanctions oppose → PRK"]),
        ("We are prepared to meet Kim Jong Un without preconditions.", "USA", ["dialogue support"]),
        ("Pyongyang has no interest in talks as long as Washington maintains its hostile policy.", "PRK", ["dialogue oppose"]),
        ("Pyongyang rejected the talks offer as a deceptive ploy.", "PRK", ["dialogue oppose"]),
        ("North Korea must abandon its nuclear weapons in a complete, verifiable and irreversible manner.", "USA", ["pressure support → PRK"]),
        ("The exercises are a clear message to Pyongyang that any provocation will be met with an overwhelming response.", "USA", ["pressure support → PRK"]),
        ("The two Koreas agreed to reopen the inter-Korean liaison office.", "KOR", ["dialogue support"]),
        ("North Korea fired a ballistic missile toward the Sea of Japan on Thursday, the defence ministry said.", "JPN", []),
        ("The measures could include a ban on North Korean seafood exports.", "USA", []),
    ]

    static let iran: [Case] = [
        ("Britain, France and Germany triggered the snapback mechanism to reimpose UN sanctions on Iran.", "GBR", ["sanctions support → IRN"]),
        ("The remaining parties to the JCPOA remain committed to the deal.", "EU", ["dialogue support"]),
        ("The maximum pressure campaign has failed.", "IRN", ["pressure oppose"]),
        ("Washington's policy of maximum pressure is doomed to fail.", "IRN", ["pressure oppose"]),
        ("Washington will keep up its maximum pressure campaign until Tehran changes its behavior.", "USA", ["pressure support → IRN"]),
        ("Tehran called on the United States to return to the JCPOA and lift all sanctions.", "IRN", ["dialogue support → USA", "sanctions oppose"]),
        ("The Treasury granted a waiver allowing Iraq to import electricity from Iran.", "USA", ["sanctions oppose"]),
        ("We will not allow Iran to acquire a nuclear weapon.", "USA", ["pressure support → IRN"]),
        ("Iran is ready for a diplomatic solution if the other side shows goodwill.", "IRN", ["dialogue support"]),
        ("The sanctions are economic terrorism against the Iranian nation.", "IRN", ["sanctions oppose"]),
        ("Israel reserves the right to respond to Iran's attack at a time of its choosing.", "ISR", ["pressure support → IRN"]),
        ("The IAEA board should pass a resolution censuring Iran.", "FRA", ["pressure support → IRN"]),
        ("The United States stands ready to engage in serious negotiations with Iran.", "USA", ["dialogue support → IRN"]),
        ("We will use every tool of national power to counter Iranian aggression.", "USA", ["pressure support → IRN"]),
        ("Iran will never negotiate at gunpoint.", "IRN", ["dialogue oppose"]),
        ("Canada announced new export controls on sensitive technology to Iran.", "CAN", ["sanctions support → IRN"]),
        ("Some lawmakers have argued that sanctions relief would reward bad behavior.", "USA", []),
        ("Would the West really lift sanctions if Iran complied?", "IRN", []),
    ]

    static let russiaUkraine: [Case] = [
        ("The EU agreed a ninth package of sanctions targeting Russian banks and media.", "EU", ["sanctions support → RUS"]),
        ("The G7 will impose a price cap on Russian oil.", "G7", ["sanctions support → RUS"]),
        ("Russia considers the Western sanctions illegal and will respond with countermeasures.", "RUS", ["sanctions oppose", "pressure support"]),
        ("Moscow expelled ten diplomats from the Baltic states in a tit-for-tat move.", "RUS", ["pressure support"]),
        ("We need to talk to Russia; there is no military solution to this war.", "FRA", ["dialogue support → RUS", "pressure oppose"]),
        ("Kyiv will not negotiate with Putin.", "UKR", ["dialogue oppose"]),
        ("Russia is open to negotiations on Ukraine, but only on the basis of new territorial realities.", "RUS", ["dialogue support"]),
        ("NATO allies pledged to provide Ukraine with more air defence systems.", "NATO", ["pressure support → RUS"]),
        ("Germany will send Leopard tanks to Ukraine.", "DEU", ["pressure support → RUS"]),
        ("Russia condemned Western arms supplies to Ukraine.", "RUS", ["pressure oppose"]),
        ("Hungary will veto any new sanctions on Russian energy.", "HUN", ["sanctions oppose → RUS"]),
        ("China called for a political settlement of the Ukraine crisis through dialogue.", "CHN", ["dialogue support"]),
        ("The export controls will cut Russia off from the semiconductors it needs for its war machine.", "USA", ["sanctions support → RUS"]),
        ("Moscow will never accept the price cap.", "RUS", ["sanctions oppose"]),
        ("We will not be blackmailed by the West.", "RUS", ["pressure oppose"]),
        ("Russia warned Kyiv against any provocation.", "RUS", ["pressure support → UKR"]),
        ("The Kremlin said the talks in Istanbul had produced no breakthrough.", "RUS", []),
        ("Russia and Ukraine exchanged prisoners on Friday.", "UKR", []),
    ]

    static let israelGaza: [Case] = [
        ("We urge Israel to agree to a humanitarian pause to allow aid into Gaza.", "GBR", ["restraint support → ISR"]),
        ("The United States vetoed a Security Council resolution demanding an immediate humanitarian ceasefire in Gaza.", "USA", ["restraint oppose"]),
        ("Israel will continue the war until Hamas is destroyed.", "ISR", ["pressure support"]),
        ("There will be no ceasefire until the hostages are released.", "ISR", ["restraint oppose"]),
        ("Egypt and Qatar are mediating between Israel and Hamas.", "EGY", ["dialogue support"]),
        ("Hamas must release the hostages and lay down its arms.", "ISR", ["pressure support"]),
        ("The EU imposed sanctions on violent settlers in the West Bank.", "EU", ["sanctions support"]),
        ("Israel said it would respond to the attack with force.", "ISR", ["pressure support"]),
        ("Israel and Iran must avoid a spiral of escalation.", "FRA", ["restraint support"]),
        ("We call on all parties to protect civilians and allow unhindered humanitarian access.", "UN", []),
        ("The ceasefire collapsed within hours.", "UN", []),
    ]

    static let taiwan: [Case] = [
        ("The PLA's drills around Taiwan are a stern warning to separatist forces.", "CHN", ["pressure support → TWN"]),
        ("China will take resolute measures to safeguard its sovereignty and territorial integrity.", "CHN", ["pressure support"]),
        ("Beijing firmly opposes US arms sales to Taiwan.", "CHN", ["pressure oppose"]),
        ("The United States approved a $500 million arms sale to Taiwan.", "USA", ["pressure support → CHN"]),
        ("We urge Beijing to cease its military pressure against Taiwan.", "USA", ["pressure oppose"]),
        ("Taiwan will not provoke, but it will not bow to pressure either.", "TWN", ["restraint support", "pressure oppose"]),
        ("China will never renounce the use of force on Taiwan.", "CHN", ["pressure support", "restraint oppose"]),
        ("Taipei called on Beijing to resume dialogue without preconditions.", "TWN", ["dialogue support → CHN"]),
        ("Beijing urged Washington to stop playing with fire on the Taiwan question.", "CHN", ["pressure support → USA"]),
        ("China's drills around Taiwan are irresponsible and destabilising.", "USA", ["pressure oppose"]),
        ("The drills ended on Sunday, the Eastern Theater Command said.", "CHN", []),
    ]

    static let venezuelaSyria: [Case] = [
        ("The unilateral coercive measures imposed by Washington are a crime against the Venezuelan people.", "VEN", ["sanctions oppose"]),
        ("We demand the immediate lifting of the criminal blockade against our country.", "VEN", ["sanctions oppose"]),
        ("Norway will continue to facilitate talks between the government and the opposition.", "NOR", ["dialogue support"]),
        ("The sanctions against Venezuela are illegal and violate international law.", "VEN", ["sanctions oppose → VEN"]),
        ("The US has granted Chevron a license to resume limited operations in Venezuela.", "USA", ["sanctions oppose → VEN"]),
        ("Washington reimposed sanctions on Venezuela's state oil company.", "USA", ["sanctions support → VEN"]),
        ("Assad must be held accountable for the chemical attacks.", "FRA", ["pressure support"]),
        ("Russia vetoed a resolution that would have imposed sanctions on Syria over chemical weapons.", "RUS", ["sanctions oppose → SYR"]),
        ("The Caesar Act sanctions are suffocating the Syrian people.", "SYR", ["sanctions oppose"]),
        ("The EU extended its restrictive measures against the Syrian regime for another year.", "EU", ["sanctions support → SYR"]),
        ("Washington is ready to lift sanctions on Syria to give the country a chance at greatness.", "USA", ["sanctions oppose → SYR"]),
        ("We call for a political solution in Syria based on Resolution 2254.", "UN", ["dialogue support"]),
        ("Turkey will launch a new military operation in northern Syria to clear the border of terrorists.", "TUR", ["pressure support → SYR"]),
    ]

    static let myanmarSudanAfghanistan: [Case] = [
        ("The junta must immediately end the violence and release all those unjustly detained.", "ASEAN", ["restraint support"]),
        ("Britain announced sanctions on two military-owned conglomerates in Myanmar.", "GBR", ["sanctions support → MMR"]),
        ("We call for an arms embargo on the Myanmar military.", "UN", ["sanctions support → MMR"]),
        ("ASEAN's five-point consensus calls for an immediate cessation of violence and dialogue among all parties.", "ASEAN", ["restraint support", "dialogue support"]),
        ("China opposes the use of sanctions or pressure against Myanmar.", "CHN", ["sanctions oppose", "pressure oppose"]),
        ("The junta said it would hold talks with ethnic armed groups.", "MMR", ["dialogue support"]),
        ("We urge the Sudanese Armed Forces and the Rapid Support Forces to agree to a humanitarian truce.", "USA", ["restraint support"]),
        ("The United States imposed sanctions on RSF leader Mohamed Hamdan Dagalo for atrocities in Darfur.", "USA", ["sanctions support"]),
        ("Both warring parties should return to the negotiating table in Jeddah.", "SAU", ["dialogue support"]),
        ("The Security Council extended the arms embargo on Darfur.", "UN", ["sanctions support"]),
        ("The Taliban's frozen assets should be released to avert a humanitarian catastrophe.", "CHN", ["sanctions oppose"]),
        ("The United States will maintain sanctions on the Taliban until they reverse the ban on girls' education.", "USA", ["sanctions support"]),
        ("Pakistan called on the international community to engage with the Afghan interim government.", "PAK", ["dialogue support"]),
        ("The fighting in Khartoum has displaced millions, the UN said.", "UN", []),
    ]

    static let acrossConflicts: [Case] = [
        ("Washington will impose visa restrictions on officials responsible for undermining democracy in Nicaragua.", "USA", ["sanctions support → NIC"]),
        ("The Commerce Department added 28 Chinese entities to its export blacklist.", "USA", ["sanctions support → CHN"]),
        ("We have always opposed the abuse of unilateral sanctions and long-arm jurisdiction.", "CHN", ["sanctions oppose"]),
        ("The sanctions will only hurt ordinary people.", "CHN", ["sanctions oppose"]),
        ("Sanctions are not the answer.", "IND", ["sanctions oppose"]),
        ("Brazil does not recognise unilateral sanctions that are not approved by the UN.", "BRA", ["sanctions oppose"]),
        ("China will continue normal trade with Russia despite Western sanctions.", "CHN", ["sanctions oppose"]),
        ("We call on both sides to step back from the brink.", "UN", ["restraint support"]),
        ("The secretary-general urged maximum restraint and an immediate return to calm.", "UN", ["restraint support"]),
        ("India and Pakistan should resolve their differences peacefully.", "USA", ["dialogue support"]),
        ("India has consistently called for dialogue and diplomacy to resolve the conflict.", "IND", ["dialogue support"]),
        ("We welcome the resumption of talks between Iran and the IAEA.", "EU", ["dialogue support"]),
        ("If sanctions are imposed, oil prices could rise sharply.", "USA", []),
        ("Analysts say the sanctions may push Russia closer to China.", "USA", []),
        ("The new sanctions took effect at midnight.", "USA", []),
        ("The talks could resume next month, diplomats said.", "USA", []),
    ]

    static let cases: [Case] = general + heldOut + northKorea + iran + russiaUkraine + israelGaza + taiwan + venezuelaSyria
        + myanmarSudanAfghanistan + acrossConflicts

    @Test(arguments: cases)
    func labels(text: String, speaker: CountryCode, expected: Set<String>) throws {
        let rules = try #require(RuleSet.embedded.0)
        let found = Fixture.labels(text, speaker: speaker, rules: rules)
        // A label is compared with its target where the expectation for its stance and polarity names one.
        let rendered = found.map { label in
            expected.contains { $0.hasPrefix(label.stancePolarity + " →") } ? label.summary : label.stancePolarity
        }
        #expect(Set(rendered) == expected, "\(found.map { "\($0.summary) [\($0.rule)]" })")
    }
}
