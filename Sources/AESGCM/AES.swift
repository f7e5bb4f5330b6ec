// The AES namespace, as in swift-crypto: `AES.GCM` lives under it.

/// A container for Advanced Encryption Standard (AES) ciphers.
///
/// Tessera's AES is bitsliced (fixsliced) and constant-time: no table lookup is indexed by, and no
/// branch depends on, the key or the data. Only the encryption direction exists (what GCM needs).
public enum AES: Sendable {}
