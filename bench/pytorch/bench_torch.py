#!/usr/bin/python3
"""PyTorch side of Sabre's benchmarks: the workloads of sabre.bench.Workloads with the same names, shapes, batch
sizes, modes and optimizer, timed by the same loop as sabre.bench.Harness, one JSON line per workload on stdout.

Run with Debian's torch (the system interpreter; the first python3 on PATH may lack torch):

    /usr/bin/python3 bench/pytorch/bench_torch.py --workload resnet20-train --warmup-s 3 --runs 5

Models: ResNet-20 is akamaster/pytorch_resnet_cifar10 (option-A shortcut) and ResNet-18 kuangliu/pytorch-cifar, both
imported from nn/src/test/python/model_keys.py (the transcriptions ModelReferenceTest checks Sabre's models
against); the small CNN is tests/parity/generate_parity.py's copy of sabre.nn.models.SmallCnn (checked by
PyTorchParityTest). Threads: torch.set_num_threads(2) unless --threads says otherwise.
"""

import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "nn", "src", "test", "python"))
sys.path.insert(0, os.path.join(ROOT, "tests", "parity"))
from model_keys import build  # noqa: E402
from generate_parity import SmallCnn  # noqa: E402

CIFAR = (3, 32, 10)  # channels, size, classes
FASHION = (1, 28, 10)


def sgemm(m, k, n):
    g = torch.Generator().manual_seed(1)
    a = torch.randn(m, k, generator=g)
    b = torch.randn(k, n, generator=g)
    return (lambda: torch.mm(a, b)), 2.0 * m * k * n, 0


def sgemm_onednn(m, k, n):
    """The same product through oneDNN's inner product (torch._C._nn.mkldnn_linear), which Debian's torch uses for
    convolutions but not for torch.mm (that goes to the reference BLAS, about 6 GFLOP/s). A and B^T are converted to
    oneDNN's layout once, outside the timed loop, and the result is left in that layout: a kernel-only figure."""
    g = torch.Generator().manual_seed(1)
    a = torch.randn(m, k, generator=g)
    b = torch.randn(k, n, generator=g)
    am, btm = a.to_mkldnn(), b.t().contiguous().to_mkldnn()
    return (lambda: torch._C._nn.mkldnn_linear(am, btm, None)), 2.0 * m * k * n, 0


def conv(c, s, backward):
    batch = 128
    g = torch.Generator().manual_seed(2)
    x = torch.randn(batch, c, s, s, generator=g)
    w = torch.randn(c, c, 3, 3, generator=g) / (9.0 * c) ** 0.5
    gy = torch.randn(batch, c, s, s, generator=g)
    fwd_flops = 2.0 * batch * c * s * s * c * 9
    if not backward:
        def op():
            with torch.no_grad():
                F.conv2d(x, w, None, 1, 1)
        return op, fwd_flops, 0
    xv = x.clone().requires_grad_(True)
    wv = w.clone().requires_grad_(True)

    def op():
        y = F.conv2d(xv, wv, None, 1, 1)
        torch.autograd.grad(y, (xv, wv), gy)
    return op, 3 * fwd_flops, 0


def model(name, cfg):
    c, s, k = cfg
    return SmallCnn(c, s, k) if name == "smallcnn" else build(name, c, k)


def images(g, cfg, batch):
    c, s, k = cfg
    return torch.rand(batch, c, s, s, generator=g), torch.randint(0, k, (batch,), generator=g)


def train(name, cfg, batch):
    torch.manual_seed(3)
    g = torch.Generator().manual_seed(3)
    net = model(name, cfg)
    net.train()
    x, labels = images(g, cfg, batch)
    sgd = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4, nesterov=True)

    def op():
        loss = F.cross_entropy(net(x), labels)
        loss.backward()
        sgd.step()
        sgd.zero_grad(set_to_none=True)
        loss.item()
    return op, 0, batch


def infer(name, cfg, batch):
    g = torch.Generator().manual_seed(4)
    net = model(name, cfg)
    net.eval()
    x, _ = images(g, cfg, batch)

    def op():
        with torch.no_grad():
            net(x)
    return op, 0, batch


def input_grad(name, cfg, batch):
    g = torch.Generator().manual_seed(5)
    net = model(name, cfg)
    net.eval()
    for p in net.parameters():
        p.requires_grad_(False)  # weights frozen
    x, labels = images(g, cfg, batch)

    def op():
        xv = x.clone().requires_grad_(True)
        loss = F.cross_entropy(net(xv), labels)
        dx, = torch.autograd.grad(loss, xv)
        (x + dx.sign() * (2.0 / 255)).clamp_(0, 1)
    return op, 0, batch


