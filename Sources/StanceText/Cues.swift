import StanceModel

/// A speech or position verb that introduces what someone said: "said", "told reporters", "urged",
/// "according to".
public struct Cue: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Reports words: said, told, added, stressed. The content follows (or precedes, inverted).
        case speech
        /// Asks someone else to act: urged, called on, appealed for. The content names the act.
        case directive
        /// Takes a position: agreed, proposed, rejected, vowed. The content is the position.
        case position
        /// "according to X, ...": the speaker follows the cue.
        case accordingTo
        /// "X was quoted as saying", "X was cited as saying": the speaker precedes a passive frame.
        case quotedAs
    }

    public var kind: Kind
    /// Token range of the cue in the text.
    public var tokens: Range<Int>
    /// The cue in its base form, for display ("say", "tell reporters").
    public var lemma: String
}

/// The cue lexicon: inflected forms of speech and position verbs, matched as phrases.
public enum CueLexicon {
    static let index: PhraseIndex<(Cue.Kind, String)> = {
        var index = PhraseIndex<(Cue.Kind, String)>()
        func verb(_ kind: Cue.Kind, _ forms: [String], lemma: String? = nil, particles: [String] = [""]) {
            for form in forms {
                for particle in particles {
                    index.insert(particle.isEmpty ? form : "\(form) \(particle)", (kind, lemma ?? forms[0]))
                }
            }
        }
        verb(.speech, ["say", "says", "said", "saying"])
        verb(.speech, ["tell", "tells", "told", "telling"],
             particles: ["", "reporters", "journalists", "the press", "a news conference", "a press conference",
                         "a briefing", "a press briefing", "lawmakers", "parliament", "the council"])
        verb(.speech, ["add", "adds", "added", "adding"])
        verb(.speech, ["stress", "stresses", "stressed", "stressing"])
        verb(.speech, ["emphasize", "emphasizes", "emphasized", "emphasise", "emphasises", "emphasised"])
        verb(.speech, ["notes", "noted"], lemma: "note")
        verb(.speech, ["stated"], lemma: "state")
        verb(.speech, ["announce", "announces", "announced", "announcing"])
        verb(.speech, ["declare", "declares", "declared"])
        verb(.speech, ["reiterate", "reiterates", "reiterated", "reiterating"])
        verb(.speech, ["repeat", "repeats", "repeated"])
        verb(.speech, ["restate", "restates", "restated"])
        verb(.speech, ["confirm", "confirms", "confirmed"])
        verb(.speech, ["claims", "claimed", "claiming"], lemma: "claim")
        verb(.speech, ["explain", "explains", "explained", "explaining"])
        verb(.speech, ["replies", "replied"], lemma: "reply")
        verb(.speech, ["responds", "responded"], lemma: "respond")
        verb(.speech, ["concludes", "concluded"], lemma: "conclude")
        verb(.speech, ["recall", "recalls", "recalled"])
        verb(.speech, ["indicate", "indicates", "indicated"])
        verb(.speech, ["suggest", "suggests", "suggested"])
        verb(.speech, ["tweet", "tweets", "tweeted"])
        verb(.speech, ["write", "writes", "wrote"])
        verb(.speech, ["acknowledge", "acknowledges", "acknowledged"])
        verb(.speech, ["admit", "admits", "admitted"])
        verb(.speech, ["point out", "points out", "pointed out"])
        verb(.speech, ["go on", "goes on", "went on"])
        verb(.speech, ["continues", "continued"], lemma: "continue")
        verb(.speech, ["observe", "observes", "observed", "observing"])
        verb(.speech, ["commented"], lemma: "comment")
        verb(.speech, ["remarked"], lemma: "remark")
        verb(.speech, ["believe", "believes", "believed"])
        verb(.speech, ["hopes", "hoped"], lemma: "hope")
        verb(.speech, ["express", "expresses", "expressed"])
        verb(.speech, ["describe", "describes", "described"])
        verb(.speech, ["accuse", "accuses", "accused"])
        verb(.speech, ["charged"], lemma: "charge")
        verb(.speech, ["ask", "asks", "asked"])
                verb(.directive, ["urge", "urges", "urged", "urging"])
        verb(.directive, ["call", "calls", "called", "calling"], particles: ["on", "upon", "for"])
        verb(.directive, ["appeal", "appeals", "appealed", "appealing"], particles: ["for", "to"])
        verb(.directive, ["demands", "demanded", "demanding"], lemma: "demand")
        verb(.directive, ["press", "presses", "pressed"], particles: ["for"])
        verb(.directive, ["counseled", "counselled"], lemma: "counsel")
        verb(.directive, ["encourage", "encourages", "encouraged"])
        verb(.position, ["warn", "warns", "warned", "warning"])
        verb(.position, ["agree", "agrees", "agreed", "agreeing"])
        verb(.position, ["propose", "proposes", "proposed", "proposing"])
        verb(.position, ["argue", "argues", "argued", "arguing"])
        verb(.position, ["maintain", "maintains", "maintained"])
        verb(.position, ["insist", "insists", "insisted", "insisting"])
        verb(.position, ["vow", "vows", "vowed", "vowing"])
        verb(.position, ["pledge", "pledges", "pledged"])
        verb(.position, ["promises", "promised"], lemma: "promise")
        verb(.position, ["threaten", "threatens", "threatened"])
        verb(.position, ["reject", "rejects", "rejected", "rejecting"])
        verb(.position, ["dismiss", "dismisses", "dismissed"])
        verb(.position, ["deny", "denies", "denied"])
        verb(.position, ["condemn", "condemns", "condemned"])
        verb(.position, ["denounce", "denounces", "denounced"])
        verb(.position, ["welcomes", "welcomed"], lemma: "welcome")
        verb(.position, ["criticize", "criticizes", "criticized", "criticise", "criticises", "criticised"])
        verb(.position, ["oppose", "opposes", "opposed"])
        verb(.accordingTo, ["according to"])
        verb(.quotedAs, ["quoted as saying", "cited as saying"], lemma: "quoted as saying")
        return index
    }()

