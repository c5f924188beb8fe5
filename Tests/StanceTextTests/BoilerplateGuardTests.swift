import Testing

@testable import StanceText

/// The boilerplate guards (required literal, how an anchored pattern can start) only skip regex runs:
/// on every line, the guarded answer must be the regex's own.
@Suite struct BoilerplateGuardEquivalenceTests {
    /// Rules/boilerplate.yaml's patterns, and a few shapes the guard reads differently.
    static let patterns: [String] = [
        #"(?i)^\s*disclaimer\s*:"#,
        #"\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}"#,
        #"(?i)^\s*(advertisement|sponsored( content)?|continue reading( below)?|read more|related( articles| stories| news)?|also read|recommended( for you)?)\s*:?\s*$"#,
        #"(?i)^\s*(share|share this|share on (facebook|twitter|x|whatsapp|linkedin)|follow us on .*|click here to .*)\s*$"#,
        #"(?i)^\s*(photo|image|video|file photo|credit)\s*:"#,
        #"(?i)^\s*(©|copyright|\(c\))\s*\d{4}"#,
        #"(?i)all rights reserved\.?\s*$"#,
        #"(?i)^\s*(tags|topics|filed under)\s*:"#,
        #"(?i)^\s*(sign up|subscribe) (for|to) (our|the) (free )?newsletters?"#,
        #"^\s*[₹$€£¥]\s?[\d,.]+(\s*/\s*\w+)?\s*$"#,
        #"(?i)^\s*[\d,.]+\s*(years?|months?|days?)\s*$"#,
        #"(?i)^\s*(\d+|[₹$€£¥][\d,.]+)\s*/\s*(month|year|week)\s*$"#,
        "(?i)you[’']ve reached your limit",
        "(?i)you have reached your limit",
        #"(?i)^\s*subscribe (now|today|to (read|continue|unlock))"#,
        #"(?i)^\s*already (a )?subscribe(d|r)\??"#,
        #"(?i)^\s*(to continue reading|this (article|story|content) is (for|available to) (subscribers|members))"#,
        #"(?i)^\s*(create a free account|log in to continue|sign in to continue)"#,
        #"(?i)^\s*here[’']s what[’']s included in our digital subscription"#,
        #"^\s*colou?r:"#, #"^(a|b?c)"#, #"^\s*x+y"#, #"(?i)^\s*[^a]bc"#, #"^\s*(?:ab|cd)"#, #"^ab|^cd"#,
    ]

    static let lines: [String] = [
        "Advertisement", "ADVERTISEMENT", "  advertisement  ", "Advertisement:", "Advertisements", "Sponsored content",
        "Sponsored", "Continue reading below", "Read more", "Related articles", "Related", "Also read:",
        "Recommended for you", "Share", "Share this", "Share on Twitter", "Follow us on X and Facebook",
        "Click here to subscribe", "Photo: Reuters", "File photo: AP", "Credit: AFP", "© 2017 Reuters",
        "Copyright 2019 AP", "(c) 2020 Kyodo", "(C)2021", "© 2015 Xinhua. All rights reserved.", "Tags: sanctions",
        "Topics: diplomacy", "Filed under: Asia", "Sign up for our free newsletter", "Subscribe to the newsletters",
        "$ 1,200", "₹1,200/month", "€5", "12 months", "3 years", "١٢ years", "12 / month", "$9.99 / week",
        "You’ve reached your limit of free articles", "You've reached your limit", "you have reached your limit",
        "Subscribe now", "Subscribe today to read more", "Already a subscriber?", "Already subscribed",
        "To continue reading, log in", "This article is for subscribers", "This story is available to members",
        "Create a free account", "Log in to continue", "Sign in to continue", "Here’s what’s included in our digital subscription",
        "Here's what's included in our digital subscription", "Disclaimer: the views are the author's",
        "Thanks, {{ first_name }}", "The talks ended without an agreement.", "Tokyo said it would impose sanctions.",
        "Share prices fell.", "Photos of the summit were released.", "Subscribers said the paper was late.",
        "\u{00A0}\u{2003}Advertisement", "\tShare this", " \u{0301}Advertisement", "ſhare this", "\u{212A}", "SHARE THIS",
        "A\u{0301}dvertisement", "Advertisement\u{0301}", "Read\u{200D} more", "colour:", "color:", "  colr:", "c",
        "bc", "abc", "xxy", "y", "zbc", "abd", "cd", "", " ", "\u{FE0F}Share", "🇯🇵 Share",
    ]

    static func guarded(_ pattern: BoilerplateFilter.Pattern, _ line: String) -> Bool {
        let text = ScalarText(line)
        let scalars = text.scalars
        var firstNonSpace = 0
        while firstNonSpace < scalars.count, scalars[firstNonSpace].properties.isWhitespace { firstNonSpace += 1 }
        return pattern.matches(scalars, 0..<scalars.count, firstNonSpace: firstNonSpace, line: { line })
    }

    static func unguarded(_ pattern: BoilerplateFilter.Pattern, _ line: String) -> Bool {
        pattern.anchored ? (try? pattern.regex.prefixMatch(in: line)) != nil : line.contains(pattern.regex)
    }

    @Test(arguments: patterns)
    func guardedMatchIsTheRegexMatch(_ source: String) throws {
        let pattern = try BoilerplateFilter.Pattern(source)
        for line in Self.lines {
            #expect(Self.guarded(pattern, line) == Self.unguarded(pattern, line), "\(source) on \(line.debugDescription)")
        }
        // Lines built from the patterns' own pieces, mixed with case, white space, marks and digits.
        let pieces = ["advertisement", "Share", "this", "on", "photo", ":", " ", "\t", "©", "(c)", "2017", "$", "₹", "1,2",
                      "/", "month", "years", "subscribe", "now", "to", "continue", "reading", "already", "a", "r", "d", "?",
                      "here’s", "what's", "you’ve", "reached", "your", "limit", "{{", "x_1", "}}", "\u{0301}", "ſ", "٣",
                      "colou", "col", "c", "b", "x", "y", "sign", "up", "for", "our", "free", "newsletter", "tags",
                      "ALL RIGHTS RESERVED", "."]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: source.utf8.count)
        for _ in 0..<3000 {
            var line = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for k in 0..<(1 + Int((state >> 33) % 6)) {
                let pick = Int((state >> UInt64(5 + 7 * k)) % UInt64(pieces.count))
                line += pieces[pick]
            }
            #expect(Self.guarded(pattern, line) == Self.unguarded(pattern, line), "\(source) on \(line.debugDescription)")
        }
    }

    @Test func shapesTheGuardCannotReadGetNone() {
        #expect(LineStarts.analyze(#"^\s*(?:ab|cd)"#) == nil)
        #expect(LineStarts.analyze(#"(?i)^\s*[^a]bc"#) == nil)
        #expect(LineStarts.analyze(#"^\s*x?y"#) == nil)
        #expect(LineStarts.analyze(#"^\s*(a|b?c)"#) == nil)
        #expect(LineStarts.analyze(#"(?i)^\s*(share|click)\s*$"#) != nil)
    }
}
