// Batched, strided GEMM:  C[i, j] (+)= Σ_k A[i, k] · B[k, j]   for i < M, j < N, k < K.
// Each matrix is addressed through a Mat: element (i, j) of batch (b1, b2) sits at
//   off + b1*s1 + b2*s2 + i*rs + j*cs,
// so transposed operands are just swapped (rs, cs) and no copy is needed.
//
// Tiling: a 16×16 work-group computes a 64×64 tile of C. Per step of TK = 16 along k it stages a 64×16 panel of A
// and a 16×64 panel of B in local memory (zero-padded at the edges); each work-item then keeps a 4×4 block of C
// in registers — rows ty + 16r, columns tx + 16c — and does 16 multiply-adds per pair of loaded values.
#define TM 64
#define TN 64
#define TK 16
#define WX 16
#define WY 16
#define RM (TM / WY)
#define RN (TN / WX)

typedef struct {
    int off;
    int s1;
    int s2;
    int rs;
    int cs;
} Mat;

KERNEL WORKGROUP(WX, WY, 1)
void gemm(const int M, const int N, const int K, const int nb2,
          const Mat A, GLOBAL const T* a, const Mat B, GLOBAL const T* b, const Mat C, GLOBAL T* c,
          const int accumulate) {
    LOCAL T As[TK][TM];
    LOCAL T Bs[TK][TN];
    const int tx = LOCAL_ID(0);
    const int ty = LOCAL_ID(1);
    const int tid = ty * WX + tx;
    const int row0 = GROUP_ID(1) * TM;
    const int col0 = GROUP_ID(0) * TN;
    const int batch = GLOBAL_ID(2);
    const int b1 = batch / nb2;
    const int b2 = batch % nb2;
    const int abase = A.off + b1 * A.s1 + b2 * A.s2;
    const int bbase = B.off + b1 * B.s1 + b2 * B.s2;
    const int cbase = C.off + b1 * C.s1 + b2 * C.s2;

    ACC acc[RM][RN];
    for (int r = 0; r < RM; r++) {
        for (int q = 0; q < RN; q++) {
            acc[r][q] = 0;
        }
    }
    for (int k0 = 0; k0 < K; k0 += TK) {
        for (int e = tid; e < TK * TM; e += WX * WY) {
            int kk = e / TM, i = e % TM;
            int gi = row0 + i, gk = k0 + kk;
            As[kk][i] = gi < M && gk < K ? a[abase + gi * A.rs + gk * A.cs] : 0;
        }
        for (int e = tid; e < TK * TN; e += WX * WY) {
            int kk = e / TN, j = e % TN;
            int gj = col0 + j, gk = k0 + kk;
            Bs[kk][j] = gj < N && gk < K ? b[bbase + gk * B.rs + gj * B.cs] : 0;
        }
        BARRIER();
        for (int kk = 0; kk < TK; kk++) {
            ACC av[RM], bv[RN];
            for (int r = 0; r < RM; r++) {
                av[r] = As[kk][ty + WY * r];
            }
            for (int q = 0; q < RN; q++) {
                bv[q] = Bs[kk][tx + WX * q];
            }
            for (int r = 0; r < RM; r++) {
                for (int q = 0; q < RN; q++) {
                    acc[r][q] += av[r] * bv[q];
                }
            }
        }
        BARRIER();
    }
    for (int r = 0; r < RM; r++) {
        int gi = row0 + ty + WY * r;
        for (int q = 0; q < RN; q++) {
            int gj = col0 + tx + WX * q;
            if (gi < M && gj < N) {
                int at_c = cbase + gi * C.rs + gj * C.cs;
                c[at_c] = accumulate ? c[at_c] + (T) acc[r][q] : (T) acc[r][q];
            }
        }
    }
}
