import StanceModel

/// The calendar periods reports group labels by.
public enum ReportPeriod: String, CaseIterable, Sendable, Codable {
    /// ISO weeks, Monday to Sunday; the key is the Monday ("2017-04-24").
    case week
    /// The key is "2017-04".
    case month
    /// The key is "2017-Q2".
    case quarter
    /// The key is "2017".
    case year

    /// The first and last day of the period a key names; nil for a key this period never produces.
    public func bounds(of key: String) -> (first: Day, last: Day)? {
        // Read as bytes: a report asks this for each of tens of thousands of figures.
        let bytes = Array(key.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        switch self {
        case .week:
            guard let monday = Day(iso: key) else { return nil }
            return (monday, monday.adding(days: 6))
        case .month:
            guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"), let year = number(0..<4), let month = number(5..<7),
                let first = Day(year: year, month: month, day: 1)
            else { return nil }
            return (first, Day(year: year, month: month, day: Day.daysIn(month: month, year: year))!)
        case .quarter:
            guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "Q"), let year = number(0..<4),
                let quarter = number(6..<7), (1...4).contains(quarter), let first = Day(year: year, month: quarter * 3 - 2, day: 1)
            else { return nil }
            let lastMonth = quarter * 3
            return (first, Day(year: year, month: lastMonth, day: Day.daysIn(month: lastMonth, year: year))!)
        case .year:
            guard bytes.count == 4, let year = number(0..<4), let first = Day(year: year, month: 1, day: 1) else { return nil }
            return (first, Day(year: year, month: 12, day: 31)!)
        }
    }

    /// The key of the period holding `day`.
    public func key(of day: Day) -> String {
        // Digits written straight into the string's storage: a report asks this for each of its
        // figures, and `Day.iso` builds a padded string per field.
        switch self {
        case .week:
            return Self.text(of: monday(of: day), fields: .day)
        case .month: return Self.text(of: day, fields: .month)
        case .quarter: return Self.text(of: day, fields: .quarter)
        case .year: return Self.text(of: day, fields: .year)
        }
    }

    /// The last day of the period holding `day` (the `last` of `bounds(of: key(of: day))`).
    func lastDay(ofPeriodHolding day: Day) -> Day {
        switch self {
        case .week: return monday(of: day).adding(days: 6)
        case .month: return Day(year: day.year, month: day.month, day: Day.daysIn(month: day.month, year: day.year))!
        case .quarter:
            let lastMonth = (day.month + 2) / 3 * 3
            return Day(year: day.year, month: lastMonth, day: Day.daysIn(month: lastMonth, year: day.year))!
        case .year: return Day(year: day.year, month: 12, day: 31)!
        }
    }

    private func monday(of day: Day) -> Day {
        // Days since the epoch: 1970-01-01 was a Thursday, so Monday is 4 days back from it.
        let weekday = ((day.daysSinceEpoch + 3) % 7 + 7) % 7  // 0 = Monday
        return day.adding(days: -weekday)
    }

    private enum KeyFields { case day, month, quarter, year }

    /// "2017-04-24", "2017-04", "2017-Q2" or "2017" for `day`: fixed-width ASCII.
    private static func text(of day: Day, fields: KeyFields) -> String {
        let length = switch fields {
        case .day: 10
        case .month, .quarter: 7
        case .year: 4
        }
        return String(unsafeUninitializedCapacity: length) { bytes in
            func put(_ value: Int, width: Int, at offset: Int) {
                var rest = value
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    bytes[index] = UInt8(truncatingIfNeeded: 48 + rest % 10)
                    rest /= 10
                }
            }
            put(day.year, width: 4, at: 0)
            switch fields {
            case .year: break
            case .quarter:
                bytes[4] = UInt8(ascii: "-")
                bytes[5] = UInt8(ascii: "Q")
                put((day.month + 2) / 3, width: 1, at: 6)
            case .month, .day:
                bytes[4] = UInt8(ascii: "-")
                put(day.month, width: 2, at: 5)
                if fields == .day {
                    bytes[7] = UInt8(ascii: "-")
                    put(day.day, width: 2, at: 8)
                }
            }
            return length
        }
    }

    /// The keys of every period from the one holding `first` to the one holding `last`, in order.
    public func keys(from first: Day, through last: Day) -> [String] {
        guard first <= last else { return [] }
        var keys: [String] = []
        var day = first
        while day <= last {
            let key = key(of: day)
            keys.append(key)
            guard let bounds = bounds(of: key) else { break }
            day = bounds.last.adding(days: 1)
        }
        return keys
    }
}

