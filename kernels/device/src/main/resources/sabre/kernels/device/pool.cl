// Max pooling over planes [P, H, W] (contiguous). Output (oh, ow) looks at rows oh·sh − ph + i·dh, i < kh (and
// likewise columns); padding is −∞. The index is h·W + w of the first maximum in row-major window order; a NaN
// beats every number (first NaN wins). The host has checked that every window holds an input cell.
typedef struct {
    int H, W, OH, OW;
    int kh, kw, sh, sw, ph, pw, dh, dw;
} Pool;

KERNEL void max_pool(const Pool p, GLOBAL const T* x, GLOBAL T* y, GLOBAL int* index, const int n) {
    int e = GLOBAL_ID(0);
    if (e >= n) {
        return;
    }
    int ow = e % p.OW, oh = (e / p.OW) % p.OH, plane = e / (p.OW * p.OH);
    GLOBAL const T* xp = x + plane * p.H * p.W;
    T best = 0;
    int best_at = -1;
    for (int i = 0; i < p.kh; i++) {
        int h = oh * p.sh - p.ph + i * p.dh;
        for (int j = 0; j < p.kw; j++) {
            int w = ow * p.sw - p.pw + j * p.dw;
            if (h < 0 || h >= p.H || w < 0 || w >= p.W) {
                continue;
            }
            T v = xp[h * p.W + w];
            if (best_at < 0 || v > best || (isnan(v) && !isnan(best))) {
                best = v;
                best_at = h * p.W + w;
            }
        }
    }
    y[e] = best;
    index[e] = best_at;
}

// dx[plane, index[k]] += g[plane, k]: one work-item per plane scatters its outputs in order (deterministic, no
// atomics); an index outside the plane is reported.
KERNEL void max_pool_backward(GLOBAL const T* g, GLOBAL const int* index, GLOBAL T* dx, const int in_plane,
                                const int out_plane, GLOBAL int* err, const int planes) {
    int plane = GLOBAL_ID(0);
    if (plane >= planes) {
        return;
    }
    GLOBAL T* d = dx + plane * in_plane;
    for (int k = 0; k < in_plane; k++) {
        d[k] = 0;
    }
    for (int k = 0; k < out_plane; k++) {
        int at_in = index[plane * out_plane + k];
        if (at_in < 0 || at_in >= in_plane) {
            report(err, at_in);
            return;
        }
        d[at_in] += g[plane * out_plane + k];
    }
}
