package sabre.tests.ops;

import sabre.autograd.Var;
import sabre.tensor.Tensor;

/** Samples and error cases of the reductions and matmul. */
final class ReductionCases {
    private ReductionCases() {
    }

    static void fill(CaseBook book) {
        int[] mid = {1};
        int[] outer = {0, 2};
        book.grad("sum", "all axes", s -> CaseBook.of(s.randn(1, 3, 4)), in -> in[0].sum());
        book.grad("sum", "axes 0 and 2 keepdim, strided", s -> CaseBook.of(s.strided(2, 2, 3, 5)),
                in -> in[0].sum(outer, true));
        book.grad("mean", "axis 1", s -> CaseBook.of(s.randn(3, 2, 3, 4)), in -> in[0].mean(mid, false));
        book.grad("mean", "negative axis, size-1 dim", s -> CaseBook.of(s.randn(4, 1, 5)),
                in -> in[0].mean(new int[] {-1}, true));
        book.grad("amax", "axes 0 and 2", s -> CaseBook.of(s.randn(5, 2, 3, 4)), in -> in[0].amax(outer, false));
        book.grad("amin", "all axes, strided", s -> CaseBook.of(s.strided(6, 3, 4)), in -> in[0].amin(null, false));
        book.grad("max", "axis 1 values", s -> CaseBook.of(s.randn(7, 3, 5)), in -> in[0].max(1, false).values());
        book.grad("min", "axis 0 keepdim values", s -> CaseBook.of(s.strided(8, 4, 3)),
                in -> in[0].min(0, true).values());
        book.forward("argmax", "axis 1 with ties", s -> CaseBook.of(s.randn(9, 4, 6).floor()),
                in -> Var.of(in[0].value().argmax(1, false)));
        book.forward("argmin", "axis 0 keepdim", s -> CaseBook.of(s.randn(10, 4, 6)),
                in -> Var.of(in[0].value().argmin(0, true)));
        book.grad("var", "unbiased over axis 1", s -> CaseBook.of(s.randn(11, 3, 6)), in -> in[0].var(mid, 1, false));
        book.grad("var", "population over axes 0 and 2 keepdim", s -> CaseBook.of(s.randn(12, 2, 3, 4)),
                in -> in[0].var(outer, 0, true));
        for (double p : new double[] {1, 2, 3, Double.POSITIVE_INFINITY}) {
            book.grad("norm", "p=" + p + " over axis 1", s -> CaseBook.of(s.randn(13, 3, 7)),
                    in -> in[0].norm(p, mid, false));
        }
        book.forward("norm", "p=0 counts non-zeros", s -> CaseBook.of(s.randn(14, 3, 7).relu()),
                in -> Var.of(in[0].value().norm(0, mid, false)));
        book.error("sum", "repeated axis", () -> Tensor.zeros(2, 3).sum(new int[] {1, -1}, false));
        book.error("mean", "axis out of range", () -> Tensor.zeros(2, 3).mean(new int[] {2}, false));
        book.error("amax", "empty dimension", () -> Tensor.zeros(0, 3).amax(new int[] {0}, false));
        book.error("amin", "BOOL input", () -> Tensor.ofBools(new boolean[] {true}, 1).amin(null, false));
        book.error("max", "axis out of range", "amax", () -> Tensor.zeros(2).max(1, false));
        book.error("min", "empty dimension", "amin", () -> Tensor.zeros(2, 0).min(1, false));
        book.error("argmax", "empty dimension", () -> Tensor.zeros(0).argmax(0, false));
        book.error("argmin", "BOOL input", () -> Tensor.ofBools(new boolean[] {true}, 1).argmin(0, false));
        book.error("var", "integer input", () -> Tensor.ofInts(new int[] {1, 2}, 2).var(null, 1, false));
        book.error("norm", "negative order", () -> Tensor.zeros(3).norm(-1, null, false));

        book.grad("matmul", "batched with broadcast [2,3,4]@[4,5]", s -> CaseBook.of(s.randn(15, 2, 3, 4),
                s.randn(16, 4, 5)), in -> in[0].matmul(in[1]));
        book.grad("matmul", "transposed operands", s -> CaseBook.of(s.strided(17, 3, 4), s.strided(18, 4, 2)),
                in -> in[0].matmul(in[1]));
        book.grad("matmul", "vector @ matrix and batch broadcast [2,1,3,4]@[5,4,1]", s -> CaseBook.of(
                s.randn(19, 2, 1, 3, 4), s.randn(20, 5, 4, 1)), in -> in[0].matmul(in[1]));
        book.grad("matmul", "1-D @ 2-D", s -> CaseBook.of(s.randn(21, 4), s.randn(22, 4, 3)), in -> in[0].matmul(in[1]));
        book.error("matmul", "inner dimensions differ", () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)));
    }
}
