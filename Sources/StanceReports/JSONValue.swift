import StanceModel
import StanceStore

/// A JSON value with keys in the order they were given, written with two-space indentation: reports
/// are read by people as well as by scripts, and their golden files diff line by line.
public indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    /// Already formatted (integers, or the index as `PositionIndex.plain` writes it).
    case number(String)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.text == rhs.text }

    static func int(_ value: Int) -> JSONValue { .number(String(value)) }
    static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    static func day(_ value: Day?) -> JSONValue { string(value?.iso) }
    static func index(_ value: Double?) -> JSONValue { PositionIndex.plain(value).map { .number($0) } ?? .null }
    static func codes(_ codes: [CountryCode]) -> JSONValue { .array(Array(Set(codes)).sorted().map { .string($0.rawValue) }) }

    /// The whole document, ending with a newline.
    public var text: String {
        var out = ""
        write(to: &out, indent: "")
        return out + "\n"
    }

    private func write(to out: inout String, indent: String) {
        switch self {
        case .object(let fields):
            guard !fields.isEmpty else { return out += "{}" }
            let inner = indent + "  "
            out += "{\n"
            for (index, (key, value)) in fields.enumerated() {
                out += inner + JSONText.string(key) + ": "
                value.write(to: &out, indent: inner)
                out += index == fields.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        case .array(let values):
            guard !values.isEmpty else { return out += "[]" }
            let inner = indent + "  "
            out += "[\n"
            for (index, value) in values.enumerated() {
                out += inner
                value.write(to: &out, indent: inner)
                out += index == values.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .string(let value): out += JSONText.string(value)
        case .number(let value): out += value
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        }
    }
}

/// JSON shapes several reports share.
enum ReportJSON {
    static func filter(_ filter: ReportFilter) -> JSONValue {
        .object([
            ("from", .day(filter.from)),
            ("to", .day(filter.to)),
            ("countries", .codes(filter.countries)),
            ("targets", .codes(filter.targets)),
            ("stances", .array(Array(Set(filter.stances)).sorted().map { .string($0.rawValue) })),
            ("source", .string(filter.source)),
        ])
    }

    static func coverage(_ coverage: ReportCoverage, first: Day?, last: Day?, perCountry: Bool) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("firstDate", .day(first)),
            ("lastDate", .day(last)),
            ("rulesets", .array(coverage.rulesets.map { .string($0) })),
            ("undatedDocuments", .int(coverage.undatedDocuments)),
            ("undatedLabels", .int(coverage.undatedLabels)),
        ]
        if perCountry {
            fields.append(("statementsWithoutCountry", .int(coverage.statementsWithoutCountry)))
            fields.append(("labelsWithoutCountry", .int(coverage.labelsWithoutCountry)))
        }
        return .object(fields)
    }

    /// `{"pressure": {"support": 2, "oppose": 0}, ...}`
    static func tally(_ tally: StanceTally) -> JSONValue {
        .object(
            Stance.allCases.map { stance in
                (stance.rawValue, .object(Polarity.allCases.map { ($0.rawValue, .int(tally.count(stance, $0))) }))
            })
    }

    static func statement(_ statement: ReportStatement) -> JSONValue {
        .object([
            ("statement", .string(statement.key)),
            ("date", .day(statement.date)),
            ("actor", .string(statement.actor)),
            ("actorKind", .string(statement.actorKind.rawValue)),
            ("country", .string(statement.country?.rawValue)),
            ("role", .string(statement.role)),
            ("mention", .string(statement.mention)),
            ("quote", .string(statement.quote)),
            ("sentence", .string(statement.sentence)),
            ("document", .string(statement.document)),
            ("source", .string(statement.source)),
            ("title", .string(statement.title)),
            ("url", .string(statement.url)),
            ("labels", .array(statement.labels.map(label))),
        ])
    }

    static func label(_ label: ReportLabel) -> JSONValue {
        .object([
            ("stance", .string(label.position.stance.rawValue)),
            ("polarity", .string(label.position.polarity.rawValue)),
            ("target", .string(label.target?.rawValue)),
            ("rule", .string(label.rule)),
            ("ruleset", .string(label.ruleset)),
            ("text", .string(label.text)),
        ])
    }
}

/// CSV shapes several reports share.
enum ReportCSV {
    /// `pressure_support, pressure_oppose, ...`
    static let tallyHeader = StancePosition.all.map { "\($0.stance.rawValue)_\($0.polarity.rawValue)" }

    static func tally(_ tally: StanceTally) -> [String] { StancePosition.all.map { String(tally[$0]) } }

    /// "supports restraint (PRK) [restraint/show-restraint]; ..."
    static func labels(_ labels: [ReportLabel]) -> String {
        labels.map { "\(Wording.label($0)) [\($0.rule)]" }.joined(separator: "; ")
    }
}