WORKLOADS = {
    "sgemm-1024": lambda: sgemm(1024, 1024, 1024),
    "sgemm-256x2304x1024": lambda: sgemm(256, 2304, 1024),
    "sgemm-1024:onednn": lambda: sgemm_onednn(1024, 1024, 1024),
    "sgemm-256x2304x1024:onednn": lambda: sgemm_onednn(256, 2304, 1024),
    "conv-fwd": lambda: conv(64, 32, False),
    "conv-fwdbwd": lambda: conv(64, 32, True),
    "conv16x32-fwdbwd": lambda: conv(16, 32, True),
    "conv32x16-fwdbwd": lambda: conv(32, 16, True),
    "conv64x8-fwdbwd": lambda: conv(64, 8, True),
    "resnet20-train": lambda: train("resnet20", CIFAR, 128),
    "resnet18-train": lambda: train("resnet18", CIFAR, 128),
    "resnet20-infer": lambda: infer("resnet20", CIFAR, 128),
    "resnet18-infer": lambda: infer("resnet18", CIFAR, 128),
    "resnet18-inputgrad": lambda: input_grad("resnet18", CIFAR, 100),
    "smallcnn-train": lambda: train("smallcnn", FASHION, 128),
}


def cpu_counters():
    """(system busy jiffies, system total jiffies, this process's utime + stime) or None: sabre.bench.CpuShare."""
    try:
        with open("/proc/stat") as f:
            cpu = [int(v) for v in f.readline().split()[1:9]]
        with open("/proc/self/stat") as f:
            stat = f.read()
        fields = stat[stat.rindex(")") + 2:].split()
        return sum(cpu) - cpu[3] - cpu[4], sum(cpu), int(fields[11]) + int(fields[12])
    except (OSError, ValueError, IndexError):
        return None


def other_percent(a, b):
    """Percent of all CPUs' time between snapshots a and b used by other processes (and stolen), or -1."""
    if a is None or b is None or b[1] == a[1]:
        return -1.0
    return max(0.0, 100.0 * ((b[0] - a[0]) - (b[2] - a[2])) / (b[1] - a[1]))


def measure(op, warmup_s, runs, min_run_s):
    """sabre.bench.Harness.measure: warm up >= warmup_s (and >= 2 calls), calibrate calls per run from the median of
    the last <= 5 warm-up calls, then `runs` timed runs; each sample is a run's wall time / calls."""
    warm = []
    start = time.perf_counter()
    while time.perf_counter() - start < warmup_s or len(warm) < 2:
        t = time.perf_counter()
        op()
        warm.append(time.perf_counter() - t)
    warmup_total = time.perf_counter() - start
    per_op = statistics.median(warm[-5:])
    ops_per_run = max(1, round(min_run_s / max(per_op, 1e-9)))
    samples = []
    before = cpu_counters()
    for _ in range(runs):
        t = time.perf_counter()
        for _ in range(ops_per_run):
            op()
        samples.append((time.perf_counter() - t) / ops_per_run)
    return samples, ops_per_run, len(warm), warmup_total, other_percent(before, cpu_counters())


def peak_rss_mib():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return -1.0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--workload", "-w", action="append", default=[], help="NAME[,NAME...] or all (repeatable)")
    p.add_argument("--warmup-s", type=float, default=3.0)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--min-run-s", type=float, default=1.0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--list", action="store_true")
    a = p.parse_args()
    if a.list:
        print("\n".join(WORKLOADS))
        return
    names = []
    for spec in a.workload:
        for n in spec.split(","):
            names.extend([w for w in WORKLOADS if ":" not in w] if n == "all" else [n] if n else [])
    if not names:
        p.error("no --workload given (try --list)")
    torch.set_num_threads(a.threads)
    for name in names:
        if name not in WORKLOADS:
            p.error("unknown workload '%s'; known: %s" % (name, ", ".join(WORKLOADS)))
        op, flops, imgs = WORKLOADS[name]()
        print("pytorch %s: warm-up %.1f s, %d runs ..." % (name, a.warmup_s, a.runs), file=sys.stderr)
        samples, ops_per_run, warm_ops, warm_s, other = measure(op, a.warmup_s, a.runs, a.min_run_s)
        med = statistics.median(samples)
        if flops > 0:
            throughput, unit = flops / med / 1e9, "GFLOP/s"
        else:
            throughput, unit = imgs / med, "img/s"
        print(json.dumps({
            "engine": "pytorch", "workload": name, "unit": "ms",
            "min": round(min(samples) * 1e3, 4), "median": round(med * 1e3, 4), "max": round(max(samples) * 1e3, 4),
            "samples": [round(v * 1e3, 4) for v in samples], "runs": len(samples), "ops_per_run": ops_per_run,
            "warmup_s": round(warm_s, 4), "warmup_ops": warm_ops, "throughput": round(throughput, 4),
            "throughput_unit": unit, "images": imgs, "flops": flops, "peak_rss_mib": round(peak_rss_mib(), 4),
            "other_cpu_pct": round(other, 4),
            "threads": torch.get_num_threads(), "backend": "torch " + torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
