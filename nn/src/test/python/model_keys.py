#!/usr/bin/python3
"""Writes the PyTorch reference that ModelReferenceTest checks Sabre's classifier models against.

How to run (from the repository root; needs Debian's python3-torch, i.e. the system interpreter):

    /usr/bin/python3 nn/src/test/python/model_keys.py

It writes nn/src/test/resources/sabre/nn/models/reference_models.txt, which is committed: the Maven build never
runs PyTorch. The architectures below are transcribed from the public repositories whose checkpoints Sabre's models
must load unchanged (module names, registration order and shapes are kept; only CUDA-only calls are made portable):

    resnet18/34/50/101   kuangliu/pytorch-cifar          models/resnet.py
    resnet20/32/…/110    akamaster/pytorch_resnet_cifar10 resnet.py (option-A shortcut)
    preact18             kuangliu/pytorch-cifar          models/preact_resnet.py
    wrn-D-K              xternalz/WideResNet-pytorch      wideresnet.py
    shakeshake-D-2xWd    owruby/shake-shake_pytorch       models/shake_resnet.py, models/shakeshake.py
                         (the layout kakaobrain/fast-autoaugment ships as networks/shakeshake)
    resnet18-imagenet, resnet50-imagenet, wide_resnet50_2
                         torchvision 0.14 itself (Debian's python3-torchvision), torchvision.models.resnet

File format, one record per line:

    model NAME in=C size=S classes=K params=P keys=N     then N lines "KEY [d0, d1, ...]" in state_dict order
    golden NAME in=C size=S classes=K batch=B            then one line "logits v v v ..." (B*K values, row-major)

A golden is the eval-mode output of the model whose every state-dict entry, and the input, are filled by
fill(key, shape) below — a formula both sides compute, so no weights need to be stored.
"""

import math
import os
import re
import zlib

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.models.resnet as tv

OUT_PATH = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "sabre", "nn",
                                        "models", "reference_models.txt"))


# ---------------------------------------------------------------- kuangliu/pytorch-cifar models/resnet.py

