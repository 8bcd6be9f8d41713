// Stable merge sort of lines of length L (values with their original positions), one pass per run width:
// runs [s, s+width) of the previous pass are sorted; each work-item moves one element to its place in the merged
// pair of runs. Order: numbers ascending with NaN above every number and -0.0 == 0.0 (descending reverses it);
// stability (left run first on ties) keeps equal values in their original order.

// strictly before in the requested order
INLINE int before(T u, T v, int descending) {
    if (descending) {
        return !ISNAN(v) && (ISNAN(u) || u > v);
    }
    return !ISNAN(u) && (ISNAN(v) || u < v);
}

// number of elements of run r[0..len) (sorted) for which before(r[m], v) holds (strict = 1) or !before(v, r[m])
// holds (strict = 0): both are prefixes of the run
INLINE int rank_in(GLOBAL const T* r, int len, T v, int strict, int descending) {
    int lo = 0, hi = len;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        int in_prefix = strict ? before(r[mid], v, descending) : !before(v, r[mid], descending);
        if (in_prefix) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

KERNEL void merge_pass(GLOBAL const T* v, GLOBAL const int* pos, GLOBAL T* v2, GLOBAL int* pos2,
                         const int L, const int width, const int descending, const int n) {
    int e = GLOBAL_ID(0);
    if (e >= n) {
        return;
    }
    int line = e / L, k = e % L;
    int base = line * L;
    int run = k / width;
    int a0 = (run & ~1) * width;                 // start of the left run of this pair
    int b0 = min(a0 + width, L);                 // start of the right run
    int b1 = min(b0 + width, L);
    T x = v[base + k];
    int dst;
    if ((run & 1) == 0) {  // in the left run: after the right-run elements strictly before it
        dst = a0 + (k - a0) + rank_in(v + base + b0, b1 - b0, x, 1, descending);
    } else {               // in the right run: after the left-run elements not after it (ties: left first)
        dst = a0 + (k - b0) + rank_in(v + base + a0, b0 - a0, x, 0, descending);
    }
    v2[base + dst] = x;
    pos2[base + dst] = pos[base + k];
}

// positions 0..L-1 along every line
KERNEL void iota_lines(GLOBAL int* pos, const int L, const int n) {
    int e = GLOBAL_ID(0);
    if (e < n) {
        pos[e] = e % L;
    }
}
