// Which GHASH backend GCM uses when the caller does not choose: the environment variable
// TESSERA_GHASH, read once per process. `ct` selects the constant-time backend; `table`, unset
// or any other value the table backend (the default, as in OpenSSL's and Go's generic code).

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The GHASH implementations GCM can use.
package enum GHashBackend: Sendable, Equatable {
    /// ``GHashShoupTable``: Shoup's 8-bit tables, fastest, NOT constant-time (table lookups
    /// indexed by secret-derived data).
    case table
    /// ``GHashCTMul64``: carry-less multiplication from integer multiplies, constant-time.
    case constantTime

    /// The process-wide default, from `TESSERA_GHASH` (`ct` → ``constantTime``; `table`, unset or
    /// anything else → ``table``), read once on first use.
    package static var defaultBackend: GHashBackend { fromEnvironment }

    private static let fromEnvironment: GHashBackend = parse(environmentValue("TESSERA_GHASH"))

    /// The backend a `TESSERA_GHASH` value selects.
    ///
    /// - Parameters:
    ///   - value: The variable's value, `nil` when unset.
    /// - Returns: ``constantTime`` for exactly `ct`, else ``table``.
    package static func parse(_ value: String?) -> GHashBackend {
        value == "ct" ? .constantTime : .table
    }

    /// Whether the backend runs in time independent of H and the data.
    package var isConstantTime: Bool {
        switch self {
        case .table: GHashShoupTable.isConstantTime
        case .constantTime: GHashCTMul64.isConstantTime
        }
    }
}

/// The value of environment variable `name`, or `nil` when it is unset or not readable here.
private func environmentValue(_ name: String) -> String? {
    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
    guard let raw = getenv(name) else { return nil }
    return String(cString: raw)
    #else
    return nil
    #endif
}
