package sabre.apps.attack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table for the terminal: a first column of row names (left-aligned), value columns right-aligned,
 * optional group headings above the column headings (a heading starts at its column and may run over the empty
 * ones after it).
 *
 * <pre>{@code System.out.print(new TextTable("attack", "ASR", "L0").row("PGD", "99.0%", "412.3").render());}</pre>
 */
public final class TextTable {
    private static final String SEP = "  ";
    private final List<String[]> groups = new ArrayList<>();
    private final String[] headings;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... headings) {
        this.headings = headings.clone();
    }

    /** Adds a line of group headings above the column headings ({@code ""} where none starts). */
    public TextTable group(String... cells) {
        groups.add(Arrays.copyOf(cells, headings.length));
        return this;
    }

    /** Adds a row of cells. */
    public TextTable row(String... cells) {
        if (cells.length != headings.length) {
            throw new IllegalArgumentException("table: " + cells.length + " cells for " + headings.length + " columns");
        }
        rows.add(cells.clone());
        return this;
    }

    /** The table, one line per group heading, the headings, a rule and the rows. */
    public String render() {
        int[] width = new int[headings.length];
        for (String[] r : concat()) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] g : groups) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < g.length; c++) {
                String cell = g[c] == null ? "" : g[c];
                if (!cell.isEmpty()) {
                    line.append(" ".repeat(Math.max(0, offset(width, c) - line.length()))).append(cell);
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        sb.append(line(headings, width)).append('\n');
        sb.append("-".repeat(offset(width, width.length) - SEP.length())).append('\n');
        for (String[] r : rows) {
            sb.append(line(r, width)).append('\n');
        }
        return sb.toString();
    }

    private List<String[]> concat() {
        List<String[]> all = new ArrayList<>(rows);
        all.add(headings);
        return all;
    }

    private static int offset(int[] width, int column) {
        int at = 0;
        for (int c = 0; c < column; c++) {
            at += width[c] + SEP.length();
        }
        return at;
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String pad = " ".repeat(width[c] - cells[c].length());
            sb.append(c == 0 ? cells[c] + pad : pad + cells[c]);
            if (c < cells.length - 1) {
                sb.append(SEP);
            }
        }
        return sb.toString().stripTrailing();
    }
}
