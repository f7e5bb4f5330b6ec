// Times as RFC 3339 / ISO 8601 UTC text ("2026-11-23T16:14:41Z"), from seconds since 1970,
// computed with the civil-from-days algorithm (H. Hinnant, "chrono-Compatible Low-Level Date
// Algorithms", days_from_civil/civil_from_days) so no calendar library is loaded at start-up.

/// `seconds` since 1970-01-01T00:00:00Z as "YYYY-MM-DDTHH:MM:SSZ".
package func iso8601UTC(_ seconds: Int64) -> String {
    let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
    let secondOfDay = seconds - days * 86400
    // civil_from_days
    let z = days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
    let y = year < 1000 ? String(repeating: "0", count: 4 - "\(max(year, 0))".count) + "\(max(year, 0))" : "\(year)"
    return "\(y)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600))"
        + ":\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
}
