// The store's settings: defaults, and overrides read from environment variables. Settings live in
// the process, not in the file, so a file edit cannot change how a lookup falls back.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How a ``SecretStore`` resolves lookups and which sizes it accepts.
///
/// Each setting has a default and an environment variable that overrides it
/// (see ``fromEnvironment(_:)``):
///
/// | setting | default | variable |
/// |---|---|---|
/// | ``defaultEnvironment`` | `global` | `TESSERA_DEFAULT_ENV` |
/// | ``isolatesEnvironments`` | `false` | `TESSERA_ENV_ISOLATION` (`1`/`0`, `true`/`false`, `on`/`off`) |
/// | ``maxKeyLength`` | 256 | `TESSERA_MAX_KEY_LENGTH` |
/// | ``maxValueSize`` | 4096 | `TESSERA_MAX_VALUE_SIZE` |
/// | ``historyDepth`` | 5 | `TESSERA_HISTORY_DEPTH` |
public struct StoreConfiguration: Sendable, Equatable {
    /// The environment a lookup falls back to, and the one used when none is named.
    public var defaultEnvironment: String
    /// When `true`, a lookup never falls back to the default environment: each environment
    /// holds all of its own secrets.
    public var isolatesEnvironments: Bool
    /// The longest key name accepted, in bytes (1...4096).
    public var maxKeyLength: Int
    /// The largest value accepted, in bytes (1...1 MiB).
    public var maxValueSize: Int
    /// How many previous values each secret keeps (0...100).
    public var historyDepth: Int

    /// The defaults: `global`, no isolation, 256-byte names, 4 KiB values, 5 past values.
    public init(
        defaultEnvironment: String = "global", isolatesEnvironments: Bool = false,
        maxKeyLength: Int = 256, maxValueSize: Int = 4096, historyDepth: Int = 5
    ) {
        self.defaultEnvironment = defaultEnvironment
        self.isolatesEnvironments = isolatesEnvironments
        self.maxKeyLength = maxKeyLength
        self.maxValueSize = maxValueSize
        self.historyDepth = historyDepth
    }

    /// The defaults overridden by the `TESSERA_*` variables present in `environment`.
    ///
    /// - Parameters:
    ///   - environment: The variables to read; the process environment by default.
    /// - Returns: The configuration.
    /// - Throws: ``SecretStoreError/invalidConfiguration(variable:)`` naming the first variable
    ///   with an unusable value, ``SecretStoreError/invalidEnvironmentName(_:)`` for a bad
    ///   `TESSERA_DEFAULT_ENV`.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SecretStoreError) -> StoreConfiguration {
        var config = StoreConfiguration()
        if let name = environment["TESSERA_DEFAULT_ENV"] {
            try validateEnvironmentName(name)
            config.defaultEnvironment = name
        }
        if let text = environment["TESSERA_ENV_ISOLATION"] {
            switch text.lowercased() {
            case "1", "true", "on", "yes": config.isolatesEnvironments = true
            case "0", "false", "off", "no", "": config.isolatesEnvironments = false
            default: throw .invalidConfiguration(variable: "TESSERA_ENV_ISOLATION")
            }
        }
        config.maxKeyLength = try integer(environment, "TESSERA_MAX_KEY_LENGTH", 1...4096) ?? config.maxKeyLength
        config.maxValueSize = try integer(environment, "TESSERA_MAX_VALUE_SIZE", 1...(1 << 20)) ?? config.maxValueSize
        config.historyDepth = try integer(environment, "TESSERA_HISTORY_DEPTH", 0...100) ?? config.historyDepth
        return config
    }

    /// Checks every setting is in range.
    func validate() throws(SecretStoreError) {
        try validateEnvironmentName(defaultEnvironment)
        guard (1...4096).contains(maxKeyLength) else { throw .invalidConfiguration(variable: "maxKeyLength") }
        guard (1...(1 << 20)).contains(maxValueSize) else { throw .invalidConfiguration(variable: "maxValueSize") }
        guard (0...100).contains(historyDepth) else { throw .invalidConfiguration(variable: "historyDepth") }
    }
}

private func integer(
    _ environment: [String: String], _ name: String, _ range: ClosedRange<Int>
) throws(SecretStoreError) -> Int? {
    guard let text = environment[name] else { return nil }
    guard let value = Int(text), range.contains(value) else { throw .invalidConfiguration(variable: name) }
    return value
}
