// swift-tools-version:6.0
import PackageDescription

// The flow is one way: Import -> Store -> Cohorts -> Analysis -> Reports.
// RendementStats is a pure numerics library that knows nothing of police data.
let stats: Target.Dependency = .product(name: "RendementStats", package: "RendementStats")

let package = Package(
    name: "rendement",
    products: [
        .executable(name: "rendement", targets: ["rendement"]),
        .library(name: "RendementCore", targets: ["RendementCore"]),
    ],
    dependencies: [
        // The statistics core is its own package (no dependencies), so that it
        // can be used on its own: see Packages/RendementStats/README.md.
        .package(path: "Packages/RendementStats"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // SHA-256 of imported files: swift-crypto is audited and uses the
        // hardware-accelerated BoringSSL implementation on Linux.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // One inline C function: a cache prefetch hint (Swift has none).
        .target(name: "CPrefetch"),
        .target(name: "RendementCore"),
        .target(name: "RendementStore", dependencies: [
            "RendementCore", "CSQLite",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "RendementImport", dependencies: [
            "RendementCore", "RendementStore", "CPrefetch",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "RendementSynth", dependencies: ["RendementCore"]),
        .target(name: "RendementCohorts", dependencies: ["RendementCore", "RendementStore", stats]),
        .target(name: "RendementAnalysis", dependencies: ["RendementCore", "RendementStore", stats]),
        .target(name: "RendementReports", dependencies: [
            "RendementCore", stats, "RendementStore", "RendementCohorts", "RendementAnalysis",
            .product(name: "Crypto", package: "swift-crypto"),  // SHA-256 in the report set's manifest
        ]),
        .target(name: "RendementPipeline", dependencies: [
            "RendementCore", "RendementStore", "RendementImport", "RendementCohorts", "RendementAnalysis", "RendementReports",
        ]),
        .executableTarget(
            name: "rendement",
            dependencies: [
                "RendementCore", "RendementStore", "RendementImport", "RendementSynth", stats,
                "RendementCohorts", "RendementAnalysis", "RendementReports", "RendementPipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The fuzz target of the import's reading side (scripts/fuzz.sh builds it with libFuzzer;
        // an ordinary build is a replay driver for fuzz inputs).
        .executableTarget(name: "rendement-fuzz", dependencies: ["RendementImport"]),
        // The statistics package's own tests, run here too so that `swift test` at the root covers everything.
        .testTarget(name: "RendementStatsTests", dependencies: [stats],
                    path: "Packages/RendementStats/Tests/RendementStatsTests", exclude: ["Fixtures"]),
        .testTarget(name: "RendementCoreTests", dependencies: ["RendementCore"], exclude: ["Fixtures"]),
        .testTarget(name: "RendementStoreTests", dependencies: ["RendementStore", "RendementCore"]),
        .testTarget(name: "RendementImportTests", dependencies: ["RendementImport", "RendementStore", "RendementCore", "RendementSynth"], exclude: ["Fixtures"]),
        .testTarget(name: "RendementSynthTests", dependencies: ["RendementSynth", "RendementCore"]),
        .testTarget(name: "RendementCohortsTests", dependencies: ["RendementCohorts", "RendementCore", "RendementStore", "RendementAnalysis", stats]),
        .testTarget(name: "RendementReportsTests", dependencies: ["RendementReports", "RendementCore", "RendementAnalysis", "RendementStore", "RendementCohorts"]),
        .testTarget(name: "RendementEndToEndTests", dependencies: [
            "RendementCore", "RendementStore", "RendementImport", "RendementSynth", "RendementCohorts", "RendementAnalysis", "RendementReports",
            "RendementPipeline",
        ], exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "RendementAnalysisTests", dependencies: ["RendementAnalysis", "RendementCore", stats], exclude: ["Fixtures"]),
        // Black-box tests of the command line: runs the `rendement` executable
        // (the dependency makes `swift test` build it) as a subprocess and looks
        // into stores through the SQLite C API only.
        .testTarget(name: "RendementReliabilityTests", dependencies: [
            "rendement", "CSQLite",
            .product(name: "Crypto", package: "swift-crypto"),  // checks the SHA-256 of a report set's manifest
        ]),
    ]
)
