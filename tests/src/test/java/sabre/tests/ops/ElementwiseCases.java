package sabre.tests.ops;

import sabre.autograd.Var;
import sabre.tensor.BinaryOp;
import sabre.tensor.CompareOp;
import sabre.tensor.DType;
import sabre.tensor.Functional;
import sabre.tensor.Tensor;
import sabre.tensor.UnaryOp;

import java.util.Locale;

/** Samples and error cases of the elementwise ops. */
final class ElementwiseCases {
    private ElementwiseCases() {
    }

    static void fill(CaseBook book) {
        for (UnaryOp op : UnaryOp.values()) {
            String name = op.opName();
            boolean positive = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.RSQRT;
            book.grad(name, "odd shape 3x5", s -> CaseBook.of(positive ? s.uniform(1, 0.5, 2, 3, 5)
                    : s.randn(1, 3, 5).mul(2)), in -> in[0].apply(op));
            book.grad(name, "strided 4x3 with size-1 dim", s -> CaseBook.of(positive
                    ? s.strided(2, 1, 3, 4).abs().add(0.5) : s.strided(2, 1, 3, 4).mul(2)), in -> in[0].apply(op));
            book.error(name, "BOOL input", () -> Tensor.ofBools(new boolean[] {true}, 1).apply(op));
        }
        book.grad("clamp", "both bounds", s -> CaseBook.of(s.randn(3, 4, 5)), in -> in[0].clamp(-0.5, 0.7));
        book.grad("clamp", "lower bound only, strided", s -> CaseBook.of(s.strided(4, 3, 4)),
                in -> in[0].clamp(0.1, Double.POSITIVE_INFINITY));
        book.error("clamp", "lo > hi", () -> Tensor.zeros(2).clamp(1, 0));

        for (BinaryOp op : BinaryOp.values()) {
            String name = op.opName();
            boolean positiveBase = op == BinaryOp.POW;
            boolean nonZeroDivisor = op == BinaryOp.DIV;
            book.grad(name, "broadcast [3,1] with [4]", s -> CaseBook.of(
                    positiveBase ? s.uniform(5, 0.5, 2, 3, 1) : s.randn(5, 3, 1),
                    nonZeroDivisor ? s.uniform(6, 0.5, 2, 4) : s.randn(6, 4)), in -> in[0].apply(op, in[1]));
            book.grad(name, "strided [2,3,4] with [1,3,1]", s -> CaseBook.of(
                    positiveBase ? s.strided(7, 2, 3, 4).abs().add(0.5) : s.strided(7, 2, 3, 4),
                    nonZeroDivisor ? s.uniform(8, 0.5, 2, 1, 3, 1) : s.randn(8, 1, 3, 1)), in -> in[0].apply(op, in[1]));
            book.grad(name, "with a scalar", s -> CaseBook.of(positiveBase ? s.uniform(9, 0.5, 2, 2, 3)
                    : s.randn(9, 2, 3)), in -> scalarForm(op, in[0]));
            book.error(name, "shapes that do not broadcast", () -> Tensor.zeros(2, 3).apply(op, Tensor.zeros(4)));
        }
        // g is ±inf exactly where y = relu(·) is 0 (the same seed): a select gives 0 there, a multiply NaN
        book.forward("relu_backward", "infinite gradient where the output is 0", s -> CaseBook.of(
                s.randn(60, 3, 5).div(s.randn(61, 3, 5).relu()), s.randn(61, 3, 5).relu()),
                in -> Var.of(Functional.reluBackward(in[0].value(), in[1].value())));
        book.forward("relu_backward", "strided gradient, contiguous output", s -> CaseBook.of(s.strided(62, 2, 4, 3),
                s.randn(63, 2, 4, 3)), in -> Var.of(Functional.reluBackward(in[0].value(), in[1].value())));
        book.error("relu_backward", "shapes differ", () -> Functional.reluBackward(Tensor.zeros(2, 3),
                Tensor.zeros(3, 2)));
        book.grad("add_relu", "same shape [2,3,5]", s -> CaseBook.of(s.randn(64, 2, 3, 5), s.randn(65, 2, 3, 5)),
                in -> in[0].addRelu(in[1]));
        book.grad("add_relu", "strided [2,3,4] with broadcast [1,3,1]", s -> CaseBook.of(s.strided(66, 2, 3, 4),
                s.randn(67, 1, 3, 1)), in -> in[0].addRelu(in[1]));
        book.error("add_relu", "shapes that do not broadcast", () -> Functional.addRelu(Tensor.zeros(2, 3),
                Tensor.zeros(4)));
        book.error("add_relu", "operands of different types", () -> Functional.addRelu(Tensor.zeros(2),
                Tensor.zeros(DType.FLOAT64, 2)));
        book.grad("where", "broadcast condition", s -> CaseBook.of(s.randn(10, 3, 4), s.randn(11, 4)),
                in -> Var.where(in[0].value().gt(0).narrow(1, 0, 1), in[0], in[1]));
        book.error("where", "non-BOOL condition", () -> Tensor.where(Tensor.zeros(2), Tensor.zeros(2), Tensor.zeros(2)));

        for (CompareOp op : CompareOp.values()) {
            String name = op.name().toLowerCase(Locale.ROOT);
            book.forward(name, "broadcast with ties", s -> CaseBook.of(s.randn(12, 3, 4).floor(), s.randn(13, 4).floor()),
                    in -> Var.of(in[0].value().compare(op, in[1].value())));
            book.error(name, "shapes that do not broadcast", () -> Tensor.zeros(3).compare(op, Tensor.zeros(4)));
        }
    }

    private static Var scalarForm(BinaryOp op, Var x) {
        return switch (op) {
            case ADD -> x.add(1.5);
            case SUB -> x.sub(0.25);
            case MUL -> x.mul(-3);
            case DIV -> x.div(0.7);
            case POW -> x.pow(2.5);
            case MAXIMUM -> x.apply(op, Var.of(Tensor.full(x.value().device(), x.value().dtype(), 0.1)));
            case MINIMUM -> x.apply(op, Var.of(Tensor.full(x.value().device(), x.value().dtype(), -0.1)));
        };
    }

}
