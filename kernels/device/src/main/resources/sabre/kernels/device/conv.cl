// im2col / col2im for conv2d as GEMM, over a chunk of nc images starting at image n0.
// Column matrix layout: col[row][n][oh][ow] with row = (c·KH + i)·KW + j over all C input channels, so group g's
// rows are the contiguous block [g·Cg·KH·KW, (g+1)·Cg·KH·KW). Input cell of (row, n, oh, ow):
//   h = oh·sh − ph + i·dh,   w = ow·sw − pw + j·dw   (zero outside the image).
typedef struct {
    int C, H, W;        // input channels and size
    int KH, KW;         // kernel size
    int OH, OW;         // output size
    int sh, sw, ph, pw, dh, dw;
    int n0, nc;         // first image of the chunk and images in it
} Geom;

// col[e] = x[n0 + n, c, h, w] or 0; one work-item per column-matrix element
KERNEL void im2col(const Geom g, GLOBAL const T* x, GLOBAL T* col, const int total) {
    int e = GLOBAL_ID(0);
    if (e >= total) {
        return;
    }
    int ohw = g.OH * g.OW;
    int p = e % (g.nc * ohw);
    int row = e / (g.nc * ohw);
    int n = p / ohw, o = p % ohw;
    int oh = o / g.OW, ow = o % g.OW;
    int j = row % g.KW, i = (row / g.KW) % g.KH, c = row / (g.KW * g.KH);
    int h = oh * g.sh - g.ph + i * g.dh;
    int w = ow * g.sw - g.pw + j * g.dw;
    col[e] = h >= 0 && h < g.H && w >= 0 && w < g.W ? x[(((g.n0 + n) * g.C + c) * g.H + h) * g.W + w] : 0;
}

// The adjoint of im2col, as a gather (deterministic, no atomics): input cell (n, c, h, w) sums every column entry
// that read it, i.e. kernel taps (i, j) with oh = (h + ph − i·dh)/sh and ow = (w + pw − j·dw)/sw exact and in range.
KERNEL void col2im(const Geom g, GLOBAL const T* col, GLOBAL T* dx, const int total) {
    int e = GLOBAL_ID(0);
    if (e >= total) {
        return;
    }
    int w = e % g.W, h = (e / g.W) % g.H, c = (e / (g.W * g.H)) % g.C, n = e / (g.W * g.H * g.C);
    int ohw = g.OH * g.OW;
    ACC acc = 0;
    for (int i = 0; i < g.KH; i++) {
        int th = h + g.ph - i * g.dh;
        if (th < 0 || th % g.sh != 0 || th / g.sh >= g.OH) {
            continue;
        }
        for (int j = 0; j < g.KW; j++) {
            int tw = w + g.pw - j * g.dw;
            if (tw < 0 || tw % g.sw != 0 || tw / g.sw >= g.OW) {
                continue;
            }
            int row = (c * g.KH + i) * g.KW + j;
            acc += col[(row * g.nc + n) * ohw + (th / g.sh) * g.OW + tw / g.sw];
        }
    }
    dx[(g.n0 * g.C) * g.H * g.W + e] = (T) acc;
}

// y[n, o, :, :] += bias[o]  (y contiguous NCHW, plane = H·W)
KERNEL void add_bias(GLOBAL T* y, GLOBAL const T* bias, const int channels, const int plane, const int n) {
    int e = GLOBAL_ID(0);
    if (e < n) {
        y[e] += bias[(e / plane) % channels];
    }
}
