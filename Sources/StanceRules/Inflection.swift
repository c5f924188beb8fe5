/// The forms a `word~` pattern matches: the word as written and its regular and irregular
/// inflections (urge → urges, urged, urging; apply → applied; stop → stopped; take → took, taken).
///
/// Over-generation is harmless ("openned" never occurs in text), so doubling is tried whenever a
/// word ends consonant-vowel-consonant rather than guessing where the stress falls.
enum Inflection {
    static func forms(of word: String) -> [String] {
        // Hyphenated words inflect their last part (de-escalate → de-escalated).
        if let hyphen = word.lastIndex(of: "-"), hyphen != word.startIndex, word.index(after: hyphen) != word.endIndex {
            let prefix = word[...hyphen]
            return forms(of: String(word[word.index(after: hyphen)...])).map { prefix + $0 }
        }
        var result: [String] = [word]
        func add(_ form: String) { if !result.contains(form) { result.append(form) } }
        let letters = Array(word)
        guard letters.count >= 2, letters.allSatisfy(\.isLetter) else { return result }
        let last = letters[letters.count - 1]
        let beforeLast = letters[letters.count - 2]

        // -s (verbs and noun plurals)
        if word.hasSuffix("s") || word.hasSuffix("x") || word.hasSuffix("z") || word.hasSuffix("ch")
            || word.hasSuffix("sh")
        {
            add(word + "es")
        } else if last == "y" && !isVowel(beforeLast) {
            add(String(letters.dropLast()) + "ies")
        } else if last == "o" {
            add(word + "es")
            add(word + "s")
        } else {
            add(word + "s")
        }

        // -ed and -ing
        let doubles = letters.count >= 3 && !isVowel(last) && !"wxy".contains(last) && isVowel(beforeLast)
            && !isVowel(letters[letters.count - 3])
        if last == "e" {
            add(word + "d")
            if word.hasSuffix("ie") {
                add(String(letters.dropLast(2)) + "ying")
            } else if word.hasSuffix("ee") || word.hasSuffix("ye") || word.hasSuffix("oe") {
                add(word + "ing")
            } else {
                add(String(letters.dropLast()) + "ing")
            }
        } else if last == "y" && !isVowel(beforeLast) {
            add(String(letters.dropLast()) + "ied")
            add(word + "ing")
        } else {
            add(word + "ed")
            add(word + "ing")
            if doubles {
                add(word + String(last) + "ed")
                add(word + String(last) + "ing")
            }
        }
        if last == "c" {
            add(word + "ked")
            add(word + "king")
        }
        for form in irregular[word] ?? [] { add(form) }
        return result
    }

    static func isVowel(_ c: Character) -> Bool { "aeiou".contains(c) }

    /// True for what reads like a stem cut before a silent e ("resolv", "eas", "justif"), which `~`
    /// would inflect as if it were a word. English words rarely end like these.
    static func looksLikeStem(_ word: String) -> Bool {
        guard irregular[word] == nil, word.count >= 3, let last = word.last else { return false }
        if "vjq".contains(last) { return true }
        for ending in ["eas", "at", "iz", "is", "if", "uc", "ag", "ing", "ndl", "ttl", "rg", "rc", "lv", "dg", "mbl", "nc", "ddl", "ngl", "rr", "os"] where word.hasSuffix(ending) {
            // Real words with these endings that `~` handles well.
            let words: Set<String> = [
                "at", "threat", "combat", "repeat", "defeat", "treat", "seat", "beat", "cheat", "heat", "boycott",
                "visit", "exist", "insist", "resist", "assist", "persist", "consist", "is", "this", "his", "crisis",
                "basis", "brief", "chief", "relief", "belief", "thief", "sing", "bring", "ring", "swing", "spring",
                "sting", "string", "king", "wing", "thing", "ping", "cling", "fling", "sling", "wring",
                "emphasis", "analysis", "thesis", "axis", "oasis", "flag", "drag", "tag", "lag", "bag", "brag", "nag",
                "chaos", "pros", "zag", "zig", "chat", "flat", "bat", "cat", "hat", "mat", "pat", "rat", "sat", "vat",
                "spat", "format", "dictat", "bureaucrat", "democrat", "diplomat", "acrobat", "berg",
            ]
            return !words.contains(word)
        }
        return false
    }

