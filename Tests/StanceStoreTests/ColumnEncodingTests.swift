import Foundation
import StanceModel
import Testing

@testable import StanceStore

@Suite struct ColumnEncodingTests {
    @Test func contentSpansRoundTrip() {
        let spans = [TextSpan(start: 1, end: 33), TextSpan(start: 228, end: 299), TextSpan(start: 400, end: 400)]
        #expect(ColumnJSON.spans(spans) == "[[1,33],[228,299],[400,400]]")
        #expect(ColumnJSON.spans(from: ColumnJSON.spans(spans)) == spans)
        #expect(ColumnJSON.spans(from: "[]") == [])
        #expect(ColumnJSON.spans(from: "[[1, 2], [3, 4]]") == [TextSpan(start: 1, end: 2), TextSpan(start: 3, end: 4)])
        #expect(ColumnJSON.spans(from: "not json").isEmpty)
        #expect(ColumnJSON.spans(from: "[[5,1]]").isEmpty)
    }

    @Test func decisionsRoundTripThroughJSONDecoder() throws {
        let decisions = [
            Decision(kind: .matched, detail: "“not a time for dialogue”\n\t\\ \u{1}", span: TextSpan(start: 3, end: 27)),
            Decision(kind: .target, detail: "North Korea (PRK)"),
        ]
        let json = ColumnJSON.decisions(decisions)
        #expect(try JSONDecoder().decode([Decision].self, from: Data(json.utf8)) == decisions)
        #expect(ColumnJSON.decisions(from: json) == decisions)
        #expect(ColumnJSON.decisions([]) == "[]")
    }

    @Test func slicesCountUnicodeScalars() {
        let text = "Rodríguez said “no” 🇰🇵 today."
        let slicer = ScalarSlicer(text)
        let scalars = Array(text.unicodeScalars)
        #expect(slicer.scalarCount == scalars.count)
        let start = scalars.firstIndex(of: "“")!
        #expect(slicer.slice(start: start, end: start + 4) == "“no”")
        #expect(slicer.slice(start: start + 5, end: start + 7) == "🇰🇵")
        #expect(slicer.slice(start: -3, end: 9) == "Rodríguez")
        #expect(slicer.slice(start: 5, end: 1000).hasSuffix("today."))
        #expect(ScalarSlicer("plain ascii").slice(start: 6, end: 11) == "ascii")
    }
}
