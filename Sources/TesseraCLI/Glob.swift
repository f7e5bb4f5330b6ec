// Glob matching for `tessera list PATTERN`: `*` matches any run of characters (including none
// and including `/`), `?` exactly one, `\` makes the next character literal; everything else
// matches itself. Key names are ASCII, so matching works on bytes.
//
// The classic greedy algorithm with one backtrack point (the last `*`): linear in practice,
// O(pattern × name) at worst, no recursion.

/// `true` when `name` matches the glob `pattern`.
package func globMatches(_ pattern: String, _ name: String) -> Bool {
    let p = Array(pattern.utf8), s = Array(name.utf8)
    var pi = 0, si = 0
    var starP = -1, starS = 0
    while si < s.count {
        if pi < p.count && p[pi] == UInt8(ascii: "*") {
            starP = pi
            starS = si
            pi += 1
            continue
        }
        if pi < p.count {
            var literal = p[pi]
            var width = 1
            if literal == UInt8(ascii: "\\") && pi + 1 < p.count {
                literal = p[pi + 1]
                width = 2
            }
            if (width == 1 && literal == UInt8(ascii: "?")) || literal == s[si] {
                pi += width
                si += 1
                continue
            }
        }
        guard starP >= 0 else { return false }
        pi = starP + 1
        starS += 1
        si = starS
    }
    while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
    return pi == p.count
}
