// libFuzzer target over the rule loader: YAML parsing, validation with file:line:column diagnostics,
// the pattern language, cross-file checks (unknown codes, lists, contradictions), compiling the matcher,
// and, when the fuzzed rules load, running their examples and classifying a short article with them.
//
// An input is one or more files: lines `#% PATH` start a file at PATH (relative to a rules folder,
// e.g. `#% pressure/raise.yaml`); text before the first such line goes to `pressure/fuzz.yaml`. A small
// actors file is always added, unless the input brings its own `actors/countries.yaml`.
//
//   swift build -Xswiftc -sanitize=fuzzer --product StanceFuzzRules --scratch-path .build-fuzz
//   .build-fuzz/debug/StanceFuzzRules fuzz/corpus/rules -max_total_time=60
//
// Built normally, the executable replays the files it is given. See fuzz/README.md.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation
import StanceFuzzDriver
import StanceModel
import StanceRules
import StanceText

let baseActors = """
    countries:
      - code: PRK
        name: North Korea
        aliases: [DPRK]
        adjectives: [North Korean]
        capitals: [Pyongyang]
      - code: JPN
        name: Japan
        adjectives: [Japanese]
        capitals: [Tokyo]
      - code: USA
        name: United States
        aliases: [US, U.S.]
        adjectives: [American]
        capitals: [Washington]
      - code: EU
        name: European Union
        body: true
    bodies:
      - name: foreign ministry
        aliases: [ministry of foreign affairs]
    people:
      - name: Taro Kono
        country: JPN
        roles:
          - title: foreign minister
            from: 2017-08-03
            to: 2019-09-11
    titles: [foreign minister, spokesman]
    generic-sources: [officials]
    """

let article = """
    date 2017-09-15
    "We must raise pressure on North Korea," Japanese Foreign Minister Taro Kono said on Tuesday.
    The United States does not support new sanctions, officials said. "Dialogue is the only way," he added.
    The European Union called for restraint and urged talks with Pyongyang.
    """

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant broken: \(message())") }
}

/// Splits an input into rule files at `#% PATH` lines.
func files(from text: String) -> [RuleFile] {
    var files: [RuleFile] = []
    var path = "pressure/fuzz.yaml"
    var lines: [Substring] = []
    func flush() {
        if !lines.isEmpty || !files.isEmpty || path != "pressure/fuzz.yaml" {
            files.append(RuleFile(path: path, contents: lines.joined(separator: "\n")))
        }
        lines = []
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("#% ") {
            flush()
            path = String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces)
        } else {
            lines.append(line)
        }
    }
    flush()
    if !files.contains(where: { $0.path == "actors/countries.yaml" }) {
        files.append(RuleFile(path: "actors/countries.yaml", contents: baseActors))
    }
    return files
}

func fuzzOne(_ data: UnsafeBufferPointer<UInt8>) {
    guard data.count <= 20_000 else { return }
    let text = String(decoding: data, as: UTF8.self)
    let (set, diagnostics) = RuleSet.load(files: files(from: text), prefix: "Rules/")
    for diagnostic in diagnostics {
        // Every diagnostic points somewhere a reader can go.
        check(diagnostic.file != nil, "diagnostic without a file: \(diagnostic)")
        if let line = diagnostic.line { check(line >= 1, "line \(line) in \(diagnostic)") }
        if let column = diagnostic.column { check(column >= 1, "column \(column) in \(diagnostic)") }
        _ = diagnostic.description
    }
    let hasError = diagnostics.contains { $0.severity == .error }
    check(hasError == (set == nil), "errors \(hasError) but rule set \(set == nil ? "missing" : "present")")
    guard let set else { return }

    _ = set.runExamples()
    let boilerplate = (try? BoilerplateFilter(lines: set.boilerplateLines, cuts: set.boilerplateCuts)) ?? .none
    let extractor = StatementExtractor(lexicon: set.lexicon, boilerplate: boilerplate)
    for sample in [article] + set.examples.prefix(8).map(\.text) {
        let analysis = extractor.analyze(text: sample, date: Day(iso: "2017-09-15"))
        let context = ClassificationContext(
            text: analysis.text, tokens: analysis.tokens, date: Day(iso: "2017-09-15"), lexicon: set.lexicon)
        let scalars = sample.unicodeScalars.count
        for statement in analysis.statements {
            for label in set.classify(statement, in: context) {
                check(label.span.start >= 0 && label.span.end <= scalars, "label span \(label.span) outside \(scalars)")
                check(set.rule(id: label.rule) != nil, "label from unknown rule \(label.rule)")
            }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func stanceFuzzRules(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    fuzzOne(UnsafeBufferPointer(start: data, count: size))
    return 0
}

exit(stance_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv) { data, size in stanceFuzzRules(data, size) })
