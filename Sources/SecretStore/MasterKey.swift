// The master key: 32 bytes, spelled as 64 hex characters in `TESSERA_MASTER_KEY`, in
// `TESSERA_MASTER_KEY_<ENV>` for an environment sealed with its own key, or in a key file.
// The bytes go straight from the text into zero-on-free storage.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TesseraCore

/// A 256-bit master key for a store or for one environment.
///
/// - Important: The key bytes live in zero-on-free storage; ``hexEncodedString()`` makes a copy
///   in an ordinary `String`, meant to be printed once (by `tessera init` or `rotate`).
public struct MasterKey: Sendable {
    /// The key.
    public let symmetricKey: SymmetricKey

    /// The number of hex characters of a master key.
    public static let hexLength = 64

    /// Wraps a 256-bit key.
    ///
    /// - Parameters:
    ///   - key: A 256-bit symmetric key.
    /// - Throws: ``SecretStoreError/invalidMasterKey(characterCount:)`` when the key is not
    ///   32 bytes (the count given is twice its byte count).
    public init(_ key: SymmetricKey) throws(SecretStoreError) {
        guard key.bitCount == 256 else { throw .invalidMasterKey(characterCount: key.bitCount / 4) }
        self.symmetricKey = key
    }

    /// Parses 64 hexadecimal characters (either case).
    ///
    /// - Parameters:
    ///   - hex: The key text, without spaces or newline.
    /// - Throws: ``SecretStoreError/invalidMasterKey(characterCount:)``.
    public init(hexString hex: String) throws(SecretStoreError) {
        let utf8 = hex.utf8
        guard utf8.count == MasterKey.hexLength else { throw .invalidMasterKey(characterCount: hex.count) }
        var valid = true
        let storage = SecureBytes(count: 32) { out in
            var i = 0
            var high: UInt8 = 0
            for c in utf8 {
                let v = hexDigitValue(c)
                valid = valid && v < 16
                if i & 1 == 0 { high = v << 4 } else { out[i >> 1] = high | (v & 0x0f) }
                i += 1
            }
        }
        guard valid else { throw .invalidMasterKey(characterCount: hex.count) }
        self.symmetricKey = SymmetricKey(storage: storage)
    }

    /// Reads a key file: 64 hexadecimal characters, optionally followed by one newline.
    ///
    /// - Parameters:
    ///   - path: The key file's path.
    /// - Throws: ``SecretStoreError/unreadableKeyFile(path:)`` when the file cannot be read,
    ///   ``SecretStoreError/invalidMasterKey(characterCount:)`` when it does not hold a key.
    public init(contentsOfKeyFile path: String) throws(SecretStoreError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadableKeyFile(path: path) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 80)
        defer { buffer.withUnsafeMutableBytes { secureZero($0) } }
        var used = 0
        while used < buffer.count {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + used, $0.count - used) }
            if n < 0 { if errno == EINTR { continue }; throw .unreadableKeyFile(path: path) }
            if n == 0 { break }
            used += n
        }
        var end = used
        if end == MasterKey.hexLength + 1 && buffer[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        guard end == MasterKey.hexLength else { throw .invalidMasterKey(characterCount: end) }
        let text = String(decoding: buffer[0..<end], as: UTF8.self)
        try self.init(hexString: text)
    }

    /// A new random key from the system's CSPRNG.
    ///
    /// - Returns: The key.
    public static func generate() -> MasterKey {
        // 256-bit key by construction; the initializer cannot fail.
        MasterKey(unchecked: SymmetricKey(size: .bits256))
    }

    private init(unchecked key: SymmetricKey) { self.symmetricKey = key }

    /// The key as 64 lower-case hex characters.
    ///
    /// - Returns: The hex text.
    /// - Important: Print it once, to a terminal or a file with restricted permissions; never log it.
    public func hexEncodedString() -> String {
        symmetricKey.withUnsafeBytes { hexString($0) }
    }

    /// `true` when every byte of the key is zero (a placeholder, not a key).
    public var isAllZero: Bool {
        symmetricKey.withUnsafeBytes { bytes in
            var acc: UInt8 = 0
            for b in bytes { acc |= b }
            return acc == 0
        }
    }

    /// The variable that holds the key of an environment sealed with its own key:
    /// `TESSERA_MASTER_KEY_` followed by the name upper-cased, with `-` spelled `_`
    /// (`prod` → `TESSERA_MASTER_KEY_PROD`, `eu-west` → `TESSERA_MASTER_KEY_EU_WEST`).
    ///
    /// - Parameters:
    ///   - environment: The environment name.
    /// - Returns: The variable name.
    public static func environmentVariableName(for environment: String) -> String {
        "TESSERA_MASTER_KEY_" + String(environment.uppercased().map { $0 == "-" ? "_" : $0 })
    }

    /// The store's master key from `TESSERA_MASTER_KEY`, or `nil` when it is unset.
    ///
    /// - Parameters:
    ///   - environment: The variables to read; the process environment by default.
    /// - Returns: The key, or `nil`.
    /// - Throws: ``SecretStoreError/invalidMasterKey(characterCount:)`` when it is set but is not
    ///   64 hex characters.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SecretStoreError) -> MasterKey? {
        guard let text = environment["TESSERA_MASTER_KEY"] else { return nil }
        return try MasterKey(hexString: text)
    }

    /// The own keys of environments, from every `TESSERA_MASTER_KEY_<ENV>` variable whose
    /// environment appears in `names`.
    ///
    /// - Parameters:
    ///   - names: The environment names to look for.
    ///   - environment: The variables to read; the process environment by default.
    /// - Returns: The keys found, by environment name.
    /// - Throws: ``SecretStoreError/invalidMasterKey(characterCount:)`` for a variable that is set
    ///   but is not 64 hex characters.
    public static func environmentKeys(
        for names: some Sequence<String>,
        from environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SecretStoreError) -> [String: MasterKey] {
        var keys: [String: MasterKey] = [:]
        for name in names {
            if let text = environment[environmentVariableName(for: name)] {
                keys[name] = try MasterKey(hexString: text)
            }
        }
        return keys
    }
}

