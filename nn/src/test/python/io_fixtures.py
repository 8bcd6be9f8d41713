#!/usr/bin/python3
"""Writes the PyTorch/NumPy interop fixtures that sabre.nn.io's tests read (SafeTensorsInteropTest, NpyInteropTest).

How to run (from the repository root; needs Debian's python3-torch and python3-numpy, i.e. the system interpreter):

    /usr/bin/python3 nn/src/test/python/io_fixtures.py

It writes, into nn/src/test/resources/io/ (committed; the Maven build never runs Python):

    <name>.npy                 numpy.save of each array in ARRAYS (uint8, bool, int32, int64, float16/32/64, a 0-d
                               array, an empty array), plus f4_v2.npy and f4_v3.npy written with format versions 2.0
                               and 3.0; Sabre must read each exactly and, for the dtypes it writes, write the very
                               same bytes back (Sabre's .npy header is NumPy's, spare growth space included)
    torch_tensors.safetensors  one tensor of every safetensors dtype Sabre reads (F32, F64, F16, BF16, I64, I32, U8,
                               BOOL; a 0-d int64 like num_batches_tracked; an empty F32) with __metadata__
    sabre_layout.safetensors   only the dtypes Sabre writes (F32, F64, I64, BOOL), assembled exactly as Sabre lays
                               out a file, so Sabre's rewrite must reproduce it byte for byte
    torch_state_dict.safetensors  the state_dict of torch.nn.Sequential(Linear(3, 2), BatchNorm1d(2)) after one
                               training step (num_batches_tracked = 1)
    expected.json              {file: {tensor: {"dtype", "shape", "values"}}}: flat row-major values as JSON
                               numbers (floats as the exactly widened double, so they compare bit for bit) or bools

The safetensors files are assembled here with struct and json (the python safetensors package may be absent), as
the format specifies: an 8-byte little-endian header length, a compact JSON header padded with spaces to a multiple
of 8 bytes, then the little-endian C-order data.

Loading Sabre-written files in PyTorch:

    import numpy, torch
    x = torch.from_numpy(numpy.load("images.npy"))          # Sabre's Npy.write; INT32 arrive as int64 ('<i8')
    from safetensors.torch import load_file                 # if the safetensors package is installed, or
    state = load_file("model.safetensors")                  # read_safetensors(path) below, which needs only torch
    model.load_state_dict({k[len("model."):]: v for k, v in state.items() if k.startswith("model.")})  # Checkpoint

Sabre writes INT32 tensors as I64, so PyTorch gets int64 exactly like its own num_batches_tracked. To check files
that Sabre wrote, run

    /usr/bin/python3 nn/src/test/python/io_fixtures.py --check FILE...

which loads each .npy / .safetensors file with NumPy/PyTorch and prints every tensor's dtype, shape and values.
"""

import json
import os
import struct
import sys

import numpy
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "io")

SAFETENSORS_DTYPES = {
    torch.float16: "F16", torch.bfloat16: "BF16", torch.float32: "F32", torch.float64: "F64",
    torch.int32: "I32", torch.int64: "I64", torch.uint8: "U8", torch.bool: "BOOL",
}
TORCH_DTYPES = {v: k for k, v in SAFETENSORS_DTYPES.items()}


def tensor_bytes(t):
    """Little-endian C-order bytes of a tensor (bfloat16 through its int16 bit pattern: NumPy has no bfloat16)."""
    t = t.detach().contiguous()
    if t.dtype == torch.bfloat16:
        t = t.view(torch.int16)
    a = t.numpy()
    return a.astype(a.dtype.newbyteorder("<")).tobytes()


def safetensors_bytes(tensors, metadata):
    """A safetensors file: __metadata__ first (if any), tensors in dict order, header padded to 8 bytes."""
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    data = []
    offset = 0
    for name, t in tensors.items():
        b = tensor_bytes(t)
        header[name] = {"dtype": SAFETENSORS_DTYPES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(b)]}
        data.append(b)
        offset += len(b)
    text = json.dumps(header, separators=(",", ":")).encode("ascii")
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(data)


