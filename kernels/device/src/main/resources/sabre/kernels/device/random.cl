// Counter-based draws, bit-identical to sabre.tensor.Philox / RefRandom: element i uses Philox 4x32-10 with
// key = seed (two 32-bit words) and counter = (offset + i) as (lo, hi, 0, 0).
// REAL is double when the device has cl_khr_fp64 (exactly the reference arithmetic), else float.
#ifdef HAS_FP64
#define REAL double
#else
#define REAL float
#endif

// Philox 4x32-10: ten rounds of
//   (c0, c1, c2, c3) <- (hi(M1*c2) ^ c1 ^ k0, lo(M1*c2), hi(M0*c0) ^ c3 ^ k1, lo(M0*c0)),  k <- k + (W0, W1)
INLINE uint4 philox(ulong seed, ulong counter) {
    uint c0 = (uint) counter, c1 = (uint) (counter >> 32), c2 = 0, c3 = 0;
    uint k0 = (uint) seed, k1 = (uint) (seed >> 32);
    for (int round = 0; round < 10; round++) {
        uint hi0 = MUL_HI(0xD2511F53u, c0), lo0 = 0xD2511F53u * c0;
        uint hi1 = MUL_HI(0xCD9E8D57u, c2), lo1 = 0xCD9E8D57u * c2;
        c0 = hi1 ^ c1 ^ k0;
        c1 = lo1;
        c2 = hi0 ^ c3 ^ k1;
        c3 = lo0;
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    return UINT4(c0, c1, c2, c3);
}

// 53 random bits from two lanes: (hi >> 5) << 26 | lo >> 6  (Philox.unitDouble before scaling by 2^-53)
INLINE ulong bits53(uint hi, uint lo) {
    return ((ulong) (hi >> 5) << 26) | (lo >> 6);
}

// uniform on [low, high): low + (high - low) * u, clipped to top = the largest value below high in T
KERNEL void uniform(GLOBAL T* y, const ulong seed, const ulong offset, const REAL low, const REAL high,
                      const REAL top, const int n) {
    int i = GLOBAL_ID(0);
    if (i >= n) {
        return;
    }
    uint4 r = philox(seed, offset + i);
#ifdef T_DOUBLE
    REAL u = bits53(r.x, r.y) * 0x1.0p-53;           // 53-bit unit double
#else
    REAL u = (REAL) (r.x >> 8) * (REAL) 0x1.0p-24f;  // 24-bit unit float
#endif
    T v = (T) (low + (high - low) * u);
    y[i] = high > low ? min(v, (T) top) : (T) low;
}

// normal: Box-Muller with u1 = 1 - unit(lanes 0,1) in (0, 1] and u2 = unit(lanes 2,3):
//   z = sqrt(-2 ln u1) * cos(2 pi u2),  y = mean + std * z
KERNEL void normal(GLOBAL T* y, const ulong seed, const ulong offset, const REAL mean, const REAL stdev,
                     const int n) {
    int i = GLOBAL_ID(0);
    if (i >= n) {
        return;
    }
    uint4 r = philox(seed, offset + i);
    REAL u1 = 1 - (REAL) bits53(r.x, r.y) * (REAL) 0x1.0p-53;
    REAL u2 = (REAL) bits53(r.z, r.w) * (REAL) 0x1.0p-53;
    REAL two_pi = (REAL) 6.283185307179586;
    y[i] = (T) (mean + stdev * sqrt(-2 * log(u1)) * cos(two_pi * u2));
}

// randint on [low, low + range): low + ((lane0 * range) >> 32)  (Lemire's multiply-shift)
KERNEL void randint(GLOBAL int* y, const ulong seed, const ulong offset, const int low, const ulong range,
                      const int n) {
    int i = GLOBAL_ID(0);
    if (i < n) {
        ulong bits = philox(seed, offset + i).x;
        y[i] = (int) ((long) low + (long) ((bits * range) >> 32));
    }
}

// bernoulli: 1 when unitDouble(lanes 0,1) < p, i.e. when bits53 < threshold = ceil(p * 2^53) (exact integers)
KERNEL void bernoulli(GLOBAL T* y, const ulong seed, const ulong offset, const ulong threshold, const int n) {
    int i = GLOBAL_ID(0);
    if (i < n) {
        uint4 r = philox(seed, offset + i);
        y[i] = bits53(r.x, r.y) < threshold ? (T) 1 : (T) 0;
    }
}
