package sabre.tests.ops;

import sabre.autograd.Var;
import sabre.tensor.DType;
import sabre.tensor.Tensor;

import java.util.List;

/** Samples and error cases of indexing, ordering and joining. */
final class IndexCases {
    private IndexCases() {
    }

    static void fill(CaseBook book) {
        book.grad("gather", "axis 1 with repeats", s -> CaseBook.of(s.randn(1, 3, 4),
                s.ints(new int[] {0, 0, 3, 1, 2, 2}, 3, 2)), in -> in[0].gather(1, in[1].value()));
        book.grad("gather", "axis 0, index smaller than input", s -> CaseBook.of(s.strided(2, 4, 3),
                s.ints(new int[] {3, 0, 1, 1}, 2, 2)), in -> in[0].gather(0, in[1].value()));
        book.grad("scatter_add", "axis 1 with collisions", s -> CaseBook.of(s.randn(3, 2, 5), s.randn(4, 2, 3),
                s.ints(new int[] {4, 4, 0, 1, 2, 1}, 2, 3)), in -> in[0].scatterAdd(1, in[2].value(), in[1]));
        book.grad("scatter_add", "src larger than index", s -> CaseBook.of(s.randn(5, 3, 3), s.randn(6, 3, 4),
                s.ints(new int[] {2, 0, 1, 0}, 2, 2)), in -> in[0].scatterAdd(0, in[2].value(), in[1]));
        book.grad("index_select", "axis 0 with repeats", s -> CaseBook.of(s.randn(7, 4, 3),
                s.ints(new int[] {3, 1, 3}, 3)), in -> in[0].indexSelect(0, in[1].value()));
        book.grad("index_select", "last axis, strided", s -> CaseBook.of(s.strided(8, 2, 3, 5),
                s.ints(new int[] {4, 0}, 2)), in -> in[0].indexSelect(-1, in[1].value()));
        book.forward("one_hot", "5 classes as FLOAT32", s -> CaseBook.of(s.ints(new int[] {0, 4, 2, 2}, 2, 2)),
                in -> Var.of(Tensor.oneHot(in[0].value(), 5, DType.FLOAT32)));
        book.grad("topk", "3 largest along the last axis", s -> CaseBook.of(s.randn(9, 3, 6)),
                in -> in[0].topk(3, -1, true, true).values());
        book.grad("topk", "2 smallest along axis 0", s -> CaseBook.of(s.strided(10, 5, 3)),
                in -> in[0].topk(2, 0, false, true).values());
        book.grad("sort", "descending along axis 1", s -> CaseBook.of(s.randn(11, 3, 5)),
                in -> in[0].sort(1, true).values());
        book.forward("argsort", "stable with ties", s -> CaseBook.of(s.randn(12, 2, 8).floor()),
                in -> Var.of(in[0].value().argsort(1, false)));
        book.forward("topk", "indices with ties", s -> CaseBook.of(s.randn(13, 2, 8).floor()),
                in -> Var.of(in[0].value().topk(4, 1, true, true).indices()));
        book.error("gather", "index out of range", () -> Tensor.zeros(2, 3).gather(1, Tensor.ofInts(new int[] {3, 0}, 2, 1)));
        book.error("scatter_add", "FLOAT index", () -> Tensor.zeros(2).scatterAdd(0, Tensor.zeros(2), Tensor.zeros(2)));
        book.error("index_select", "negative index", () -> Tensor.zeros(3).indexSelect(0, Tensor.ofInts(new int[] {-1}, 1)));
        book.error("one_hot", "class out of range", () -> Tensor.oneHot(Tensor.ofInts(new int[] {5}, 1), 5, DType.INT32));
        book.error("topk", "k larger than the axis", () -> Tensor.zeros(2, 3).topk(4, 1, true, true));
        book.error("sort", "BOOL input", () -> Tensor.ofBools(new boolean[] {true, false}, 2).sort(0, false));
        book.error("argsort", "axis out of range", "sort", () -> Tensor.zeros(3).argsort(1, false));

        book.grad("cat", "three parts along axis 1, one strided", s -> CaseBook.of(s.randn(14, 2, 3), s.strided(15, 2, 1),
                s.randn(16, 2, 4)), in -> Var.cat(List.of(in[0], in[1], in[2]), 1));
        book.grad("cat", "axis 0 with an empty part", s -> CaseBook.of(s.randn(17, 0, 3), s.randn(18, 2, 3)),
                in -> Var.cat(List.of(in[0], in[1]), 0));
        book.grad("stack", "new middle axis", s -> CaseBook.of(s.randn(19, 2, 3), s.strided(20, 2, 3)),
                in -> Var.stack(List.of(in[0], in[1]), 1));
        book.grad("split", "uneven pieces, recombined with weights", s -> CaseBook.of(s.randn(21, 7, 2)), in -> {
            List<Var> parts = in[0].split(3, 0);
            return Var.cat(List.of(parts.get(2).mul(3), parts.get(0).mul(-1), parts.get(1)), 0);
        });
        book.error("cat", "shapes differ outside the axis", () -> Tensor.cat(List.of(Tensor.zeros(2, 3),
                Tensor.zeros(3, 3)), 1));
        book.error("stack", "shapes differ", () -> Tensor.stack(List.of(Tensor.zeros(2), Tensor.zeros(3)), 0));
        book.error("split", "zero split size", () -> Tensor.zeros(4).split(0, 0));
    }
}
