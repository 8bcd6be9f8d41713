// Shared by every Sabre kernel program (prepended after the dialect's prelude: prelude-opencl.h at run time for
// OpenCL, prelude-cuda.h when build-ptx.sh makes CUDA PTX). Build options define the element types:
//   T    the data type (float, double, int, uchar)     ACC  the accumulator type
//   R    a second (result) type where a kernel has one

#define MAX_RANK 8

// isnan for any element type (integers are never NaN)
#ifdef T_INT
#define ISNAN(a) 0
#else
#define ISNAN(a) isnan(a)
#endif

// A strided tensor: element i (row-major logical order) sits at
//   offset + sum_d coord_d(i) * stride[d],   coord_d from i by mixed radix over shape[].
typedef struct {
    int rank;
    int offset;
    int shape[MAX_RANK];
    int stride[MAX_RANK];
} View;

INLINE int at(const View v, int i) {
    int off = v.offset;
    for (int d = v.rank - 1; d >= 0; d--) {
        int s = v.shape[d];
        off += (i % s) * v.stride[d];
        i /= s;
    }
    return off;
}

// Records the first data-dependent error of a launch: err[0] = 1 and err[1] = the offending value.
INLINE void report(GLOBAL int* err, int value) {
    if (ATOMIC_CAS(err, 0, 1) == 0) {
        err[1] = value;
    }
}
