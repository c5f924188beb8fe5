/// Closed word classes used to read speaker phrases without a part-of-speech tagger.
enum WordClass {
    static let pronouns: WordSet = ["he", "she", "they", "it", "we", "i"]

    /// Words that may sit inside a speaker phrase without being a name or a dictionary entry.
    static let phraseFunctionWords: WordSet = [
        "the", "a", "an", "of", "from", "at", "for", "to", "and", "'s", "'", "its", "his", "her", "their", "our",
        "-", "&",
    ]

    /// Modifiers of titles and groups ("senior diplomats", "the three countries", "former minister").
    static let phraseModifiers: WordSet = [
        "senior", "top", "former", "deputy", "acting", "chief", "then", "current", "outgoing", "incoming",
        "visiting", "permanent", "high-ranking", "veteran", "leading", "other", "both", "all", "some", "several",
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "many", "joint", "independent",
        "new", "state", "supreme", "special", "powerful", "influential", "hawkish", "hardline", "visiting",
        "fellow", "regional", "respective", "own", "chinese-language", "local", "member",
    ]

    /// Capitalized words that are not names (sentence-initial function words, honorifics, modifiers).
    static let capitalizedNonNames: WordSet = phraseModifiers.union([
        "the", "a", "an", "his", "her", "their", "its", "our", "this", "that", "these", "those", "mr", "mrs", "ms",
        "dr", "sir", "madam", "dame", "lord", "lady", "meanwhile", "however", "also", "and", "but", "in", "on",
        "at", "after", "before", "during", "speaking", "asked", "when", "while", "as", "if", "since", "last",
        "earlier", "later", "then", "today", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "any", "every", "each", "no", "neither", "either", "why",
        "what", "how", "where", "who", "whether", "there", "here", "such", "most", "few", "more", "less", "much",
        "only", "even", "just", "not", "yet", "so", "although", "because", "though", "unless", "until", "once",
        "whatever", "western", "eastern", "northern", "southern", "central", "international", "global", "foreign",
        "world", "allied", "it", "we", "they", "he", "she", "i", "you", "one", "let", "please", "yes",
    ])

    /// Nouns for a body named by its kind alone ("the ministry said", "the bloc's members"), which
    /// refer back to the last body that spoke.
    static let bodyReferenceNouns: WordSet = [
        "ministry", "department", "agency", "office", "bloc", "alliance", "council", "commission", "government",
        "administration", "organisation", "organization", "body", "union", "league", "chair", "presidency",
    ]

    /// Past participles and other verb forms that open an aside after a comma
    /// (", released once the ministers had finished …,").
    static func isParticipleAside(_ token: Token) -> Bool {
        guard token.kind == .word, !token.isCapitalized else { return false }
        return token.textHasSuffix("ing") || token.textHasSuffix("ed") && token.textIsLonger(than: 4)
    }

    /// Irregular past forms, for telling a verb from a noun after a subject without a tagger.
    static let irregularPast: WordSet = [
        "began", "made", "took", "gave", "said", "told", "held", "sought", "kept", "led", "left", "met", "sent",
        "set", "put", "cut", "hit", "won", "lost", "struck", "brought", "bought", "fought", "thought", "went",
        "came", "became", "stood", "understood", "ran", "saw", "spoke", "broke", "chose", "drove", "rose", "wrote",
        "threw", "grew", "knew", "drew", "flew", "shot", "fell", "felt", "built", "spent", "meant", "paid", "laid",
        "sold", "found", "stuck", "swore", "withdrew", "upheld", "withheld", "overtook", "undertook", "forgave",
        "got", "shook", "let", "quit", "bid", "spread", "dealt", "sank", "rang", "sang", "wants", "wanted",
        "backs", "backed", "stays", "plans", "remains", "seeks", "opposes", "supports", "rejects", "refuses",
        "refused", "balked", "insists", "maintains", "welcomes", "condemns", "denounces",
    ]

    /// Whether a word can be the finite verb after a subject: an auxiliary, a past form, or a present
    /// form in -s. Nouns after an adjective ("US media", "China's military") are not.
    static func looksLikeVerb(_ token: Token) -> Bool {
        guard token.kind == .word, !token.isCapitalized else { return false }
        if auxiliaries.contains(token) || irregularPast.contains(token) { return true }
        if token.textHasSuffix("ed") && token.textIsLonger(than: 3) { return true }
        if token.textHasSuffix("s") && !token.textHasSuffix("ss") && !token.textHasSuffix("us") && !token.textHasSuffix("is")
            && token.textIsLonger(than: 3)
        {
            return true
        }
        return false
    }

    /// Honorifics that come right before a name ("Mr Kim", "Mrs. May").
    static let honorifics: WordSet = ["mr", "mrs", "ms", "dr", "sir", "madam", "dame", "lord", "lady"]

    /// Lower-case particles inside personal names (Lula da Silva, Ursula von der Leyen).
    static let nameParticles: WordSet = [
        "da", "de", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den", "bin",
        "ibn", "al", "el", "y", "e",
    ]

