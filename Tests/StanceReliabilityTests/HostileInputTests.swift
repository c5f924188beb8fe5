import Foundation
import StanceModel
import StancePipeline
import StanceRules
import StanceText
import Testing

@testable import StanceStore

#if canImport(Glibc)
    import Glibc
#endif

/// Bad input through the real `stance` executable: each case asserts the exact message (file, line or
/// byte offset, what was expected), that the rest of the batch is stored, and that what the database
/// held before is intact.
@Suite(.serialized) struct HostileInputTests {
    /// A database holding five good documents, and what they hold.
    static func baseline(_ scratch: Scratch) throws -> (db: String, state: StoredState) {
        let db = scratch.file("stance.sqlite")
        let feed = try scratch.write("baseline.jsonl", Corpus.jsonLines(count: 5, prefix: "baseline"))
        let result = try StanceCLI.run(["ingest", feed, "--db", db, "--quiet"])
        #expect(result.status == 0, "\(result.error)")
        let state = try Inspect.state(of: db)
        #expect(state.documents.count == 5)
        return (db, state)
    }

    /// Every baseline document is still there with the same statements and labels, and SQLite finds
    /// nothing wrong with the file.
    static func expectIntact(_ db: String, _ before: StoredState, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let database = try StanceDatabase.open(path: db)
        defer { try? database.close() }
        #expect(try database.integrityProblems() == [], sourceLocation: sourceLocation)
        let now = try Inspect.state(of: database)
        for (key, counts) in before.documents {
            #expect(now.documents[key] == counts, "document \(key)", sourceLocation: sourceLocation)
        }
    }

    /// The summary line without its timing.
    static func summary(_ result: CLIResult) -> String? {
        result.errorLines.first { $0.hasPrefix("read ") }.map { line in
            String(line[..<(line.range(of: " labels;")?.upperBound ?? line.endIndex)])
        }
    }

    @Test func invalidUTF8IsReplacedWithAWarningNamingTheByteAndLine() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (db, before) = try Self.baseline(scratch)
        var bytes = Array("date 2017-09-15\nJapan said it would raise pressure.\n".utf8)
        bytes += [0x53, 0x65, 0x6F, 0x75, 0x6C, 0xFF, 0xFE]  // "Seoul" then two bytes that are not UTF-8
        bytes += Array(" \"We must raise pressure on North Korea,\" Japanese Foreign Minister Taro Kono said.\n".utf8)
        let file = try scratch.write("latin1.txt", Data(bytes))

