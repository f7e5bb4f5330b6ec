// AESPlane: a 128-bit value (one xmm register) with the few operations the bitsliced AES needs,
// written so that Swift 6.3.1 emits them as single SSE2 instructions.
//
// Why a wrapper instead of SIMD4<UInt32> directly: for SIMD4<UInt32>, Swift 6.3.1 emits `^`, `&`,
// `|` and the shifts lane by lane (extractelement / scalar op / insertelement in the IR, read
// with `swiftc -emit-irgen`) and leaves LLVM's SLP vectorizer to rebuild vector code. In a long
// straight-line circuit like the S-box its search depth runs out and most of the round stayed
// scalar (about 2200 scalar `xor` in the round loop, 57 MB/s). `&+`, `&*` and SIMDMask's `.^`,
// `.&`, `.|` are emitted as whole-vector IR, so: XOR, AND, OR go through SIMDMask's operators on
// the same bits (a SIMDMask<SIMD4<Int32>> is the <4 x i32> vector itself; the bitcast is free),
// and a left shift by a constant k is a multiply by 2^k (LLVM turns it into `pslld`). Right
// shifts stay `&>>` and come out as one `psrld` (a short extract/shift/insert chain that LLVM
// folds). Lane shuffles are `SIMD4(v[i], ...)` with constant indices: one `pshufd`.

/// 128 bits of bit-planes for the fixsliced AES, as four 32-bit lanes.
struct AESPlane {
    var lanes: SIMD4<UInt32>

    private typealias Bits = SIMDMask<SIMD4<Int32>>

    @inline(__always) init(_ lanes: SIMD4<UInt32>) { self.lanes = lanes }
    @inline(__always) init(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32) { lanes = SIMD4(a, b, c, d) }
    @inline(__always) init(repeating value: UInt32) { lanes = SIMD4(repeating: value) }
    static var zero: AESPlane { AESPlane(repeating: 0) }

    @inline(__always) private var bits: Bits { unsafeBitCast(lanes, to: Bits.self) }
    @inline(__always) private init(bits: Bits) { lanes = unsafeBitCast(bits, to: SIMD4<UInt32>.self) }

    @inline(__always) static func ^ (a: AESPlane, b: AESPlane) -> AESPlane { AESPlane(bits: a.bits .^ b.bits) }
    @inline(__always) static func & (a: AESPlane, b: AESPlane) -> AESPlane { AESPlane(bits: a.bits .& b.bits) }
    @inline(__always) static func | (a: AESPlane, b: AESPlane) -> AESPlane { AESPlane(bits: a.bits .| b.bits) }
    @inline(__always) static func ^= (a: inout AESPlane, b: AESPlane) { a = a ^ b }

    /// Each lane shifted left by the constant `k` (0 < k < 32).
    @inline(__always) static func &<< (a: AESPlane, k: UInt32) -> AESPlane {
        AESPlane(a.lanes &* SIMD4(repeating: 1 &<< k))
    }
    /// Each lane shifted right by the constant `k` (0 < k < 32).
    @inline(__always) static func &>> (a: AESPlane, k: UInt32) -> AESPlane { AESPlane(a.lanes &>> k) }

    /// Lane `i` (a public index).
    @inline(__always) subscript(i: Int) -> UInt32 { lanes[i] }
}