class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_planes != self.expansion * planes:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_planes, self.expansion * planes, kernel_size=1, stride=stride, bias=False),
                nn.BatchNorm2d(self.expansion * planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += self.shortcut(x)
        return F.relu(out)


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, kernel_size=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, self.expansion * planes, kernel_size=1, bias=False)
        self.bn3 = nn.BatchNorm2d(self.expansion * planes)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_planes != self.expansion * planes:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_planes, self.expansion * planes, kernel_size=1, stride=stride, bias=False),
                nn.BatchNorm2d(self.expansion * planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        out += self.shortcut(x)
        return F.relu(out)


class ResNet(nn.Module):
    def __init__(self, block, num_blocks, in_channels, num_classes):
        super().__init__()
        self.in_planes = 64
        self.conv1 = nn.Conv2d(in_channels, 64, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.layer1 = self._make_layer(block, 64, num_blocks[0], stride=1)
        self.layer2 = self._make_layer(block, 128, num_blocks[1], stride=2)
        self.layer3 = self._make_layer(block, 256, num_blocks[2], stride=2)
        self.layer4 = self._make_layer(block, 512, num_blocks[3], stride=2)
        self.linear = nn.Linear(512 * block.expansion, num_classes)

    def _make_layer(self, block, planes, num_blocks, stride):
        layers = []
        for s in [stride] + [1] * (num_blocks - 1):
            layers.append(block(self.in_planes, planes, s))
            self.in_planes = planes * block.expansion
        return nn.Sequential(*layers)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.layer4(self.layer3(self.layer2(self.layer1(out))))
        out = F.adaptive_avg_pool2d(out, 1)  # the original's avg_pool2d(out, 4) at 32×32
        return self.linear(out.view(out.size(0), -1))


# ---------------------------------------------------------------- akamaster/pytorch_resnet_cifar10 resnet.py

class LambdaLayer(nn.Module):
    def __init__(self, lambd):
        super().__init__()
        self.lambd = lambd

    def forward(self, x):
        return self.lambd(x)


class BasicBlockA(nn.Module):
    expansion = 1

    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_planes != planes:
            self.shortcut = LambdaLayer(
                lambda x: F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, planes // 4, planes // 4), "constant", 0))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += self.shortcut(x)
        return F.relu(out)


class ResNetA(nn.Module):
    def __init__(self, num_blocks, in_channels, num_classes):
        super().__init__()
        self.in_planes = 16
        self.conv1 = nn.Conv2d(in_channels, 16, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.layer1 = self._make_layer(16, num_blocks, 1)
        self.layer2 = self._make_layer(32, num_blocks, 2)
        self.layer3 = self._make_layer(64, num_blocks, 2)
        self.linear = nn.Linear(64, num_classes)

    def _make_layer(self, planes, num_blocks, stride):
        layers = []
        for s in [stride] + [1] * (num_blocks - 1):
            layers.append(BasicBlockA(self.in_planes, planes, s))
            self.in_planes = planes
        return nn.Sequential(*layers)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.layer3(self.layer2(self.layer1(out)))
        out = F.avg_pool2d(out, out.size()[3])
        return self.linear(out.view(out.size(0), -1))


# ---------------------------------------------------------------- kuangliu/pytorch-cifar models/preact_resnet.py

class PreActBlock(nn.Module):
    expansion = 1

    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_planes)
        self.conv1 = nn.Conv2d(in_planes, planes, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, kernel_size=3, stride=1, padding=1, bias=False)
        if stride != 1 or in_planes != self.expansion * planes:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_planes, self.expansion * planes, kernel_size=1, stride=stride, bias=False))

    def forward(self, x):
        out = F.relu(self.bn1(x))
        shortcut = self.shortcut(out) if hasattr(self, 'shortcut') else x
        out = self.conv1(out)
        out = self.conv2(F.relu(self.bn2(out)))
        return out + shortcut


class PreActResNet(nn.Module):
    def __init__(self, num_blocks, in_channels, num_classes):
        super().__init__()
        self.in_planes = 64
        self.conv1 = nn.Conv2d(in_channels, 64, kernel_size=3, stride=1, padding=1, bias=False)
        self.layer1 = self._make_layer(64, num_blocks[0], 1)
        self.layer2 = self._make_layer(128, num_blocks[1], 2)
        self.layer3 = self._make_layer(256, num_blocks[2], 2)
        self.layer4 = self._make_layer(512, num_blocks[3], 2)
        self.linear = nn.Linear(512, num_classes)

    def _make_layer(self, planes, num_blocks, stride):
        layers = []
        for s in [stride] + [1] * (num_blocks - 1):
            layers.append(PreActBlock(self.in_planes, planes, s))
            self.in_planes = planes
        return nn.Sequential(*layers)

    def forward(self, x):
        out = self.layer4(self.layer3(self.layer2(self.layer1(self.conv1(x)))))
        out = F.adaptive_avg_pool2d(out, 1)  # the original's avg_pool2d(out, 4) at 32×32
        return self.linear(out.view(out.size(0), -1))


# ---------------------------------------------------------------- xternalz/WideResNet-pytorch wideresnet.py

class WideBlock(nn.Module):
    def __init__(self, in_planes, out_planes, stride, drop_rate=0.0):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_planes)
        self.relu1 = nn.ReLU(inplace=True)
        self.conv1 = nn.Conv2d(in_planes, out_planes, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_planes)
        self.relu2 = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(out_planes, out_planes, kernel_size=3, stride=1, padding=1, bias=False)
        self.droprate = drop_rate
        self.equalInOut = in_planes == out_planes
        self.convShortcut = (not self.equalInOut) and nn.Conv2d(in_planes, out_planes, kernel_size=1, stride=stride,
                                                                padding=0, bias=False) or None

    def forward(self, x):
        if not self.equalInOut:
            x = self.relu1(self.bn1(x))
        else:
            out = self.relu1(self.bn1(x))
        out = self.conv1(out if self.equalInOut else x)  # the original's `equalInOut and out or x`
        if self.droprate > 0:
            out = F.dropout(out, p=self.droprate, training=self.training)
        out = self.conv2(self.relu2(self.bn2(out)))
        return torch.add(x if self.equalInOut else self.convShortcut(x), out)


