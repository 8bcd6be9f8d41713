#!/usr/bin/python3
"""Generates the PyTorch golden fixtures that GoldenTest checks Sabre against.

How to run (from the repository root; needs Debian's python3-torch, i.e. the system interpreter):

    /usr/bin/python3 tests/golden/generate_goldens.py

It writes tests/src/test/resources/golden/cases.json, which is committed: the Maven build never runs PyTorch.
The output is deterministic: every case draws its tensors from torch.manual_seed(crc32(case name)), so adding,
removing or reordering cases leaves the others unchanged, and rerunning the script reproduces the file exactly
(for the same PyTorch version).

File format: {"generator": ..., "torch_version": ..., "cases": [case, ...]} where each case is

    {
      "name": "conv2d_stride2_nobias",          unique, used as the JUnit display name
      "op": "conv2d",                           dispatched by sabre.tests.GoldenOps
      "dtype": "float64" | "float32",           the floating type of the case
      "attrs": {...},                           op attributes (stride, padding, axis, ...)
      "inputs": {name: tensor, ...},            in call order; integer tensors hold indices / targets
      "grad_inputs": [name, ...],               the inputs differentiated (Var.param in Sabre)
      "grad_output": tensor,                    a random cotangent for the differentiable output "out"
      "outputs": {"out": tensor, ...},          forward results; extra ones (indices, mean, invstd) are not
                                                differentiated; integer ones must match exactly
      "grads": {name: tensor, ...}              vjp: d<out, grad_output>/d input for each of grad_inputs
    }

and a tensor is {"dtype": "float64" | "float32" | "int64", "shape": [...], "data": [flat row-major values]}.
Floating values are written with Python's repr of the (exactly widened) double, so they round-trip bit for bit.

Inputs are chosen to avoid ambiguous cases on purpose: continuous random values (no ties for max/topk/sort/amax/
maximum/norm-inf), positive bases for pow, divisors bounded away from zero.
"""

import json
import os
import zlib

import torch
import torch.nn.functional as F

torch.set_num_threads(2)

OUT_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "golden",
                        "cases.json")

DTYPES = {"float64": torch.float64, "float32": torch.float32}


def enc(t):
    """A tensor as a JSON object (floats widened to double, exactly)."""
    t = t.detach().contiguous()
    if t.dtype in (torch.float32, torch.float64):
        data = [float(v) for v in t.double().reshape(-1).tolist()]
        dt = "float32" if t.dtype == torch.float32 else "float64"
    else:
        data = [int(v) for v in t.reshape(-1).tolist()]
        dt = "int64"
    return {"dtype": dt, "shape": list(t.shape), "data": data}


class Case:
    """Collects one case: random inputs are drawn from a generator seeded with the case name."""

    def __init__(self, name, op, dtype="float64", **attrs):
        self.name = name
        self.op = op
        self.dtype = dtype
        self.tdtype = DTYPES[dtype]
        self.attrs = attrs
        self.inputs = {}
        self.grad_inputs = []
        torch.manual_seed(zlib.crc32(name.encode()))

    def randn(self, name, *shape, grad=True, scale=1.0):
        return self.add(name, torch.randn(*shape, dtype=torch.float64) * scale, grad)

    def uniform(self, name, lo, hi, *shape, grad=True):
        return self.add(name, torch.rand(*shape, dtype=torch.float64) * (hi - lo) + lo, grad)

    def ints(self, name, lo, hi, *shape):
        t = torch.randint(lo, hi, shape, dtype=torch.int64)
        self.inputs[name] = t
        return t

    def fixed_ints(self, name, values):
        t = torch.tensor(values, dtype=torch.int64)
        self.inputs[name] = t
        return t

    def add(self, name, t, grad=True):
        t = t.to(self.tdtype).detach().requires_grad_(grad)
        self.inputs[name] = t
        if grad:
            self.grad_inputs.append(name)
        return t

    def finish(self, out, **extra):
        g = torch.randn(out.shape, dtype=torch.float64).to(out.dtype)
        diff = [self.inputs[n] for n in self.grad_inputs]
        grads = torch.autograd.grad([out], diff, [g], allow_unused=False)
        for n, gr in zip(self.grad_inputs, grads):
            assert gr.shape == self.inputs[n].shape, (self.name, n)
        outputs = {"out": enc(out)}
        outputs.update({k: enc(v) for k, v in extra.items()})
        return {
            "name": self.name,
            "op": self.op,
            "dtype": self.dtype,
            "attrs": self.attrs,
            "inputs": {k: enc(v) for k, v in self.inputs.items()},
            "grad_inputs": list(self.grad_inputs),
            "grad_output": enc(g),
            "outputs": outputs,
            "grads": {n: enc(gr) for n, gr in zip(self.grad_inputs, grads)},
        }


