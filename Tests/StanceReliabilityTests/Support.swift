import Foundation
import GRDB
import StanceModel
import Testing

@testable import StanceStore

#if canImport(Glibc)
    import Glibc
#endif

/// A temporary folder, removed with `remove()`.
struct Scratch {
    let url: URL
    var path: String { url.path }

    init(_ name: String = "reliability") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("stance-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let path = file(name)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return path
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// What a run of the `stance` executable did.
struct CLIResult {
    var status: Int32
    /// The signal that ended it, if one did.
    var signal: Int32?
    var output: String
    var error: String

    /// Standard error's lines.
    var errorLines: [String] { error.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
}

/// Runs the `stance` executable built beside this test bundle (`swift build` builds it with the tests).
enum StanceCLI {
    static let binary: String? = {
        var candidates: [URL] = []
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates.append(bundle.appendingPathComponent("stance"))
        // `…/debug/stancePackageTests.xctest/Contents/MacOS/stancePackageTests` on macOS.
        candidates.append(
            bundle.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("stance"))
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent().appendingPathComponent("stance"))
        }
        return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func requireBinary() throws -> String {
        guard let binary else {
            Issue.record("the stance executable is not beside the test bundle; build it (`swift build --build-tests`)")
            throw CancellationError()
        }
        return binary
    }

    /// A started `stance` process; output and errors go to files so no pipe can fill up and block it.
    final class Running {
        let process: Process
        let outputURL: URL
        let errorURL: URL
        let folder: Scratch

        init(_ arguments: [String], stdin: Data?, environment: [String: String], directory: String?) throws {
            let binary = try StanceCLI.requireBinary()
            folder = try Scratch("cli")
            outputURL = folder.url.appendingPathComponent("stdout")
            errorURL = folder.url.appendingPathComponent("stderr")
            try Data().write(to: outputURL)
            try Data().write(to: errorURL)
            process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            var merged = ProcessInfo.processInfo.environment
            merged["NO_COLOR"] = "1"
            merged.removeValue(forKey: "STANCE_RULES")
            merged.removeValue(forKey: "STANCE_DB")
            // A crash report on standard error would only slow a killed process down.
            merged["SWIFT_BACKTRACE"] = "enable=no"
            for (key, value) in environment { merged[key] = value }
            process.environment = merged
            if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
            process.standardOutput = try FileHandle(forWritingTo: outputURL)
            process.standardError = try FileHandle(forWritingTo: errorURL)
            if let stdin {
                let inputURL = folder.url.appendingPathComponent("stdin")
                try stdin.write(to: inputURL)
                process.standardInput = try FileHandle(forReadingFrom: inputURL)
            } else {
                process.standardInput = FileHandle.nullDevice
            }
            try process.run()
        }

        var pid: Int32 { process.processIdentifier }

        func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

        /// Waits for the process to end (killing it after `timeout` seconds) and collects its output.
        func finish(timeout: Double = 300) throws -> CLIResult {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning {
                if Date() > deadline {
                    kill(process.processIdentifier, SIGKILL)
                    process.waitUntilExit()
                    Issue.record("stance \(process.arguments ?? []) did not finish within \(timeout) s")
                    break
                }
                usleep(5_000)
            }
            process.waitUntilExit()
            defer { folder.remove() }
            let signal = process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil
            return CLIResult(
                status: process.terminationStatus, signal: signal,
                output: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
                error: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
        }

        /// Standard error so far.
        func errorSoFar() -> String {
            String(decoding: (try? Data(contentsOf: errorURL)) ?? Data(), as: UTF8.self)
        }
    }

    static func start(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:], directory: String? = nil
    ) throws -> Running {
        try Running(arguments, stdin: stdin, environment: environment, directory: directory)
    }

    @discardableResult
    static func run(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:], directory: String? = nil,
        timeout: Double = 300
    ) throws -> CLIResult {
        try start(arguments, stdin: stdin, environment: environment, directory: directory).finish(timeout: timeout)
    }
}

/// Deterministic pseudo-random numbers (SplitMix64), so a failing kill point can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Articles shaped like real news: quotes, reported speech, countries, dates.
enum Corpus {
    static let sentences = [
        "\"We must raise pressure on North Korea,\" Japanese Foreign Minister Taro Kono said on Tuesday.",
        "\"This is not a time for dialogue. This is a time for pressure,\" Japan's foreign ministry spokesman Norio Maruyama told reporters.",
        "China's foreign ministry spokesman Geng Shuang urged all parties to exercise restraint.",
        "Russia opposes new sanctions against Pyongyang, Foreign Minister Sergei Lavrov said.",
        "The United States will impose new sanctions on North Korea, Treasury Secretary Steven Mnuchin said.",
        "South Korean President Moon Jae-in said dialogue with the North remained the only way forward.",
        "The talks ended without agreement and officials left the building after a long day of meetings.",
        "Markets in Seoul were calm on Wednesday as traders waited for news from the capital.",
        "The European Union called for restraint and urged talks with Pyongyang.",
        "\"We are ready to talk at any time,\" the North Korean envoy told reporters in Geneva.",
    ]