class NetworkBlock(nn.Module):
    def __init__(self, nb_layers, in_planes, out_planes, stride, drop_rate):
        super().__init__()
        self.layer = nn.Sequential(*[WideBlock(i == 0 and in_planes or out_planes, out_planes, i == 0 and stride or 1,
                                               drop_rate) for i in range(nb_layers)])

    def forward(self, x):
        return self.layer(x)


class WideResNet(nn.Module):
    def __init__(self, depth, width, in_channels, num_classes, drop_rate=0.3):
        super().__init__()
        ch = [16, 16 * width, 32 * width, 64 * width]
        n = (depth - 4) // 6
        self.conv1 = nn.Conv2d(in_channels, ch[0], kernel_size=3, stride=1, padding=1, bias=False)
        self.block1 = NetworkBlock(n, ch[0], ch[1], 1, drop_rate)
        self.block2 = NetworkBlock(n, ch[1], ch[2], 2, drop_rate)
        self.block3 = NetworkBlock(n, ch[2], ch[3], 2, drop_rate)
        self.bn1 = nn.BatchNorm2d(ch[3])
        self.relu = nn.ReLU(inplace=True)
        self.fc = nn.Linear(ch[3], num_classes)
        self.nChannels = ch[3]

    def forward(self, x):
        out = self.block3(self.block2(self.block1(self.conv1(x))))
        out = self.relu(self.bn1(out))
        out = F.adaptive_avg_pool2d(out, 1)  # the original's avg_pool2d(out, 8) at 32×32
        return self.fc(out.view(-1, self.nChannels))


# ---------------------------------------------------------------- owruby/shake-shake_pytorch models/shake_resnet.py

class ShakeShake(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x1, x2, training=True):
        if training:
            alpha = torch.rand(x1.size(0), dtype=x1.dtype).view(-1, 1, 1, 1).expand_as(x1)
        else:
            alpha = 0.5
        return alpha * x1 + (1 - alpha) * x2

    @staticmethod
    def backward(ctx, grad_output):
        beta = torch.rand(grad_output.size(0), dtype=grad_output.dtype).view(-1, 1, 1, 1).expand_as(grad_output)
        return beta * grad_output, (1 - beta) * grad_output, None


