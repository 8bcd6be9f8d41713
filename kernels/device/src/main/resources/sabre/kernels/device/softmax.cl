// Softmax family. A line along the axis is x[o·L·inner + j·inner + i], j < L (input contiguous); one work-item
// per (o, i) walks its line. NaN propagates through the max (fmax would drop it).
#define NANMAX(a, b) (isnan(a) || isnan(b) ? (a) + (b) : fmax(a, b))

// log-softmax of one line: z_j − (max + log Σ exp(z − max))
INLINE ACC log_sum_exp(GLOBAL const T* x, int base, int L, int inner) {
    ACC mx = -INFINITY;
    for (int j = 0; j < L; j++) {
        mx = NANMAX(mx, (ACC) x[base + j * inner]);
    }
    ACC sum = 0;
    for (int j = 0; j < L; j++) {
        sum += exp(x[base + j * inner] - mx);
    }
    return mx + log(sum);
}

// y = softmax (as_log = 0: exp(z − lse)) or log-softmax (as_log = 1: z − lse) along the axis
KERNEL void softmax_lines(GLOBAL const T* x, GLOBAL T* y, const int L, const int inner, const int as_log,
                            const int lines) {
    int id = GLOBAL_ID(0);
    if (id >= lines) {
        return;
    }
    int base = (id / inner) * L * inner + id % inner;
    ACC lse = log_sum_exp(x, base, L, inner);
    for (int j = 0; j < L; j++) {
        ACC z = x[base + j * inner] - lse;
        y[base + j * inner] = (T) (as_log ? z : exp(z));
    }
}

// Per-sample cross-entropy of logits [N, C] with label smoothing ε:
//   loss = −(1−ε)·logp[y] − (ε/C)·Σ_c logp[c]   (the ε term skipped at ε = 0, so −∞ logits cannot make NaN)
KERNEL void cross_entropy(GLOBAL const T* x, GLOBAL const int* target, GLOBAL T* loss, const int C,
                            const ACC eps, GLOBAL int* err, const int n) {
    int s = GLOBAL_ID(0);
    if (s >= n) {
        return;
    }
    int y = target[s];
    if (y < 0 || y >= C) {
        report(err, y);
        return;
    }
    int base = s * C;
    ACC lse = log_sum_exp(x, base, C, 1);
    ACC sum_logp = 0;
    for (int c = 0; c < C; c++) {
        sum_logp += x[base + c] - lse;
    }
    loss[s] = (T) (-(1 - eps) * (x[base + y] - lse) - (eps == 0 ? 0 : eps / C * sum_logp));
}
