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
        verb(.speech, ["note", "notes", "noted"])
        verb(.speech, ["state", "states", "stated"])
        verb(.speech, ["announce", "announces", "announced", "announcing"])
        verb(.speech, ["declare", "declares", "declared"])
        verb(.speech, ["reiterate", "reiterates", "reiterated", "reiterating"])
        verb(.speech, ["repeat", "repeats", "repeated"])
        verb(.speech, ["restate", "restates", "restated"])
        verb(.speech, ["confirm", "confirms", "confirmed"])
        verb(.speech, ["claim", "claims", "claimed", "claiming"])
        verb(.speech, ["explain", "explains", "explained", "explaining"])
        verb(.speech, ["reply", "replies", "replied"])
        verb(.speech, ["respond", "responds", "responded"])
        verb(.speech, ["conclude", "concludes", "concluded"])
        verb(.speech, ["recall", "recalls", "recalled"])
        verb(.speech, ["indicate", "indicates", "indicated"])
        verb(.speech, ["suggest", "suggests", "suggested"])
        verb(.speech, ["tweet", "tweets", "tweeted"])
        verb(.speech, ["write", "writes", "wrote"])
        verb(.speech, ["acknowledge", "acknowledges", "acknowledged"])
        verb(.speech, ["admit", "admits", "admitted"])
        verb(.speech, ["point out", "points out", "pointed out"])
        verb(.speech, ["go on", "goes on", "went on"])
        verb(.speech, ["continue", "continues", "continued"])
        verb(.speech, ["observe", "observes", "observed", "observing"])
        verb(.speech, ["comment", "comments", "commented"])
        verb(.speech, ["remark", "remarks", "remarked"])
        verb(.speech, ["believe", "believes", "believed"])
        verb(.speech, ["hope", "hopes", "hoped"])
        verb(.speech, ["express", "expresses", "expressed"])
        verb(.speech, ["describe", "describes", "described"])
        verb(.speech, ["accuse", "accuses", "accused"])
        verb(.speech, ["charge", "charges", "charged"])
        verb(.speech, ["ask", "asks", "asked"])
        verb(.speech, ["read"])
        verb(.directive, ["urge", "urges", "urged", "urging"])
        verb(.directive, ["call", "calls", "called", "calling"], particles: ["on", "upon", "for"])
        verb(.directive, ["appeal", "appeals", "appealed", "appealing"], particles: ["for", "to"])
        verb(.directive, ["demand", "demands", "demanded", "demanding"])
        verb(.directive, ["press", "presses", "pressed"], particles: ["for"])
        verb(.directive, ["counsel", "counsels", "counseled", "counselled"])
        verb(.directive, ["encourage", "encourages", "encouraged"])
        verb(.position, ["warn", "warns", "warned", "warning"])
        verb(.position, ["agree", "agrees", "agreed", "agreeing"])
        verb(.position, ["propose", "proposes", "proposed", "proposing"])
        verb(.position, ["argue", "argues", "argued", "arguing"])
        verb(.position, ["maintain", "maintains", "maintained"])
        verb(.position, ["insist", "insists", "insisted", "insisting"])
        verb(.position, ["vow", "vows", "vowed", "vowing"])
        verb(.position, ["pledge", "pledges", "pledged"])
        verb(.position, ["promise", "promises", "promised"])
        verb(.position, ["threaten", "threatens", "threatened"])
        verb(.position, ["reject", "rejects", "rejected", "rejecting"])
        verb(.position, ["dismiss", "dismisses", "dismissed"])
        verb(.position, ["deny", "denies", "denied"])
        verb(.position, ["condemn", "condemns", "condemned"])
        verb(.position, ["denounce", "denounces", "denounced"])
        verb(.position, ["welcome", "welcomes", "welcomed"])
        verb(.position, ["criticize", "criticizes", "criticized", "criticise", "criticises", "criticised"])
        verb(.position, ["oppose", "opposes", "opposed"])
        verb(.accordingTo, ["according to"])
        verb(.quotedAs, ["quoted as saying", "cited as saying"], lemma: "quoted as saying")
        return index
    }()

    /// The cue starting at token `i`, if any. Only words count: a cue never starts inside a quote's marks.
    public static func cue(in tokens: [Token], at i: Int, limit: Int) -> Cue? {
        guard tokens[i].kind == .word, let match = index.longestMatch(in: tokens, at: i, limit: limit),
            let (kind, lemma) = match.values.first
        else { return nil }
        return Cue(kind: kind, tokens: i..<match.end, lemma: lemma)
    }
}
