// The AES S-box on bit-planes: Boyar–Peralta's 113-gate circuit, without its four NOTs.
//
// What: SubBytes of all 128 bytes of the 8 states at once, as a straight-line circuit of 32
// ANDs and 77 XORs on whole planes (no table, so nothing is indexed by data).
// Source: J. Boyar and R. Peralta, "A new combinational logic minimization technique with
// applications to cryptology", SEA 2010 / eprint 2009/191, Figure (the S-box circuit): a top
// linear layer (inputs x0...x7, x0 the most significant bit, to y1...y21), a shared nonlinear
// middle (inversion in GF(2^4)^2, t2...t45 and z0...z17), and a bottom linear layer (to
// s0...s7). The gate list is the published one; the names follow the paper.
// Why without the NOTs: the circuit ends with four XNORs (s1, s2, s6, s7), i.e. it adds 0x63.
// We compute S(x) ^ 0x63 instead, and since MixColumns maps a column of equal bytes v to
// itself (2 ^ 3 ^ 1 ^ 1 = 1), adding 0x63 to every byte of round keys 1...Nr restores S(x)
// exactly (AESFixslice128+KeySchedule.swift). That saves 4 ops per round.
//
// Written once, generic over the plane type: `AESPlane` for the rounds (8 blocks), `UInt32` for
// the key schedule's SubWord (4 bytes); always inlined, so each use is specialised.
// Disassembly (swift 6.3.1 -O, x86-64 baseline): in the rounds, 82 pxor + 32 pand and about 60
// movdqa copies/spills per S-box, straight-line; no call, no branch.

extension AESBitSlices {
    /// SubBytes minus 0x63 on every byte held in the planes (128 bytes for `AESPlane`, 4 for
    /// `UInt32`).
    @inline(__always)
    mutating func subBytesMinus63() {
        let x0 = p7, x1 = p6, x2 = p5, x3 = p4, x4 = p3, x5 = p2, x6 = p1, x7 = p0

        // Top linear transformation.
        let y14 = x3 ^ x5, y13 = x0 ^ x6, y9 = x0 ^ x3, y8 = x0 ^ x5
        let t0 = x1 ^ x2
        let y1 = t0 ^ x7
        let y4 = y1 ^ x3, y12 = y13 ^ y14, y2 = y1 ^ x0, y5 = y1 ^ x6
        let y3 = y5 ^ y8
        let t1 = x4 ^ y12
        let y15 = t1 ^ x5, y20 = t1 ^ x1
        let y6 = y15 ^ x7, y10 = y15 ^ t0, y11 = y20 ^ y9
        let y7 = x7 ^ y11, y17 = y10 ^ y11, y19 = y10 ^ y8, y16 = t0 ^ y11
        let y21 = y13 ^ y16, y18 = x0 ^ y16

        // Nonlinear middle: inversion in GF(2^8) through GF(2^4).
        let t2 = y12 & y15, t3 = y3 & y6
        let t4 = t3 ^ t2
        let t5 = y4 & x7
        let t6 = t5 ^ t2
        let t7 = y13 & y16, t8 = y5 & y1
        let t9 = t8 ^ t7
        let t10 = y2 & y7
        let t11 = t10 ^ t7
        let t12 = y9 & y11, t13 = y14 & y17
        let t14 = t13 ^ t12
        let t15 = y8 & y10
        let t16 = t15 ^ t12
        let t17 = t4 ^ t14, t18 = t6 ^ t16, t19 = t9 ^ t14, t20 = t11 ^ t16
        let t21 = t17 ^ y20, t22 = t18 ^ y19, t23 = t19 ^ y21, t24 = t20 ^ y18

        let t25 = t21 ^ t22
        let t26 = t21 & t23
        let t27 = t24 ^ t26
        let t28 = t25 & t27
        let t29 = t28 ^ t22
        let t30 = t23 ^ t24, t31 = t22 ^ t26
        let t32 = t31 & t30
        let t33 = t32 ^ t24
        let t34 = t23 ^ t33, t35 = t27 ^ t33
        let t36 = t24 & t35
        let t37 = t36 ^ t34, t38 = t27 ^ t36
        let t39 = t29 & t38
        let t40 = t25 ^ t39

        let t41 = t40 ^ t37, t42 = t29 ^ t33, t43 = t29 ^ t40, t44 = t33 ^ t37
        let t45 = t42 ^ t41
        let z0 = t44 & y15, z1 = t37 & y6, z2 = t33 & x7, z3 = t43 & y16
        let z4 = t40 & y1, z5 = t29 & y7, z6 = t42 & y11, z7 = t45 & y17
        let z8 = t41 & y10, z9 = t44 & y12, z10 = t37 & y3, z11 = t33 & y4
        let z12 = t43 & y13, z13 = t40 & y5, z14 = t29 & y2, z15 = t42 & y9
        let z16 = t45 & y14, z17 = t41 & y8

        // Bottom linear transformation (the paper's XNORs are plain XORs here).
        let t46 = z15 ^ z16, t47 = z10 ^ z11, t48 = z5 ^ z13, t49 = z9 ^ z10
        let t50 = z2 ^ z12, t51 = z2 ^ z5, t52 = z7 ^ z8, t53 = z0 ^ z3
        let t54 = z6 ^ z7, t55 = z16 ^ z17
        let t56 = z12 ^ t48, t57 = t50 ^ t53, t58 = z4 ^ t46, t59 = z3 ^ t54
        let t60 = t46 ^ t57, t61 = z14 ^ t57, t62 = t52 ^ t58, t63 = t49 ^ t58
        let t64 = z4 ^ t59, t65 = t61 ^ t62, t66 = z1 ^ t63
        let s0 = t59 ^ t63, s6 = t56 ^ t62, s7 = t48 ^ t60
        let t67 = t64 ^ t65
        let s3 = t53 ^ t66, s4 = t51 ^ t66, s5 = t47 ^ t65
        let s1 = t64 ^ s3, s2 = t55 ^ t67

        p7 = s0; p6 = s1; p5 = s2; p4 = s3; p3 = s4; p2 = s5; p1 = s6; p0 = s7
    }
}