CASES = []


def case(fn):
    CASES.append(fn)
    return fn


# ------------------------------------------------------------------ convolution

def conv2d(name, x_shape, w_shape, bias, stride, padding, dilation, groups, dtype="float64"):
    c = Case(name, "conv2d", dtype, stride=stride, padding=padding, dilation=dilation, groups=groups)
    x = c.randn("input", *x_shape)
    w = c.randn("weight", *w_shape, scale=0.5)
    b = c.randn("bias", w_shape[0]) if bias else None
    return c.finish(F.conv2d(x, w, b, stride=stride, padding=padding, dilation=dilation, groups=groups))


def conv_transpose2d(name, x_shape, w_shape, bias, stride, padding, output_padding, dilation, groups,
                     dtype="float64"):
    c = Case(name, "conv_transpose2d", dtype, stride=stride, padding=padding, output_padding=output_padding,
             dilation=dilation, groups=groups)
    x = c.randn("input", *x_shape)
    w = c.randn("weight", *w_shape, scale=0.5)
    b = c.randn("bias", w_shape[1] * groups) if bias else None
    return c.finish(F.conv_transpose2d(x, w, b, stride=stride, padding=padding, output_padding=output_padding,
                                       groups=groups, dilation=dilation))


@case
def _():
    return [
        conv2d("conv2d_basic_bias", (2, 3, 5, 5), (4, 3, 3, 3), True, [1, 1], [1, 1], [1, 1], 1),
        conv2d("conv2d_stride2_nobias", (1, 2, 7, 6), (3, 2, 3, 3), False, [2, 2], [0, 0], [1, 1], 1),
        conv2d("conv2d_dilation2_pad2", (1, 2, 8, 7), (2, 2, 3, 3), True, [1, 1], [2, 2], [2, 2], 1),
        conv2d("conv2d_groups2_bias", (2, 4, 5, 5), (6, 2, 3, 3), True, [1, 1], [1, 1], [1, 1], 2),
        conv2d("conv2d_depthwise_stride2", (1, 3, 6, 5), (3, 1, 3, 3), False, [2, 2], [1, 1], [1, 1], 3),
        conv2d("conv2d_asymmetric", (1, 2, 6, 7), (3, 2, 2, 3), True, [2, 1], [1, 0], [1, 2], 1),
        conv2d("conv2d_1x1", (2, 3, 4, 4), (5, 3, 1, 1), True, [1, 1], [0, 0], [1, 1], 1),
        conv2d("conv2d_groups_stride_dilation", (1, 6, 9, 8), (4, 3, 3, 2), True, [2, 3], [2, 1], [2, 1], 2),
        conv2d("conv2d_f32_basic", (2, 3, 5, 5), (4, 3, 3, 3), True, [1, 1], [1, 1], [1, 1], 1, "float32"),
        conv2d("conv2d_f32_groups_stride", (1, 4, 7, 6), (4, 2, 3, 3), True, [2, 2], [1, 1], [1, 1], 2, "float32"),
        conv_transpose2d("conv_transpose2d_basic", (1, 3, 4, 4), (3, 2, 3, 3), True, [1, 1], [0, 0], [0, 0],
                         [1, 1], 1),
        conv_transpose2d("conv_transpose2d_stride2_outpad", (2, 2, 3, 3), (2, 3, 3, 3), True, [2, 2], [1, 1],
                         [1, 1], [1, 1], 1),
        conv_transpose2d("conv_transpose2d_groups2", (1, 4, 3, 3), (4, 2, 3, 3), False, [2, 2], [0, 0], [0, 0],
                         [1, 1], 2),
        conv_transpose2d("conv_transpose2d_dilation_asym", (1, 2, 3, 4), (2, 3, 2, 3), True, [2, 1], [1, 1],
                         [1, 0], [2, 2], 1),
    ]


# ------------------------------------------------------------------ pooling

