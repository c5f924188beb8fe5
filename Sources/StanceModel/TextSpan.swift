/// A half-open range of Unicode scalar offsets into a document's text as read.
///
/// Scalars, not UTF-16 units or grapheme clusters: they are what score.py and most scripting
/// languages index strings by, so an exported span can be sliced out of the text directly.
public struct TextSpan: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        precondition(start <= end, "a span cannot end before it starts")
        self.start = start
        self.end = end
    }

    public var length: Int { end - start }
    public var isEmpty: Bool { start == end }
    public var description: String { "\(start)..<\(end)" }

    public func overlaps(_ other: TextSpan) -> Bool { start < other.end && other.start < end }
    public func contains(_ other: TextSpan) -> Bool { start <= other.start && other.end <= end }
    public func contains(offset: Int) -> Bool { start <= offset && offset < end }
    public func union(_ other: TextSpan) -> TextSpan {
        TextSpan(start: min(start, other.start), end: max(end, other.end))
    }

    public static func < (lhs: TextSpan, rhs: TextSpan) -> Bool { (lhs.start, lhs.end) < (rhs.start, rhs.end) }
}
