#!/usr/bin/python3
"""Generates the PyTorch training-parity fixtures that sabre.tests.PyTorchParityTest checks Sabre against.

How to run (from the repository root; needs Debian's python3-torch, i.e. the system interpreter):

    /usr/bin/python3 tests/parity/generate_parity.py

It writes tests/src/test/resources/parity/<model>/ (committed; the Maven build never runs PyTorch). The output is
deterministic: each model draws everything (initial weights, the batch-norm perturbation and warm-up batches, the
input batch, the labels) from torch.manual_seed(seed) in a fixed order, on 2 threads, with the seed chosen as below,
so rerunning the script with the same PyTorch version reproduces the files.

The models, built in PyTorch with the module names and structure of Sabre's (so the state_dict loads into
Models.create(name, config) with strict=true, without renaming):

    resnet20   akamaster/pytorch_resnet_cifar10's ResNet-20 (option-A shortcut), imported from
               nn/src/test/python/model_keys.py (the transcription ModelReferenceTest already checks), at 3x32x32 with
               10 classes: CIFAR-10, the input it is defined and published for, so its parity covers a 3-channel stem
               and the option-A shortcut at the resolutions (32 -> 16 -> 8) its checkpoints were trained at.
    smallcnn   Sabre's SmallCnn (features.0 ... features.7, classifier.0 ... classifier.3) at 1x28x28 with 10 classes
               (Fashion-MNIST). Only its Dropout (classifier.2) is put in eval mode, here and in the test, so no random
               mask is involved while every batch norm uses batch statistics.

Training-mode forwards make discrete decisions — which ReLU inputs are positive, which element of a max-pool window
is largest — and a decision within float32 rounding of a tie can go either way in PyTorch and in Sabre, changing
gradients by far more than the tolerance without either being wrong (a first fixture had a ReLU input of 2.6e-8 that
PyTorch's float32 forward put on the wrong side: its dloss/dx was 6% off PyTorch's own float64 result, Sabre's was
not). So the seed is the first from SEEDS[model] upward whose fixture is well conditioned: in a float64 forward, every
ReLU input and every gap between the two largest elements of a max-pool window (with a positive maximum) is at least
MIN_MARGIN times that layer's float32 rounding noise — the RMS difference between the float32 and float64 forwards
of the same input — away from zero. The seed and its margin are stored in state.safetensors' __metadata__.

Before saving, each model's batch norms get weights in [0.5, 1.5) and biases N(0, 0.1²) instead of 1 and 0, and two
no-grad training-mode forwards of random batches (the warm-up) move the running statistics away from 0 and 1 and set
num_batches_tracked to 2, so that none of them is a trivial value a bug could go unnoticed on.

Files per model, all float32 except the int64 labels and num_batches_tracked (safetensors written by hand as
nn/src/test/python/io_fixtures.py does: the python safetensors package may be absent):

    state.safetensors    state_dict() before the step: parameters and buffers, num_batches_tracked as I64
    x.npy, labels.npy    the input batch [8, C, S, S] in [0, 1) and the labels [8] (int64)
    forward.safetensors  "logits" [8, 10] in training mode (batch statistics), "loss" [] = mean cross-entropy,
                         "input_grad" = dloss/dx, and "eval_logits" [8, 10]: eval mode with the same weights and the
                         running statistics that the training-mode forward has just updated
    grads.safetensors    dloss/dparam for every parameter, under its state-dict name
    buffers.safetensors  every buffer after the training-mode forward (running_mean, running_var updated with
                         momentum 0.1 and the unbiased batch variance; num_batches_tracked incremented to 3)
    sgd.safetensors      every parameter after one step of SGD(lr 0.1, momentum 0.9, weight decay 5e-4, Nesterov)
    adam.safetensors     every parameter after one step of Adam(lr 1e-3, weight decay 5e-4), taken from the same
                         starting weights and gradients as the SGD step (the test gives Sabre's Adam PyTorch's
                         gradients: a first Adam step is ill-conditioned where g + λθ ≈ 0, see PyTorchParityTest)
"""

import contextlib
import copy
import itertools
import os
import sys

import numpy
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "nn", "src", "test", "python"))
from io_fixtures import safetensors_bytes  # noqa: E402  (hand-written safetensors, shared with the io fixtures)
from model_keys import ResNetA  # noqa: E402  (akamaster's CIFAR ResNet, as ModelReferenceTest checks it)

OUT = os.path.join(ROOT, "tests", "src", "test", "resources", "parity")
SEEDS = {"resnet20": 20, "smallcnn": 1}  # where each model's search for a well-conditioned seed starts
MIN_MARGIN = 4.0  # decisions at least this many float32-noise RMS away from a tie
BATCH = 8
CLASSES = 10
SGD_ARGS = dict(lr=0.1, momentum=0.9, weight_decay=5e-4, nesterov=True)
ADAM_ARGS = dict(lr=1e-3, weight_decay=5e-4)


class SmallCnn(nn.Module):
    """Sabre's sabre.nn.models.SmallCnn: two conv(3, pad 1, no bias)-BN-ReLU-maxpool(2) stages, then
    Linear(64·(s/4)²→128)-ReLU-Dropout(0.25)-Linear(128→classes)."""

    def __init__(self, in_channels, size, classes):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(in_channels, 32, 3, 1, 1, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, 1, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2))
        side = size // 4
        self.classifier = nn.Sequential(
            nn.Linear(64 * side * side, 128), nn.ReLU(), nn.Dropout(0.25), nn.Linear(128, classes))

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