def max_pool2d(name, shape, kernel, stride, padding, dilation, ceil_mode):
    c = Case(name, "max_pool2d", kernel=kernel, stride=stride, padding=padding, dilation=dilation,
             ceil_mode=ceil_mode)
    x = c.randn("input", *shape)
    out, idx = F.max_pool2d(x, kernel, stride, padding, dilation, ceil_mode=ceil_mode, return_indices=True)
    return c.finish(out, indices=idx)


def avg_pool2d(name, shape, kernel, stride, padding, ceil_mode, count_include_pad):
    c = Case(name, "avg_pool2d", kernel=kernel, stride=stride, padding=padding, ceil_mode=ceil_mode,
             count_include_pad=count_include_pad)
    x = c.randn("input", *shape)
    return c.finish(F.avg_pool2d(x, kernel, stride, padding, ceil_mode=ceil_mode,
                                 count_include_pad=count_include_pad))


def adaptive_avg_pool2d(name, shape, size):
    c = Case(name, "adaptive_avg_pool2d", output_size=size)
    x = c.randn("input", *shape)
    return c.finish(F.adaptive_avg_pool2d(x, size))


@case
def _():
    return [
        max_pool2d("max_pool2d_2x2", (2, 2, 4, 6), [2, 2], [2, 2], [0, 0], [1, 1], False),
        max_pool2d("max_pool2d_pad1", (1, 3, 7, 6), [3, 3], [2, 2], [1, 1], [1, 1], False),
        max_pool2d("max_pool2d_ceil", (1, 2, 6, 7), [3, 3], [2, 2], [0, 0], [1, 1], True),
        max_pool2d("max_pool2d_ceil_pad", (1, 2, 5, 8), [3, 2], [2, 2], [1, 1], [1, 1], True),
        max_pool2d("max_pool2d_dilation", (1, 2, 7, 7), [3, 3], [1, 2], [1, 1], [2, 2], False),
        avg_pool2d("avg_pool2d_include_pad", (2, 2, 6, 5), [3, 3], [2, 2], [1, 1], False, True),
        avg_pool2d("avg_pool2d_exclude_pad", (2, 2, 6, 5), [3, 3], [2, 2], [1, 1], False, False),
        avg_pool2d("avg_pool2d_ceil_include_pad", (1, 2, 6, 7), [3, 3], [2, 2], [1, 1], True, True),
        avg_pool2d("avg_pool2d_ceil_exclude_pad", (1, 2, 6, 7), [3, 3], [2, 2], [1, 1], True, False),
        avg_pool2d("avg_pool2d_ceil_nopad", (1, 2, 5, 7), [2, 2], [2, 2], [0, 0], True, True),
        avg_pool2d("avg_pool2d_nonsquare", (1, 3, 5, 7), [2, 3], [1, 2], [1, 1], False, False),
        adaptive_avg_pool2d("adaptive_avg_pool2d_5x7_to_3x4", (2, 2, 5, 7), [3, 4]),
        adaptive_avg_pool2d("adaptive_avg_pool2d_6x6_to_4x5", (1, 3, 6, 6), [4, 5]),
        adaptive_avg_pool2d("adaptive_avg_pool2d_3x7_to_5x2", (1, 2, 3, 7), [5, 2]),
    ]


# ------------------------------------------------------------------ batch norm

def batch_norm(name, shape, training, eps, dtype="float64", affine=True):
    c = Case(name, "batch_norm", dtype, training=training, eps=eps)
    ch = shape[1]
    x = c.randn("input", *shape, scale=2.0)
    with torch.no_grad():
        x += torch.randn(ch, dtype=torch.float64).to(c.tdtype).reshape([1, ch] + [1] * (len(shape) - 2))
    w = c.uniform("weight", 0.5, 1.5, ch) if affine else None
    b = c.randn("bias", ch) if affine else None
    if training:
        out, mean, invstd = torch.native_batch_norm(x, w, b, None, None, True, 0.1, eps)
        return c.finish(out, mean=mean, invstd=invstd)
    rm = c.randn("running_mean", ch, grad=False)
    rv = c.uniform("running_var", 0.5, 2.0, ch, grad=False)
    return c.finish(F.batch_norm(x, rm, rv, w, b, training=False, eps=eps))


