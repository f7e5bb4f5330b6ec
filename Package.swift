// swift-tools-version:6.0
//
// Tessera: a dependency-free, pure-Swift crypto engine (AES-GCM, SHA-2, HMAC, HKDF, PBKDF2,
// scrypt) with the swift-crypto API, and an encrypted, environment-aware secret store with its
// command-line tool. No package dependencies: it builds on a bare Swift 6 toolchain.
import PackageDescription

let package = Package(
    name: "Tessera",
    products: [
        // `import Tessera` is all a caller writes: it re-exports the public modules.
        .library(name: "Tessera", targets: ["Tessera"]),
        .executable(name: "tessera", targets: ["TesseraCLI"]),
        .executable(name: "benchmarks", targets: ["Benchmarks"]),
    ],
    targets: [
        // Shared core: SymmetricKey, CryptoKitError, CSPRNG, constant-time compare, byte order, hex.
        .target(name: "TesseraCore", path: "Sources/TesseraCore"),
        // AES (constant-time, fixsliced) and GCM with table and constant-time GHASH.
        .target(name: "TesseraAESGCM", dependencies: ["TesseraCore"], path: "Sources/AESGCM"),
        // SHA-2, HMAC, HKDF, PBKDF2, scrypt.
        .target(name: "TesseraKDF", dependencies: ["TesseraCore"], path: "Sources/KDF"),
        // The encrypted, environment-aware secret file.
        .target(
            name: "TesseraSecretStore",
            dependencies: ["TesseraCore", "TesseraAESGCM", "TesseraKDF"],
            path: "Sources/SecretStore"),
        // Umbrella: re-exports only.
        .target(
            name: "Tessera",
            dependencies: ["TesseraCore", "TesseraAESGCM", "TesseraKDF", "TesseraSecretStore"],
            path: "Sources/Tessera"),
        .executableTarget(name: "TesseraCLI", dependencies: ["Tessera"], path: "Sources/TesseraCLI"),
        .executableTarget(
            name: "Benchmarks", dependencies: ["Tessera"], path: "Benchmarks", exclude: ["anchors"]),
        .testTarget(
            name: "NISTVectors",
            dependencies: ["Tessera"],
            path: "Tests/NISTVectors",
            exclude: ["Vectors", "Oracle", "SOURCES.md"]),
        .testTarget(
            name: "SecretStoreTests",
            dependencies: ["Tessera"],
            path: "Tests/SecretStoreTests"),
        .testTarget(
            name: "CLITests",
            dependencies: ["TesseraCLI"],
            path: "Tests/CLITests"),
        // A small program run under valgrind memcheck by the tests: key and data are marked
        // undefined, so any branch or address computed from them is reported.
        .executableTarget(name: "CTCheck", dependencies: ["Tessera"], path: "Tests/CTCheck"),
        // A small program the store's reliability tests run as separate processes: concurrent
        // writers, and a writer killed with SIGKILL at random points.
        .executableTarget(name: "StoreTestDriver", dependencies: ["Tessera"], path: "Tests/StoreTestDriver"),
    ],
    swiftLanguageModes: [.v6]
)