    /// The cue starting at token `i`, if any. Only words count: a cue never starts inside a quote's marks.
    public static func cue(in tokens: [Token], at i: Int, limit: Int) -> Cue? {
        // Cues are lower-case verbs; a capital means a name or a sentence opening ("United States",
        // "Says who"), except "According to".
        guard tokens[i].kind == .word, !tokens[i].isCapitalized || tokens[i].is("according") else { return nil }
        // "the statement read", "read a statement from …": read is a cue only with a statement.
        if tokens[i].is("read") {
            let afterStatement = i > 0 && statementNouns.contains(tokens[i - 1])
            let beforeStatement = i + 2 < limit && (tokens[i + 1].is("a") || tokens[i + 1].is("the"))
                && statementNouns.contains(tokens[i + 2])
            return afterStatement || beforeStatement ? Cue(kind: .speech, tokens: i..<(i + 1), lemma: "read") : nil
        }
        guard let match = index.firstLongestMatch(in: tokens, at: i, limit: limit)
        else { return nil }
        return Cue(kind: match.value.0, tokens: i..<match.end, lemma: match.value.1)
    }

    /// Nouns for a written statement, which "read" or "said" like a speaker.
    public static let statementNouns: WordSet = [
        "statement", "communique", "communiqué", "declaration", "letter", "note", "release", "readout", "resolution",
    ]

    /// Cues that can come before their speaker at the end of a sentence ("…, said Maruyama").
    public static let invertible: Set<String> = [
        "say", "add", "write", "ask", "continue", "explain", "insist", "stress", "note", "declare", "warn",
        "conclude", "reply", "tweet", "argue", "emphasize", "state", "observe", "remark", "recall", "read",
        "announce", "confirm", "claim", "respond", "acknowledge", "go on",
    ]
}
