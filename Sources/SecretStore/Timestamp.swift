// Times in the file: RFC 3339 UTC to the second, exactly "YYYY-MM-DDTHH:MM:SSZ" (20 bytes).
// One spelling per instant, so the MAC over the text is a MAC over the instant. Conversion
// uses the days-from-civil algorithm (H. Hinnant, "chrono-Compatible Low-Level Date
// Algorithms"), valid for years 1970...9999 here.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The timestamp text for `seconds` since 1970-01-01T00:00:00Z.
package func timestampString(unixSeconds seconds: Int64) -> String {
    let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
    let secs = seconds - days * 86400
    // civil from days
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(year)-\(two(month))-\(two(day))T\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60))Z"
}

/// Seconds since 1970 for canonical timestamp text, or `nil` when the text is not canonical.
/// No allocation: it runs for every time in the file on each open.
package func unixSeconds(timestamp text: String) -> Int64? {
    var text = text
    return text.withUTF8 { unixSeconds(timestamp: UnsafeRawBufferPointer($0)) }
}

/// Seconds since 1970 for canonical timestamp bytes, or `nil` when they are not canonical.
func unixSeconds(timestamp b: UnsafeRawBufferPointer) -> Int64? {
    guard b.count == 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
          b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "Z") else { return nil }
    func num(_ from: Int, _ count: Int) -> Int64? {
        var v: Int64 = 0
        for i in from..<(from + count) {
            let d = b[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            v = v * 10 + Int64(d)
        }
        return v
    }
    guard let y = num(0, 4), let m = num(5, 2), let d = num(8, 2), let hh = num(11, 2), let mm = num(14, 2),
          let ss = num(17, 2), y >= 1970, (1...12).contains(m), hh < 24, mm < 60, ss < 60 else { return nil }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    let monthDays: Int64 = m == 2 ? (leap ? 29 : 28) : ((m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31)
    guard d >= 1, d <= monthDays else { return nil }
    // days from civil
    let yy = m <= 2 ? y - 1 : y
    let era = yy / 400
    let yoe = yy - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = era * 146_097 + doe - 719_468
    return days * 86400 + hh * 3600 + mm * 60 + ss
}

/// The current time as timestamp text.
func currentTimestamp() -> String {
    timestampString(unixSeconds: Int64(Date().timeIntervalSince1970.rounded(.down)))
}

/// The `Date` of canonical timestamp text (the epoch for text that is not canonical, which the
/// file parser has already refused).
func date(timestamp text: String) -> Date {
    Date(timeIntervalSince1970: TimeInterval(unixSeconds(timestamp: text) ?? 0))
}
