// Glob matching of `tessera list PATTERN`: `*`, `?`, `\` escapes, anchored at both ends.
import XCTest
import TesseraCLI

final class GlobTests: XCTestCase {
    func testTable() {
        let cases: [(String, String, Bool)] = [
            ("API_*", "API_KEY", true),
            ("API_*", "XAPI_KEY", false),
            ("*", "", true),
            ("*", "a/b.c", true),
            ("", "", true),
            ("", "a", false),
            ("?", "a", true),
            ("?", "", false),
            ("?", "ab", false),
            ("a?c", "abc", true),
            ("a?c", "abbc", false),
            ("*_KEY", "DB_KEY", true),
            ("*_KEY", "DB_KEYS", false),
            ("a*b*c", "aXXbYYc", true),
            ("a*b*c", "aXXbYY", false),
            ("a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false),
            ("*.*", "tls.crt", true),
            ("db/*", "db/password", true),
            ("DB", "db", false),
            ("\\*", "*", true),
            ("\\*", "a", false),
            ("a\\?", "a?", true),
            ("a\\?", "ab", false),
            ("**", "x", true),
        ]
        for (pattern, name, expected) in cases {
            XCTAssertEqual(globMatches(pattern, name), expected, "\(pattern) vs \(name)")
        }
        print("glob cases: \(cases.count)")
    }
}
