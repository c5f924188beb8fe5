import StanceModel
import StanceStore

/// The position index: where a set of labels sits between engagement (−1) and pressure (+1).
///
/// Each label counts +1 when it takes a hard line (supports pressure or sanctions, opposes dialogue
/// or restraint) and −1 when it takes engagement (supports dialogue or restraint, opposes pressure or
/// sanctions); the index is the mean over the labels. It is undefined without labels, and reports
/// always print the number of statements behind it, because one sentence can swing a thin figure.
public enum PositionIndex {
    /// The definition, as reports print it after "Position index = ".
    public static let definition =
        "(labels taking a hard line − labels taking engagement) ÷ labels, from −1 (all engagement: dialogue and restraint supported, pressure and sanctions opposed) to +1 (all pressure: pressure and sanctions supported, dialogue and restraint opposed)"

    /// Figures resting on fewer statements than this are marked as thin (and comparisons call them
    /// unchanged): below three, a single misread sentence decides the sign.
    public static let defaultThinBelow = 3

    public static func value(of tally: StanceTally) -> Double? {
        let labels = tally.labels
        guard labels > 0 else { return nil }
        return Double(tally.leanSum) / Double(labels)
    }

    /// "+0.67", "−0.50", "0.00"; "·" when undefined. The minus is U+2212, as in the counts columns.
    public static func text(_ value: Double?) -> String {
        guard let value else { return "·" }
        let rounded = (value * 100).rounded() / 100
        if rounded == 0 { return "0.00" }
        return (rounded > 0 ? "+" : "−") + fixed(abs(rounded), decimals: 2)
    }

    /// A signed change: "+0.67", "−0.20", "0.00".
    public static func changeText(_ value: Double?) -> String { text(value) }

    /// The value for JSON and CSV: at most four decimals, no trailing zeros, ASCII minus; nil stays nil.
    public static func plain(_ value: Double?) -> String? {
        guard let value else { return nil }
        var text = fixed(abs(value), decimals: 4)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        if text == "0" { return "0" }
        return (value < 0 ? "-" : "") + text
    }

    /// Fixed-point text without Foundation's locale-dependent formatting.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let fraction = String(scaled % Int(scale))
        // Joined rather than interpolated: reports print tens of thousands of these.
        var text = String(scaled / Int(scale)) + "."
        for _ in 0..<max(0, decimals - fraction.utf8.count) { text += "0" }
        return text + fraction
    }
}

extension StanceTally {
    /// The position index of these labels; nil without labels.
    public var positionIndex: Double? { PositionIndex.value(of: self) }
}

/// Which way a country's position moved between two windows.
public enum Direction: String, Sendable, CaseIterable {
    /// The index rose: more pressure, less engagement.
    case hardened
    /// The index fell.
    case softened
    /// The index moved less than the threshold, or the evidence is too thin to say.
    case unchanged
}