@case
def _():
    return [
        batch_norm("batch_norm_train_4d", (3, 4, 3, 2), True, 1e-5),
        batch_norm("batch_norm_train_2d", (6, 5), True, 1e-3),
        batch_norm("batch_norm_eval_4d", (2, 3, 4, 3), False, 1e-5),
        batch_norm("batch_norm_eval_3d", (4, 3, 5), False, 1e-2),
        batch_norm("batch_norm_f32_train", (4, 3, 3, 3), True, 1e-5, "float32"),
        batch_norm("batch_norm_f32_eval", (2, 3, 2, 4), False, 1e-5, "float32"),
    ]


# ------------------------------------------------------------------ softmax family, cross-entropy

def softmax(name, op, shape, axis, dtype="float64"):
    c = Case(name, op, dtype, axis=axis)
    x = c.randn("input", *shape, scale=2.0)
    return c.finish(F.softmax(x, axis) if op == "softmax" else F.log_softmax(x, axis))


def cross_entropy(name, n, classes, label_smoothing, dtype="float64"):
    c = Case(name, "cross_entropy", dtype, label_smoothing=label_smoothing, reduction="mean")
    x = c.randn("input", n, classes, scale=2.0)
    t = c.ints("target", 0, classes, n)
    return c.finish(F.cross_entropy(x, t, label_smoothing=label_smoothing, reduction="mean"))


@case
def _():
    return [
        softmax("softmax_last", "softmax", (3, 5), -1),
        softmax("softmax_axis1_3d", "softmax", (2, 4, 3), 1),
        softmax("log_softmax_last", "log_softmax", (3, 6), -1),
        softmax("log_softmax_axis0", "log_softmax", (4, 3), 0),
        softmax("log_softmax_f32", "log_softmax", (2, 3, 7), -1, "float32"),
        softmax("log_softmax_f32_axis1", "log_softmax", (3, 5, 2), 1, "float32"),
        cross_entropy("cross_entropy_mean", 5, 7, 0.0),
        cross_entropy("cross_entropy_label_smoothing", 6, 4, 0.1),
        cross_entropy("cross_entropy_label_smoothing_strong", 4, 9, 0.35),
        cross_entropy("cross_entropy_f32_label_smoothing", 5, 6, 0.2, "float32"),
    ]


# ------------------------------------------------------------------ ordering and indexing

@case
def _():
    out = []
    c = Case("topk_largest_sorted", "topk", k=3, axis=-1, largest=True, sorted=True)
    v, i = torch.topk(c.randn("input", 3, 6), 3, -1, largest=True, sorted=True)
    out.append(c.finish(v, indices=i))

    c = Case("topk_smallest_axis0", "topk", k=2, axis=0, largest=False, sorted=True)
    v, i = torch.topk(c.randn("input", 5, 4), 2, 0, largest=False, sorted=True)
    out.append(c.finish(v, indices=i))

    c = Case("topk_largest_3d", "topk", k=4, axis=1, largest=True, sorted=True)
    v, i = torch.topk(c.randn("input", 2, 7, 3), 4, 1, largest=True, sorted=True)
    out.append(c.finish(v, indices=i))

    c = Case("sort_ascending_last", "sort", axis=-1, descending=False)
    v, i = torch.sort(c.randn("input", 3, 5), dim=-1, descending=False, stable=True)
    out.append(c.finish(v, indices=i))

    c = Case("sort_descending_axis1", "sort", axis=1, descending=True)
    v, i = torch.sort(c.randn("input", 2, 6, 3), dim=1, descending=True, stable=True)
    out.append(c.finish(v, indices=i))

    c = Case("gather_axis1", "gather", axis=1)
    x = c.randn("input", 3, 5)
    idx = c.ints("index", 0, 5, 3, 4)
    out.append(c.finish(torch.gather(x, 1, idx)))

    c = Case("gather_axis0_smaller_index", "gather", axis=0)
    x = c.randn("input", 4, 3, 2)
    idx = c.ints("index", 0, 4, 6, 2, 2)
    out.append(c.finish(torch.gather(x, 0, idx)))

    c = Case("scatter_add_axis0", "scatter_add", axis=0)
    x = c.randn("input", 3, 4)
    idx = c.ints("index", 0, 3, 5, 4)
    src = c.randn("src", 5, 4)
    out.append(c.finish(torch.scatter_add(x, 0, idx, src)))

    c = Case("scatter_add_axis1_narrow_src", "scatter_add", axis=1)
    x = c.randn("input", 3, 5)
    idx = c.ints("index", 0, 5, 2, 3)
    src = c.randn("src", 2, 3)
    out.append(c.finish(torch.scatter_add(x, 1, idx, src)))

    c = Case("index_select_axis0_repeats", "index_select", axis=0)
    x = c.randn("input", 4, 3)
    idx = c.fixed_ints("index", [2, 0, 2, 3, 3])
    out.append(c.finish(torch.index_select(x, 0, idx)))

    c = Case("index_select_axis2", "index_select", axis=2)
    x = c.randn("input", 2, 3, 5)
    idx = c.fixed_ints("index", [4, 1, 1])
    out.append(c.finish(torch.index_select(x, 2, idx)))
    return out


