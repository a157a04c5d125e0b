// swift-tools-version:6.0
import PackageDescription

// A client of the statistics library alone: it depends on RendementStats and
// nothing else (no swift-crypto, no argument parser). CI builds and runs it.
let package = Package(
    name: "StatsQuickstart",
    dependencies: [
        .package(path: "../../Packages/RendementStats"),
    ],
    targets: [
        .executableTarget(name: "StatsQuickstart", dependencies: [
            .product(name: "RendementStats", package: "RendementStats"),
        ]),
    ]
)