    /// Document `index` of a corpus: a few sentences chosen by the index, a unique closing line.
    static func article(_ index: Int, sentenceCount: Int = 4) -> String {
        var generator = SeededGenerator(seed: UInt64(index) &* 7919 &+ 17)
        var parts: [String] = []
        for _ in 0..<sentenceCount { parts.append(sentences[Int(generator.next() % UInt64(sentences.count))]) }
        parts.append("(Reporting by desk \(index).)")
        return parts.joined(separator: "\n")
    }

    /// One JSON Lines document.
    static func jsonLine(id: String, date: String? = "2017-09-15", text: String) -> String {
        var fields = ["\"id\":\(json(id))"]
        if let date { fields.append("\"date\":\(json(date))") }
        fields.append("\"text\":\(json(text))")
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// `count` documents `prefix-0` … as JSON Lines.
    static func jsonLines(count: Int, prefix: String = "doc", first: Int = 0, sentenceCount: Int = 4) -> String {
        (first..<(first + count)).map { index in
            jsonLine(id: "\(prefix)-\(index)", date: day(index), text: article(index, sentenceCount: sentenceCount))
        }.joined(separator: "\n") + "\n"
    }

    static func day(_ index: Int) -> String {
        Day(iso: "2017-01-01")!.adding(days: index % 365).iso
    }

    static func json(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 { result += String(format: "\\u%04x", scalar.value) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }
}

/// What a database holds, document by document, for comparing runs.
struct StoredState: Equatable, CustomStringConvertible {
    /// Document key → (statements, labels).
    var documents: [String: Counts]

    struct Counts: Equatable {
        var statements: Int
        var labels: Int
    }

    var description: String { "\(documents.count) documents" }
}

enum Inspect {
    /// Opens the database (as any command would), checks it, and reads what each document holds.
    static func state(of path: String) throws -> StoredState {
        let database = try StanceDatabase.open(path: path)
        defer { try? database.close() }
        return try state(of: database)
    }

    static func state(of database: StanceDatabase) throws -> StoredState {
        var documents: [String: StoredState.Counts] = [:]
        let rows = try database.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT d.key, (SELECT count(*) FROM statement s WHERE s.document_id = d.id),
                           (SELECT count(*) FROM label l WHERE l.document_id = d.id)
                    FROM document d
                    """)
        }
        for row in rows {
            let key: String = row[0]
            #expect(documents[key] == nil, "document \(key) stored twice")
            documents[key] = StoredState.Counts(statements: row[1], labels: row[2])
        }
        return StoredState(documents: documents)
    }

    /// Runs a query on an open database.
    static func rows(_ database: StanceDatabase, _ sql: String) throws -> [Row] {
        try database.writer.read { db in try Row.fetchAll(db, sql: sql) }
    }

    static func integer(_ database: StanceDatabase, _ sql: String) throws -> Int {
        try database.writer.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }
}

extension StanceDatabase {
    /// Folds the WAL into the main file, so the file's bytes are the whole database.
    func checkpointForTests() throws {
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// SQLite's `max_page_count` on the writer connection: a database that fills up like a disk.
    func limitPagesForTests(_ pages: Int) throws {
        try writer.writeWithoutTransaction { db in _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages)") }
    }
}
