import StanceModel
import StanceStore

/// The position index per country over time: one line per country.
public struct TimelineChart: Sendable {
    /// Every period on the axis, in order (periods without statements too, so gaps show).
    public var periods: [String]
    public var series: [TimelineSeries]

    public init(periods: [String], series: [TimelineSeries]) {
        self.periods = periods
        self.series = series
    }
}

public struct TimelineSeries: Sendable {
    public var name: String
    public var points: [TimelinePoint]

    public init(name: String, points: [TimelinePoint]) {
        self.name = name
        self.points = points
    }
}

public struct TimelinePoint: Sendable {
    public var period: String
    public var index: Double
    public var statements: Int
    public var labels: Int
    /// The anchor of the statements behind the point.
    public var link: String?

    public init(period: String, index: Double, statements: Int, labels: Int, link: String?) {
        self.period = period
        self.index = index
        self.statements = statements
        self.labels = labels
        self.link = link
    }
}

/// Labels per stance and polarity per period, stacked: support above the axis, oppose below.
public struct StanceBarsChart: Sendable {
    public var title: String
    public var periods: [String]
    public var bars: [StanceBar]

    public init(title: String, periods: [String], bars: [StanceBar]) {
        self.title = title
        self.periods = periods
        self.bars = bars
    }
}

public struct StanceBar: Sendable {
    public var period: String
    public var tally: StanceTally
    public var statements: Int
    public var link: String?

    public init(period: String, tally: StanceTally, statements: Int, link: String?) {
        self.period = period
        self.tally = tally
        self.statements = statements
        self.link = link
    }
}

/// Each country's index before and after, as a dumbbell on the −1…+1 axis.
public struct ComparisonChart: Sendable {
    public var rows: [ComparisonChartRow]

    public init(rows: [ComparisonChartRow]) { self.rows = rows }
}

public struct ComparisonChartRow: Sendable {
    public var name: String
    public var before: Double?
    public var after: Double?
    public var direction: Direction
    public var link: String?

    public init(name: String, before: Double?, after: Double?, direction: Direction, link: String?) {
        self.name = name
        self.before = before
        self.after = after
        self.direction = direction
        self.link = link
    }
}

/// Inline SVG for the charts: no script, no external resource, readable without colour (every mark
/// has a title with its figures).
enum SVG {
    static let seriesColours = ["#1b6ca8", "#c0392b", "#1e8449", "#8e44ad", "#d68910", "#117a65", "#6e2c00", "#5d6d7e"]

    static func stanceColour(_ stance: Stance) -> String {
        switch stance {
        case .pressure: "#c0392b"
        case .sanctions: "#7d3c98"
        case .dialogue: "#2471a3"
        case .restraint: "#148f77"
        }
    }