    /// Nouns that turn a country into its government ("Iran's government", "the Venezuelan government").
    static let governmentHeads: WordSet = [
        "government", "administration", "authorities", "leadership", "regime", "cabinet", "junta", "state",
    ]

    /// Prepositions after which a country names the subject matter of a title, not the speaker's side
    /// ("envoy to the UN", "special representative for North Korea policy").
    static let topicPrepositions: WordSet = [
        "for", "to", "on", "with", "against", "toward", "towards", "over", "about", "in", "into", "regarding",
    ]

    /// Auxiliaries and adverbs between a subject and its verb ("has once more urged", "likewise stressed").
    static let auxiliaries: WordSet = [
        "has", "have", "had", "is", "are", "was", "were", "will", "would", "shall", "should", "can", "could",
        "may", "might", "must", "does", "do", "did", "also", "again", "once", "more", "still", "further",
        "likewise", "too", "then", "later", "earlier", "previously", "repeatedly", "firmly", "strongly",
        "separately", "publicly", "openly", "reportedly", "recently", "already", "now", "just", "even",
        "similarly", "meanwhile", "however", "too", "explicitly", "clearly", "jointly", "formally", "officially",
        "been", "being", "be", "not", "n't", "never", "always", "consistently", "had", "on", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight",
    ]

    /// Words of an appositive that describes a country's relation to another ("China, Pyongyang's
    /// closest ally, balked …").
    static let describers: WordSet = [
        "ally", "allies", "partner", "partners", "neighbour", "neighbor", "neighbours", "neighbors", "backer",
        "benefactor", "rival", "foe", "adversary", "friend", "supporter", "patron", "closest", "main", "key",
        "traditional", "longtime", "long-time", "staunch", "biggest", "largest", "top", "chief", "major",
        "strategic", "economic", "diplomatic", "military", "trading", "and", "only", "nuclear-armed",
    ]

    /// Capitalized adjectives of region or scope that modify a group noun ("other Western nations").
    static let regionalAdjectives: WordSet = [
        "western", "eastern", "northern", "southern", "central", "international", "global", "foreign", "world",
        "allied", "arab", "gulf", "nordic", "baltic", "latin", "african", "asian", "european", "pacific", "atlantic",
        "middle", "far", "near",
    ]

    /// Days and times that sit between a subject and its verb ("Hua Chunying on Wednesday told").
    static let timeWords: WordSet = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
        "tonight", "earlier", "later", "on", "last", "week", "night", "morning", "evening", "afternoon",
    ]

    /// Group references that point back at the last group of speakers.
    static let groupNouns: WordSet = [
        "countries", "nations", "leaders", "sides", "governments", "allies", "officials", "ministers", "diplomats",
        "envoys", "states", "parties", "powers", "partners", "neighbours", "neighbors", "delegations",
    ]

    /// Words opening a clause that ends a speaker phrase's appositive (", who said", ", which").
    static let relativePronouns: WordSet = ["who", "which", "whose", "whom", "where"]

    /// Parentheticals that can sit between a subject and its verb (", for its part,").
    static let parentheticalStarts: WordSet = [
        "for", "however", "meanwhile", "in", "too", "though", "moreover", "nonetheless", "nevertheless",
        "meantime", "instead", "also", "likewise", "similarly", "separately", "speaking", "asked", "according",
        "on", "at", "after", "before", "during", "while", "when", "citing", "quoting", "responding", "referring",
    ]

    /// Trailing words that can follow a cue at the end of a sentence ("said on Friday", "said in a
    /// statement").
    static let frameTrailers: WordSet = [
        "on", "in", "at", "during", "after", "before", "from", "to", "via", "as", "late", "early", "earlier",
        "later", "separately", "today", "yesterday", "tonight", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "this", "last", "week", "month", "morning", "evening", "afternoon",
    ]

    /// Words that make a capitalized run an organisation, not a person.
    static let organizationWords: WordSet = [
        "bureau", "office", "department", "ministry", "agency", "council", "commission", "committee", "affairs",
        "institute", "center", "centre", "university", "association", "organization", "organisation", "company",
        "corporation", "bank", "fund", "group", "party", "network", "news", "times", "post", "press", "television",
        "radio", "service", "forces", "army", "navy", "guard", "guards", "court", "assembly", "parliament",
        "congress", "senate", "house", "palace", "summit", "conference", "forum", "resolution", "treaty",
        "convention", "program", "programme", "project", "initiative", "plan", "deal", "agreement", "talks",
        "league", "union", "federation", "coalition", "alliance", "bloc", "secretariat", "mission", "delegation",
        "board", "authority", "administration", "directorate", "corps", "front", "movement", "communications",
        "transportation",
    ]

    /// Nouns that make a vague member of a group list ("and a number of other states", "and others").
    static let vagueGroupMembers: WordSet = ["others", "states", "countries", "nations", "governments"]
}