def build(name):
    """(model, input channels, image size) for a fixture name."""
    if name == "resnet20":
        return ResNetA(3, 3, CLASSES), 3, 32
    if name == "smallcnn":
        return SmallCnn(1, 28, CLASSES), 1, 28
    raise ValueError(name)


def train_mode(net):
    """Training mode for every module except dropout, which stays the identity (no random mask)."""
    net.train()
    for m in net.modules():
        if isinstance(m, nn.Dropout):
            m.eval()
    return net


def write(path, tensors, metadata=None):
    """A safetensors file of tensors (in dict order) with string metadata."""
    with open(path, "wb") as f:
        f.write(safetensors_bytes({k: v.detach().contiguous() for k, v in tensors.items()}, metadata or {}))


def candidate(name, seed):
    """The model (batch norms perturbed, warmed up, in training mode), input batch and labels drawn from seed."""
    torch.manual_seed(seed)
    net, c, s = build(name)
    bns = [m for m in net.modules() if isinstance(m, nn.BatchNorm2d)]
    with torch.no_grad():
        for bn in bns:
            bn.weight.copy_(0.5 + torch.rand(bn.num_features))
            bn.bias.copy_(0.1 * torch.randn(bn.num_features))
        train_mode(net)
        for _ in range(2):  # warm-up: non-trivial running statistics, num_batches_tracked = 2
            net(torch.rand(BATCH, c, s, s))
    x = torch.rand(BATCH, c, s, s)
    labels = torch.randint(0, CLASSES, (BATCH,))
    return net, x, labels


@contextlib.contextmanager
def recording(inputs):
    """Within the block every F.relu and F.max_pool2d call — nn.ReLU and nn.MaxPool2d call them too — appends
    (kind, a copy of its input, kernel size) to inputs."""
    relu, max_pool2d = F.relu, F.max_pool2d

    def relu_probe(x, inplace=False):
        inputs.append(("relu", x.detach().clone(), None))
        return relu(x, inplace)

    def max_pool2d_probe(x, kernel_size, *args, **kwargs):
        inputs.append(("max_pool2d", x.detach().clone(), kernel_size))
        return max_pool2d(x, kernel_size, *args, **kwargs)

    F.relu, F.max_pool2d = relu_probe, max_pool2d_probe
    try:
        yield
    finally:
        F.relu, F.max_pool2d = relu, max_pool2d


def decision_margin(net, x):
    """The smallest distance from a tie, over every decision of a training-mode forward of copies of net in float64,
    in units of the layer's float32 rounding noise (RMS of float32 − float64 of the decision's input): |v| for a
    ReLU input v, top1 − top2 for a max-pool window (kernel = stride, no padding, as in SmallCnn) whose top1 > 0 —
    a window of zeros only routes gradient to a ReLU that blocks it."""
    inputs = {}
    for dtype in (torch.float32, torch.float64):
        with recording(inputs.setdefault(dtype, [])), torch.no_grad():
            copy.deepcopy(net).to(dtype)(x.to(dtype))
    margins = []
    for (kind, single, k), (_, double, _) in zip(inputs[torch.float32], inputs[torch.float64]):
        noise = (single.double() - double).pow(2).mean().sqrt()
        if kind == "relu":
            gaps = double.abs()
        else:
            n, c, h, w = double.shape
            top = F.unfold(double.reshape(n * c, 1, h, w), k, stride=k).topk(2, dim=1).values
            gaps = (top[:, 0] - top[:, 1])[top[:, 0] > 0]
        margins.append((gaps.min() / noise).item())
    return min(margins)


def generate(name):
    for seed in itertools.count(SEEDS[name]):
        net, x, labels = candidate(name, seed)
        margin = decision_margin(net, x)
        if margin >= MIN_MARGIN:
            break

    out = os.path.join(OUT, name)
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "state.safetensors"), net.state_dict(),
          {"seed": str(seed), "decision_margin": "%.2f" % margin, "torch": torch.__version__})
    numpy.save(os.path.join(out, "x.npy"), x.numpy())
    numpy.save(os.path.join(out, "labels.npy"), labels.numpy())

    x.requires_grad_(True)
    logits = net(x)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    buffers = dict(net.named_buffers())
    with torch.no_grad():
        eval_logits = net.eval()(x)
    write(os.path.join(out, "forward.safetensors"),
          {"logits": logits, "loss": loss, "input_grad": x.grad, "eval_logits": eval_logits})
    write(os.path.join(out, "grads.safetensors"), {k: p.grad for k, p in net.named_parameters()})
    write(os.path.join(out, "buffers.safetensors"), buffers)

    start = {k: p.detach().clone() for k, p in net.named_parameters()}
    for label, opt in (("sgd", lambda ps: torch.optim.SGD(ps, **SGD_ARGS)),
                       ("adam", lambda ps: torch.optim.Adam(ps, **ADAM_ARGS))):
        with torch.no_grad():
            for k, p in net.named_parameters():
                p.copy_(start[k])
        opt(net.parameters()).step()
        write(os.path.join(out, label + ".safetensors"), dict(net.named_parameters()))
    size = sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out))
    print("%s: seed %d, decision margin %.2f, loss %.6f, %d files, %d bytes in %s"
          % (name, seed, margin, loss.item(), len(os.listdir(out)), size, out))


def main():
    torch.set_num_threads(2)
    for name in SEEDS:
        generate(name)


if __name__ == "__main__":
    main()
