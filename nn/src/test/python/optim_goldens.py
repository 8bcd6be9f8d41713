#!/usr/bin/python3
"""Generates the PyTorch golden fixture that OptimGoldenTest checks sabre.nn.optim against.

How to run (from the repository root; needs Debian's python3-torch, i.e. the system interpreter):

    /usr/bin/python3 nn/src/test/python/optim_goldens.py

It writes nn/src/test/resources/optim_goldens.json, which is committed: the Maven build never runs PyTorch.
The output is deterministic (fixed seed, float64 throughout), so rerunning reproduces the file exactly for the
same PyTorch version.

File format:

    {
      "generator": ..., "torch_version": ...,
      "params": [tensor, ...],                 initial parameter values (float64)
      "grads": [[tensor | null, ...], ...],    one gradient set per step; null = that parameter has no grad
      "optimizers": [{
          "name": ..., "type": "SGD" | "Adam" | "AdamW", "hyper": {...},
          "params_after": [[tensor, ...], ...],   every parameter after each step
          "state": {"<param index>": {"<key>": tensor | int}}   torch's per-parameter state after the last step
      }, ...],
      "schedules": [{"name": ..., "type": ..., "hyper": {...}, "lrs": [lr at index 0, 1, ...]}, ...],
      "clips": [{"name": ..., "max_norm": ..., "norm_type": number | "inf", "grads": [tensor | null, ...],
                 "total_norm": ..., "clipped": [tensor | null, ...]}, ...]
    }

and a tensor is {"shape": [...], "data": [flat row-major float64 values]}, written with Python's float repr so
it round-trips bit for bit.
"""

import json
import math
import os

import torch

torch.set_num_threads(2)

OUT_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "optim_goldens.json")

SHAPES = [(3, 4), (5,), (2, 1, 3)]
STEPS = 5
NO_GRAD = (2, 2)  # (step, parameter): this parameter has no gradient at this step, so the optimizer skips it


def enc(t):
    """A float64 tensor as a JSON object, or None."""
    if t is None:
        return None
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def make_data():
    gen = torch.Generator().manual_seed(20240611)
    params = []
    for shape in SHAPES:
        # magnitudes in [1, 2): no parameter comes near zero within five steps, so relative errors stay meaningful
        magnitude = 1 + torch.rand(shape, generator=gen, dtype=torch.float64)
        sign = torch.where(torch.rand(shape, generator=gen, dtype=torch.float64) < 0.5, -1.0, 1.0)
        params.append(magnitude * sign)
    grads = []
    for step in range(STEPS):
        grads.append([None if (step, i) == NO_GRAD else torch.randn(shape, generator=gen, dtype=torch.float64)
                      for i, shape in enumerate(SHAPES)])
    return params, grads


OPTIMIZERS = [
    ("sgd_plain", "SGD", dict(lr=0.1, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False)),
    ("sgd_momentum_dampening_wd", "SGD", dict(lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01,
                                              nesterov=False)),
    ("sgd_nesterov_wd", "SGD", dict(lr=0.05, momentum=0.8, dampening=0.0, weight_decay=0.005, nesterov=True)),
    ("adam", "Adam", dict(lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, amsgrad=False)),
    ("adam_wd", "Adam", dict(lr=0.02, beta1=0.8, beta2=0.99, eps=1e-6, weight_decay=0.05, amsgrad=False)),
    ("adam_amsgrad_wd", "Adam", dict(lr=0.01, beta1=0.9, beta2=0.95, eps=1e-8, weight_decay=0.01, amsgrad=True)),
    ("adamw", "AdamW", dict(lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.1, amsgrad=False)),
    ("adamw_amsgrad", "AdamW", dict(lr=0.03, beta1=0.85, beta2=0.98, eps=1e-7, weight_decay=0.2, amsgrad=True)),
]


def torch_optimizer(kind, hyper, params):
    if kind == "SGD":
        return torch.optim.SGD(params, lr=hyper["lr"], momentum=hyper["momentum"], dampening=hyper["dampening"],
                               weight_decay=hyper["weight_decay"], nesterov=hyper["nesterov"], foreach=False)
    cls = torch.optim.Adam if kind == "Adam" else torch.optim.AdamW
    return cls(params, lr=hyper["lr"], betas=(hyper["beta1"], hyper["beta2"]), eps=hyper["eps"],
               weight_decay=hyper["weight_decay"], amsgrad=hyper["amsgrad"], foreach=False)


