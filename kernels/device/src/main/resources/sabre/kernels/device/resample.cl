// A linear map along one axis, given as taps in compressed-row form. x is [outer, Lin, inner] and y is
// [outer, Lout, inner] (both contiguous); output row j has taps t in [start[j], start[j+1]):
//   y[o, j, i] = Σ_t w[t] · x[o, idx[t], i]        (or `empty` when row j has no taps)
// Average pooling, adaptive pooling, nearest/bilinear resizing and padding are separable, so each is one or two
// such maps; their backward passes use the transposed taps (built on the host), so they are exact adjoints and
// deterministic gathers.
KERNEL void apply_taps(GLOBAL const T* x, GLOBAL T* y, GLOBAL const int* start, GLOBAL const int* idx,
                         GLOBAL const T* w, const int Lin, const int Lout, const int inner, const T empty,
                         const int n) {
    int e = GLOBAL_ID(0);
    if (e >= n) {
        return;
    }
    int i = e % inner;
    int j = (e / inner) % Lout;
    int o = e / (inner * Lout);
    int t0 = start[j], t1 = start[j + 1];
    if (t0 == t1) {
        y[e] = empty;
        return;
    }
    ACC acc = 0;
    for (int t = t0; t < t1; t++) {
        acc += (ACC) w[t] * x[(o * Lin + idx[t]) * inner + i];
    }
    y[e] = (T) acc;
}