class Shortcut(nn.Module):
    def __init__(self, in_ch, out_ch, stride):
        super().__init__()
        self.stride = stride
        self.conv1 = nn.Conv2d(in_ch, out_ch // 2, 1, stride=1, padding=0, bias=False)
        self.conv2 = nn.Conv2d(in_ch, out_ch // 2, 1, stride=1, padding=0, bias=False)
        self.bn = nn.BatchNorm2d(out_ch)

    def forward(self, x):
        h = F.relu(x)
        h1 = self.conv1(F.avg_pool2d(h, 1, self.stride))
        h2 = self.conv2(F.avg_pool2d(F.pad(h, (-1, 1, -1, 1)), 1, self.stride))
        return self.bn(torch.cat((h1, h2), 1))


class ShakeBlock(nn.Module):
    def __init__(self, in_ch, out_ch, stride=1):
        super().__init__()
        self.equal_io = in_ch == out_ch
        self.shortcut = self.equal_io and None or Shortcut(in_ch, out_ch, stride=stride)
        self.branch1 = self._make_branch(in_ch, out_ch, stride)
        self.branch2 = self._make_branch(in_ch, out_ch, stride)

    def forward(self, x):
        h = ShakeShake.apply(self.branch1(x), self.branch2(x), self.training)
        h0 = x if self.equal_io else self.shortcut(x)
        return h + h0

    @staticmethod
    def _make_branch(in_ch, out_ch, stride):
        return nn.Sequential(
            nn.ReLU(inplace=False),
            nn.Conv2d(in_ch, out_ch, 3, padding=1, stride=stride, bias=False),
            nn.BatchNorm2d(out_ch),
            nn.ReLU(inplace=False),
            nn.Conv2d(out_ch, out_ch, 3, padding=1, stride=1, bias=False),
            nn.BatchNorm2d(out_ch))


class ShakeResNet(nn.Module):
    def __init__(self, depth, w_base, in_channels, label):
        super().__init__()
        n_units = (depth - 2) // 6
        self.in_chs = [16, w_base, w_base * 2, w_base * 4]
        self.c_in = nn.Conv2d(in_channels, self.in_chs[0], 3, padding=1)
        self.layer1 = self._make_layer(n_units, self.in_chs[0], self.in_chs[1])
        self.layer2 = self._make_layer(n_units, self.in_chs[1], self.in_chs[2], 2)
        self.layer3 = self._make_layer(n_units, self.in_chs[2], self.in_chs[3], 2)
        self.fc_out = nn.Linear(self.in_chs[3], label)

    def forward(self, x):
        h = self.layer3(self.layer2(self.layer1(self.c_in(x))))
        h = F.relu(h)
        h = F.adaptive_avg_pool2d(h, 1)  # the original's avg_pool2d(h, 8) at 32×32
        return self.fc_out(h.view(-1, self.in_chs[3]))

    @staticmethod
    def _make_layer(n_units, in_ch, out_ch, stride=1):
        layers = []
        for _ in range(n_units):
            layers.append(ShakeBlock(in_ch, out_ch, stride=stride))
            in_ch, stride = out_ch, 1
        return nn.Sequential(*layers)


# ---------------------------------------------------------------- the registry names of sabre.nn.models.Models

def build(name, c, k):
    """The reference model for a Sabre registry name (or kuangliu-BLOCK-a-b-c-d, CifarResNet's general form), c input
    channels, k classes."""
    kuangliu = {"resnet18": (BasicBlock, [2, 2, 2, 2]), "resnet34": (BasicBlock, [3, 4, 6, 3]),
                "resnet50": (Bottleneck, [3, 4, 6, 3]), "resnet101": (Bottleneck, [3, 4, 23, 3])}
    if name in kuangliu:
        return ResNet(*kuangliu[name], c, k)
    general = re.fullmatch(r"kuangliu-(basic|bottleneck)-(\d+)-(\d+)-(\d+)-(\d+)", name)  # test-only name
    if general:
        return ResNet(Bottleneck if general.group(1) == "bottleneck" else BasicBlock,
                      [int(general.group(i)) for i in range(2, 6)], c, k)
    if name in ("resnet20", "resnet32", "resnet44", "resnet56", "resnet110"):
        return ResNetA((int(name[6:]) - 2) // 6, c, k)
    if name == "preact18":
        return PreActResNet([2, 2, 2, 2], c, k)
    if name.startswith("wrn-"):
        depth, width = map(int, name[4:].split("-"))
        return WideResNet(depth, width, c, k)
    shake = re.fullmatch(r"shakeshake-?(\d+)-2x(\d+)d", name)
    if shake:
        return ShakeResNet(int(shake.group(1)), int(shake.group(2)), c, k)
    torchvision = {"resnet18-imagenet": tv.resnet18, "resnet50-imagenet": tv.resnet50,
                   "wide_resnet50_2": tv.wide_resnet50_2}
    if name in torchvision:
        assert c == 3, "torchvision's stems take 3 channels"
        return torchvision[name](num_classes=k)
    small = re.fullmatch(r"torchvision-(basic|bottleneck)-(\d+)-(\d+)-(\d+)-(\d+)-w(\d+)", name)  # test-only name
    if small:
        assert c == 3, "torchvision's stems take 3 channels"
        block = tv.Bottleneck if small.group(1) == "bottleneck" else tv.BasicBlock
        return tv.ResNet(block, [int(small.group(i)) for i in range(2, 6)], num_classes=k,
                         width_per_group=64 * int(small.group(6)))
    raise ValueError(name)


def fill(key, shape):
    """The formula both sides use for every state-dict entry and the input: s_i = sin(0.5 + 0.37·i + 0.11·(crc32(key)
    mod 997)) over the row-major index i, scaled by the entry's role so that deep nets stay O(1) in eval mode (the input is s itself)."""
    n = math.prod(shape)
    phase = 0.11 * (zlib.crc32(key.encode()) % 997)
    s = torch.sin(0.5 + 0.37 * torch.arange(n, dtype=torch.float64) + phase).reshape(shape)
    if key == "input":
        return s
    if key.endswith("num_batches_tracked"):
        return torch.zeros(shape, dtype=torch.int64)
    if key.endswith("running_var"):
        return 1 + 0.25 * s
    if len(shape) >= 2:  # conv and linear weights: amplitude √(3/fan_in), variance ≈ 1.5/fan_in
        return s * math.sqrt(3.0 / (n // shape[0]))
    if key.endswith("weight"):  # batch-norm γ
        return 1 + 0.25 * s
    return 0.1 * s  # biases, running means


MODELS = ["resnet18", "resnet34", "resnet50", "resnet101", "resnet20", "resnet32", "resnet44", "resnet56", "resnet110",
          "preact18", "wrn-28-10", "shakeshake26-2x32d", "shakeshake26-2x96d", "resnet18-imagenet", "resnet50-imagenet",
          "wide_resnet50_2"]

# small members exercising every block kind and shortcut kind, at every supported input size
GOLDENS = [("resnet18", 1, 28, 10, 1), ("kuangliu-bottleneck-1-1-1-1", 1, 28, 10, 1), ("resnet20", 3, 32, 10, 2), ("resnet20", 3, 64, 200, 1),
           ("preact18", 1, 28, 10, 1), ("wrn-16-2", 3, 32, 10, 2), ("wrn-10-1", 1, 28, 10, 2),
           ("shakeshake-8-2x16d", 3, 32, 10, 2), ("shakeshake-14-2x8d", 1, 28, 10, 2),
           ("resnet18-imagenet", 3, 64, 200, 2), ("torchvision-bottleneck-1-1-1-1-w2", 3, 64, 200, 1)]


def main():
    torch.set_num_threads(2)
    lines = ["# generated by nn/src/test/python/model_keys.py with torch %s; do not edit" % torch.__version__]
    for name in MODELS:
        sd = build(name, 3, 10).state_dict()
        params = sum(p.numel() for p in build(name, 3, 10).parameters())
        lines.append("model %s in=3 size=32 classes=10 params=%d keys=%d" % (name, params, len(sd)))
        lines.extend("%s [%s]" % (k, ", ".join(map(str, v.shape))) for k, v in sd.items())
    for name, c, s, k, batch in GOLDENS:
        net = build(name, c, k).eval()
        net.load_state_dict({key: fill(key, list(v.shape)).to(v.dtype) for key, v in net.state_dict().items()})
        x = fill("input", [batch, c, s, s]).float()
        with torch.no_grad():
            logits = net(x)
        lines.append("golden %s in=%d size=%d classes=%d batch=%d" % (name, c, s, k, batch))
        lines.append("logits " + " ".join(repr(float(v)) for v in logits.reshape(-1).tolist()))
    os.makedirs(os.path.dirname(OUT_PATH), exist_ok=True)
    with open(OUT_PATH, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %d lines to %s" % (len(lines), OUT_PATH))


if __name__ == "__main__":
    main()
