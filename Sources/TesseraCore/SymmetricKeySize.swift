// Key sizes, as swift-crypto spells them.

/// The size of a symmetric key, in bits.
public struct SymmetricKeySize: Sendable {
    /// The number of bits in the key.
    public let bitCount: Int

    /// A size of 128 bits.
    public static var bits128: SymmetricKeySize { SymmetricKeySize(bitCount: 128) }

    /// A size of 192 bits.
    public static var bits192: SymmetricKeySize { SymmetricKeySize(bitCount: 192) }

    /// A size of 256 bits.
    public static var bits256: SymmetricKeySize { SymmetricKeySize(bitCount: 256) }

    /// Creates a key size of the given length.
    ///
    /// - Parameters:
    ///   - bitCount: The number of bits; positive and a multiple of 8 (a precondition, as in
    ///     swift-crypto).
    public init(bitCount: Int) {
        precondition(bitCount > 0 && bitCount % 8 == 0, "a key size is a positive multiple of 8 bits")
        self.bitCount = bitCount
    }
}
