import ArgumentParser
import Foundation
import StanceModel
import StancePipeline
import StanceText

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read articles, find statements, classify them and store everything.",
        discussion: """
            Examples:
              stance ingest seeds
              stance ingest archive/2017/ feed.jsonl --jobs 2
              cat today.jsonl | stance ingest - --date 2024-05-01

            Inputs: text and Markdown files, folders (recursive), JSON Lines (one document a line:
            text required; id, date, source, url, title optional), and - for standard input.
            Dates come from the JSON Lines field, a leading `date YYYY-MM-DD` line, YAML front matter,
            a manifest.csv beside the files (path,date,source,url,title) or --date.
            Ingesting the same content again stores nothing new; a changed document with the same id
            replaces its earlier version.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var rules: RulesOptions
    @OptionGroup var ingest: IngestArguments

    func run() throws {
        _ = try ingest.run(database: database, rules: rules)
    }
}

/// Inputs and options shared by `ingest` and `track`.
struct IngestArguments: ParsableArguments {
    @Argument(help: "Files, folders, or - for standard input.")
    var paths: [String]

    @Option(help: "The date of documents that give none themselves (YYYY-MM-DD).")
    var date: Day?

    @Option(help: "Extraction workers (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Stop at the first bad document instead of reporting it and going on.")
    var strict = false

    @Flag(help: "No progress bar.")
    var quiet = false

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give at least one file, folder, or - for standard input") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    /// Runs the ingest and prints its one-line summary on standard error.
    func run(database: DatabaseOptions, rules: RulesOptions) throws -> IngestReport {
        let ruleSet = try rules.load()
        let store = try database.open()
        let processor = try DocumentProcessor(rules: ruleSet)
        let ingestor = Ingestor(database: store, processor: processor,
                                options: IngestOptions(jobs: jobs, strict: strict, command: CommandLine.arguments.joined(separator: " ")))
        let reader = DocumentReader(paths: paths, defaultDate: date)
        let progress = ProgressBar(enabled: !quiet && Console.stderrIsTerminal)
        Interrupt.install(ingestor.stopRequested)
        defer { Interrupt.uninstall() }
        let report: IngestReport
        do {
            report = try ingestor.run(reader, totalBytes: progress.enabled ? reader.totalBytes() : nil,
                                      onDiagnostic: { diagnostic in
                                          progress.clear()
                                          Console.error(diagnostic.description)
                                      },
                                      onProgress: progress.update)
        } catch let error as IngestError {
            progress.clear()
            Console.error(Self.summaryLine(error.report))
            throw CommandFailure(error.description)
        }
        progress.clear()
        Console.error(Self.summaryLine(report))
        if report.interrupted {
            // Documents read ahead of the stop are not stored: say what was.
            let s = report.summary
            let done = s.documentsNew + s.documentsReplaced + s.documentsUnchanged + s.documentsFailed
            Console.error("stopped on request after \(done) documents (\(s.documentsNew + s.documentsReplaced) stored by this run); run the same command again to finish (stored documents are skipped)")
        }
        return report
    }

    static func summaryLine(_ report: IngestReport) -> String {
        let s = report.summary
        var line = "read \(s.documentsRead) documents: \(s.documentsNew) new, \(s.documentsUnchanged) unchanged, "
            + "\(s.documentsReplaced) replaced, \(s.documentsFailed) failed; \(s.statements) statements, \(s.labels) labels; "
            + String(format: "%.2f s, %.2f MB/s", report.seconds, report.megabytesPerSecond)
        if report.undated > 0 {
            line += "; \(report.undated) undated (stored, left out of time-based reports)"
        }
        return line + "; rules \(report.rulesetVersion)"
    }
}

/// A one-line progress bar on standard error: documents, MB, rate and ETA.
final class ProgressBar: @unchecked Sendable {
    // Used from the ingest thread only.
    let enabled: Bool
    private var lastDraw = 0.0
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ progress: IngestProgress) {
        guard enabled, progress.seconds - lastDraw >= 0.1 || !drawn else { return }
        lastDraw = progress.seconds
        drawn = true
        let megabytes = Double(progress.bytes) / 1_048_576
        let rate = progress.seconds > 0 ? megabytes / progress.seconds : 0
        var line = String(format: "%d documents  %.1f MB  %.1f MB/s", progress.documents, megabytes, rate)
        if let total = progress.totalBytes, total > 0 {
            let fraction = min(1, Double(progress.bytes) / Double(total))
            let width = 24
            let filled = Int(fraction * Double(width))
            let remaining = rate > 0 ? (Double(total - progress.bytes) / 1_048_576) / rate : 0
            line = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
                + line + String(format: "  ETA %d:%02d", Int(remaining) / 60, Int(remaining) % 60)
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    func clear() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }
}

/// Ctrl-C asks the ingest to stop at the next document boundary; a second Ctrl-C exits at once.
enum Interrupt {
    nonisolated(unsafe) static var flag: UnsafeMutablePointer<Int32>? = nil

    static func install(_ stop: StopFlag) {
        flag = stop.pointer
        // A parent may have started us with SIGINT blocked (threads of a Swift or Java program block
        // signals, and children inherit the mask); Ctrl-C must still reach us.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        signal(SIGINT) { _ in
            guard let flag = Interrupt.flag else { exit(130) }
            if flag.pointee != 0 { exit(130) }
            flag.pointee = 1
        }
    }

    static func uninstall() {
        signal(SIGINT, SIG_DFL)
        flag = nil
    }
}
