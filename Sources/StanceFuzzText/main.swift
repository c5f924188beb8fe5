// libFuzzer target over the text pipeline: document reading (JSON Lines or text, embedded metadata,
// invalid UTF-8), boilerplate removal, segmentation, statement extraction, attribution and
// classification with the built-in rules, then reclassification of what was found.
//
//   swift build -Xswiftc -sanitize=fuzzer --product StanceFuzzText --scratch-path .build-fuzz
//   .build-fuzz/debug/StanceFuzzText fuzz/corpus/text -max_total_time=60
//
// Built normally, the executable replays the files it is given (a crash found by the fuzzer, under a
// debugger). See fuzz/README.md.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import StanceFuzzDriver
import StanceModel
import StancePipeline
import StanceRules
import StanceText

/// Built once: loading the rules costs far more than one input.
let processor: DocumentProcessor = {
    guard let rules = RuleSet.embedded.0 else { fatalError("the built-in rules do not load") }
    do {
        return try DocumentProcessor(rules: rules)
    } catch {
        fatalError("the built-in boilerplate patterns do not compile: \(error)")
    }
}()

/// Inputs up to this size go through a pipe, which holds 64 KiB without a reader.
let largestInput = 60_000

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant broken: \(message())") }
}

func checkSpan(_ span: TextSpan, within count: Int, _ what: String) {
    check(span.start >= 0 && span.end <= count, "\(what) \(span) outside the text of \(count) scalars")
}

/// Runs one input through the pipeline and checks what the store relies on: spans inside the text,
/// ordinals unique and increasing, one label list per statement when reclassifying.
func fuzzOne(_ data: UnsafeBufferPointer<UInt8>) {
    guard data.count <= largestInput else { return }
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { fatalError("pipe: \(String(cString: strerror(errno)))") }
    var written = 0
    while written < data.count {
        let got = write(fds[1], data.baseAddress! + written, data.count - written)
        if got <= 0 { fatalError("write to pipe: \(String(cString: strerror(errno)))") }
        written += got
    }
    close(fds[1])
    defer { close(fds[0]) }

    let reader = DocumentReader(paths: ["-"], defaultDate: Day(iso: "2017-07-18"), standardInput: fds[0])
    for element in reader {
        guard case .success(let document) = element else { continue }
        let scalars = document.text.unicodeScalars.count
        _ = ContentHash.of(document)
        let processed = processor.process(document)
        var lastOrdinal = -1
        for classified in processed.statements {
            let statement = classified.statement
            check(statement.ordinal > lastOrdinal, "ordinal \(statement.ordinal) after \(lastOrdinal)")
            lastOrdinal = statement.ordinal
            checkSpan(statement.span, within: scalars, "statement span")
            statement.content.forEach { checkSpan($0, within: scalars, "content span") }
            if let cue = statement.cueSpan { checkSpan(cue, within: scalars, "cue span") }
            if let mention = statement.speaker.mentionSpan { checkSpan(mention, within: scalars, "speaker span") }
            classified.labels.forEach { checkSpan($0.span, within: scalars, "label span") }
        }
        let statements = processed.statements.map(\.statement)
        let again = processor.classify(statements, text: document.text, date: document.metadata.date)
        check(again.count == statements.count, "\(again.count) label lists for \(statements.count) statements")
        again.joined().forEach { checkSpan($0.span, within: scalars, "reclassified label span") }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func stanceFuzzText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    fuzzOne(UnsafeBufferPointer(start: data, count: size))
    return 0
}

exit(stance_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv) { data, size in stanceFuzzText(data, size) })
