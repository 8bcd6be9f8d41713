package sabre.tests.ops;

import java.util.List;

/**
 * The op table of the tests: every sample and error case of every primitive op, gathered from the family files.
 * Reference implementations live in {@code sabre.tensor.ref}, VJP rules in {@code sabre.autograd.rules}; this table
 * names, for each op, the inputs that exercise them.
 */
public final class OpTable {
    private static final CaseBook BOOK = build();

    private OpTable() {
    }

    private static CaseBook build() {
        CaseBook book = new CaseBook();
        ElementwiseCases.fill(book);
        ReductionCases.fill(book);
        NNCases.fill(book);
        IndexCases.fill(book);
        LayoutCases.fill(book);
        return book;
    }

    /** All samples. */
    public static List<OpCase> cases() {
        return List.copyOf(BOOK.cases);
    }

    /** All error cases. */
    public static List<OpError> errors() {
        return List.copyOf(BOOK.errors);
    }
}
