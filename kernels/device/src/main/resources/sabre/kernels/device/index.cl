// Indexing kernels. Views here are full-rank (not merged) so coordinates can be exchanged between tensors of
// different shapes; index tensors are INT32. An index outside [0, size) is reported through err.

// out[c] = x[c with c[axis] = index[c]] for every coordinate c of the index tensor
KERNEL void gather(const View vx, GLOBAL const T* x, const View vi, GLOBAL const int* index, GLOBAL T* y,
                     const int axis, GLOBAL int* err, const int n) {
    int p = GLOBAL_ID(0);
    if (p >= n) {
        return;
    }
    int xoff = vx.offset, ioff = vi.offset;
    for (int d = vi.rank - 1, q = p; d >= 0; d--) {
        int c = q % vi.shape[d];
        q /= vi.shape[d];
        ioff += c * vi.stride[d];
        xoff += d == axis ? 0 : c * vx.stride[d];
    }
    int k = index[ioff];
    if (k < 0 || k >= vx.shape[axis]) {
        report(err, k);
        return;
    }
    y[p] = x[xoff + k * vx.stride[axis]];
}

// scatter-add as a gather (deterministic): out[c] = x[c] + Σ_j src[c'] over c' = c with c'[axis] = j, c' inside
// the index shape and index[c'] = c[axis]
KERNEL void scatter_add(const View vx, GLOBAL const T* x, const View vi, GLOBAL const int* index,
                          const View vs, GLOBAL const T* src, GLOBAL T* y, const int axis, GLOBAL int* err,
                          const int n) {
    int p = GLOBAL_ID(0);
    if (p >= n) {
        return;
    }
    int xoff = vx.offset, ioff = vi.offset, soff = vs.offset, target = 0, inside = 1;
    for (int d = vx.rank - 1, q = p; d >= 0; d--) {
        int c = q % vx.shape[d];
        q /= vx.shape[d];
        xoff += c * vx.stride[d];
        if (d == axis) {
            target = c;
        } else {
            inside &= c < vi.shape[d];
            ioff += c * vi.stride[d];
            soff += c * vs.stride[d];
        }
    }
    ACC acc = x[xoff];
    for (int j = 0; inside && j < vi.shape[axis]; j++) {
        int k = index[ioff + j * vi.stride[axis]];
        if (k < 0 || k >= vx.shape[axis]) {
            report(err, k);
            return;
        }
        if (k == target) {
            acc += src[soff + j * vs.stride[axis]];
        }
    }
    y[p] = (T) acc;
}

// out[o, j, i] = x[o, index[j], i] (x contiguous as [outer, N, inner])
KERNEL void index_select(GLOBAL const T* x, GLOBAL const int* index, GLOBAL T* y, const int N, const int J,
                           const int inner, GLOBAL int* err, const int n) {
    int p = GLOBAL_ID(0);
    if (p >= n) {
        return;
    }
    int i = p % inner, j = (p / inner) % J, o = p / (inner * J);
    int k = index[j];
    if (k < 0 || k >= N) {
        report(err, k);
        return;
    }
    y[p] = x[(o * N + k) * inner + i];
}

// out[p, c] = (index[p] == c) as T
KERNEL void one_hot(GLOBAL const int* index, GLOBAL T* y, const int classes, GLOBAL int* err, const int n) {
    int e = GLOBAL_ID(0);
    if (e >= n) {
        return;
    }
    int k = index[e / classes];
    if (k < 0 || k >= classes) {
        report(err, k);
        return;
    }
    y[e] = k == e % classes ? 1 : 0;
}
