import StanceModel
import StanceReports
import StanceStore
import Testing

@Suite struct PositionIndexTests {
    @Test func undefinedWithoutLabels() {
        #expect(StanceTally().positionIndex == nil)
        #expect(PositionIndex.text(nil) == "·")
        #expect(PositionIndex.plain(nil) == nil)
    }

    /// One label alone gives ±1 by its lean: supporting pressure or sanctions and opposing dialogue or
    /// restraint are the hard line.
    @Test(arguments: StancePosition.all) func oneLabel(_ position: StancePosition) {
        let tally = StanceTally([position: 1])
        let expected: Double = switch (position.stance, position.polarity) {
        case (.pressure, .support), (.sanctions, .support), (.dialogue, .oppose), (.restraint, .oppose): 1
        default: -1
        }
        #expect(tally.positionIndex == expected)
        #expect(position.lean == Int(expected))
    }

    @Test func allOneWay() {
        let hard = StanceTally(Dictionary(uniqueKeysWithValues: StancePosition.leaning(1).map { ($0, 5) }))
        let soft = StanceTally(Dictionary(uniqueKeysWithValues: StancePosition.leaning(-1).map { ($0, 3) }))
        #expect(hard.positionIndex == 1)
        #expect(soft.positionIndex == -1)
        #expect(PositionIndex.text(hard.positionIndex) == "+1.00")
        #expect(PositionIndex.text(soft.positionIndex) == "−1.00")
        #expect(StancePosition.leaning(1).count == 4 && StancePosition.leaning(-1).count == 4)
    }

    @Test func balancedIsZero() {
        let tally = StanceTally([StancePosition(.pressure, .support): 2, StancePosition(.dialogue, .support): 2])
        #expect(tally.positionIndex == 0)
        #expect(PositionIndex.text(0) == "0.00")
        #expect(PositionIndex.plain(0) == "0")
    }

    @Test func meanOverLabels() {
        // Japan in July: dialogue opposed, pressure twice, dialogue supported, sanctions twice: (1+1+1-1+1+1)/6.
        let tally = StanceTally([
            StancePosition(.dialogue, .oppose): 1, StancePosition(.pressure, .support): 2,
            StancePosition(.dialogue, .support): 1, StancePosition(.sanctions, .support): 2,
        ])
        #expect(tally.labels == 6)
        #expect(tally.leanSum == 4)
        #expect(abs(tally.positionIndex! - 4.0 / 6.0) < 1e-12)
        #expect(PositionIndex.text(tally.positionIndex) == "+0.67")
        #expect(PositionIndex.plain(tally.positionIndex) == "0.6667")
        #expect(PositionIndex.plain(-0.25) == "-0.25")
        #expect(PositionIndex.text(-0.004) == "0.00")
    }

    @Test func directionNeedsEvidenceOnBothSides() {
        func change(before: StanceTally, _ beforeStatements: Int, after: StanceTally, _ afterStatements: Int) -> CompareReport.CountryChange {
            CompareReport.CountryChange(
                country: "JPN", before: before, beforeStatements: beforeStatements, after: after,
                afterStatements: afterStatements)
        }
        let soft = StanceTally([StancePosition(.dialogue, .support): 3])
        let hard = StanceTally([StancePosition(.pressure, .support): 3])
        let options = CompareReport.Options(minStatements: 3, minChange: 0.1, examples: 3)
        #expect(CompareReport.judge(change(before: soft, 3, after: hard, 3), options: options).direction == .hardened)
        #expect(CompareReport.judge(change(before: hard, 3, after: soft, 3), options: options).direction == .softened)
        #expect(CompareReport.judge(change(before: soft, 2, after: hard, 3), options: options).direction == .unchanged)
        #expect(CompareReport.judge(change(before: soft, 3, after: StanceTally(), 0), options: options).direction == .unchanged)
        let nearly = StanceTally([StancePosition(.pressure, .support): 11, StancePosition(.dialogue, .support): 9])
        let same = StanceTally([StancePosition(.pressure, .support): 1, StancePosition(.dialogue, .support): 1])
        // 0.1 exactly counts as a move; just under does not.
        #expect(CompareReport.judge(change(before: same, 5, after: nearly, 5), options: options).direction == .hardened)
        let options2 = CompareReport.Options(minStatements: 3, minChange: 0.11, examples: 3)
        #expect(CompareReport.judge(change(before: same, 5, after: nearly, 5), options: options2).direction == .unchanged)
    }
}