def run_optimizer(name, kind, hyper, init, grads):
    params = [p.clone().requires_grad_(True) for p in init]
    opt = torch_optimizer(kind, hyper, params)
    after = []
    for gset in grads:
        for p, g in zip(params, gset):
            p.grad = None if g is None else g.clone()
        opt.step()
        after.append([enc(p) for p in params])
    state = {}
    for i, p in enumerate(params):
        entries = {}
        for key, value in opt.state[p].items():
            if value is None:
                continue
            entries[key] = int(value.item()) if key == "step" else enc(value)
        state[str(i)] = entries
    return {"name": name, "type": kind, "hyper": hyper, "params_after": after, "state": state}


def warmup_cosine(base_lr, warmup, total, min_lr):
    """Sabre's WarmupCosineLR formula, as an absolute learning rate at index t."""
    def lr(t):
        if t < warmup:
            return base_lr * t / warmup
        if t <= total:
            return min_lr + (base_lr - min_lr) * (1 + math.cos(math.pi * (t - warmup) / (total - warmup))) / 2
        return min_lr
    return lr


def run_schedule(name, kind, hyper, epochs, base_lr, make):
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base_lr)
    sched = make(opt)
    lrs = []
    for _ in range(epochs):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return {"name": name, "type": kind, "hyper": hyper, "lrs": lrs}


def schedules():
    S = torch.optim.lr_scheduler
    wc = warmup_cosine(0.1, 3, 12, 0.002)
    return [
        run_schedule("step_lr", "StepLR", dict(base_lr=0.1, step_size=3, gamma=0.5), 12, 0.1,
                     lambda o: S.StepLR(o, step_size=3, gamma=0.5)),
        run_schedule("multistep_lr", "MultiStepLR", dict(base_lr=0.1, milestones=[2, 5, 9], gamma=0.1), 12, 0.1,
                     lambda o: S.MultiStepLR(o, milestones=[2, 5, 9], gamma=0.1)),
        run_schedule("cosine_annealing", "WarmupCosineLR", dict(base_lr=0.1, warmup=0, total=10, min_lr=0.001),
                     11, 0.1, lambda o: S.CosineAnnealingLR(o, T_max=10, eta_min=0.001)),
        run_schedule("warmup_cosine", "WarmupCosineLR", dict(base_lr=0.1, warmup=3, total=12, min_lr=0.002),
                     16, 0.1, lambda o: S.LambdaLR(o, lambda t: wc(t) / 0.1)),
        run_schedule("linear_ramp", "LinearRampLR", dict(start=0.025, end=0.1, steps=4), 8, 0.1,
                     lambda o: S.LinearLR(o, start_factor=0.25, end_factor=1.0, total_iters=4)),
    ]


def clip(name, gset, max_norm, norm_type):
    params = [torch.zeros(g.shape if g is not None else (1,), dtype=torch.float64, requires_grad=True)
              for g in gset]
    for p, g in zip(params, gset):
        p.grad = None if g is None else g.clone()
    total = torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type)
    return {"name": name, "max_norm": max_norm, "norm_type": "inf" if norm_type == math.inf else norm_type,
            "grads": [enc(g) for g in gset], "total_norm": float(total), "clipped": [enc(p.grad) for p in params]}


def main():
    init, grads = make_data()
    out = {
        "generator": "nn/src/test/python/optim_goldens.py",
        "torch_version": torch.__version__,
        "params": [enc(p) for p in init],
        "grads": [[enc(g) for g in gset] for gset in grads],
        "optimizers": [run_optimizer(n, k, h, init, grads) for n, k, h in OPTIMIZERS],
        "schedules": schedules(),
        "clips": [
            clip("clip_norm2", grads[0], 1.5, 2.0),
            clip("clip_inf_with_missing_grad", grads[2], 0.5, math.inf),
            clip("clip_norm2_not_needed", grads[1], 100.0, 2.0),
        ],
    }
    with open(OUT_PATH, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(OUT_PATH))


if __name__ == "__main__":
    main()
