// Elementwise ops over strided inputs (broadcasting arrives as stride-0 views); outputs are contiguous.
// Op codes are the ordinals of sabre.tensor.UnaryOp / BinaryOp / CompareOp.

#if defined(R) && !defined(R_BOOL)
// ---- unary: y = op(x), T -> R ------------------------------------------------------------------------------
#if defined(R_FLOAT)
// UnaryOp: NEG ABS SIGN EXP LOG SQRT RSQRT TANH SIGMOID RELU SOFTPLUS FLOOR CEIL
INLINE R unary_float(int op, R x) {
    switch (op) {
        case 0: return -x;
        case 1: return fabs(x);
        case 2: return isnan(x) ? x : (x > 0 ? (R) 1 : (x < 0 ? (R) -1 : x));  // signum keeps ±0 and NaN
        case 3: return exp(x);
        case 4: return log(x);
        case 5: return sqrt(x);
        case 6: return 1 / sqrt(x);
        case 7: return tanh(x);
        case 8: return x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x));  // no overflow on either side
        case 9: return x > 0 ? x : (isnan(x) ? x : 0);                        // relu propagates NaN
        case 10: return fmax(x, (R) 0) + log1p(exp(-fabs(x)));               // log(1+e^x), stable
        case 11: return floor(x);
        default: return ceil(x);
    }
}
#endif

#if defined(T_INT) && !defined(R_FLOAT)
// integer-preserving ops (neg, abs, sign, relu, floor, ceil) wrap modulo 2^32 like int32 arithmetic
INLINE R unary_op(int op, T x) {
    switch (op) {
        case 0: return (int) (0u - (uint) x);
        case 1: return (int) abs(x);
        case 2: return x > 0 ? 1 : (x < 0 ? -1 : 0);
        case 9: return x > 0 ? x : 0;
        default: return x;
    }
}
#else
INLINE R unary_op(int op, T x) {
    return unary_float(op, (R) x);
}
#endif

KERNEL void unary(const View vx, GLOBAL const T* x, GLOBAL R* y, const int op, const int n) {
    int i = GLOBAL_ID(0);
    if (i < n) {
        y[i] = unary_op(op, x[at(vx, i)]);
    }
}

#elif defined(R_BOOL)
// ---- compare: y = a op b as 0/1 (R = uchar) ------------------------------------------------------------------
KERNEL void compare(const View va, GLOBAL const T* a, const View vb, GLOBAL const T* b, GLOBAL R* y,
                      const int op, const int n) {
    int i = GLOBAL_ID(0);
    if (i >= n) {
        return;
    }
    T x = a[at(va, i)];
    T z = b[at(vb, i)];
    int r;
    switch (op) {  // CompareOp: EQ NE LT LE GT GE (IEEE: every comparison with NaN is false except NE)
        case 0: r = x == z; break;
        case 1: r = x != z; break;
        case 2: r = x < z; break;
        case 3: r = x <= z; break;
        case 4: r = x > z; break;
        default: r = x >= z; break;
    }
    y[i] = r ? 1 : 0;
}

#else
// ---- binary: y = a op b, both of type T -----------------------------------------------------------------------
#if defined(T_INT)
// BinaryOp: ADD SUB MUL DIV POW MAXIMUM MINIMUM; wrapping arithmetic through uint; DIV never reaches int32
INLINE T binary_op(int op, T x, T z, GLOBAL int* err) {
    switch (op) {
        case 0: return (int) ((uint) x + (uint) z);
        case 1: return (int) ((uint) x - (uint) z);
        case 2: return (int) ((uint) x * (uint) z);
        case 4: {
            if (z < 0) {
                report(err, z);  // an integer to a negative power is not an integer
                return 0;
            }
            uint r = 1;
            for (int k = 0; k < z; k++) {
                r *= (uint) x;
            }
            return (int) r;
        }
        case 5: return max(x, z);
        case 6: return min(x, z);
        default: return 0;
    }
}
#else
INLINE T binary_op(int op, T x, T z, GLOBAL int* err) {
    switch (op) {
        case 0: return x + z;
        case 1: return x - z;
        case 2: return x * z;
        case 3: return x / z;
        case 4: return pow(x, z);
        case 5: return isnan(x) || isnan(z) ? x + z : fmax(x, z);  // NaN propagates, as torch.maximum
        default: return isnan(x) || isnan(z) ? x + z : fmin(x, z);
    }
}
#endif

KERNEL void binary(const View va, GLOBAL const T* a, const View vb, GLOBAL const T* b, GLOBAL T* y,
                     const int op, GLOBAL int* err, const int n) {
    int i = GLOBAL_ID(0);
    if (i < n) {
        y[i] = binary_op(op, a[at(va, i)], b[at(vb, i)], err);
    }
}

// y = min(max(x, lo), hi); NaN passes through; ±inf bounds (or the int range) disable a side
KERNEL void clamp_values(const View vx, GLOBAL const T* x, GLOBAL T* y, const T lo, const T hi, const int n) {
    int i = GLOBAL_ID(0);
    if (i >= n) {
        return;
    }
    T v = x[at(vx, i)];
    y[i] = v < lo ? lo : (v > hi ? hi : v);
}

// y = cond ? a : b, cond stored as uchar
KERNEL void where_select(const View vc, GLOBAL const uchar* c, const View va, GLOBAL const T* a,
                           const View vb, GLOBAL const T* b, GLOBAL T* y, const int n) {
    int i = GLOBAL_ID(0);
    if (i < n) {
        y[i] = c[at(vc, i)] ? a[at(va, i)] : b[at(vb, i)];
    }
}
#endif