/// A stance taken one way: "supports sanctions", "opposes dialogue".
public struct StancePosition: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var stance: Stance
    public var polarity: Polarity

    public init(_ stance: Stance, _ polarity: Polarity) {
        self.stance = stance
        self.polarity = polarity
    }

    /// +1 when the position is a hard line (supporting pressure or sanctions, opposing dialogue or
    /// restraint), −1 when it is engagement: the term each label adds to the position index.
    public var lean: Int { stance.hardLineSign * polarity.sign }

    /// Every position, stance by stance, support before oppose.
    public static let all: [StancePosition] = Stance.allCases.flatMap { stance in
        Polarity.allCases.map { StancePosition(stance, $0) }
    }

    /// The positions with a given lean (+1 hard line, −1 engagement).
    public static func leaning(_ lean: Int) -> [StancePosition] { all.filter { $0.lean == lean } }

    public var description: String { "\(polarity == .support ? "supports" : "opposes") \(stance.rawValue)" }

    public static func < (lhs: StancePosition, rhs: StancePosition) -> Bool {
        (lhs.stance, lhs.polarity) < (rhs.stance, rhs.polarity)
    }
}

/// Label counts per stance and polarity.
public struct StanceTally: Hashable, Sendable {
    /// Indexed by `StancePosition.all`'s order. A vector rather than an array: reports copy tens of
    /// thousands of tallies, and a vector is copied in place, never allocated.
    private var values = SIMD8<Int>()

    public init() {}

    public init(_ counts: [StancePosition: Int]) {
        for (position, count) in counts { self[position] = count }
    }

    /// The order of `StancePosition.all`, spelled out: this runs for every figure of a report.
    private static func slot(_ position: StancePosition) -> Int {
        let stance = switch position.stance {
        case .pressure: 0
        case .dialogue: 1
        case .sanctions: 2
        case .restraint: 3
        }
        return stance * 2 + (position.polarity == .support ? 0 : 1)
    }

    public subscript(position: StancePosition) -> Int {
        get { values[Self.slot(position)] }
        set { values[Self.slot(position)] = newValue }
    }

    public func count(_ stance: Stance, _ polarity: Polarity) -> Int { self[StancePosition(stance, polarity)] }

    /// Every label counted.
    public var labels: Int { values.wrappedSum() }

    /// The positions with at least one label, in `StancePosition.all` order.
    public var positionsTaken: [StancePosition] { StancePosition.all.filter { self[$0] > 0 } }

    /// Σ lean over the labels: the position index's numerator.
    public var leanSum: Int { (values &* Self.leans).wrappedSum() }

    private static let leans = SIMD8<Int>(StancePosition.all.map(\.lean))

    public static func + (lhs: StanceTally, rhs: StanceTally) -> StanceTally {
        var sum = lhs
        sum.values &+= rhs.values
        return sum
    }

    public static func += (lhs: inout StanceTally, rhs: StanceTally) { lhs = lhs + rhs }
}

/// Which labels a report covers. Every condition narrows; empty lists mean no condition.
///
/// Dates are inclusive and leave out undated labels. A report by country also leaves out labels
/// whose speaker has no country.
public struct ReportFilter: Hashable, Sendable {
    public var from: Day?
    public var to: Day?
    /// The speaker's country.
    public var countries: [CountryCode]
    /// The country the stance is about.
    public var targets: [CountryCode]
    public var stances: [Stance]
    /// Exact stance-and-polarity pairs (used to find the statements behind a change).
    public var positions: [StancePosition]
    /// Part of the document's source, matched without regard to ASCII case.
    public var source: String?
    /// Actor row ids (the per-actor report).
    public var actorIDs: [Int64]

    public init(
        from: Day? = nil, to: Day? = nil, countries: [CountryCode] = [], targets: [CountryCode] = [],
        stances: [Stance] = [], positions: [StancePosition] = [], source: String? = nil, actorIDs: [Int64] = []
    ) {
        self.from = from
        self.to = to
        self.countries = countries
        self.targets = targets
        self.stances = stances
        self.positions = positions
        self.source = source
        self.actorIDs = actorIDs
    }

    public static let all = ReportFilter()

    /// The same filter over a narrower date range (the intersection with this filter's own).
    public func within(from first: Day?, to last: Day?) -> ReportFilter {
        var narrowed = self
        if let first { narrowed.from = max(from ?? first, first) }
        if let last { narrowed.to = min(to ?? last, last) }
        return narrowed
    }
}

/// One figure of a report: the labels of one country (or one actor) in one period.
public struct PositionCell: Hashable, Sendable {
    /// Nil in per-actor timelines.
    public var country: CountryCode?
    /// The period's key (see `ReportPeriod`).
    public var period: String
    public var tally: StanceTally
    /// Distinct statements behind the labels.
    public var statements: Int
    /// The first and last day with a label in the cell; nil when its labels are all undated.
    public var firstDate: Day?
    public var lastDate: Day?

    public init(
        country: CountryCode?, period: String, tally: StanceTally, statements: Int, firstDate: Day?, lastDate: Day?
    ) {
        self.country = country
        self.period = period
        self.tally = tally
        self.statements = statements
        self.firstDate = firstDate
        self.lastDate = lastDate
    }
}