# ------------------------------------------------------------------ resampling and padding

def upsample(name, mode, shape, size, align_corners=None):
    attrs = {"size": size} if mode == "nearest" else {"size": size, "align_corners": align_corners}
    c = Case(name, "upsample_" + mode, **attrs)
    x = c.randn("input", *shape)
    return c.finish(F.interpolate(x, size=tuple(size), mode=mode, align_corners=align_corners))


def pad(name, shape, pads, mode, value=0.0):
    c = Case(name, "pad", pads=pads, mode=mode, value=value)
    x = c.randn("input", *shape)
    return c.finish(F.pad(x, pads, mode=mode, value=value) if mode == "constant" else F.pad(x, pads, mode=mode))


@case
def _():
    return [
        upsample("upsample_nearest_up", "nearest", (1, 2, 3, 4), [7, 5]),
        upsample("upsample_nearest_down", "nearest", (2, 1, 6, 6), [4, 3]),
        upsample("upsample_nearest_double", "nearest", (1, 2, 2, 3), [4, 6]),
        upsample("upsample_bilinear_up", "bilinear", (1, 2, 3, 4), [5, 7], False),
        upsample("upsample_bilinear_up_align", "bilinear", (1, 2, 3, 4), [5, 7], True),
        upsample("upsample_bilinear_down", "bilinear", (2, 1, 7, 6), [4, 3], False),
        upsample("upsample_bilinear_down_align", "bilinear", (2, 1, 7, 6), [4, 3], True),
        pad("pad_constant_3d", (2, 3, 4), [1, 2, 0, 1, 2, 0], "constant", 1.5),
        pad("pad_constant_last", (2, 2, 3, 3), [2, 1], "constant", 0.0),
        pad("pad_reflect", (1, 2, 4, 5), [2, 1, 1, 3], "reflect"),
        pad("pad_replicate", (2, 1, 3, 4), [1, 3, 2, 0], "replicate"),
        pad("pad_reflect_3d", (2, 3, 5), [3, 2], "reflect"),
    ]


# ------------------------------------------------------------------ matmul and elementwise

def binary(name, op, a_shape, b_shape, a_range=None, b_range=None):
    c = Case(name, op)
    a = c.uniform("a", *a_range, *a_shape) if a_range else c.randn("a", *a_shape)
    b = c.uniform("b", *b_range, *b_shape) if b_range else c.randn("b", *b_shape)
    fn = {"matmul": torch.matmul, "pow": torch.pow, "div": torch.div, "maximum": torch.maximum,
          "mul": torch.mul, "sub": torch.sub}[op]
    return c.finish(fn(a, b))


def unary(name, op, shape, scale=2.0):
    c = Case(name, op)
    x = c.randn("input", *shape, scale=scale)
    # PyTorch's softplus returns x itself above its threshold 20; Sabre computes log(1 + e^x) exactly, which
    # differs there by up to e^-20 (and its gradient by as much), so the goldens stay below the threshold.
    assert op != "softplus" or x.abs().max() < 15, name
    return c.finish({"tanh": torch.tanh, "sigmoid": torch.sigmoid, "softplus": F.softplus}[op](x))


