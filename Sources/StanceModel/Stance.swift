/// The four positions `stance` tracks.
public enum Stance: String, CaseIterable, Codable, Sendable, Comparable, CustomStringConvertible {
    case pressure, dialogue, sanctions, restraint

    public var description: String { rawValue }

    public static func < (lhs: Stance, rhs: Stance) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// +1 when supporting this stance is a hard line (pressure, sanctions), −1 when it is engagement
    /// (dialogue, restraint). The position index multiplies it by the polarity's sign.
    public var hardLineSign: Int {
        switch self {
        case .pressure, .sanctions: 1
        case .dialogue, .restraint: -1
        }
    }
}

/// Whether a statement backs a stance or argues against it.
public enum Polarity: String, CaseIterable, Codable, Sendable, Comparable, CustomStringConvertible {
    case support, oppose

    public var description: String { rawValue }
    public var sign: Int { self == .support ? 1 : -1 }
    public var flipped: Polarity { self == .support ? .oppose : .support }

    public static func < (lhs: Polarity, rhs: Polarity) -> Bool { lhs == .support && rhs == .oppose }
}

/// ISO 3166-1 alpha-3 for countries; EU, UN, NATO, G7, IAEA, AU, ASEAN, LAS ... for bodies.
public struct CountryCode: RawRepresentable, Hashable, Codable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    /// Two to five capital letters or digits: the shape of every code we accept.
    public var isWellFormed: Bool {
        (2...5).contains(rawValue.unicodeScalars.count)
            && rawValue.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    public static func < (lhs: CountryCode, rhs: CountryCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