    /// A number for an SVG attribute: at most one decimal.
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return PositionIndex.fixed(abs(rounded), decimals: 1).withSign(rounded < 0)
    }

    static func timeline(_ chart: TimelineChart) -> String {
        let width = 880.0, height = 320.0
        let left = 96.0, right = 16.0, top = 16.0, bottom = 64.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let count = max(chart.periods.count, 1)
        let step = plotWidth / Double(count)
        let position = Dictionary(chart.periods.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func x(_ period: String) -> Double { left + (Double(position[period] ?? 0) + 0.5) * step }
        func y(_ index: Double) -> Double { top + (1 - index) / 2 * plotHeight }

        var svg = """
            <svg class="chart timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(width)) \(n(height))" \
            width="\(n(width))" height="\(n(height))" role="img" aria-labelledby="timeline-title">
            <title id="timeline-title">Position index per country and period, from −1 (engagement) to +1 (pressure)</title>

            """
        for (value, label) in [(1.0, "+1 pressure"), (0.5, "+0.5"), (0.0, "0"), (-0.5, "−0.5"), (-1.0, "−1 engagement")] {
            svg += """
                <line class="grid\(value == 0 ? " zero" : "")" x1="\(n(left))" x2="\(n(width - right))" y1="\(n(y(value)))" y2="\(n(y(value)))"/>
                <text class="axis" x="\(n(left - 6))" y="\(n(y(value) + 4))" text-anchor="end">\(HTML.escape(label))</text>

                """
        }
        let labelEvery = max(1, Int((Double(count) / 16).rounded(.up)))
        for (index, period) in chart.periods.enumerated() where index % labelEvery == 0 {
            let px = x(period), py = height - bottom + 14
            svg += """
                <text class="axis period" x="\(n(px))" y="\(n(py))" text-anchor="end" transform="rotate(-35 \(n(px)) \(n(py)))">\(HTML.escape(period))</text>

                """
        }
        for (seriesIndex, series) in chart.series.enumerated() {
            let colour = seriesColours[seriesIndex % seriesColours.count]
            svg += "<g class=\"series\" stroke=\"\(colour)\" fill=\"\(colour)\">\n"
            // Consecutive periods are joined by a solid line; across periods without statements a
            // dashed line keeps the trend readable without pretending there were figures there.
            var run: [TimelinePoint] = []
            func flush() {
                if run.count > 1 {
                    svg += "<polyline fill=\"none\" stroke-width=\"2\" points=\""
                        + run.map { "\(n(x($0.period))),\(n(y($0.index)))" }.joined(separator: " ") + "\"/>\n"
                }
                run = []
            }
            for point in series.points {
                if let last = run.last, let lastIndex = position[last.period], let index = position[point.period],
                    index != lastIndex + 1
                {
                    flush()
                    svg += "<line class=\"gap\" stroke-width=\"1.5\" stroke-dasharray=\"4 4\" x1=\"\(n(x(last.period)))\" y1=\"\(n(y(last.index)))\" x2=\"\(n(x(point.period)))\" y2=\"\(n(y(point.index)))\"/>\n"
                }
                run.append(point)
            }
            flush()
            for point in series.points {
                let radius = 3 + min(6, Double(point.statements).squareRoot())
                let title = "\(series.name), \(point.period): index \(PositionIndex.text(point.index)) from \(Wording.plural(point.statements, "statement")) (\(Wording.plural(point.labels, "label")))"
                let circle = "<circle cx=\"\(n(x(point.period)))\" cy=\"\(n(y(point.index)))\" r=\"\(n(radius))\"><title>\(HTML.escape(title))</title></circle>"
                if let link = point.link {
                    svg += "<a href=\"#\(HTML.escape(link))\">\(circle)</a>\n"
                } else {
                    svg += circle + "\n"
                }
            }
            svg += "</g>\n"
        }
        svg += "</svg>\n"
        var legend = "<ul class=\"legend\">"
        for (seriesIndex, series) in chart.series.enumerated() {
            legend += "<li><span class=\"swatch\" style=\"background:\(seriesColours[seriesIndex % seriesColours.count])\"></span>\(HTML.escape(series.name))</li>"
        }
        legend += "</ul>\n"
        return svg + legend
    }

    static func stanceBars(_ chart: StanceBarsChart) -> String {
        let barWidth = 28.0, gap = 10.0
        let left = 40.0, top = 12.0, half = 70.0, bottom = 56.0
        let width = left + Double(max(chart.periods.count, 1)) * (barWidth + gap) + 8
        let height = top + 2 * half + bottom
        let baseline = top + half
        let bars = Dictionary(chart.bars.map { ($0.period, $0) }, uniquingKeysWith: { first, _ in first })
        let tallest = chart.bars.map { bar in
            max(
                Stance.allCases.reduce(0) { $0 + bar.tally.count($1, .support) },
                Stance.allCases.reduce(0) { $0 + bar.tally.count($1, .oppose) })
        }.max() ?? 0
        let unit = tallest > 0 ? half / Double(tallest) : 0
        var svg = """
            <svg class="chart bars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(width)) \(n(height))" \
            width="\(n(width))" height="\(n(height))" role="img">
            <title>\(HTML.escape(chart.title)): labels per stance, supports above the line, opposes below</title>
            <line class="grid zero" x1="\(n(left - 4))" x2="\(n(width - 4))" y1="\(n(baseline))" y2="\(n(baseline))"/>
            <text class="axis" x="\(n(left - 8))" y="\(n(top + 10))" text-anchor="end">\(tallest)</text>
            <text class="axis" x="\(n(left - 8))" y="\(n(baseline + 4))" text-anchor="end">0</text>
            <text class="axis" x="\(n(left - 8))" y="\(n(top + 2 * half))" text-anchor="end">\(tallest)</text>

            """
        for (index, period) in chart.periods.enumerated() {
            let x0 = left + Double(index) * (barWidth + gap)
            let px = x0 + barWidth / 2, py = baseline + half + 14
            svg += """
                <text class="axis period" x="\(n(px))" y="\(n(py))" text-anchor="end" transform="rotate(-35 \(n(px)) \(n(py)))">\(HTML.escape(period))</text>

                """
            guard let bar = bars[period], bar.tally.labels > 0 else { continue }
            var group = "<g class=\"bar\">"
            group += "<title>\(HTML.escape(barTitle(bar)))</title>"
            var above = baseline, below = baseline
            for stance in Stance.allCases {
                let support = Double(bar.tally.count(stance, .support)) * unit
                if support > 0 {
                    above -= support
                    group += "<rect class=\"support\" x=\"\(n(x0))\" y=\"\(n(above))\" width=\"\(n(barWidth))\" height=\"\(n(support))\" fill=\"\(stanceColour(stance))\"/>"
                }
                let oppose = Double(bar.tally.count(stance, .oppose)) * unit
                if oppose > 0 {
                    group += "<rect class=\"oppose\" x=\"\(n(x0))\" y=\"\(n(below))\" width=\"\(n(barWidth))\" height=\"\(n(oppose))\" fill=\"\(stanceColour(stance))\"/>"
                    below += oppose
                }
            }
            group += "</g>"
            if let link = bar.link {
                svg += "<a href=\"#\(HTML.escape(link))\">\(group)</a>\n"
            } else {
                svg += group + "\n"
            }
        }
        svg += "</svg>\n"
        return svg
    }

    static func barTitle(_ bar: StanceBar) -> String {
        let counts = Stance.allCases.compactMap { stance -> String? in
            let support = bar.tally.count(stance, .support), oppose = bar.tally.count(stance, .oppose)
            return support + oppose == 0 ? nil : "\(stance.rawValue) +\(support) −\(oppose)"
        }
        return "\(bar.period): \(counts.joined(separator: ", ")); \(Wording.plural(bar.statements, "statement")), index \(PositionIndex.text(bar.tally.positionIndex))"
    }

    static let stanceLegend: String = {
        var legend = "<ul class=\"legend\">"
        for stance in Stance.allCases {
            legend += "<li><span class=\"swatch\" style=\"background:\(stanceColour(stance))\"></span>\(stance.rawValue)</li>"
        }
        legend += "<li><span class=\"swatch oppose-swatch\"></span>paler, below the line: opposed</li></ul>\n"
        return legend
    }()

    static func comparison(_ chart: ComparisonChart) -> String {
        let width = 720.0, rowHeight = 28.0, left = 200.0, right = 24.0, top = 28.0
        let height = top + Double(max(chart.rows.count, 1)) * rowHeight + 8
        let plotWidth = width - left - right
        func x(_ index: Double) -> Double { left + (index + 1) / 2 * plotWidth }
        var svg = """
            <svg class="chart comparison" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(width)) \(n(height))" \
            width="\(n(width))" height="\(n(height))" role="img">
            <title>Position index before (hollow) and after (filled) per country</title>

            """
        for (value, label) in [(-1.0, "−1 engagement"), (0.0, "0"), (1.0, "+1 pressure")] {
            svg += """
                <line class="grid\(value == 0 ? " zero" : "")" x1="\(n(x(value)))" x2="\(n(x(value)))" y1="\(n(top - 6))" y2="\(n(height - 4))"/>
                <text class="axis" x="\(n(x(value)))" y="\(n(top - 12))" text-anchor="\(value < 0 ? "start" : value > 0 ? "end" : "middle")">\(label)</text>

                """
        }
        for (index, row) in chart.rows.enumerated() {
            let cy = top + (Double(index) + 0.5) * rowHeight
            let tone = row.direction == .hardened ? "hard" : row.direction == .softened ? "engage" : "same"
            var group = "<g class=\"row \(tone)\"><title>\(HTML.escape("\(row.name): \(PositionIndex.text(row.before)) → \(PositionIndex.text(row.after)), \(row.direction.rawValue)"))</title>"
            group += "<text class=\"name\" x=\"\(n(left - 10))\" y=\"\(n(cy + 4))\" text-anchor=\"end\">\(HTML.escape(row.name))</text>"
            if let before = row.before, let after = row.after {
                group += "<line class=\"change\" x1=\"\(n(x(before)))\" x2=\"\(n(x(after)))\" y1=\"\(n(cy))\" y2=\"\(n(cy))\"/>"
            }
            if let before = row.before {
                group += "<circle class=\"before\" cx=\"\(n(x(before)))\" cy=\"\(n(cy))\" r=\"6\"/>"
            }
            if let after = row.after {
                group += "<circle class=\"after\" cx=\"\(n(x(after)))\" cy=\"\(n(cy))\" r=\"6\"/>"
            }
            group += "</g>"
            if let link = row.link {
                svg += "<a href=\"#\(HTML.escape(link))\">\(group)</a>\n"
            } else {
                svg += group + "\n"
            }
        }
        svg += "</svg>\n"
        return svg
    }
}

extension String {
    fileprivate func withSign(_ negative: Bool) -> String { negative ? "-" + self : self }
}
