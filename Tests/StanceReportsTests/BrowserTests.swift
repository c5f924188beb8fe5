import Foundation
import StanceModel
import StanceReports
import StanceStore
import Testing

/// The HTML reports in a real browser: headless Chromium loads each page, and browser-check.sh
/// asserts no console errors, nothing fetched, no broken links, and charts laid out with marks.
/// Skipped when Chromium is not installed (CI installs the Debian package `chromium`).
@Suite(.enabled(if: Chromium.path != nil, "Chromium is not installed (apt-get install -y chromium)"))
struct BrowserTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("browser-check.sh")

    /// Runs the check on pages; returns its exit status and output.
    func check(_ pages: [String: String], minCharts: Int = 1) throws -> (Int32, String) {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for (name, html) in pages.sorted(by: { $0.key < $1.key }) {
            let url = folder.appendingPathComponent(name)
            try html.write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.script.path, "--min-charts", String(minCharts)] + paths
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test func reportsLoadWithoutErrorsAndDrawTheirCharts() throws {
        let (status, output) = try check([
            "report.html": try GoldenTests.positions().render(.html),
            "actor.html": try GoldenTests.actor().render(.html),
            "compare.html": try GoldenTests.compare().render(.html),
        ])
        #expect(status == 0, "\(output)")
        // The positions page: a timeline and one bar chart per country.
        #expect(output.contains("ok   report.html: charts=4;drawn=4"), "\(output)")
        #expect(output.contains("ok   actor.html: charts=2;drawn=2"), "\(output)")
        #expect(output.contains("ok   compare.html: charts=1;drawn=1"), "\(output)")
    }

    /// The check is only worth something if it fails pages that are broken.
    @Test func brokenPagesFail() throws {
        let good = try GoldenTests.positions().render(.html)
        let broken = [
            "script-error.html": good.replacingOccurrences(of: "</body>", with: "<script>throw new Error('boom')</script></body>"),
            "fetches.html": good.replacingOccurrences(of: "<main>", with: "<main><img src=\"http://127.0.0.1:9/x.png\" alt=\"\">"),
            "no-charts.html": "<!DOCTYPE html><html><head><title>t</title></head><body><p>nothing</p></body></html>\n",
        ]
        for (name, html) in broken {
            let (status, output) = try check([name: html])
            #expect(status == 1, "\(name) passed: \(output)")
            #expect(output.contains("FAIL \(name)"), "\(output)")
        }
    }
}

/// Where Chromium is: $CHROMIUM, else the first of the usual names on PATH.
enum Chromium {
    static let path: String? = {
        let environment = ProcessInfo.processInfo.environment
        let names = [environment["CHROMIUM"]].compactMap { $0 } + ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"]
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in names {
            if name.hasPrefix("/") { if FileManager.default.isExecutableFile(atPath: name) { return name } else { continue } }
            for folder in path where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return folder + "/" + name
            }
        }
        return nil
    }()
}