def read_safetensors(path):
    """(tensors, metadata) of a safetensors file, using only torch: how PyTorch loads a Sabre-written file."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        buf = bytearray(raw[8 + n + begin:8 + n + end])
        dtype = TORCH_DTYPES[info["dtype"]]
        flat = torch.frombuffer(buf, dtype=dtype) if buf else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(info["shape"])
    return tensors, metadata


def expected(t):
    t = t.detach()
    values = t.flatten().tolist() if t.dtype in (torch.bool,) or not t.is_floating_point() \
        else t.double().flatten().tolist()
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "values": values}


def arrays():
    g = torch.Generator().manual_seed(20240611)
    return {
        "f4": torch.randn(2, 3, generator=g),
        "f8": torch.randn(4, generator=g, dtype=torch.float64),
        "f2": torch.randn(5, generator=g).to(torch.float16),
        "i8": torch.tensor([-2147483648, -1, 0, 7, 2147483647], dtype=torch.int64),
        "i4": torch.tensor([[-5, 3], [2147483647, -2147483648]], dtype=torch.int32),
        "u1": torch.tensor([[0, 1, 127], [128, 254, 255]], dtype=torch.uint8),
        "b1": torch.tensor([True, False, True]),
        "scalar_f4": torch.tensor(3.25),
        "empty_f4": torch.zeros(0, 3),
        "image_u1": torch.randint(0, 256, (2, 3, 4, 4), generator=g, dtype=torch.uint8),
    }


def tensors():
    g = torch.Generator().manual_seed(7)
    return {
        "weight": torch.randn(2, 3, generator=g),
        "double": torch.randn(3, generator=g, dtype=torch.float64),
        "half": torch.tensor([1.0, -2.5, 65504.0, 6.1e-05, 5.96e-08, 0.0, -0.0, 0.333], dtype=torch.float16),
        "brain": torch.tensor([1.0, -2.5, 3.0e38, 1e-40, 0.333], dtype=torch.bfloat16),
        "labels": torch.tensor([3, 0, -1, 2147483647, -2147483648], dtype=torch.int64),
        "counts": torch.tensor([[1, -2], [3, 4]], dtype=torch.int32),
        "pixels": torch.tensor([0, 17, 255], dtype=torch.uint8),
        "mask": torch.tensor([[True, False], [False, True]]),
        "num_batches_tracked": torch.tensor(5, dtype=torch.int64),
        "empty": torch.zeros(0, 4),
    }


def layout_tensors():
    g = torch.Generator().manual_seed(11)
    return {
        "b.weight": torch.randn(3, 2, generator=g),
        "a.bias": torch.randn(2, generator=g, dtype=torch.float64),
        "step": torch.tensor(12, dtype=torch.int64),
        "mask": torch.tensor([True, False, True]),
        "empty": torch.zeros(2, 0),
    }


def state_dict():
    torch.manual_seed(3)
    net = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.BatchNorm1d(2))
    net(torch.randn(4, 3)).sum().backward()
    return dict(net.state_dict())


def generate():
    os.makedirs(OUT, exist_ok=True)
    exp = {}
    for name, t in arrays().items():
        numpy.save(os.path.join(OUT, name + ".npy"), t.numpy())
        exp[name + ".npy"] = {"array": expected(t)}
    f4 = arrays()["f4"].numpy()
    for version in ((2, 0), (3, 0)):
        name = "f4_v%d.npy" % version[0]
        with open(os.path.join(OUT, name), "wb") as f:
            numpy.lib.format.write_array(f, f4, version=version)
        exp[name] = {"array": expected(arrays()["f4"])}
    files = {
        "torch_tensors.safetensors": (tensors(), {"format": "pt", "note": "caf\u00e9 \"quoted\""}),
        "sabre_layout.safetensors": (layout_tensors(), {"epoch": "3", "config": "{\"lr\": 0.1}"}),
        "torch_state_dict.safetensors": (state_dict(), {}),
    }
    for name, (ts, meta) in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(safetensors_bytes(ts, meta))
        loaded, loaded_meta = read_safetensors(os.path.join(OUT, name))
        assert loaded_meta == meta and all(torch.equal(loaded[k], ts[k]) for k in ts), name
        exp[name] = {k: expected(t) for k, t in ts.items()}
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(exp, f, indent=1)
        f.write("\n")


def check(paths):
    for path in paths:
        if path.endswith(".npy"):
            found = {"array": torch.from_numpy(numpy.load(path))}
            meta = {}
        else:
            found, meta = read_safetensors(path)
        print(path, "metadata", meta)
        for name, t in found.items():
            print("  %s %s %s %s" % (name, t.dtype, list(t.shape), t.flatten().tolist()))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--check"]:
        check(sys.argv[2:])
    else:
        generate()
