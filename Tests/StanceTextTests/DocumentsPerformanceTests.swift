import Foundation
import StanceModel
import Testing

@testable import StanceText

/// Reading throughput and memory on a large JSON Lines file and a folder of text files. Off by
/// default: `STANCE_DOCUMENTS_PERF=1 swift test -c release -Xswiftc -enable-testing --filter DocumentsPerformance`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["STANCE_DOCUMENTS_PERF"] == "1"))
struct DocumentsPerformanceTests {
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func peakResidentMegabytes() -> Int {
        var usage = rusage()
        #if canImport(Glibc)
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return usage.ru_maxrss / 1024  // kilobytes on Linux
        #else
            getrusage(RUSAGE_SELF, &usage)
            return usage.ru_maxrss / 1_048_576  // bytes on macOS
        #endif
    }

    @Test func readingAndHashingThroughput() throws {
        let folder = try InputFolder()
        let paragraph = String(repeating: "\\\"This is not a time for dialogue,\\\" Japan's foreign ministry spokesman Norio Maruyama told reporters in New York, where Rodríguez said “no”. ", count: 20)
        let path = folder.path("archive.jsonl")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var chunk = ""
        for index in 0..<60_000 {
            chunk += #"{"id": "doc-\#(index)", "date": "2017-07-18", "source": "Wire", "extra": {"tags": ["a", "b"]}, "text": "\#(paragraph) \#(index)"}"# + "\n"
            if chunk.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        try handle.write(contentsOf: Data(chunk.utf8))
        try handle.close()
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0

        let before = Self.cpuSeconds()
        var documents = 0
        var hashes = Set<String>()
        for element in DocumentReader(paths: [path]) {
            guard case .success(let document) = element else { continue }
            documents += 1
            if documents % 1000 == 0 { hashes.insert(ContentHash.of(document)) } else { _ = ContentHash.of(document) }
        }
        let seconds = Self.cpuSeconds() - before
        print("jsonl: \(documents) documents, \(size / 1_000_000) MB in \(seconds) s CPU: \(Double(size) / 1e6 / seconds) MB/s, peak RSS \(Self.peakResidentMegabytes()) MB")
        #expect(documents == 60_000)
    }
}
