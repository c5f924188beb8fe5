import StanceModel
import StanceStore

/// The `html` format: one self-contained page (inline CSS and SVG, no script, nothing fetched), so it
/// can be mailed, archived and opened offline.
public enum HTMLRenderer {
    public static func render(_ document: ReportDocument) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="stance">
            <title>\(HTML.escape(document.title))</title>
            <style>
            \(style)</style>
            </head>
            <body>
            <header>
            <h1>\(HTML.escape(document.title))</h1>
            <dl class="coverage">

            """
        for line in document.coverage {
            out += "<dt>\(HTML.escape(line.label))</dt><dd>\(HTML.escape(line.text))</dd>\n"
        }
        out += "</dl>\n</header>\n<main>\n"
        for section in document.sections {
            out += "<section\(section.anchor.map { " id=\"\(HTML.escape($0))\"" } ?? "")>\n"
            if let title = section.title { out += "<h2>\(HTML.escape(title))</h2>\n" }
            for block in section.blocks {
                switch block {
                case .paragraph(let text): out += "<p>\(HTML.escape(text))</p>\n"
                case .facts(let facts):
                    out += "<dl class=\"facts\">\n"
                        + facts.map { "<dt>\(HTML.escape($0.label))</dt><dd>\(HTML.escape($0.text))</dd>\n" }.joined() + "</dl>\n"
                case .table(let table): out += self.table(table)
                case .statements(let list): out += statements(list)
                case .timeline(let chart): out += "<figure>\n" + SVG.timeline(chart) + "</figure>\n"
                case .stanceBars(let chart): out += "<figure>\n" + SVG.stanceBars(chart) + SVG.stanceLegend + "</figure>\n"
                case .comparison(let chart): out += "<figure>\n" + SVG.comparison(chart) + "</figure>\n"
                }
            }
            out += "</section>\n"
        }
        out += """
            </main>
            <footer>Made by stance. Every figure links to the statements behind it; <code>stance explain STATEMENT</code> shows why a statement got its labels.</footer>
            </body>
            </html>

