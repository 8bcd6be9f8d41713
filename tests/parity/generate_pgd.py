#!/usr/bin/python3
"""Generates the PyTorch fixture that sabre.tests.PgdParityTest checks Sabre's PGD against.

How to run (from the repository root; needs Debian's python3-torch, i.e. the system interpreter):

    /usr/bin/python3 tests/parity/generate_pgd.py

It writes tests/src/test/resources/parity/pgd/ (committed; the Maven build never runs PyTorch). The model is
Sabre's SmallCnn at 1x28x28 with 10 classes, drawn exactly as generate_parity.py draws its smallcnn fixture (seed 1:
batch norms perturbed and warmed up, so running statistics are not trivial), then put in eval mode and converted to
float64, so the attack's sign(gradient) decisions are not at the mercy of float32 rounding. The attack is PGD under
L-inf without random start, written out here as torchattacks' PGD does it:

    adv = x
    repeat STEPS times:
        g = d/d adv of the summed cross-entropy of model(adv) against the labels
        adv = clip(x + clip(adv + ALPHA * sign(g) - x, -EPS, EPS), 0, 1)

with EPS = 8/255, ALPHA = 2/255, STEPS = 10, on 16 images uniform in [0, 1) whose labels are the model's own
clean predictions except images 0-3, which get another class (already misclassified: success from the start).

Files (float64 unless noted): state.safetensors (the float32 state_dict before conversion, num_batches_tracked as
I64), x.npy [16, 1, 28, 28], labels.npy [16] (int64), adversarial.npy [16, 1, 28, 28], success.npy [16] (bool:
argmax of the adversarial logits differs from the label).
"""

import os
import sys

import numpy
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_parity import ROOT, candidate, write  # noqa: E402  (the smallcnn fixture's model and file writer)

OUT = os.path.join(ROOT, "tests", "src", "test", "resources", "parity", "pgd")
EPS = 8 / 255
ALPHA = 2 / 255
STEPS = 10
IMAGES = 16


def pgd(net, x, labels):
    adv = x.clone()
    for _ in range(STEPS):
        adv.requires_grad_(True)
        loss = F.cross_entropy(net(adv), labels, reduction="sum")
        (g,) = torch.autograd.grad(loss, adv)
        adv = torch.clamp(x + torch.clamp(adv.detach() + ALPHA * g.sign() - x, -EPS, EPS), 0, 1)
    return adv.detach()


def main():
    torch.set_num_threads(2)
    net, _, _ = candidate("smallcnn", 1)
    write_state = {k: v for k, v in net.state_dict().items()}
    net = net.eval().double()
    torch.manual_seed(2)
    x = torch.rand(IMAGES, 1, 28, 28, dtype=torch.float64)
    with torch.no_grad():
        labels = net(x).argmax(1)
    labels[:4] = (labels[:4] + 1) % 10
    adv = pgd(net, x, labels)
    with torch.no_grad():
        success = net(adv).argmax(1) != labels
    os.makedirs(OUT, exist_ok=True)
    write(os.path.join(OUT, "state.safetensors"), write_state)
    numpy.save(os.path.join(OUT, "x.npy"), x.numpy())
    numpy.save(os.path.join(OUT, "labels.npy"), labels.numpy())
    numpy.save(os.path.join(OUT, "adversarial.npy"), adv.numpy())
    numpy.save(os.path.join(OUT, "success.npy"), success.numpy())
    print("wrote", OUT, "success", success.int().tolist())


if __name__ == "__main__":
    main()
