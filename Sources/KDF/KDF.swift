// The key-derivation namespaces of swift-crypto's CryptoExtras: `KDF.Scrypt` and
// `KDF.Insecure.PBKDF2` extend these.

/// A namespace for key-derivation functions (scrypt, PBKDF2).
public enum KDF: Sendable {
    /// A container for older, cryptographically weaker algorithms.
    ///
    /// - Important: These algorithms aren't considered cryptographically secure by today's
    ///   standards (PBKDF2 is cheap to attack on GPUs compared with scrypt); Tessera provides them
    ///   for compatibility with services that require them. For new passwords, prefer scrypt.
    public enum Insecure: Sendable {}
}