@case
def _():
    out = [
        binary("matmul_batched_broadcast", "matmul", (2, 1, 3, 4), (3, 4, 5)),
        binary("matmul_3d_2d", "matmul", (2, 3, 4), (4, 2)),
        binary("matmul_2d_batched", "matmul", (3, 4), (2, 4, 3)),
        unary("tanh", "tanh", (3, 4)),
        unary("sigmoid", "sigmoid", (3, 4), 3.0),
        unary("softplus", "softplus", (4, 5), 4.0),
        binary("pow_tensor_tensor", "pow", (3, 4), (3, 4), (0.2, 3.0), (-2.0, 2.5)),
        binary("pow_broadcast", "pow", (2, 3, 1), (4,), (0.5, 2.0), (-1.0, 3.0)),
        binary("div_broadcast", "div", (3, 4), (4,), None, (0.5, 2.0)),
        binary("maximum_broadcast", "maximum", (2, 3, 4), (3, 1)),
        binary("mul_broadcast", "mul", (3, 1, 4), (2, 1)),
    ]
    c = Case("pow_scalar_exponent", "pow_scalar", exponent=2.5)
    x = c.uniform("input", 0.1, 3.0, 3, 4)
    out.append(c.finish(torch.pow(x, 2.5)))
    return out


# ------------------------------------------------------------------ reductions

def reduction(name, op, shape, axes, keepdim, **attrs):
    c = Case(name, op, axes=axes, keepdim=keepdim, **attrs)
    x = c.randn("input", *shape)
    if op == "var":
        y = torch.var(x, dim=axes, unbiased=True, keepdim=keepdim)
    elif op == "norm":
        p = float(attrs["p"])
        y = torch.linalg.vector_norm(x, ord=p, dim=axes or None, keepdim=keepdim)
    elif op == "amax":
        y = torch.amax(x, dim=axes, keepdim=keepdim)
    elif op == "mean":
        y = torch.mean(x, dim=axes, keepdim=keepdim) if axes else torch.mean(x)
    elif op == "sum":
        y = torch.sum(x, dim=axes, keepdim=keepdim)
    else:
        raise ValueError(op)
    return c.finish(y)


@case
def _():
    return [
        reduction("var_unbiased_axis1", "var", (3, 5), [1], False),
        reduction("var_unbiased_axes02_keepdim", "var", (3, 2, 4), [0, 2], True),
        reduction("norm_p2_axis1", "norm", (3, 4), [1], False, p=2),
        reduction("norm_p1_all", "norm", (2, 3, 2), [], False, p=1),
        reduction("norm_inf_last", "norm", (3, 5), [-1], True, p="inf"),
        reduction("norm_p3_axes01", "norm", (2, 3, 4), [0, 1], False, p=3),
        reduction("amax_axes12", "amax", (2, 3, 4), [1, 2], False),
        reduction("amax_axis0_keepdim", "amax", (4, 3), [0], True),
        reduction("mean_axes02", "mean", (2, 3, 4), [0, 2], False),
        reduction("mean_all", "mean", (3, 4), [], False),
        reduction("sum_axis1_keepdim", "sum", (2, 5, 3), [1], True),
    ]


# ------------------------------------------------------------------ edge cases and ties

