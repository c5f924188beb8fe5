// swift-tools-version:6.2
import PackageDescription

// Warnings are bugs: every target of ours fails the build on one.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "stance",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "stance", targets: ["stance"]),
        .executable(name: "stance-benchmark", targets: ["StanceBenchmark"]),
        .library(name: "StancePipeline", targets: ["StancePipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Value types shared by every stage; depends on nothing of ours.
        .target(name: "StanceModel", swiftSettings: strict),
        // Documents, boilerplate removal, tokens, sentences, quotes, statements, attribution.
        .target(name: "StanceText", dependencies: ["StanceModel"], swiftSettings: strict),
        // Rules/ loading (YAML), diagnostics, the compiled matcher and classification.
        .target(
            name: "StanceRules",
            dependencies: ["StanceModel", "StanceText", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict,
            plugins: ["EmbedRules"]
        ),
        // The SQLite store: migrations, records, queries. The only target that speaks SQL.
        .target(
            name: "StanceStore",
            dependencies: [
                "StanceModel", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for binding the ingest path's inserts directly.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        // Report models and renderers (table, markdown, json, csv, html).
        .target(name: "StanceReports", dependencies: ["StanceModel", "StanceStore"], swiftSettings: strict),
        // Ingest, reclassify and explain: the stages wired together, parallel workers, one writer.
        .target(
            name: "StancePipeline",
            dependencies: ["StanceModel", "StanceText", "StanceRules", "StanceStore", "StanceReports"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "stance",
            dependencies: [
                "StancePipeline", "StanceReports", "StanceStore", "StanceRules", "StanceText", "StanceModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // The performance benchmark (issue 6): synthetic corpus, ingest, memory, reports, reclassify.
        .executableTarget(
            name: "StanceBenchmark",
            dependencies: [
                "StancePipeline", "StanceReports", "StanceStore", "StanceRules", "StanceText", "StanceModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // Build tool: embeds Rules/ into the StanceRules library so an installed binary needs no files.
        .executableTarget(name: "StanceRulesEmbedder", swiftSettings: strict),
        .plugin(name: "EmbedRules", capability: .buildTool(), dependencies: ["StanceRulesEmbedder"]),
        // Fuzz targets (fuzz/README.md): libFuzzer drives them in a `-Xswiftc -sanitize=fuzzer` build;
        // built normally they replay the inputs they are given.
        .target(name: "StanceFuzzDriver"),
        .executableTarget(
            name: "StanceFuzzText",
            dependencies: ["StanceFuzzDriver", "StancePipeline", "StanceRules", "StanceText", "StanceModel"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "StanceFuzzRules",
            dependencies: ["StanceFuzzDriver", "StanceRules", "StanceText", "StanceModel"],
            swiftSettings: strict
        ),

        .testTarget(name: "StanceTextTests", dependencies: ["StanceText", "StanceModel"], swiftSettings: strict),
        .testTarget(
            name: "StanceRulesTests",
            dependencies: ["StanceRules", "StanceText", "StanceModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),
        .testTarget(name: "StanceStoreTests", dependencies: ["StanceStore", "StanceModel"], swiftSettings: strict),
        .testTarget(
            name: "StanceReportsTests", dependencies: ["StanceReports", "StanceStore", "StanceModel"],
            exclude: ["Golden", "browser-check.sh"], swiftSettings: strict
        ),
        .testTarget(
            name: "StancePipelineTests",
            dependencies: ["StancePipeline", "StanceStore", "StanceRules", "StanceText", "StanceModel"],
            swiftSettings: strict
        ),
        // Hostile inputs, killed and interrupted runs, concurrent use, `stance doctor` (issue 7).
        .testTarget(
            name: "StanceReliabilityTests",
            dependencies: ["StancePipeline", "StanceStore", "StanceRules", "StanceText", "StanceModel"],
            swiftSettings: strict
        ),
    ]
)
