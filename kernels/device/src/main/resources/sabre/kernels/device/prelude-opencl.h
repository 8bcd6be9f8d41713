// The kernel dialect, OpenCL C side (prepended by the OpenCL runtime before common.cl and each program).
// Kernels are written once with these macros; prelude-cuda.h maps the same names onto CUDA C++.
#ifdef HAS_FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

#define KERNEL __kernel                                             // an entry point
#define WORKGROUP(x, y, z) __attribute__((reqd_work_group_size(x, y, z)))  // the launch's fixed group size
#define INLINE inline                                               // a device helper function
#define GLOBAL __global                                             // pointer into device memory
#define LOCAL __local                                               // array shared by a work-group
#define LOCAL_PTR __local                                           // pointer to such an array
#define BARRIER() barrier(CLK_LOCAL_MEM_FENCE)                      // work-group barrier, local memory visible
#define GLOBAL_ID(d) ((int) get_global_id(d))                       // group id · group size + local id
#define LOCAL_ID(d) ((int) get_local_id(d))
#define GROUP_ID(d) ((int) get_group_id(d))
#define ATOMIC_CAS(p, expected, desired) atomic_cmpxchg(p, expected, desired)  // returns the old value
#define MUL_HI(a, b) mul_hi(a, b)                                   // high 32 bits of the 64-bit product (uint)
#define UINT4(a, b, c, d) ((uint4) (a, b, c, d))
#define INT_SAT_RTZ(v) convert_int_sat_rtz(v)                       // toward zero, saturating, NaN -> 0
