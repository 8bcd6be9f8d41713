// Row reductions. The host permutes the reduced axes last, so row r of the (strided) view holds the m inputs of
// output r: element (r, j) sits at at(v, r*m + j). One work-group of WG items per row: each item folds a strided
// subset (j = lid, lid+WG, ...), then a tree in local memory combines the WG partial results.
#define WG 64

#ifdef T_INT
#define ADD(a, b) ((int) ((uint) (a) + (uint) (b)))  // int32 sums wrap modulo 2^32
#define MAXV(a, b) max(a, b)
#define MINV(a, b) min(a, b)
#define LOWEST INT_MIN
#define HIGHEST INT_MAX
#else
#define ADD(a, b) ((a) + (b))
#define MAXV(a, b) (isnan(a) || isnan(b) ? (a) + (b) : fmax(a, b))  // NaN propagates
#define MINV(a, b) (isnan(a) || isnan(b) ? (a) + (b) : fmin(a, b))
#define LOWEST (-INFINITY)
#define HIGHEST INFINITY
#endif

// Tree-combines buf[0..WG) with COMBINE; the result ends in buf[0].
#define TREE(buf, lid, COMBINE)                                        \
    for (int s = WG / 2; s > 0; s >>= 1) {                             \
        BARRIER();                                  \
        if (lid < s) {                                                 \
            buf[lid] = COMBINE(buf[lid], buf[lid + s]);                \
        }                                                              \
    }                                                                  \
    BARRIER()

// op (ReduceOp ordinal): SUM = Σx, MEAN = Σx / m, MAX, MIN (an empty max/min never reaches the device)
KERNEL WORKGROUP(WG, 1, 1)
void reduce_rows(const View v, GLOBAL const T* x, GLOBAL T* y, const int m, const int op) {
    LOCAL ACC buf[WG];
    int row = GROUP_ID(0);
    int lid = LOCAL_ID(0);
    ACC acc = op == 2 ? LOWEST : (op == 3 ? HIGHEST : 0);
    for (int j = lid; j < m; j += WG) {
        ACC e = x[at(v, row * m + j)];
        acc = op == 2 ? MAXV(acc, e) : (op == 3 ? MINV(acc, e) : ADD(acc, e));
    }
    buf[lid] = acc;
    if (op == 2) {
        TREE(buf, lid, MAXV);
    } else if (op == 3) {
        TREE(buf, lid, MINV);
    } else {
        TREE(buf, lid, ADD);
    }
    if (lid == 0) {
        y[row] = op == 1 ? (T) (buf[0] / m) : (T) buf[0];
    }
}

#ifndef T_INT
// Variance: μ = Σx/m, then Σ(x − μ)² / max(0, m − correction) (two passes over the row, as the reference)
KERNEL WORKGROUP(WG, 1, 1)
void variance_rows(const View v, GLOBAL const T* x, GLOBAL T* y, const int m, const int correction) {
    LOCAL ACC buf[WG];
    int row = GROUP_ID(0);
    int lid = LOCAL_ID(0);
    ACC acc = 0;
    for (int j = lid; j < m; j += WG) {
        acc += x[at(v, row * m + j)];
    }
    buf[lid] = acc;
    TREE(buf, lid, ADD);
    ACC mean = buf[0] / m;
    BARRIER();
    acc = 0;
    for (int j = lid; j < m; j += WG) {
        ACC d = x[at(v, row * m + j)] - mean;
        acc += d * d;
    }
    buf[lid] = acc;
    TREE(buf, lid, ADD);
    if (lid == 0) {
        y[row] = (T) (buf[0] / max(0, m - correction));
    }
}

// p-norm: p = 0 counts non-zeros, p = ∞ is max |x| (NaN propagates), otherwise (Σ|x|^p)^(1/p)
KERNEL WORKGROUP(WG, 1, 1)
void norm_rows(const View v, GLOBAL const T* x, GLOBAL T* y, const int m, const ACC p, const int kind) {
    LOCAL ACC buf[WG];
    int row = GROUP_ID(0);
    int lid = LOCAL_ID(0);
    ACC acc = 0;
    for (int j = lid; j < m; j += WG) {
        ACC a = fabs((ACC) x[at(v, row * m + j)]);
        acc = kind == 0 ? acc + (a != 0 ? 1 : 0) : (kind == 1 ? MAXV(acc, a) : acc + pow(a, p));
    }
    buf[lid] = acc;
    if (kind == 1) {
        TREE(buf, lid, MAXV);
    } else {
        TREE(buf, lid, ADD);
    }
    if (lid == 0) {
        y[row] = (T) (kind == 2 ? pow(buf[0], 1 / p) : buf[0]);
    }
}
#endif

// (value, position) pairs: a beats b when it is NaN and b is not (the first NaN wins), when it is strictly more
// extreme, or when they tie (or are both NaN) and it comes first. The rule is associative, so any tree works.
INLINE int beats(ACC a, int ia, ACC b, int ib, int want_max) {
    if (ISNAN(a) || ISNAN(b)) {
        return ISNAN(a) && ISNAN(b) ? ia < ib : ISNAN(a);
    }
    if (a != b) {
        return want_max ? a > b : a < b;
    }
    return ia < ib;
}

// INT32 position of the first maximum (want_max = 1) or minimum along the row
KERNEL WORKGROUP(WG, 1, 1)
void arg_rows(const View v, GLOBAL const T* x, GLOBAL int* y, const int m, const int want_max) {
    LOCAL ACC val[WG];
    LOCAL int pos[WG];
    int row = GROUP_ID(0);
    int lid = LOCAL_ID(0);
    ACC best = 0;
    int at_best = -1;
    for (int j = lid; j < m; j += WG) {
        ACC e = x[at(v, row * m + j)];
        if (at_best < 0 || beats(e, j, best, at_best, want_max)) {
            best = e;
            at_best = j;
        }
    }
    val[lid] = best;
    pos[lid] = at_best;
    for (int s = WG / 2; s > 0; s >>= 1) {
        BARRIER();
        if (lid < s && pos[lid + s] >= 0
                && (pos[lid] < 0 || beats(val[lid + s], pos[lid + s], val[lid], pos[lid], want_max))) {
            val[lid] = val[lid + s];
            pos[lid] = pos[lid + s];
        }
    }
    if (lid == 0) {
        y[row] = max(pos[0], 0);
    }
}
