import StanceModel
import Testing

@testable import StanceText

@Suite struct TokenizerTests {
    func words(_ text: String) -> [String] { Tokenizer.tokenize(text).map(\.text) }

    @Test func splitsPossessivesAndContractions() {
        #expect(words("North Korea's missiles") == ["north", "korea", "'s", "missiles"])
        #expect(words("We can't accept that") == ["we", "ca", "n't", "accept", "that"])
        #expect(words("we’re ready") == ["we", "'re", "ready"])
    }

    @Test func keepsInitialismsHyphensAndNumbersWhole() {
        #expect(words("U.S. and U.N. envoys") == ["u.s.", "and", "u.n.", "envoys"])
        #expect(words("Kim Hong-kyun left at 10 a.m.") == ["kim", "hong-kyun", "left", "at", "10", "a.m."])
        #expect(words("1,429 people; 2.5 percent") == ["1,429", "people", ";", "2.5", "percent"])
        #expect(words("Mr. Kim") == ["mr", ".", "kim"])
    }

    @Test func marksQuotesWithTheirSide() {
        let tokens = Tokenizer.tokenize(#""This is it," he said. “Yes.”"#)
        let quotes = tokens.filter { $0.kind == .quote }
        #expect(quotes.map(\.side) == [.opening, .closing, .opening, .closing])
        #expect(quotes.map(\.quote) == [.doubleStraight, .doubleStraight, .doubleOpen, .doubleClose])
    }

    @Test func spansCountUnicodeScalars() {
        let text = "Rodríguez said “no”."
        let tokens = Tokenizer.tokenize(text)
        let scalars = ScalarText(text)
        #expect(scalars[tokens[0].span] == "Rodríguez")
        #expect(tokens[3].text == "no")
        #expect(tokens[3].start == 16)
    }

    @Test func lineBreaksCountNewlines() {
        let tokens = Tokenizer.tokenize("One.\n\nTwo.\nThree.")
        let breaks = tokens.filter { $0.kind == .lineBreak }.map(\.newlines)
        #expect(breaks == [2, 1])
    }

    @Test func ellipsesAndDashesAreOneMark() {
        #expect(words("agreed...that we -- and") == ["agreed", "…", "that", "we", "—", "and"])
    }
}
