import StanceModel
import Testing

@testable import StanceRules

@Suite("Pattern language")
struct PatternTests {
    @Test(arguments: [
        ("urge", ["urge", "urges", "urged", "urging"]),
        ("apply", ["apply", "applies", "applied", "applying"]),
        ("stop", ["stop", "stops", "stopped", "stopping"]),
        ("impose", ["impose", "imposes", "imposed", "imposing"]),
        ("take", ["take", "takes", "took", "taken", "taking"]),
        ("hold", ["hold", "holds", "held", "holding"]),
        ("seek", ["seek", "seeks", "sought", "seeking"]),
        ("de-escalate", ["de-escalate", "de-escalates", "de-escalated", "de-escalating"]),
        ("sanction", ["sanction", "sanctions", "sanctioned", "sanctioning"]),
        ("tie", ["tie", "ties", "tied", "tying"]),
    ])
    func inflections(word: String, forms: [String]) {
        let generated = Set(Inflection.forms(of: word))
        for form in forms { #expect(generated.contains(form), "\(word)~ should match \(form)") }
    }

    @Test func parsesEveryConstruct() throws {
        let parsed = try PatternParser.parse("(raise~|step~ up) ...3 pressure? on <country> @nouns (in order)?").get()
        #expect(parsed.element.canonical == "(raise~|step~ up) ...3 pressure? on <country> @nouns (in order)?")
        #expect(parsed.listReferences.map(\.name) == ["nouns"])
        #expect(parsed.listReferences.first?.offset == 47)
    }

    @Test func tokenizesWordsLikeText() throws {
        #expect(try PatternParser.parse("North Korea's").get().element.canonical == "north korea 's")
        #expect(try PatternParser.parse("can't").get().element.canonical == "ca n't")
        #expect(try PatternParser.parse("U.S. sanctions").get().element.canonical == "u.s. sanctions")
        #expect(try PatternParser.parse("'s").get().element.canonical == "'s")
    }

    @Test(arguments: [
        ("(talks", "'(' is never closed", 0),
        ("talks)", "unexpected ')'", 5),
        ("... talks", "cannot start with a gap", 0),
        ("talks ...", "cannot end with a gap", 6),
        ("talks?", "can match no words", 0),
        ("(a|) b", "empty alternative", 3),
        ("<cuntry> talks", "unknown slot <cuntry>", 1),
        ("talks ...40 now", "out of range", 6),
        ("(a|b)~", "follows a single word", 5),
        ("talks ... ... now", "two gaps in a row", 17),
        ("\"talks\"", "quotation marks", 0),
        ("@ talks", "list name", 0),
    ])
    func reportsErrorsWithColumns(pattern: String, message: String, offset: Int) {
        guard case .failure(let error) = PatternParser.parse(pattern) else {
            Issue.record("'\(pattern)' should not parse")
            return
        }
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.offset == offset, "\(error.message)")
    }
}