/// Labels of one country over a whole filter (a comparison window).
public struct CountryTally: Hashable, Sendable {
    public var country: CountryCode
    public var tally: StanceTally
    public var statements: Int

    public init(country: CountryCode, tally: StanceTally, statements: Int) {
        self.country = country
        self.tally = tally
        self.statements = statements
    }
}

/// What a report covers beyond its filter: what the data itself says about the selection.
public struct ReportCoverage: Hashable, Sendable {
    /// The rule-set versions the selected labels came from, oldest first.
    public var rulesets: [String]
    /// Documents without a date that hold labels the filter would otherwise select.
    public var undatedDocuments: Int
    public var undatedLabels: Int
    /// Labels (and their statements) whose speaker has no country: left out of reports by country.
    public var labelsWithoutCountry: Int
    public var statementsWithoutCountry: Int

    public init(
        rulesets: [String], undatedDocuments: Int, undatedLabels: Int, labelsWithoutCountry: Int,
        statementsWithoutCountry: Int
    ) {
        self.rulesets = rulesets
        self.undatedDocuments = undatedDocuments
        self.undatedLabels = undatedLabels
        self.labelsWithoutCountry = labelsWithoutCountry
        self.statementsWithoutCountry = statementsWithoutCountry
    }
}

/// A label as reports show it under its statement.
public struct ReportLabel: Hashable, Sendable {
    public var position: StancePosition
    public var target: CountryCode?
    public var rule: String
    public var ruleset: String
    /// The words the rule matched, verbatim.
    public var text: String

    public init(position: StancePosition, target: CountryCode?, rule: String, ruleset: String, text: String) {
        self.position = position
        self.target = target
        self.rule = rule
        self.ruleset = ruleset
        self.text = text
    }
}

/// A statement behind a figure: who said what, when, where, and the labels it got.
public struct ReportStatement: Hashable, Sendable {
    /// "<document key>:<ordinal>", what `stance explain` takes.
    public var key: String
    public var date: Day?
    public var actor: String
    public var actorKind: ActorKind
    public var country: CountryCode?
    /// The role stored with the statement (held on its date), when known.
    public var role: String?
    /// The speaker as named in the text.
    public var mention: String?
    /// The quoted words or the reported clause; the sentence when the statement has no content span.
    public var quote: String
    /// The whole sentence(s), verbatim.
    public var sentence: String
    public var document: String
    public var source: String?
    public var title: String?
    public var url: String?
    /// The labels the filter selects, in text order.
    public var labels: [ReportLabel]

    public init(
        key: String, date: Day?, actor: String, actorKind: ActorKind, country: CountryCode?, role: String?,
        mention: String?, quote: String, sentence: String, document: String, source: String?, title: String?,
        url: String?, labels: [ReportLabel]
    ) {
        self.key = key
        self.date = date
        self.actor = actor
        self.actorKind = actorKind
        self.country = country
        self.role = role
        self.mention = mention
        self.quote = quote
        self.sentence = sentence
        self.document = document
        self.source = source
        self.title = title
        self.url = url
        self.labels = labels
    }
}

/// An actor row with how much it said: a candidate when looking an actor up by name.
public struct ActorRecord: Hashable, Sendable {
    public var id: Int64
    public var name: String
    public var kind: ActorKind
    public var country: CountryCode?
    public var dictionaryKey: String?
    public var statements: Int
    public var labelledStatements: Int
    public var firstDate: Day?
    public var lastDate: Day?

    public init(
        id: Int64, name: String, kind: ActorKind, country: CountryCode?, dictionaryKey: String?, statements: Int,
        labelledStatements: Int, firstDate: Day?, lastDate: Day?
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.country = country
        self.dictionaryKey = dictionaryKey
        self.statements = statements
        self.labelledStatements = labelledStatements
        self.firstDate = firstDate
        self.lastDate = lastDate
    }
}

/// A role text stored with an actor's statements, and the dates it was seen.
public struct RoleSeen: Hashable, Sendable {
    public var role: String
    public var firstDate: Day?
    public var lastDate: Day?
    public var statements: Int

    public init(role: String, firstDate: Day?, lastDate: Day?, statements: Int) {
        self.role = role
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.statements = statements
    }
}

/// A way the text named an actor, and how often.
public struct MentionSeen: Hashable, Sendable {
    public var mention: String
    public var statements: Int

    public init(mention: String, statements: Int) {
        self.mention = mention
        self.statements = statements
    }
}

/// A statement found by full-text search, with the labels it got.
public struct ReportSearchHit: Hashable, Sendable {
    public var statement: ReportStatement
    /// A short excerpt with the matched words between `**` marks.
    public var snippet: String
    /// FTS5's bm25 rank: lower is a better match.
    public var rank: Double

    public init(statement: ReportStatement, snippet: String, rank: Double) {
        self.statement = statement
        self.snippet = snippet
        self.rank = rank
    }
}
