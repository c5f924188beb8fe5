/// Closed word classes used to read speaker phrases without a part-of-speech tagger.
enum WordClass {
    static let pronouns: Set<String> = ["he", "she", "they", "it", "we", "i"]

    /// Words that may sit inside a speaker phrase without being a name or a dictionary entry.
    static let phraseFunctionWords: Set<String> = [
        "the", "a", "an", "of", "from", "at", "for", "to", "and", "'s", "'", "its", "his", "her", "their", "our",
        "-", "&",
    ]

    /// Modifiers of titles and groups ("senior diplomats", "the three countries", "former minister").
    static let phraseModifiers: Set<String> = [
        "senior", "top", "former", "deputy", "acting", "chief", "then", "current", "outgoing", "incoming",
        "visiting", "permanent", "high-ranking", "veteran", "leading", "other", "both", "all", "some", "several",
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "many", "joint", "independent",
        "new", "state", "supreme", "special", "powerful", "influential", "hawkish", "hardline", "visiting",
        "fellow", "regional", "respective", "own", "chinese-language", "local",
    ]

    /// Capitalized words that are not names (sentence-initial function words, honorifics, modifiers).
    static let capitalizedNonNames: Set<String> = phraseModifiers.union([
        "the", "a", "an", "his", "her", "their", "its", "our", "this", "that", "these", "those", "mr", "mrs", "ms",
        "dr", "sir", "madam", "dame", "lord", "lady", "meanwhile", "however", "also", "and", "but", "in", "on",
        "at", "after", "before", "during", "speaking", "asked", "when", "while", "as", "if", "since", "last",
        "earlier", "later", "then", "today", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
    ])

    /// Honorifics that come right before a name ("Mr Kim", "Mrs. May").
    static let honorifics: Set<String> = ["mr", "mrs", "ms", "dr", "sir", "madam", "dame", "lord", "lady"]

    /// Lower-case particles inside personal names (Lula da Silva, Ursula von der Leyen).
    static let nameParticles: Set<String> = [
        "da", "de", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den", "bin",
        "ibn", "al", "el", "y", "e",
    ]

    /// Nouns that turn a country into its government ("Iran's government", "the Venezuelan government").
    static let governmentHeads: Set<String> = [
        "government", "administration", "authorities", "leadership", "regime", "cabinet", "junta", "state",
    ]

    /// Prepositions after which a country names the subject matter of a title, not the speaker's side
    /// ("envoy to the UN", "special representative for North Korea policy").
    static let topicPrepositions: Set<String> = [
        "for", "to", "on", "with", "against", "toward", "towards", "over", "about", "in", "into", "regarding",
    ]

    /// Auxiliaries and adverbs between a subject and its verb ("has once more urged", "likewise stressed").
    static let auxiliaries: Set<String> = [
        "has", "have", "had", "is", "are", "was", "were", "will", "would", "shall", "should", "can", "could",
        "may", "might", "must", "does", "do", "did", "also", "again", "once", "more", "still", "further",
        "likewise", "too", "then", "later", "earlier", "previously", "repeatedly", "firmly", "strongly",
        "separately", "publicly", "openly", "reportedly", "recently", "already", "now", "just", "even",
        "similarly", "meanwhile", "however", "too", "explicitly", "clearly", "jointly", "formally", "officially",
        "been", "being", "be", "not", "n't", "never", "always", "consistently", "had", "on", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight",
    ]

    /// Group references that point back at the last group of speakers.
    static let groupNouns: Set<String> = [
        "countries", "nations", "leaders", "sides", "governments", "allies", "officials", "ministers", "diplomats",
        "envoys", "states", "parties", "powers", "partners", "neighbours", "neighbors", "delegations",
    ]

    /// Words opening a clause that ends a speaker phrase's appositive (", who said", ", which").
    static let relativePronouns: Set<String> = ["who", "which", "whose", "whom", "where"]

    /// Parentheticals that can sit between a subject and its verb (", for its part,").
    static let parentheticalStarts: Set<String> = [
        "for", "however", "meanwhile", "in", "too", "though", "moreover", "nonetheless", "nevertheless",
        "meantime", "instead", "also", "likewise", "similarly", "separately", "speaking", "asked", "according",
        "on", "at", "after", "before", "during", "while", "when", "citing", "quoting", "responding", "referring",
    ]

    /// Trailing words that can follow a cue at the end of a sentence ("said on Friday", "said in a
    /// statement").
    static let frameTrailers: Set<String> = [
        "on", "in", "at", "during", "after", "before", "from", "to", "via", "as", "late", "early", "earlier",
        "later", "separately", "today", "yesterday", "tonight", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "this", "last", "week", "month", "morning", "evening", "afternoon",
    ]

    /// Nouns that make a vague member of a group list ("and a number of other states", "and others").
    static let vagueGroupMembers: Set<String> = ["others", "states", "countries", "nations", "governments"]
}
