/// What kind of actor a speaker is.
public enum ActorKind: String, CaseIterable, Codable, Sendable {
    case person, body, country, group, generic
}

/// A country or international body with every way news text names it.
public struct CountryEntry: Hashable, Sendable, Codable {
    public var code: CountryCode
    /// The canonical name ("North Korea").
    public var name: String
    /// Other names ("DPRK", "Democratic People's Republic of Korea").
    public var aliases: [String]
    /// Adjectives and demonyms ("North Korean", "Japanese").
    public var adjectives: [String]
    /// Capitals and seats of government used as metonyms ("Pyongyang", "Tokyo").
    public var capitals: [String]
    /// Other metonyms ("the North", "the reclusive state", "the Kremlin").
    public var metonyms: [String]
    /// True for international bodies (EU, UN, NATO ...).
    public var isBody: Bool

    public init(
        code: CountryCode, name: String, aliases: [String] = [], adjectives: [String] = [], capitals: [String] = [],
        metonyms: [String] = [], isBody: Bool = false
    ) {
        self.code = code
        self.name = name
        self.aliases = aliases
        self.adjectives = adjectives
        self.capitals = capitals
        self.metonyms = metonyms
        self.isBody = isBody
    }

    /// Every phrase that names the country as a noun (name, aliases, capitals, metonyms).
    public var nounPhrases: [String] { [name] + aliases + capitals + metonyms }
}

/// A government body: a ministry, agency or office.
public struct BodyEntry: Hashable, Sendable, Codable {
    /// Canonical name without a country ("foreign ministry").
    public var name: String
    public var aliases: [String]
    /// Set for bodies that belong to one country by name (State Department → USA); nil when the
    /// country comes from context ("Japan's foreign ministry").
    public var country: CountryCode?

    public init(name: String, aliases: [String] = [], country: CountryCode? = nil) {
        self.name = name
        self.aliases = aliases
        self.country = country
    }
}

/// An office held between two dates (both inclusive; nil is open-ended).
public struct Role: Hashable, Sendable, Codable {
    public var title: String
    public var country: CountryCode?
    public var from: Day?
    public var to: Day?

    public init(title: String, country: CountryCode? = nil, from: Day? = nil, to: Day? = nil) {
        self.title = title
        self.country = country
        self.from = from
        self.to = to
    }

    public func isHeld(on day: Day) -> Bool {
        (from.map { $0 <= day } ?? true) && (to.map { day <= $0 } ?? true)
    }
}

/// A person the dictionary knows, with aliases and dated roles.
public struct PersonEntry: Hashable, Sendable, Codable {
    /// A stable key (the canonical name unless the file gives one).
    public var key: String
    public var name: String
    public var aliases: [String]
    /// The country the person speaks for when no dated role says otherwise.
    public var country: CountryCode?
    public var roles: [Role]

    public init(key: String? = nil, name: String, aliases: [String] = [], country: CountryCode?, roles: [Role] = []) {
        self.key = key ?? name
        self.name = name
        self.aliases = aliases
        self.country = country
        self.roles = roles
    }

    /// The role held on `day`; without a date, the only role if there is exactly one.
    public func role(on day: Day?) -> Role? {
        guard let day else { return roles.count == 1 ? roles[0] : nil }
        return roles.first { $0.isHeld(on: day) }
    }

    /// The country the person speaks for on `day`: the role's country, else the person's.
    public func country(on day: Day?) -> CountryCode? {
        role(on: day)?.country ?? country
    }
}

/// The actor dictionary: countries, bodies, people and the words that introduce officials.
public struct ActorDictionary: Sendable {
    public var countries: [CountryEntry]
    public var bodies: [BodyEntry]
    public var people: [PersonEntry]
    /// Titles that mark an official ("spokesman", "foreign minister", "special representative").
    public var titles: [String]
    /// Plural nouns for unnamed sources ("officials", "diplomats", "sources").
    public var genericSources: [String]

    public init(
        countries: [CountryEntry] = [], bodies: [BodyEntry] = [], people: [PersonEntry] = [], titles: [String] = [],
        genericSources: [String] = []
    ) {
        self.countries = countries
        self.bodies = bodies
        self.people = people
        self.titles = titles
        self.genericSources = genericSources
    }

    public func country(_ code: CountryCode) -> CountryEntry? { countries.first { $0.code == code } }

    /// The codes of international bodies (UN, EU ...), which name who acts more often than whom a
    /// stance is aimed at.
    public var internationalBodyCodes: Set<CountryCode> { Set(countries.filter(\.isBody).map(\.code)) }
}
