// The kernel dialect, CUDA C++ side (build-ptx.sh compiles prelude-cuda.h + common.cl + a program with nvcc).
// Same names as prelude-opencl.h; the OpenCL scalar types and built-ins the kernels use are supplied here.
#include <climits>
#include <cmath>

#define HAS_FP64 1                                                  // every CUDA device computes in double

typedef unsigned char uchar;
typedef unsigned int uint;
typedef unsigned long ulong;                                        // 64 bits on Linux x86-64, like OpenCL's

#define KERNEL extern "C" __global__
#define WORKGROUP(x, y, z) __launch_bounds__((x) * (y) * (z))
#define INLINE __device__ inline
#define GLOBAL
#define LOCAL __shared__
#define LOCAL_PTR
#define BARRIER() __syncthreads()
#define ATOMIC_CAS(p, expected, desired) atomicCAS(p, expected, desired)
#define MUL_HI(a, b) __umulhi(a, b)
#define UINT4(a, b, c, d) make_uint4(a, b, c, d)

// get_global_id(d) = blockIdx·blockDim + threadIdx along axis d (x, y, z)
__device__ inline int sabre_axis(uint3 v, int d) {
    return d == 0 ? (int) v.x : (d == 1 ? (int) v.y : (int) v.z);
}
__device__ inline int sabre_axis(dim3 v, int d) {
    return d == 0 ? (int) v.x : (d == 1 ? (int) v.y : (int) v.z);
}
#define GLOBAL_ID(d) (sabre_axis(blockIdx, d) * sabre_axis(blockDim, d) + sabre_axis(threadIdx, d))
#define LOCAL_ID(d) sabre_axis(threadIdx, d)
#define GROUP_ID(d) sabre_axis(blockIdx, d)

// convert_int_sat_rtz: cvt.rzi.s32 saturates and maps NaN to 0, as Java's (int)
__device__ inline int INT_SAT_RTZ(float v) {
    return __float2int_rz(v);
}
__device__ inline int INT_SAT_RTZ(double v) {
    return __double2int_rz(v);
}
