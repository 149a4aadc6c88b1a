// swift-tools-version:6.1
import PackageDescription

/// One settings array for every target (Swift 6 language mode throughout).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "pubsync",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pubsync", targets: ["pubsync"]),
        .executable(name: "pubsync-portal", targets: ["pubsync-portal"]),
        .library(name: "PubsyncCore", targets: ["PubsyncCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(
            name: "PubsyncCore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PubsyncTesting",
            dependencies: [
                "PubsyncCore",
                "ChannelSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ChannelSupport",
            dependencies: [
                "PubsyncCore",
                .product(name: "Ink", package: "Ink"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Channels/Support",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Feeds",
            dependencies: [
                "PubsyncCore",
                "ChannelSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Channels/Feeds",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PortalPush",
            dependencies: [
                "PubsyncCore",
                "ChannelSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Channels/PortalPush",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "StaticSite",
            dependencies: [
                "PubsyncCore",
                "ChannelSupport",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Channels/StaticSite",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PubsyncConsole",
            dependencies: [
                "PubsyncCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "site-bench",
            dependencies: ["StaticSite", "PubsyncCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "portal-bench",
            dependencies: [
                "PortalPush",
                "PubsyncCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "pubsync",
            dependencies: [
                "PubsyncCore",
                "PubsyncConsole",
                "Feeds",
                "PortalPush",
                "StaticSite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "pubsync-portal",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("openapi.yaml")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ChannelSupportTests",
            dependencies: ["ChannelSupport", "PubsyncCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FeedsTests",
            dependencies: ["Feeds", "PubsyncCore", "PubsyncTesting", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StaticSiteTests",
            dependencies: ["StaticSite", "ChannelSupport", "PubsyncCore", "PubsyncTesting", .product(name: "Logging", package: "swift-log"),
                           .product(name: "Crypto", package: "swift-crypto"), .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PortalPushTests",
            dependencies: ["PortalPush", "PubsyncCore", "PubsyncTesting", .product(name: "Logging", package: "swift-log"),
                           .product(name: "Crypto", package: "swift-crypto"), .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["PubsyncTesting", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PubsyncConsoleTests",
            dependencies: ["PubsyncConsole", "PubsyncCore", "PubsyncTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PubsyncCoreTests",
            dependencies: ["PubsyncCore", "PubsyncTesting", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
    ]
)

// libFuzzer targets (Tests/Fuzz, `Scripts/fuzz`), declared only when PUBSYNC_FUZZ=1: they are
// built with `-sanitize=fuzzer,address` into `.build-fuzz`, call libFuzzer's driver from their
// own `main` and cannot link without that runtime, so a plain `swift build` / `swift test`
// never sees them (and its build is unchanged).
if Context.environment["PUBSYNC_FUZZ"] == "1" {
    let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
    let fuzzTargets: [(name: String, path: String, dependencies: [Target.Dependency])] = [
        ("fuzz-markdown-item", "MarkdownItem", ["PubsyncCore"]),
        ("fuzz-json-item", "JSONItem", ["PubsyncCore"]),
        ("fuzz-html-sanitizer", "HTMLSanitizer", ["ChannelSupport"]),
        ("fuzz-feed-reader", "FeedReader", ["Feeds", "PubsyncCore", logging]),
        ("fuzz-config", "Config", ["Feeds", "StaticSite", "PubsyncCore", logging]),
        ("fuzz-figures", "Figures", ["PubsyncCore"]),
        ("fuzz-attachment-text", "AttachmentText", ["PubsyncCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    ]
    package.targets.append(.target(name: "FuzzSupport", path: "Tests/Fuzz/Support", swiftSettings: swiftSettings))
    for target in fuzzTargets {
        package.targets.append(.executableTarget(name: target.name, dependencies: ["FuzzSupport"] + target.dependencies,
                                                 path: "Tests/Fuzz/" + target.path, swiftSettings: swiftSettings))
    }
}
