// Layout copies and casts.

// y[at(dst, i)] = x[at(src, i)]: any strided tensor into any strided destination of the same shape.
// Compiled with T as the storage type (moving bits, no arithmetic).
KERNEL void copy_view(const View src, GLOBAL const T* x, const View dst, GLOBAL T* y, const int n) {
    int i = GLOBAL_ID(0);
    if (i < n) {
        y[at(dst, i)] = x[at(src, i)];
    }
}

// y[i] = convert(x[at(src, i)]) from T to R:
//   to BOOL: x != 0;  to INT32: truncation toward zero, NaN -> 0, saturating at the int range (Java's (int));
//   to floating: round to nearest.
#ifdef R
KERNEL void cast(const View src, GLOBAL const T* x, GLOBAL R* y, const int n) {
    int i = GLOBAL_ID(0);
    if (i >= n) {
        return;
    }
    T v = x[at(src, i)];
#if defined(R_BOOL)
    y[i] = v != 0 ? 1 : 0;
#elif defined(R_FLOAT)
    y[i] = (R) v;
#elif defined(T_FLOAT)
    y[i] = INT_SAT_RTZ(v);
#else
    y[i] = (R) v;
#endif
}
#endif
