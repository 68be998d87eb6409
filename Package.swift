// swift-tools-version: 6.0
import PackageDescription

/// Clew — a terminal CRM for working sales leads.
///
/// Layering (see DESIGN.md §6 and README "Architecture"): `ClewDomain` (pure rules and decisions)
/// ← `ClewServices` (what the screens may ask of the services: protocols and the values they
/// return) ← `ClewStore` (GRDB, records, the services over SQLite) ← `ClewAutomation` (triggers,
/// cadences, routing, the tick; no GRDB, no SQL) ← executables `clew` (CLI), `clew-serve` and
/// `clew-bench`. `ClewViewModel` and `ClewTUI` see `ClewServices` only, never a store. SQL never
/// leaves `ClewStore`; services reach automation only through the events they publish.
let package = Package(
    name: "Clew",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "clew", targets: ["clew"]),
        .executable(name: "clew-bench", targets: ["clew-bench"]),
        .library(name: "ClewDomain", targets: ["ClewDomain"]),
        .library(name: "ClewServices", targets: ["ClewServices"]),
        .library(name: "ClewMemoryStore", targets: ["ClewMemoryStore"]),
        .library(name: "ClewStore", targets: ["ClewStore"]),
        .library(name: "ClewAutomation", targets: ["ClewAutomation"]),
        .library(name: "ClewViewModel", targets: ["ClewViewModel"]),
        .library(name: "ClewTUI", targets: ["ClewTUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        .target(name: "ClewDomain"),
        // What the screens may ask of the services: their protocols (`SessionServices` and one per
        // use-case area) and the values they return, with no store behind them. `ClewStore`
        // implements them over SQLite; the view models and the TUI see nothing else (issue 9).
        .target(name: "ClewServices", dependencies: ["ClewDomain"]),
        // The ports' in-memory store: the service and view-model tests' store with no file, and
        // the second implementation the port-conformance suite runs on beside SQLite.
        .target(name: "ClewMemoryStore", dependencies: ["ClewDomain", "ClewServices"]),
        .target(
            name: "ClewStore",
            dependencies: [
                "ClewDomain",
                "ClewServices",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // The automation layer: what acts on the services' events (triggers, cadences, routing)
        // and the timers of the tick. It reaches the database only through the store's ports.
        .target(name: "ClewAutomation", dependencies: ["ClewDomain", "ClewServices", "ClewStore"]),
        .systemLibrary(
            name: "CNCursesW",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(name: "ClewViewModel", dependencies: ["ClewDomain", "ClewServices"]),
        .target(name: "ClewTUI", dependencies: ["ClewViewModel", "ClewServices", "ClewDomain", "CNCursesW"]),
        .executableTarget(
            name: "clew",
            dependencies: [
                "ClewDomain",
                "ClewServices",
                "ClewStore",
                "ClewAutomation",
                "ClewViewModel",
                "ClewTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The raw-SQL yardsticks clew-bench times the product beside (issue 9 §9): linked by the
        // bench only, reaching the store through its `Bench` SPI.
        .target(
            name: "ClewBenchBaselines",
            dependencies: ["ClewDomain", "ClewServices", "ClewStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(
            name: "clew-bench",
            dependencies: [
                "ClewDomain",
                "ClewServices",
                "ClewStore",
                "ClewAutomation",
                "ClewBenchBaselines",
                "ClewViewModel",
                "ClewTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ClewDomainTests", dependencies: ["ClewDomain"]),
        .testTarget(name: "ClewServicesTests", dependencies: ["ClewDomain", "ClewServices", "ClewMemoryStore"]),
        // The suite every store behind the ports must pass (issue 9 §8): in memory and SQLite now, PostgreSQL next.
        .testTarget(name: "ClewPortConformanceTests", dependencies: ["ClewDomain", "ClewServices", "ClewMemoryStore", "ClewStore"]),
        .testTarget(name: "ClewStoreTests", dependencies: ["ClewDomain", "ClewServices", "ClewStore", "ClewAutomation"]),
        .testTarget(name: "ClewViewModelTests", dependencies: ["ClewDomain", "ClewServices", "ClewStore", "ClewAutomation", "ClewViewModel"]),
        .testTarget(
            name: "ClewTUITests",
            dependencies: ["ClewDomain", "ClewServices", "ClewStore", "ClewAutomation", "ClewViewModel", "ClewTUI"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "ClewImportTests", dependencies: ["ClewDomain", "ClewServices", "ClewStore", "ClewAutomation", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(
            name: "ClewProcessTests",
            dependencies: ["ClewDomain", "ClewServices", "ClewStore", "ClewAutomation", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "ClewAutomationTests",
            dependencies: ["ClewDomain", "ClewServices", "ClewStore", "ClewAutomation", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "ClewCLITests",
            dependencies: ["ClewDomain", "ClewServices", "ClewStore", "ClewAutomation", .target(name: "clew"), .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Issue 18: `clew-serve`, the web-form and event intake server — its own executable on Hummingbird, so network
// code never runs inside the setgid `clew`. `ClewServe` holds the routes (tested in-process with HummingbirdTesting).
package.dependencies += [
    .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
]
package.products += [.executable(name: "clew-serve", targets: ["clew-serve"])]
package.targets += [
    .target(
        name: "ClewServe",
        dependencies: [
            "ClewDomain", "ClewServices", "ClewStore", "ClewAutomation",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]
    ),
    .executableTarget(
        name: "clew-serve",
        dependencies: [
            "ClewServe", "ClewServices", "ClewStore", "ClewAutomation",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ]
    ),
    .testTarget(
        name: "ClewServeTests",
        dependencies: [
            "ClewDomain", "ClewServices", "ClewStore", "ClewAutomation", "ClewServe", .target(name: "clew-serve"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]
    ),
]
