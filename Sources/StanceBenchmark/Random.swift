/// SplitMix64: small, fast and the same on every platform, so a seed always gives the same corpus.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// Stream `stream` of `seed`: streams are unrelated (a plain `seed + stream` would give shifted
    /// copies of one sequence).
    init(seed: UInt64, stream: UInt64) {
        var mixer = SeededRandom(seed: seed ^ 0xD1B5_4A32_D192_ED03)
        let base = mixer.next()
        var second = SeededRandom(seed: base ^ (stream &* 0xA076_1D64_78BD_642F))
        state = second.next() ^ stream
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An index drawn with weights falling as 1/(rank+1): a few items dominate, as countries do in news.
    mutating func zipf(_ count: Int, weights: [Double]) -> Int {
        let total = weights.last ?? 1
        let target = Double(next() >> 11) / Double(1 << 53) * total
        var low = 0
        var high = count - 1
        while low < high {
            let middle = (low + high) / 2
            if weights[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Cumulative 1/(rank+1) weights for `zipf`.
    static func zipfWeights(_ count: Int) -> [Double] {
        var total = 0.0
        return (0..<count).map { rank in
            total += 1 / Double(rank + 1)
            return total
        }
    }
}
