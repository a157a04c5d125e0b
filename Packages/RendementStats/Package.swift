// swift-tools-version:6.0
import PackageDescription

// RendementStats: a pure statistics library (distributions, hypothesis tests,
// regression, survival, balance, meta-analysis, power, resampling) with no
// dependency beyond Foundation. It is its own package so that depending on it
// pulls in nothing else; the rendement tool refers to it by path.
let package = Package(
    name: "RendementStats",
    products: [
        .library(name: "RendementStats", targets: ["RendementStats"]),
    ],
    targets: [
        .target(name: "RendementStats"),
        .testTarget(name: "RendementStatsTests", dependencies: ["RendementStats"], exclude: ["Fixtures"]),
    ]
)