/// The value of one hex digit, or 16 and above for a non-hex character; computed with masks
/// rather than a table or branches on the character.
@inline(__always)
private func hexDigitValue(_ c: UInt8) -> UInt8 {
    // digit: c - '0' in 0...9; letter: (c | 0x20) - 'a' + 10 in 10...15.
    let d = Int32(c) &- 48
    let l = (Int32(c) | 0x20) &- 87
    let isDigit = ((d &- 10) >> 31) & ~(d >> 31)          // -1 when 0 <= d < 10
    let isLetter = ((l &- 16) >> 31) & ~((l &- 10) >> 31)  // -1 when 10 <= l < 16
    let value = (d & isDigit) | (l & isLetter) | (16 & ~(isDigit | isLetter))
    return UInt8(truncatingIfNeeded: value)
}

/// How a store's master key is obtained.
public enum StoreCredential: Sendable {
    /// A 256-bit master key.
    case masterKey(MasterKey)
    /// A passphrase stretched with scrypt (salt and parameters stored in the file).
    ///
    /// - Important: A Swift `String` cannot be wiped from memory; the derived key can.
    case passphrase(String)
}

/// scrypt's cost parameters for passphrase stores (RFC 7914 §2).
public struct ScryptParameters: Sendable, Equatable, Hashable {
    /// The CPU/memory cost N, a power of two (2^10 ... 2^22).
    public var costFactor: Int
    /// The block size r (1 ... 32).
    public var blockSize: Int
    /// The parallelism p (1 ... 16).
    public var parallelism: Int

    /// Creates parameters.
    ///
    /// - Parameters:
    ///   - costFactor: N, a power of two in 2^10 ... 2^22.
    ///   - blockSize: r, in 1 ... 32.
    ///   - parallelism: p, in 1 ... 16.
    public init(costFactor: Int, blockSize: Int, parallelism: Int) {
        self.costFactor = costFactor
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    /// The default for new stores: N = 2^17, r = 8, p = 1 (128 MiB, about a second's work for a
    /// pure-software implementation; the interactive setting of RFC 7914 §2 is N = 2^14, and
    /// OWASP's 2023 minimum N = 2^17).
    public static let `default` = ScryptParameters(costFactor: 1 << 17, blockSize: 8, parallelism: 1)

    /// The weakest parameters `tessera doctor` accepts without a warning.
    public static let recommendedMinimum = ScryptParameters(costFactor: 1 << 15, blockSize: 8, parallelism: 1)

    /// The memory scrypt needs, in bytes: 128 · r · (N + p).
    public var memoryByteCount: Int { 128 * blockSize * (costFactor + parallelism) }

    /// Checks the ranges (also applied to parameters read from a file, so a tampered file
    /// cannot make an open allocate gigabytes).
    func validate() throws(SecretStoreError) {
        let n = costFactor
        guard n >= 1 << 10, n <= 1 << 22, n & (n - 1) == 0,
              (1...32).contains(blockSize), (1...16).contains(parallelism),
              memoryByteCount <= 1 << 30
        else { throw .invalidKDFParameters }
    }

    /// The cheapest accepted parameters (N = 2^10, 1 MiB), for tests only.
    package static let testing = ScryptParameters(costFactor: 1 << 10, blockSize: 8, parallelism: 1)
}