        let result = try StanceCLI.run(["ingest", file, "--db", db, "--quiet"])
        #expect(result.status == 0)
        #expect(result.errorLines.first == "\(file):3: warning: invalid UTF-8 at byte 57, replaced with U+FFFD")
        #expect(Self.summary(result)?.hasPrefix("read 1 documents: 1 new, 0 unchanged, 0 replaced, 0 failed;") == true)
        let export = try StanceCLI.run(["export", "--db", db])
        #expect(export.output.contains("Seoul\u{FFFD}\u{FFFD}") || export.output.contains("latin1"))
        try Self.expectIntact(db, before)
        #expect(try Inspect.state(of: db).documents["latin1"] != nil)
    }

    @Test func binaryEmptyAndMissingFilesAreReportedAndTheBatchGoesOn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (db, before) = try Self.baseline(scratch)
        let folder = scratch.file("inbox")
        try scratch.write("inbox/a-good.txt", Corpus.article(101))
        try scratch.write("inbox/b-image.txt", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]))
        try scratch.write("inbox/c-empty.txt", Data())
        try scratch.write("inbox/d-blank.md", " \n\t\n\n")
        try scratch.write("inbox/e-good.md", Corpus.article(102))
        let missing = scratch.file("nowhere.txt")

        let result = try StanceCLI.run(["ingest", folder, missing, "--db", db, "--quiet", "--date", "2017-09-15"])
        #expect(result.status == 0)
        #expect(
            result.errorLines.dropLast() == [
                "\(folder)/b-image.txt: error: binary file, expected text",
                "\(folder)/c-empty.txt: error: empty file",
                "\(folder)/d-blank.md: error: empty file (only whitespace)",
                "\(missing): error: No such file or directory",
            ])
        #expect(Self.summary(result)?.hasPrefix("read 6 documents: 2 new, 0 unchanged, 0 replaced, 4 failed;") == true)
        let state = try Inspect.state(of: db)
        #expect(state.documents["a-good"] != nil && state.documents["e-good"] != nil)
        try Self.expectIntact(db, before)

        // --strict stops at the first bad file, with exit status 1; nothing after it is stored.
        let strictDB = scratch.file("strict.sqlite")
        let strict = try StanceCLI.run(["ingest", folder, "--db", strictDB, "--quiet", "--strict", "--date", "2017-09-15"])
        #expect(strict.status == 1)
        #expect(strict.errorLines.last == "Error: \(folder)/b-image.txt: error: binary file, expected text")
        #expect(Set(try Inspect.state(of: strictDB).documents.keys).isSubset(of: ["a-good"]))
    }

    @Test func malformedJSONLinesNameTheLineAndColumnAndTheRestIsStored() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (db, before) = try Self.baseline(scratch)
        let lines = [
            Corpus.jsonLine(id: "ok-1", text: Corpus.article(201)),
            #"{"id": "broken", "text": "Talks resume." "date": "2017-09-15"}"#,
            #"{"id": "cut short", "text": "Talks resu"#,
            "",
            #"["an", "array"]"#,
            #"{"id": "no-text", "title": "Talks"}"#,
            #"{"id": "number-text", "text": 12}"#,
            #"{"id": ["a"], "text": "Talks resume."}"#,
            #"{"id": "bad-date-type", "text": "Talks resume.", "date": 20170915}"#,
            #"{"id": "bad-source", "text": "Talks resume.", "source": {"name": "AP"}}"#,
            #"{"id": "empty-text", "text": "   "}"#,
            Corpus.jsonLine(id: "ok-2", text: Corpus.article(202)),
        ]
        let feed = try scratch.write("feed.jsonl", lines.joined(separator: "\n") + "\n")

        let result = try StanceCLI.run(["ingest", feed, "--db", db, "--quiet"])
        #expect(result.status == 0)
        #expect(
            result.errorLines.dropLast() == [
                "\(feed):2:42: error: expected ',' or '}' after a value",
                "\(feed):3:29: error: the string is not closed",
                "\(feed):5:1: error: expected a JSON object with a string field \"text\"",
                "\(feed):6: error: expected a JSON object with a string field \"text\"",
                "\(feed):7: error: field \"text\" must be a string, found 12",
                "\(feed):8: error: field \"id\" must be a string or a number, found an array",
                "\(feed):9: error: field \"date\" must be a date YYYY-MM-DD, found 20170915",
                "\(feed):10: error: field \"source\" must be a string, found an object",
                "\(feed):11: error: field \"text\" is empty",
            ])
        #expect(Self.summary(result)?.hasPrefix("read 11 documents: 2 new, 0 unchanged, 0 replaced, 9 failed;") == true)
        let state = try Inspect.state(of: db)
        #expect(state.documents["ok-1"] != nil && state.documents["ok-2"] != nil)
        try Self.expectIntact(db, before)

        // With --strict the run stops at line 2 (exit status 1); nothing after it is stored.
        let strictDB = scratch.file("strict.sqlite")
        let strict = try StanceCLI.run(["ingest", feed, "--db", strictDB, "--quiet", "--strict"])
        #expect(strict.status == 1)
        #expect(strict.errorLines.first == "\(feed):2:42: error: expected ',' or '}' after a value")
        #expect(strict.errorLines.last == "Error: \(feed):2:42: error: expected ',' or '}' after a value")
        #expect(Set(try Inspect.state(of: strictDB).documents.keys).isSubset(of: ["ok-1"]))
    }

    @Test func impossibleDatesAreRefusedWhereverTheyAreWritten() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (db, before) = try Self.baseline(scratch)
        let feed = try scratch.write(
            "dates.jsonl",
            [
                Corpus.jsonLine(id: "feb-30", date: "2017-02-30", text: Corpus.article(301)),
                Corpus.jsonLine(id: "month-13", date: "2017-13-01", text: Corpus.article(302)),
                Corpus.jsonLine(id: "leap-day", date: "2016-02-29", text: Corpus.article(303)),
                Corpus.jsonLine(id: "not-leap", date: "2017-02-29", text: Corpus.article(304)),
            ].joined(separator: "\n"))
        let dateLine = try scratch.write("dateline.txt", "\ndate 2017-02-30\n" + Corpus.article(305))
        let frontMatter = try scratch.write("front.md", "---\ntitle: Talks\ndate: 2017-04-31\n---\n" + Corpus.article(306))

        let result = try StanceCLI.run(["ingest", feed, dateLine, frontMatter, "--db", db, "--quiet"])
        #expect(result.status == 0)
        #expect(
            result.errorLines.dropLast() == [
                "\(feed):1: error: field \"date\" must be a date YYYY-MM-DD, found \"2017-02-30\"",
                "\(feed):2: error: field \"date\" must be a date YYYY-MM-DD, found \"2017-13-01\"",
                "\(feed):4: error: field \"date\" must be a date YYYY-MM-DD, found \"2017-02-29\"",
                "\(dateLine):2: error: the date line gives \"2017-02-30\", which is not a valid date (YYYY-MM-DD)",
                "\(frontMatter):3: error: front matter \"date\" must be a date YYYY-MM-DD, found \"2017-04-31\"",
            ])
        #expect(Set(try Inspect.state(of: db).documents.keys).subtracting(before.documents.keys) == ["leap-day"])
        try Self.expectIntact(db, before)
    }

    /// Decision (README "Reliability"): a date after tomorrow is stored as given, with a warning. A
    /// scraper's clock or time zone can be a day ahead; refusing would lose the article, and the date
    /// is visible in every report.
    @Test func futureDatesAreStoredWithAWarning() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (db, before) = try Self.baseline(scratch)
        let today = Day(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
        let tomorrow = today.adding(days: 1)
        let later = today.adding(days: 400)
        let feed = try scratch.write(
            "future.jsonl",
            [
                Corpus.jsonLine(id: "tomorrow", date: tomorrow.iso, text: Corpus.article(401)),
                Corpus.jsonLine(id: "next-year", date: later.iso, text: Corpus.article(402)),
            ].joined(separator: "\n"))

        let result = try StanceCLI.run(["ingest", feed, "--db", db, "--quiet"])
        #expect(result.status == 0)
        #expect(
            result.errorLines.dropLast() == [
                "\(feed):2: warning: date \(later) is in the future (today is \(today)); stored as given: check the source"
            ])
        let stored = try Inspect.state(of: db).documents
        #expect(stored["tomorrow"] != nil && stored["next-year"] != nil)
        try Self.expectIntact(db, before)
    }

    @Test func aLineOfSeveralMegabytesIsStoredAndLaterLinesKeepTheirNumbers() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (db, before) = try Self.baseline(scratch)
        // 3 MB of ordinary prose on one line, with a quote every few hundred sentences.
        var paragraphs: [String] = []
        var size = 0
        var index = 0
        while size < 3_000_000 {
            let sentence = index % 300 == 0 ? Corpus.sentences[0] : Corpus.sentences[6 + index % 2]
            paragraphs.append(sentence)
            size += sentence.utf8.count + 1
            index += 1
        }
        let long = paragraphs.joined(separator: " ")
        let feed = try scratch.write(
            "long.jsonl",
            [
                Corpus.jsonLine(id: "before", text: Corpus.article(501)),
                Corpus.jsonLine(id: "long", text: long),
                #"{"id": "bad", "text": }"#,
                Corpus.jsonLine(id: "after", text: Corpus.article(502)),
            ].joined(separator: "\n"))

        let result = try StanceCLI.run(["ingest", feed, "--db", db, "--quiet"], timeout: 600)
        #expect(result.status == 0)
        #expect(result.errorLines.dropLast() == ["\(feed):3:23: error: expected a value (string, number, object, array, true, false or null)"])
        let state = try Inspect.state(of: db)
        #expect(state.documents["before"] != nil && state.documents["after"] != nil)
        #expect((state.documents["long"]?.statements ?? 0) >= 10)
        let database = try StanceDatabase.open(path: db)
        defer { try? database.close() }
        #expect(try Inspect.integer(database, "SELECT byte_count FROM document WHERE key = 'long'") == long.utf8.count)
        try Self.expectIntact(db, before)
    }

    /// The reader holds a 200 MB file once and hands it over whole; the full ingest of it is opt-in
    /// (STANCE_RELIABILITY_LARGE=1, several minutes in a debug build), and so is a 16 MB JSON line.
    @Test func aFileOf200MegabytesIsReadWhole() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.file("huge.txt")
        let paragraph = Array((Corpus.sentences.joined(separator: " ") + "\n").utf8)
        let target = 200 << 20
        guard let handle = FileHandle(forWritingAtPath: try scratch.write("huge.txt", "date 2017-09-15\n")) else {
            Issue.record("cannot write \(path)")
            return
        }
        try handle.seekToEnd()
        var chunk: [UInt8] = []
        while chunk.count < 1 << 20 { chunk += paragraph }
        var written = 16
        while written < target {
            let piece = chunk.prefix(min(chunk.count, target - written))
            handle.write(Data(piece))
            written += piece.count
        }
        try handle.close()

        var documents: [SourceDocument] = []
        for element in DocumentReader(paths: [path]) {
            switch element {
            case .success(let document): documents.append(document)
            case .failure(let diagnostic): Issue.record("\(diagnostic)")
            }
        }
        #expect(documents.count == 1)
        #expect(documents.first?.text.utf8.count == target)
        #expect(documents.first?.metadata.date == Day(iso: "2017-09-15"))
        #expect(documents.first?.warnings == [])
        documents.removeAll()

        guard ProcessInfo.processInfo.environment["STANCE_RELIABILITY_LARGE"] == "1" else { return }
        let db = scratch.file("huge.sqlite")
        let result = try StanceCLI.run(["ingest", path, "--db", db, "--quiet"], timeout: 3600)
        #expect(result.status == 0, "\(result.error)")
        let database = try StanceDatabase.open(path: db)
        defer { try? database.close() }
        #expect(try Inspect.integer(database, "SELECT byte_count FROM document WHERE key = 'huge'") == target)
        #expect(try database.integrityProblems() == [])
    }

    // MARK: Rules

    /// A small rules folder whose messages do not change when Rules/ does.
    static func rulesFolder(_ scratch: Scratch, extra: [String: String]) throws -> String {
        try scratch.write(
            "rules/actors/countries.yaml",
            """
            countries:
              - code: JPN
                name: Japan
                adjectives: [Japanese]
              - code: PRK
                name: North Korea
                adjectives: [North Korean]
            """)
        try scratch.write(
            "rules/pressure/raise-pressure.yaml",
            """
            stance: pressure
            polarity: support
            description: Calls to raise pressure.
            patterns:
              - raise pressure
            examples:
              match:
                - We must raise pressure on North Korea.
            """)
        for (path, contents) in extra { try scratch.write("rules/" + path, contents) }
        return scratch.file("rules")
    }

    /// Rule errors come as file:line:column with what would be valid; `ingest` refuses to run with
    /// rules that do not check, and the database is left as it was.
    static func expectRulesRefused(_ extra: [String: String], errors: (String) -> [String]) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (db, before) = try baseline(scratch)
        let rules = try rulesFolder(scratch, extra: extra)
        let check = try StanceCLI.run(["rules", "check", "--rules", rules])
        #expect(check.status == 1)
        #expect(check.errorLines.filter { $0.contains(": error: ") } == errors(rules))

        let feed = try scratch.write("more.jsonl", Corpus.jsonLines(count: 3, prefix: "more"))
        let ingest = try StanceCLI.run(["ingest", feed, "--db", db, "--rules", rules, "--quiet"])
        #expect(ingest.status == 1)
        let count = errors(rules).count
        #expect(
            ingest.errorLines.last
                == "Error: the rules do not check (\(count) error\(count == 1 ? "" : "s")); fix them or run `stance rules check`")
        #expect(try Inspect.state(of: db) == before)
        try expectIntact(db, before)
    }

    @Test func unknownCountryCodesInRulesAreErrorsWithASuggestion() throws {
        try Self.expectRulesRefused(
            [
                "pressure/urge-pressure.yaml": """
                stance: pressure
                polarity: support
                description: Urging pressure.
                patterns:
                  - urge pressure
                when:
                  speaker: [JPM]
                target: XYZW
                examples:
                  match:
                    - We urge pressure on them.
                """
            ],
            errors: { rules in
                [
                    "\(rules)/pressure/urge-pressure.yaml:7:13: error: unknown country code 'JPM' in 'speaker' condition; did you mean JPN? expected a code defined under actors/ (JPN, PRK)",
                    "\(rules)/pressure/urge-pressure.yaml:8:9: error: unknown country code 'XYZW' in 'target'; expected a code defined under actors/ (JPN, PRK)",
                ]
            })
    }

    @Test func malformedRuleFilesNameTheLineAndColumn() throws {
        try Self.expectRulesRefused(
            [
                "pressure/bad-indent.yaml": """
                stance: pressure
                polarity: support
                description: Bad indentation.
                patterns:
                  - raise the pressure
                 examples: oops
                """,
                "dialogue/bad-values.yaml": """
                stance: dialogue
                polarity: maybe
                description: Bad values.
                confidence: 2
                patterns:
                  - hold (talks|negotiations
                """,
            ],
            errors: { rules in
                [
                    "\(rules)/dialogue/bad-values.yaml:2:11: error: unknown polarity 'maybe': expected support or oppose",
                    "\(rules)/dialogue/bad-values.yaml:6:10: error: in pattern: '(' is never closed; add ')'",
                    "\(rules)/dialogue/bad-values.yaml:4:13: error: confidence must be a number above 0 and at most 1, found '2'",
                    "\(rules)/pressure/bad-indent.yaml:6:2: error: invalid YAML: did not find expected key",
                ]
            })
    }

    @Test func contradictoryRulesAreErrors() throws {
        try Self.expectRulesRefused(
            [
                "pressure/no-pressure.yaml": """
                stance: pressure
                polarity: oppose
                description: Opposing pressure.
                patterns:
                  - raise pressure
                examples:
                  match:
                    - They should not raise pressure.
                """
            ],
            errors: { rules in
                [
                    "\(rules)/pressure/raise-pressure.yaml:5:5: error: contradictory rules: pattern 'raise pressure' is support here but oppose in pressure/no-pressure (\(rules)/pressure/no-pressure.yaml); keep it in one of them"
                ]
            })
    }

    // MARK: The database file

    @Test func anUnwritableDatabasePathIsRefusedWithThePathAndTheReason() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let feed = try scratch.write("feed.jsonl", Corpus.jsonLines(count: 2))

        let missingFolder = scratch.file("no/such/folder/stance.sqlite")
        let missing = try StanceCLI.run(["ingest", feed, "--db", missingFolder, "--quiet"])
        #expect(missing.status == 1)
        #expect(
            missing.errorLines
                == ["Error: cannot write the database \(missingFolder): the folder \(scratch.file("no/such/folder")) does not exist"])

        let notAFolder = try scratch.write("plain-file", "x")
        let underFile = notAFolder + "/stance.sqlite"
        let under = try StanceCLI.run(["ingest", feed, "--db", underFile, "--quiet"])
        #expect(under.errorLines == ["Error: cannot write the database \(underFile): \(notAFolder) is not a folder"])

        let isFolder = try StanceCLI.run(["ingest", feed, "--db", scratch.path, "--quiet"])
        #expect(isFolder.errorLines == ["Error: cannot write the database \(scratch.path): it is a folder, not a file"])

        // A folder that cannot be written: a read-only file system when we are root (root ignores
        // permissions), else a folder without write permission.
        let locked = scratch.file("locked")
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
        let reason: String
        if getuid() == 0 {
            guard Mount.tmpfs(at: locked, options: "ro,size=1m") else {
                // No mount here (a container without the capability): nothing root cannot write.
                return
            }
            reason = "Read-only file system"
        } else {
            chmod(locked, 0o555)
            reason = "Permission denied"
        }
        defer {
            if getuid() == 0 { Mount.unmount(locked) } else { chmod(locked, 0o755) }
        }
        let lockedDB = locked + "/stance.sqlite"
        let refused = try StanceCLI.run(["ingest", feed, "--db", lockedDB, "--quiet"])
        #expect(refused.status == 1)
        #expect(refused.errorLines == ["Error: cannot write the database \(lockedDB): the folder \(locked) is not writable (\(reason))"])
    }

    @Test func aFileThatIsNotADatabaseOrIsCorruptIsRefusedAndLeftUntouched() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let feed = try scratch.write("feed.jsonl", Corpus.jsonLines(count: 3))
        let (good, _) = try Self.baseline(scratch)
        // Fold the WAL into the file so its bytes are the whole database.
        do {
            let database = try StanceDatabase.open(path: good)
            try database.checkpointForTests()
            try database.close()
        }
        let image = try Data(contentsOf: URL(fileURLWithPath: good))

        let notes = try scratch.write("notes.sqlite", "Analyst notes, not a database.\n")
        let truncated = try scratch.write("truncated.sqlite", image.prefix(image.count / 2))
        let headerOnly = try scratch.write("header.sqlite", image.prefix(100))
        let cases = [
            (notes, "Error: \(notes) is not a stance database (it is not an SQLite file); it was left untouched"),
            (truncated, "Error: cannot open the database \(truncated): the database is corrupt (database disk image is malformed)"),
            (headerOnly, "Error: cannot open the database \(headerOnly): the database is corrupt (database disk image is malformed)"),
        ]
        for (path, message) in cases {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            for command in [["ingest", feed], ["export"], ["report"]] {
                let result = try StanceCLI.run(command + ["--db", path, "--quiet"].filter { $0 != "--quiet" || command[0] == "ingest" })
                #expect(result.status == 1, "\(command) on \(path)")
                #expect(result.errorLines == [message], "\(command) on \(path)")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "\(path) changed")
            // At most an empty WAL beside it: nothing was written.
            let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int
            #expect(wal == nil || wal == 0, "\(path)-wal holds \(wal ?? 0) bytes")
        }
    }

    @Test func damagedPagesFoundInTheMiddleOfARunStopItWithAClearMessage() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let db = scratch.file("damaged.sqlite")
        let feed = try scratch.write("feed.jsonl", Corpus.jsonLines(count: 200))
        #expect(try StanceCLI.run(["ingest", feed, "--db", db, "--quiet"]).status == 0)
        do {
            let database = try StanceDatabase.open(path: db)
            try database.checkpointForTests()
            try database.close()
        }
        // Scribble over the middle of every page after the first few: the header and schema survive.
        var image = try Data(contentsOf: URL(fileURLWithPath: db))
        var generator = SeededGenerator(seed: 7)
        for page in stride(from: 4096 * 4, to: image.count, by: 4096) {
            for offset in 0..<200 { image[page + 1000 + offset] = UInt8(truncatingIfNeeded: generator.next()) }
        }
        try image.write(to: URL(fileURLWithPath: db))

        let more = try scratch.write("more.jsonl", Corpus.jsonLines(count: 5, prefix: "more"))
        let result = try StanceCLI.run(["ingest", more, "--db", db, "--quiet"])
        #expect(result.status == 1)
        let message = result.errorLines.last ?? ""
        #expect(message.hasPrefix("Error: "))
        #expect(message.contains("the database \(db) is damaged ("))
        #expect(message.hasSuffix("`stance doctor --db \(db)` says what can be done; the 0 documents stored by this run before it and all earlier data are intact; once that is fixed, run the same command again to store the rest"))

        let doctor = try StanceCLI.run(["doctor", "--db", db])
        #expect(doctor.status == 1)
        #expect(doctor.output.contains("PROBLEM  SQLite's integrity_check reports damage: "))
        #expect(doctor.output.contains("fix: sqlite3 \(db) .recover | sqlite3 \(db).recovered && stance doctor --fix --db \(db).recovered"))
    }

    // MARK: A full disk

    /// SQLite's `max_page_count` makes the database full after a few hundred documents: the run stops
    /// at the first document that does not fit, with one message naming it, and what was stored stays.
    @Test func aFullDatabaseStopsTheRunWithOneMessageAndKeepsWhatWasStored() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (db, before) = try Self.baseline(scratch)
        let feed = try scratch.write("feed.jsonl", Corpus.jsonLines(count: 600, prefix: "fill", first: 1000))
        let database = try StanceDatabase.open(path: db)
        defer { try? database.close() }
        let pages = try Inspect.integer(database, "PRAGMA page_count")
        try database.limitPagesForTests(pages + 60)

        let rules = try #require(RuleSet.embedded.0)
        let ingestor = Ingestor(
            database: database, processor: try DocumentProcessor(rules: rules), options: IngestOptions(jobs: 2))
        var diagnostics: [Diagnostic] = []
        do {
            _ = try ingestor.run(DocumentReader(paths: [feed]), onDiagnostic: { diagnostics.append($0) }, onProgress: { _ in })
            Issue.record("the ingest did not stop at a full database")
        } catch let error as IngestError {
            let stored = try Inspect.state(of: database).documents.count - before.documents.count
            #expect(stored > 0 && stored < 600)
            #expect(error.report.summary.documentsNew == stored)
            #expect(
                error.description
                    == "\(feed):\(stored + 1): error: cannot write the database \(db): the disk is full (database or disk is full); the \(stored) documents stored by this run before it and all earlier data are intact; once that is fixed, run the same command again to store the rest"
            )
            #expect(diagnostics == [])
        }
        #expect(try database.integrityProblems() == [])
        try Self.expectIntact(db, before)

        // With room again, the same command stores the rest, each document once.
        try database.limitPagesForTests(1 << 30)
        let again = try ingestor.run(DocumentReader(paths: [feed]), onDiagnostic: { _ in }, onProgress: { _ in })
        #expect(again.summary.documentsNew + again.summary.documentsUnchanged == 600)
        #expect(try Inspect.state(of: database).documents.count == 605)
    }

    /// Reclassify on a database that cannot grow: it stops with the reason; each document keeps its
    /// old labels or has its new ones; with room again it finishes.
    @Test func aFullDatabaseStopsReclassifyWithTheReason() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // Ingest with rules that lack most of the pressure rules, so the full rules add labels.
        let fewer = scratch.file("fewer-rules")
        try FileManager.default.copyItem(atPath: Repository.rules, toPath: fewer)
        for file in try FileManager.default.contentsOfDirectory(atPath: fewer + "/pressure") {
            try FileManager.default.removeItem(atPath: fewer + "/pressure/" + file)
        }
        let (fewerRules, _) = RuleSet.load(directory: URL(fileURLWithPath: fewer))
        let db = scratch.file("stance.sqlite")
        let feed = try scratch.write("feed.jsonl", Corpus.jsonLines(count: 300, prefix: "doc", first: 2000))
        let database = try StanceDatabase.open(path: db)
        defer { try? database.close() }
        let ingestor = Ingestor(
            database: database, processor: try DocumentProcessor(rules: try #require(fewerRules)),
            options: IngestOptions(jobs: 2))
        _ = try ingestor.run(DocumentReader(paths: [feed]), onDiagnostic: { _ in }, onProgress: { _ in })
        let before = try Inspect.integer(database, "SELECT count(*) FROM label")
        try database.checkpointForTests()
        try database.limitPagesForTests(try Inspect.integer(database, "PRAGMA page_count"))

        let full = try #require(RuleSet.embedded.0)
        let reclassifier = Reclassifier(database: database, processor: try DocumentProcessor(rules: full), jobs: 2)
        #expect(throws: StoreError.unwritable(path: db, reason: "the disk is full (database or disk is full)")) {
            _ = try reclassifier.run()
        }
        #expect(try database.integrityProblems() == [])
        #expect(try Inspect.integer(database, "SELECT count(*) FROM label") >= before)
        // Every document's labels come from one rule set.
        #expect(try Inspect.integer(database, "SELECT count(*) FROM (SELECT document_id FROM label GROUP BY document_id HAVING count(DISTINCT ruleset_id) > 1)") == 0)

        try database.limitPagesForTests(1 << 30)
        _ = try reclassifier.run()
        #expect(try Inspect.integer(database, "SELECT count(*) FROM label") > before)
        let current = try Inspect.integer(
            database, "SELECT count(*) FROM label l JOIN ruleset r ON r.id = l.ruleset_id WHERE r.version <> '\(full.version)'")
        #expect(current == 0)
    }

    /// The same through the executable on a small tmpfs, when this machine lets us mount one.
    @Test(.enabled(if: getuid() == 0)) func aFullDiskStopsTheExecutableWithExitStatus1() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let disk = scratch.file("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        guard Mount.tmpfs(at: disk, options: "size=700k") else { return }
        defer { Mount.unmount(disk) }
        let db = disk + "/stance.sqlite"
        let feed = try scratch.write("feed.jsonl", Corpus.jsonLines(count: 600, prefix: "fill"))
        let result = try StanceCLI.run(["ingest", feed, "--db", db, "--quiet"])
        #expect(result.status == 1)
        let stored = try Inspect.state(of: db).documents.count
        #expect(stored > 0 && stored < 600)
        let message = try #require(result.errorLines.last)
        #expect(message.hasPrefix("Error: \(feed):"))
        #expect(
            message.hasSuffix(
                ": error: cannot write the database \(db): the disk is full (database or disk is full); the \(stored) documents stored by this run before it and all earlier data are intact; once that is fixed, run the same command again to store the rest"
            ))
        #expect(result.errorLines.filter { $0.contains("error:") }.count == 1, "one message, not one per document")
        let database = try StanceDatabase.open(path: db)
        #expect(try database.integrityProblems() == [])
        try database.close()
    }
}

/// Mounting small file systems for the tests that need a read-only or full disk (root only).
enum Mount {
    static func tmpfs(at path: String, options: String) -> Bool {
        run("/bin/mount", ["-t", "tmpfs", "-o", options, "tmpfs", path])
    }

    static func unmount(_ path: String) { _ = run("/bin/umount", [path]) }

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: tool) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
