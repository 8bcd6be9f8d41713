package sabre.tests.ops;

import sabre.autograd.Var;
import sabre.tensor.DType;
import sabre.tensor.Device;
import sabre.tensor.Generator;
import sabre.tensor.PadMode;
import sabre.tensor.Tensor;
import sabre.tensor.spi.Backends;

/** Samples and error cases of padding, views, casts, device moves, creation and random draws. */
final class LayoutCases {
    private LayoutCases() {
    }

    static void fill(CaseBook book) {
        for (PadMode mode : PadMode.values()) {
            book.grad("pad", mode + " last two dims, asymmetric", s -> CaseBook.of(s.randn(1, 2, 3, 4)),
                    in -> in[0].pad(new int[] {1, 2, 2, 0}, mode, 0.5));
            book.grad("pad", mode + " three dims, strided", s -> CaseBook.of(s.strided(2, 3, 4, 3)),
                    in -> in[0].pad(new int[] {2, 1, 0, 3, 1, 1}, mode, -1));
        }
        book.forward("pad_backward", "reflect, direct call", s -> CaseBook.of(s.randn(3, 2, 6, 7)),
                in -> Var.of(in[0].value().backend().layout().padBackward(in[0].value(), new int[] {2, 3, 4},
                        new int[] {1, 2, 1, 1}, PadMode.REFLECT)));
        book.error("pad", "reflect wider than the dimension", () -> Tensor.zeros(2, 3).pad(new int[] {3, 0},
                PadMode.REFLECT, 0));
        book.error("pad_backward", "odd number of pads", "pad", () -> Tensor.zeros(3).pad(1));

        book.grad("reshape", "strided to a new shape with -1", s -> CaseBook.of(s.strided(4, 2, 3, 4)),
                in -> in[0].reshape(4, -1).mul(in[0].reshape(4, -1)));
        book.grad("permute", "rank 3", s -> CaseBook.of(s.randn(5, 2, 3, 4)), in -> in[0].permute(2, 0, 1).exp());
        book.grad("expand", "size-1 and new leading dims", s -> CaseBook.of(s.randn(6, 3, 1)),
                in -> in[0].expand(2, 3, 4).tanh());
        book.grad("narrow", "middle slice", s -> CaseBook.of(s.randn(7, 3, 6)), in -> in[0].narrow(1, 2, 3).sigmoid());
        book.grad("slice", "every second element", s -> CaseBook.of(s.randn(8, 3, 7)),
                in -> in[0].slice(1, 1, 7, 2).exp());
        book.grad("slice", "step 3, the last step reaching past the end", s -> CaseBook.of(s.randn(12, 4, 8)),
                in -> in[0].slice(1, 0, 8, 3).tanh());
        book.grad("slice", "ResNet shortcut x[:, :, ::2, ::2] on odd planes", s -> CaseBook.of(s.randn(13, 2, 2, 5, 3)),
                in -> in[0].slice(2, 0, 5, 2).slice(3, 0, 3, 2).sigmoid());
        book.grad("slice", "step 1 inside the first dim", s -> CaseBook.of(s.randn(14, 5, 2)),
                in -> in[0].slice(0, 1, 4, 1).exp());
        book.grad("squeeze", "size-1 dim", s -> CaseBook.of(s.randn(9, 3, 1, 2)), in -> in[0].squeeze(1).tanh());
        book.grad("unsqueeze", "new last dim", s -> CaseBook.of(s.randn(10, 3, 2)), in -> in[0].unsqueeze(-1).exp());
        book.grad("contiguous", "of a transpose", s -> CaseBook.of(s.strided(11, 3, 4)), in -> in[0].contiguous().tanh());
        // multiples of 1/32 below 8 stay exact in FLOAT32 even after the ±2^-20 gradcheck step
        book.grad("cast", "to FLOAT32 and back", s -> CaseBook.of(s.randn(12, 3, 2).mul(32).floor().div(32)),
                in -> in[0].to(DType.FLOAT32).to(DType.FLOAT64).mul(in[0]));
        book.grad("to_device", "to another backend and back", s -> CaseBook.of(s.randn(13, 2, 3)), in -> {
            Device home = in[0].value().device();
            Var away = in[0].to(home.equals(Device.REFERENCE) ? Device.CPU : Device.REFERENCE);
            if (Backends.get(away.value().device()) == Backends.get(home)) {
                throw new AssertionError("to_device: " + home + " -> " + away.value().device() + " stayed on one "
                        + "backend");
            }
            return away.exp().to(home);
        });
        book.error("reshape", "element count differs", () -> Tensor.zeros(2, 3).reshape(4, 2));
        book.error("permute", "repeated dimension", () -> Tensor.zeros(2, 3).permute(0, 0));
        book.error("expand", "incompatible size", () -> Tensor.zeros(2, 3).expand(2, 4));
        book.error("narrow", "beyond the end", () -> Tensor.zeros(2, 3).narrow(1, 2, 2));
        book.error("slice", "zero step", () -> Tensor.zeros(4).slice(0, 0, 4, 0));
        book.error("squeeze", "dimension not of size 1", () -> Tensor.zeros(2, 3).squeeze(0));
        book.error("unsqueeze", "dimension out of range", () -> Tensor.zeros(2).unsqueeze(3));
        book.error("contiguous", "view of a non-contiguous tensor", "view", () -> Tensor.zeros(2, 3).mT().view(6));
        book.error("cast", "differentiating through a cast to INT32", () -> Var.param(Tensor.zeros(2)).to(DType.INT32));
        book.error("to_device", "unknown device", "device", () -> Tensor.zeros(2).to(Device.parse("nosuch:0")));

        book.forward("full", "0-d and 3-d", s -> CaseBook.of(s.randn(14, 2)),
                in -> Var.of(Tensor.full(in[0].value().device(), in[0].value().dtype(), 2.5, 2, 1, 3)));
        book.forward("arange", "negative step", s -> CaseBook.of(s.randn(15, 1)),
                in -> Var.of(Tensor.arange(3, -2, -0.5, in[0].value().dtype())));
        book.forward("eye", "4x4", s -> CaseBook.of(s.randn(16, 1)), in -> Var.of(Tensor.eye(4, in[0].value().dtype())));
        book.error("full", "negative size", () -> Tensor.full(Device.CPU, DType.FLOAT32, 0, 2, -1));
        book.error("arange", "zero step", () -> Tensor.arange(0, 1, 0, DType.FLOAT32));
        book.error("eye", "negative size", () -> Tensor.eye(-2, DType.FLOAT32));

        book.forward("uniform", "[-1, 2)", s -> CaseBook.of(s.randn(17, 1)), in -> Var.of(Tensor.uniform(
                new Generator(3), in[0].value().device(), in[0].value().dtype(), -1, 2, 3, 5)));
        book.forward("normal", "mean 1, std 2", s -> CaseBook.of(s.randn(18, 1)), in -> Var.of(Tensor.normal(
                new Generator(4), in[0].value().device(), in[0].value().dtype(), 1, 2, 4, 3)));
        book.forward("randint", "[-3, 7)", s -> CaseBook.of(s.randn(19, 1)),
                in -> Var.of(Tensor.randint(new Generator(5), -3, 7, 4, 4)));
        book.forward("bernoulli", "p = 0.3 as BOOL", s -> CaseBook.of(s.randn(20, 1)),
                in -> Var.of(Tensor.bernoulli(new Generator(6), 0.3, DType.BOOL, 5, 5)));
        book.forward("randperm", "n = 17", s -> CaseBook.of(s.randn(21, 1)),
                in -> Var.of(Tensor.randperm(new Generator(7), 17)));
        book.error("uniform", "low above high", () -> Tensor.uniform(new Generator(1), Device.CPU, DType.FLOAT32, 2, 1, 3));
        book.error("normal", "negative std", () -> Tensor.normal(new Generator(1), Device.CPU, DType.FLOAT32, 0, -1, 3));
        book.error("randint", "empty range", () -> Tensor.randint(new Generator(1), 3, 3, 2));
        book.error("bernoulli", "probability above 1", () -> Tensor.bernoulli(new Generator(1), 1.5, DType.BOOL, 2));
        book.error("randperm", "negative n", () -> Tensor.randperm(new Generator(1), -1));
    }
}
