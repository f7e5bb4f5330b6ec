// The one error type of the crypto modules, with swift-crypto 4.5.2's cases and meanings, so that
// `catch CryptoKitError.authenticationFailure` written for swift-crypto compiles unchanged.

/// Errors thrown by Tessera's cryptographic operations.
///
/// The cases are those of swift-crypto's `CryptoKitError`; Tessera throws
/// ``incorrectKeySize`` for a key of the wrong length, ``incorrectParameterSize`` for a nonce,
/// tag or sealed box of the wrong length, ``authenticationFailure`` for any failed tag check,
/// and ``invalidParameter`` for parameters outside an algorithm's limits.
public enum CryptoKitError: Error {
    /// The key size is incorrect.
    case incorrectKeySize
    /// The parameter size is incorrect.
    case incorrectParameterSize
    /// The authentication tag or signature is incorrect.
    case authenticationFailure
    /// The underlying library is unable to complete the requested action.
    /// Kept for source compatibility with swift-crypto; Tessera never throws it.
    case underlyingCoreCryptoError(error: Int32)
    /// The framework can't wrap the specified key.
    case wrapFailure
    /// The framework can't unwrap the specified key.
    case unwrapFailure
    /// The parameter is invalid.
    case invalidParameter
}

extension CryptoKitError: Equatable, Hashable {}