@case
def _():
    """Ties where PyTorch's rule is deterministic (and documented the same way in Sabre), and boundary sizes."""
    out = []
    c = Case("maximum_ties", "maximum")
    a = c.add("a", torch.tensor([[1.0, 2.0, 3.0], [0.0, -1.0, 2.0]]))
    b = c.add("b", torch.tensor([[1.0, 0.0, 3.0], [0.0, 4.0, 1.0]]))
    out.append(c.finish(torch.maximum(a, b)))

    c = Case("amax_ties", "amax", axes=[1], keepdim=False)
    x = c.add("input", torch.tensor([[1.0, 3.0, 3.0, -2.0], [5.0, 5.0, 5.0, 0.0], [-1.0, -2.0, -3.0, -1.0]]))
    out.append(c.finish(torch.amax(x, dim=[1])))

    c = Case("norm_inf_ties", "norm", axes=[1], keepdim=False, p="inf")
    x = c.add("input", torch.tensor([[3.0, -3.0, 1.0], [-2.0, 0.5, 2.0], [0.25, -4.0, 1.0]]))
    out.append(c.finish(torch.linalg.vector_norm(x, ord=float("inf"), dim=[1])))

    c = Case("norm_p2_zero_row", "norm", axes=[1], keepdim=False, p=2)
    x = c.add("input", torch.tensor([[0.0, 0.0, 0.0], [3.0, -4.0, 0.0]]))
    out.append(c.finish(torch.linalg.vector_norm(x, ord=2.0, dim=[1])))

    for desc in (False, True):
        c = Case("sort_stable_ties_" + ("descending" if desc else "ascending"), "sort", axis=1, descending=desc)
        x = c.add("input", torch.tensor([[2.0, 1.0, 2.0, 0.0, 1.0, 2.0], [-1.0, -1.0, 3.0, -1.0, 3.0, 0.0]]))
        v, i = torch.sort(x, dim=1, descending=desc, stable=True)
        out.append(c.finish(v, indices=i))

    c = Case("softmax_large_logits", "softmax", axis=-1)
    x = c.randn("input", 3, 5, scale=60.0)
    out.append(c.finish(F.softmax(x, -1)))

    c = Case("log_softmax_large_logits", "log_softmax", axis=1)
    x = c.randn("input", 3, 4, scale=80.0)
    out.append(c.finish(F.log_softmax(x, 1)))

    c = Case("cross_entropy_large_logits", "cross_entropy", label_smoothing=0.05, reduction="mean")
    x = c.randn("input", 4, 5, scale=50.0)
    t = c.ints("target", 0, 5, 4)
    out.append(c.finish(F.cross_entropy(x, t, label_smoothing=0.05, reduction="mean")))

    c = Case("sigmoid_tails", "sigmoid")
    x = c.add("input", torch.tensor([-40.0, -20.0, -5.0, 0.0, 5.0, 20.0, 40.0]))
    out.append(c.finish(torch.sigmoid(x)))

    c = Case("tanh_tails", "tanh")
    x = c.add("input", torch.tensor([-30.0, -3.0, -1e-3, 0.0, 1e-3, 3.0, 30.0]))
    out.append(c.finish(torch.tanh(x)))

    out.append(upsample("upsample_bilinear_to_1x1", "bilinear", (1, 2, 3, 4), [1, 1], False))
    out.append(upsample("upsample_bilinear_to_1x1_align", "bilinear", (1, 2, 3, 4), [1, 1], True))
    out.append(upsample("upsample_bilinear_from_1x1_align", "bilinear", (1, 2, 1, 1), [3, 2], True))
    out.append(upsample("upsample_nearest_same_height", "nearest", (1, 2, 4, 3), [4, 8]))
    out.append(adaptive_avg_pool2d("adaptive_avg_pool2d_global", (2, 3, 5, 4), [1, 1]))
    out.append(batch_norm("batch_norm_train_no_affine", (4, 2, 3, 2), True, 1e-5, affine=False))
    out.append(conv_transpose2d("conv_transpose2d_dilation_gt_stride", (1, 2, 3, 3), (2, 2, 3, 3), False, [1, 1],
                                [2, 2], [1, 1], [3, 3], 1))
    out.append(avg_pool2d("avg_pool2d_ceil_last_window_in_pad", (1, 1, 5, 5), [3, 3], [3, 3], [1, 1], True, True))
    out.append(max_pool2d("max_pool2d_ceil_last_window_in_pad", (1, 1, 5, 5), [3, 3], [3, 3], [1, 1], [1, 1], True))

    c = Case("max_pool2d_ties_first_wins", "max_pool2d", kernel=[2, 2], stride=[1, 1], padding=[0, 0],
             dilation=[1, 1], ceil_mode=False)
    x = c.add("input", torch.tensor([[[[1.0, 1.0, 0.0], [1.0, 1.0, 2.0], [2.0, 2.0, 2.0]]]]))
    v, i = F.max_pool2d(x, 2, 1, return_indices=True)
    out.append(c.finish(v, indices=i))
    return out


def main():
    cases = []
    for group in CASES:
        cases.extend(group())
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    doc = {
        "generator": "tests/golden/generate_goldens.py",
        "torch_version": torch.__version__,
        "cases": cases,
    }
    os.makedirs(os.path.dirname(OUT_PATH), exist_ok=True)
    # one case per line keeps diffs of the committed fixture readable
    head = json.dumps({k: v for k, v in doc.items() if k != "cases"}, separators=(",", ":"))[:-1]
    with open(OUT_PATH, "w") as f:
        f.write(head + ',"cases":[\n')
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
        f.write("\n]}\n")
    print("wrote %d cases to %s (%d bytes)" % (len(cases), os.path.normpath(OUT_PATH), os.path.getsize(OUT_PATH)))


if __name__ == "__main__":
    main()