    /// Irregular verbs that turn up in statements about policy (past tense, participle, others).
    static let irregular: [String: [String]] = [
        "be": ["is", "are", "am", "was", "were", "been", "being", "'s", "'re", "'m"],
        "have": ["has", "had", "having", "'ve"],
        "do": ["does", "did", "done", "doing"],
        "go": ["goes", "went", "gone"],
        "take": ["took", "taken"],
        "undertake": ["undertook", "undertaken"],
        "hold": ["held"],
        "uphold": ["upheld"],
        "withhold": ["withheld"],
        "seek": ["sought"],
        "make": ["made"],
        "give": ["gave", "given"],
        "forgive": ["forgave", "forgiven"],
        "come": ["came"],
        "become": ["became"],
        "keep": ["kept"],
        "put": ["put"],
        "set": ["set"],
        "let": ["let"],
        "cut": ["cut"],
        "hit": ["hit"],
        "quit": ["quit"],
        "say": ["said"],
        "tell": ["told"],
        "see": ["saw", "seen"],
        "find": ["found"],
        "stand": ["stood"],
        "understand": ["understood"],
        "bring": ["brought"],
        "speak": ["spoke", "spoken"],
        "break": ["broke", "broken"],
        "choose": ["chose", "chosen"],
        "rise": ["rose", "risen"],
        "draw": ["drew", "drawn"],
        "withdraw": ["withdrew", "withdrawn"],
        "show": ["shown"],
        "throw": ["threw", "thrown"],
        "get": ["got", "gotten"],
        "begin": ["began", "begun"],
        "run": ["ran"],
        "write": ["wrote", "written"],
        "fight": ["fought"],
        "buy": ["bought"],
        "think": ["thought"],
        "strike": ["struck", "stricken"],
        "freeze": ["froze", "frozen"],
        "lose": ["lost"],
        "pay": ["paid"],
        "lay": ["laid"],
        "mean": ["meant"],
        "build": ["built"],
        "spend": ["spent"],
        "feel": ["felt"],
        "leave": ["left"],
        "shut": ["shut"],
        "spread": ["spread"],
        "sell": ["sold"],
        "forbid": ["forbade", "forbidden"],
        "bear": ["bore", "borne"],
        "shake": ["shook", "shaken"],
        "win": ["won"],
        "lead": ["led"],
        "meet": ["met"],
        "send": ["sent"],
        "drive": ["drove", "driven"],
        "fall": ["fell", "fallen"],
        "hear": ["heard"],
        "know": ["knew", "known"],
        "grow": ["grew", "grown"],
        "wage": ["waged"],
        "slap": ["slapped"],
        "overtake": ["overtook", "overtaken"],
        "undergo": ["underwent", "undergone"],
        "forgo": ["forwent", "forgone"],
        "outweigh": ["outweighed"],
        "sit": ["sat"],
        "stick": ["stuck"],
        "deal": ["dealt"],
        "ride": ["rode", "ridden"],
        "shoot": ["shot"],
        "wake": ["woke", "woken"],
        "tear": ["tore", "torn"],
        "wear": ["wore", "worn"],
        "bind": ["bound"],
        "bend": ["bent"],
        "catch": ["caught"],
        "teach": ["taught"],
        "light": ["lit"],
        "steal": ["stole", "stolen"],
        "swear": ["swore", "sworn"],
        "will": ["would", "'ll"],
        "can": ["could", "ca"],
        "shall": ["should"],
        "may": ["might"],
    ]
}