            """
        return out
    }

    static func table(_ table: ReportTable) -> String {
        var out = "<table>\n<thead><tr>"
        for column in table.columns {
            out += "<th\(column.alignment == .right ? " class=\"num\"" : "")>\(HTML.escape(column.title))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            for (index, cell) in row.enumerated() {
                var classes: [String] = []
                if index < table.columns.count, table.columns[index].alignment == .right { classes.append("num") }
                if let tone = toneClass(cell.tone) { classes.append(tone) }
                let attributes = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                let text = HTML.escape(cell.text)
                let content = cell.link.map { "<a href=\"#\(HTML.escape($0))\">\(text)</a>" } ?? text
                out += "<td\(attributes)>\(content)</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }

    static func toneClass(_ tone: Tone) -> String? {
        switch tone {
        case .plain: nil
        case .hardLine: "hard"
        case .engagement: "engage"
        case .thin: "thin"
        case .strong: "strong"
        }
    }

    static func statements(_ list: StatementList) -> String {
        var summary = HTML.escape(list.title)
        if let total = list.total, total > list.statements.count {
            summary += " (the latest \(list.statements.count) of \(total))"
        } else if list.total == nil {
            summary += " (\(list.statements.count))"
        }
        var out = "<details class=\"statements\"\(list.anchor.map { " id=\"\(HTML.escape($0))\"" } ?? "")\(list.expanded ? " open" : "")>\n"
        out += "<summary>\(summary)</summary>\n<ol>\n"
        for statement in list.statements {
            out += "<li>\n<p class=\"who\"><time>\(statement.date?.iso ?? "undated")</time> "
            out += "<span class=\"speaker\">\(HTML.escape(Wording.speaker(statement)))</span>"
            if let source = statement.source {
                let name = HTML.escape(source)
                if let url = statement.url, url.hasPrefix("http://") || url.hasPrefix("https://") {
                    out += " · <a class=\"source\" href=\"\(HTML.escape(url))\" rel=\"noreferrer\">\(name)</a>"
                } else {
                    out += " · <span class=\"source\">\(name)</span>"
                }
            }
            out += "</p>\n<blockquote title=\"\(HTML.escape(Wording.oneLine(statement.sentence)))\">\(HTML.escape(Wording.oneLine(statement.quote)))</blockquote>\n"
            out += "<p class=\"labels\">"
            out += statement.labels.map { label in
                "<span class=\"\(label.position.lean > 0 ? "hard" : "engage")\">\(HTML.escape(Wording.label(label)))</span> <code>\(HTML.escape(label.rule))</code>"
            }.joined(separator: "; ")
            out += " <code class=\"key\">\(HTML.escape(statement.key))</code></p>\n</li>\n"
        }
        out += "</ol>\n"
        if let hint = list.hint, let total = list.total, total > list.statements.count {
            out += "<p class=\"hint\">All of them: <code>\(HTML.escape(hint))</code></p>\n"
        }
        out += "</details>\n"
        return out
    }

    static let style = """
        :root { color-scheme: light; --ink: #1c2833; --muted: #5d6d7e; --rule: #d5d8dc; --hard: #b03a2e; --engage: #1f618d; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 1.5rem; }
        h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
        h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--rule); padding-bottom: .2rem; }
        dl.coverage, dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 1rem; color: var(--muted); }
        dl.coverage dt, dl.facts dt { font-weight: 600; }
        dl.coverage dd, dl.facts dd { margin: 0; }
        dl.facts { color: var(--ink); }
        table { border-collapse: collapse; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
        th, td { padding: .2rem .6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
        th { font-weight: 600; border-bottom: 2px solid var(--ink); }
        .num { text-align: right; }
        .hard { color: var(--hard); }
        .engage { color: var(--engage); }
        .thin { color: var(--muted); font-style: italic; }
        .strong { font-weight: 600; }
        figure { margin: .5rem 0 1rem; overflow-x: auto; }
        svg { display: block; max-width: 100%; height: auto; }
        svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
        svg .grid { stroke: var(--rule); stroke-width: 1; }
        svg .grid.zero { stroke: var(--muted); }
        svg .bar rect.oppose { opacity: .45; }
        svg .comparison .change, svg .row .change { stroke: var(--muted); stroke-width: 2; }
        svg .row circle.before { fill: #fff; stroke-width: 2; }
        svg .row.hard circle { stroke: var(--hard); } svg .row.hard circle.after { fill: var(--hard); }
        svg .row.engage circle { stroke: var(--engage); } svg .row.engage circle.after { fill: var(--engage); }
        svg .row.same circle { stroke: var(--muted); } svg .row.same circle.after { fill: var(--muted); }
        svg .row text.name { fill: var(--ink); font-size: 12px; }
        ul.legend { list-style: none; padding: 0; margin: .3rem 0; display: flex; flex-wrap: wrap; gap: .3rem 1rem; color: var(--muted); }
        .swatch { display: inline-block; width: .8rem; height: .8rem; margin-right: .35rem; vertical-align: -.1rem; border-radius: 2px; }
        .oppose-swatch { background: #999; opacity: .45; }
        details.statements { margin: .3rem 0 .8rem; }
        details.statements summary { cursor: pointer; color: var(--muted); }
        details.statements ol { padding-left: 1.4rem; }
        details.statements li { margin: .5rem 0; }
        p.who, p.labels { margin: .1rem 0; }
        p.who time { font-variant-numeric: tabular-nums; font-weight: 600; }
        blockquote { margin: .2rem 0; padding-left: .7rem; border-left: 3px solid var(--rule); }
        code { font: 12px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; color: var(--muted); }
        p.hint { color: var(--muted); }
        footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
        @media print { details.statements { display: block; } }

        """
}

enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
