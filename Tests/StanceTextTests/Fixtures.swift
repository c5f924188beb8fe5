import StanceModel
import StanceText

/// A small actor dictionary written out in Swift, so text-stage tests do not depend on Rules/.
enum Fixtures {
    static let dictionary = ActorDictionary(
        countries: [
            CountryEntry(code: "JPN", name: "Japan", adjectives: ["Japanese"], capitals: ["Tokyo"]),
            CountryEntry(code: "PRK", name: "North Korea", aliases: ["DPRK"], adjectives: ["North Korean"],
                         capitals: ["Pyongyang"], metonyms: ["the North", "the reclusive state"]),
            CountryEntry(code: "KOR", name: "South Korea", adjectives: ["South Korean"], capitals: ["Seoul"]),
            CountryEntry(code: "USA", name: "United States", aliases: ["the United States", "US", "U.S."],
                         adjectives: ["American", "US", "U.S."], capitals: ["Washington"]),
            CountryEntry(code: "CHN", name: "China", adjectives: ["Chinese"], capitals: ["Beijing"]),
            CountryEntry(code: "RUS", name: "Russia", adjectives: ["Russian"], capitals: ["Moscow"], metonyms: ["the Kremlin"]),
            CountryEntry(code: "IRN", name: "Iran", adjectives: ["Iranian"], capitals: ["Tehran"]),
            CountryEntry(code: "GBR", name: "United Kingdom", aliases: ["Britain", "UK"], adjectives: ["British"]),
            CountryEntry(code: "FRA", name: "France", adjectives: ["French"]),
            CountryEntry(code: "DEU", name: "Germany", adjectives: ["German"]),
            CountryEntry(code: "SAU", name: "Saudi Arabia", adjectives: ["Saudi"]),
            CountryEntry(code: "EU", name: "European Union", aliases: ["EU"], isBody: true),
            CountryEntry(code: "AU", name: "African Union", aliases: ["AU"], isBody: true),
            CountryEntry(code: "SEN", name: "Senegal", adjectives: ["Senegalese"]),
            CountryEntry(code: "UN", name: "United Nations", aliases: ["UN", "U.N."], adjectives: ["UN", "U.N."], isBody: true),
        ],
        bodies: [
            BodyEntry(name: "foreign ministry", aliases: ["Foreign Ministry", "ministry of foreign affairs"]),
            BodyEntry(name: "defence ministry", aliases: ["Defence Ministry", "defense ministry"]),
            BodyEntry(name: "State Department", country: "USA"),
        ],
        people: [
            PersonEntry(name: "Fumio Kishida", aliases: ["Kishida"], country: "JPN", roles: [
                Role(title: "foreign minister", from: Day(iso: "2012-12-26"), to: Day(iso: "2017-08-03")),
                Role(title: "prime minister", from: Day(iso: "2021-10-04"), to: Day(iso: "2024-10-01")),
            ]),
            PersonEntry(name: "Sergei Lavrov", aliases: ["Lavrov", "Sergey Lavrov"], country: "RUS",
                        roles: [Role(title: "foreign minister", from: Day(iso: "2004-03-09"))]),
            PersonEntry(name: "Macky Sall", aliases: ["Sall"], country: "SEN", roles: [
                Role(title: "president", from: Day(iso: "2012-04-02"), to: Day(iso: "2024-04-02")),
                Role(title: "African Union chairperson", country: "AU", from: Day(iso: "2022-02-05"), to: Day(iso: "2023-02-18")),
            ]),
        ],
        titles: ["spokesman", "spokesperson", "foreign ministry spokesman", "foreign minister", "special representative",
                 "president", "prime minister", "director general", "envoy", "ambassador", "secretary of state",
                 "chief diplomat", "official", "chancellor", "foreign secretary", "leader", "deputy"],
        genericSources: ["officials", "diplomats", "diplomatic sources", "sources"]
    )

    static let extractor = StatementExtractor(lexicon: ActorLexicon(dictionary))

    static func statements(_ text: String, date: String? = nil) -> [Statement] {
        extractor.analyze(text: text, date: date.flatMap { Day(iso: $0) }).statements
    }

    /// The content words of a statement, joined with " … ".
    static func content(_ statement: Statement, in text: String) -> String {
        let scalars = ScalarText(text)
        return statement.content.map { scalars[$0] }.joined(separator: " … ")
    }
}
