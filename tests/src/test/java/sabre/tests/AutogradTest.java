package sabre.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import sabre.autograd.Autograd;
import sabre.autograd.CustomFunction;
import sabre.autograd.F;
import sabre.autograd.Graph;
import sabre.autograd.GraphPrinter;
import sabre.autograd.NoGrad;
import sabre.autograd.Var;
import sabre.tensor.Conv2dParams;
import sabre.tensor.DType;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

/** Behaviour of the reverse-mode engine: accumulation, {@link Autograd#grad}, no-grad scopes, graph lifetime. */
class AutogradTest {

    private static Tensor t(double... v) {
        return Tensor.of(v, v.length);
    }

    private static double[] arr(Tensor t) {
        return t.toDoubleArray();
    }

    // ------------------------------------------------------------------ accumulation

    @Test
    void backwardAccumulatesIntoLeavesAcrossCalls() {
        Var w = Var.param(t(0.5, -1, 2));
        Var x = Var.of(t(3, 4, 5));
        w.mul(x).sum().backward();
        assertArrayEquals(new double[] {3, 4, 5}, arr(w.grad()), 0.0);
        assertNull(x.grad(), "a constant gets no gradient");
        // a second, freshly built graph adds to the stored gradient
        w.mul(x).mul(w).sum().backward(); // d/dw Σ w²x = 2wx = [3, -8, 20]
        assertArrayEquals(new double[] {6, -4, 25}, arr(w.grad()), 0.0);
        w.zeroGrad();
        assertNull(w.grad());
        w.mul(x).sum().backward();
        assertArrayEquals(new double[] {3, 4, 5}, arr(w.grad()), 0.0, "zeroGrad starts afresh");
        // non-leaf vars keep no gradient
        Var h = w.mul(2);
        h.sum().backward();
        assertNull(h.grad(), "intermediate vars do not accumulate");
    }

    @Test
    void backwardWithExplicitGradientOutput() {
        Var x = Var.param(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        Var y = x.mul(x); // dy/dx = 2x
        Tensor g = Tensor.of(new double[] {1, 0, -1, 2, 0.5, 0}, 2, 3);
        y.backward(g, false);
        assertArrayEquals(new double[] {2, 0, -6, 16, 5, 0}, arr(x.grad()), 0.0);
    }

    // ------------------------------------------------------------------ Autograd.grad

    @Test
    void gradReturnsOnlyRequestedInputsAndLeavesLeavesUntouched() {
        Var x = Var.param(t(1, 2, 3));
        Var w = Var.param(t(4, 5, 6));
        Var b = Var.param(t(0.5));
        Tensor stale = t(100, 200, 300);
        w.setGrad(stale);
        Var loss = x.mul(w).add(b).sum();
        Tensor[] g = Autograd.grad(loss, x);
        assertEquals(1, g.length);
        assertArrayEquals(new double[] {4, 5, 6}, arr(g[0]), 0.0);
        assertSame(stale, w.grad(), "Autograd.grad must not write into an existing leaf gradient");
        assertArrayEquals(new double[] {100, 200, 300}, arr(w.grad()), 0.0);
        assertNull(b.grad(), "Autograd.grad must not create leaf gradients");
        assertNull(x.grad(), "the requested input's own grad() stays untouched too");

        // several inputs, returned in the order asked
        Var loss2 = x.mul(w).add(b).sum();
        Tensor[] g2 = Autograd.grad(loss2, b, x);
        assertArrayEquals(new double[] {3}, arr(g2[0]), 0.0);
        assertArrayEquals(new double[] {4, 5, 6}, arr(g2[1]), 0.0);
        assertNull(b.grad());
        assertNull(x.grad());
    }

    /** A recorded op whose VJP reports the needsGrad flags it is called with. */
    private static Var probe(List<boolean[]> seen, Var a, Var c) {
        Tensor av = a.value();
        Tensor cv = c.value();
        return Graph.record("probe", av.mul(cv), "", (g, needs) -> {
            seen.add(needs.clone());
            return new Tensor[] {needs[0] ? g.mul(cv) : null, needs[1] ? g.mul(av) : null};
        }, a, c);
    }

    @Test
    void gradDoesNotComputeWeightGradients() {
        Var x = Var.param(t(1, -2, 3));
        Var w = Var.param(t(0.5, 0.25, 2));
        List<boolean[]> seen = new ArrayList<>();
        Var loss = probe(seen, x, w).sum();
        Tensor dx = Autograd.grad(loss, x)[0];
        assertArrayEquals(new double[] {0.5, 0.25, 2}, arr(dx), 0.0);
        assertEquals(1, seen.size());
        assertArrayEquals(new boolean[] {true, false}, seen.get(0),
                "the VJP must be told the weight's gradient is not needed");

        // backward, by contrast, asks for both
        seen.clear();
        probe(seen, x, w).sum().backward();
        assertArrayEquals(new boolean[] {true, true}, seen.get(0));
        w.zeroGrad();
        x.zeroGrad();

        // an op that only touches the weights is never differentiated when only ∂/∂x is asked for
        AtomicInteger calls = new AtomicInteger();
        CustomFunction square = new CustomFunction() {
            public String name() {
                return "counted_square";
            }

            public Tensor forward(Context ctx, Tensor... in) {
                ctx.save("x", in[0]);
                return in[0].mul(in[0]);
            }

            public Tensor[] backward(Context ctx, Tensor g) {
                calls.incrementAndGet();
                Tensor v = ctx.get("x");
                return new Tensor[] {g.mul(v).mul(2)};
            }
        };
        Var penalty = square.apply(w).sum();
        Var total = x.mul(w).sum().add(penalty);
        Tensor dx2 = Autograd.grad(total, x)[0];
        assertArrayEquals(new double[] {0.5, 0.25, 2}, arr(dx2), 0.0);
        assertEquals(0, calls.get(), "the weight-only branch must not be back-propagated by Autograd.grad");
        assertNull(w.grad());

        // while backward does run it, once
        square.apply(w).sum().add(x.mul(w).sum()).backward();
        assertEquals(1, calls.get());
        assertArrayEquals(new double[] {1 + 1, 0.5 - 2, 4 + 3}, arr(w.grad()), 1e-15);
    }

    @Test
    void unusedInputIsAnErrorUnlessAllowed() {
        Var x = Var.param(t(1, 2));
        Var z = Var.param(Tensor.of(new double[] {7, 8, 9, 10, 11, 12}, 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.grad(x.exp().sum(), x, z));
        assertTrue(e.getMessage().startsWith("grad: input 1") && e.getMessage().contains("allowUnused"), e.getMessage());
        Tensor[] g = Autograd.grad(java.util.List.of(x.exp().sum()), null, java.util.List.of(x, z), false, true);
        assertArrayEquals(new double[] {Math.exp(1), Math.exp(2)}, arr(g[0]), 1e-15);
        assertArrayEquals(new int[] {2, 3}, g[1].shape());
        assertEquals(DType.FLOAT64, g[1].dtype());
        assertArrayEquals(new double[6], arr(g[1]), 0.0);
    }

    @Test
    void twoStageBackwardThroughAnIntermediateTarget() {
        // grad() w.r.t. an intermediate var must leave the graph below it intact for a second stage
        Var w = Var.param(t(1, 2));
        Var feat = w.mul(3.0);
        Tensor g = Autograd.grad(feat.mul(feat).sum(), feat)[0];
        feat.backward(g, false);
        assertArrayEquals(new double[] {2 * 3 * 3 * 1, 2 * 3 * 3 * 2}, arr(w.grad()), 1e-12);
    }

    @Test
    void gradientsTakeTheirInputsType() {
        Var w = Var.param(Tensor.of(new float[] {1, 2}, 2));
        w.mul(Var.of(Tensor.of(new double[] {3, 4}, 2))).sum().backward();
        assertEquals(DType.FLOAT32, w.grad().dtype());
        assertArrayEquals(new double[] {3, 4}, arr(w.grad()), 0.0);
    }

    @Test
    void gradRejectsAnInputThatRequiresNoGradient() {
        Var x = Var.param(t(1, 2));
        Var c = Var.of(t(3, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.grad(x.mul(c).sum(), c));
        assertTrue(e.getMessage().startsWith("grad"), e.getMessage());
    }

    // ------------------------------------------------------------------ no-grad, detach

    @Test
    void noGradRecordsNothingAndNests() {
        Var w = Var.param(t(1, 2));
        assertFalse(NoGrad.active());
        try (NoGrad outer = NoGrad.enter()) {
            assertTrue(NoGrad.active());
            Var y = w.mul(3).exp();
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf());
            assertEquals("leaf", y.op());
            assertArrayEquals(new double[] {Math.exp(3), Math.exp(6)}, arr(y.value()), 1e-12);
            try (NoGrad inner = NoGrad.enter()) {
                assertTrue(NoGrad.active());
                assertFalse(w.add(w).requiresGrad());
            }
            assertTrue(NoGrad.active(), "closing the inner scope must not end the outer one");
            assertFalse(w.sum().requiresGrad());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.sum().backward());
            assertTrue(e.getMessage().contains("backward"), e.getMessage());
            outer.close();
            outer.close(); // closing twice is harmless
            assertFalse(NoGrad.active());
        }
        assertFalse(NoGrad.active());
        Var z = w.mul(3);
        assertTrue(z.requiresGrad(), "recording resumes after the scope");
        assertEquals("mul", z.op());
    }

    @Test
    void detachCutsTheGraph() {
        Var x = Var.param(t(1, 2, 3));
        Var y = x.mul(x).detach();
        assertFalse(y.requiresGrad());
        assertTrue(y.isLeaf());
        // L = Σ y·x with y = x² treated as a constant: dL/dx = y = x², not 3x²
        Tensor g = Autograd.grad(y.mul(x).sum(), x)[0];
        assertArrayEquals(new double[] {1, 4, 9}, arr(g), 0.0);
        // a loss built only from detached values has no path back
        assertFalse(y.exp().sum().requiresGrad());
    }

    // ------------------------------------------------------------------ graph lifetime

    @Test
    void retainGraphAllowsASecondBackward() {
        Var x = Var.param(t(0.5, -1.5));
        Var loss = x.tanh().mul(x).sum();
        loss.backward(Tensor.onesLike(loss.value()), true);
        double[] first = arr(x.grad());
        loss.backward(Tensor.onesLike(loss.value()), true);
        double[] both = arr(x.grad());
        for (int i = 0; i < first.length; i++) {
            assertEquals(2 * first[i], both[i], 1e-15, "second pass must add the same gradient");
        }
        // retained graph also serves Autograd.grad, with the same result
        Tensor again = Autograd.grad(List.of(loss), null, List.of(x), true)[0];
        assertArrayEquals(first, arr(again), 0.0);
        double expected0 = Math.tanh(0.5) + 0.5 * (1 - Math.tanh(0.5) * Math.tanh(0.5));
        assertEquals(expected0, first[0], 1e-15);
    }

    @Test
    void secondBackwardWithoutRetainThrows() {
        Var x = Var.param(t(0.5, -1.5));
        Var loss = x.exp().sum();
        loss.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("retainGraph"), e.getMessage());
        // same for Autograd.grad after a freeing pass
        Var loss2 = x.exp().sum();
        Autograd.grad(loss2, x);
        IllegalStateException e2 = assertThrows(IllegalStateException.class, () -> Autograd.grad(loss2, x));
        assertTrue(e2.getMessage().contains("retainGraph"), e2.getMessage());
    }

    @Test
    void nonScalarBackwardWithoutGradientNamesTheShape() {
        Var x = Var.param(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        Var y = x.mul(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, y::backward);
        assertTrue(e.getMessage().contains("backward"), e.getMessage());
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> Autograd.grad(y, x));
        assertTrue(e2.getMessage().contains("[2, 3]"), e2.getMessage());
        // a gradient of the wrong shape is refused naming both shapes
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> y.backward(Tensor.ones(DType.FLOAT64, 3, 2), false));
        assertTrue(e3.getMessage().contains("[3, 2]") && e3.getMessage().contains("[2, 3]"), e3.getMessage());
    }

    // ------------------------------------------------------------------ custom functions, graph shapes

    @Test
    void straightThroughEstimatorGivesIdentityGradient() {
        CustomFunction steSign = new CustomFunction() {
            public String name() {
                return "ste_sign";
            }

            public Tensor forward(Context ctx, Tensor... in) {
                return in[0].sign();
            }

            public Tensor[] backward(Context ctx, Tensor g) {
                return new Tensor[] {g};
            }
        };
        Var x = Var.param(t(-2, -0.1, 0.3, 4));
        Var y = steSign.apply(x);
        assertArrayEquals(new double[] {-1, -1, 1, 1}, arr(y.value()), 0.0);
        assertEquals("ste_sign", y.op());
        Tensor c = t(1, 2, 3, 4);
        Tensor g = Autograd.grad(List.of(y), List.of(c), List.of(x), false)[0];
        assertArrayEquals(new double[] {1, 2, 3, 4}, arr(g), 0.0, "STE backward is the identity");
        // whereas the true sign has zero gradient
        Tensor g0 = Autograd.grad(List.of(x.sign()), List.of(c), List.of(x), false)[0];
        assertArrayEquals(new double[4], arr(g0), 0.0);
        // composed: d/dx Σ ste(x)·x = sign(x) + 1·x
        Tensor g1 = Autograd.grad(steSign.apply(x).mul(x).sum(), x)[0];
        assertArrayEquals(new double[] {-1 - 2, -1 - 0.1, 1 + 0.3, 1 + 4}, arr(g1), 1e-15);
    }

    @Test
    void diamondSumsBothPaths() {
        Var x = Var.param(t(0.5, -1, 2));
        Var a = x.exp();
        Var b = x.mul(3);
        Var y = a.add(b).sum(); // dy/dx = eˣ + 3
        Tensor g = Autograd.grad(y, x)[0];
        for (int i = 0; i < 3; i++) {
            double xi = x.value().toDoubleArray()[i];
            assertEquals(Math.exp(xi) + 3, g.toDoubleArray()[i], 1e-14);
        }
        // x used twice by the same op, and a deeper diamond sharing an intermediate
        Var h = x.tanh();
        Var z = h.mul(h).add(h.mul(x)).sum(); // d/dx = 2h·h' + h'·x + h
        Tensor gz = Autograd.grad(z, x)[0];
        for (int i = 0; i < 3; i++) {
            double xi = x.value().toDoubleArray()[i];
            double th = Math.tanh(xi);
            double d = 1 - th * th;
            assertEquals(2 * th * d + d * xi + th, gz.toDoubleArray()[i], 1e-14);
        }
        Tensor gs = Autograd.grad(x.mul(x).sum(), x)[0];
        assertArrayEquals(new double[] {1, -2, 4}, arr(gs), 0.0);
    }

    // ------------------------------------------------------------------ graph printing

    private static Var smallConvNetLoss(Var x) {
        Generator g = new Generator(5);
        Var w = Var.param(Tensor.randn(g, DType.FLOAT64, 4, 3, 3, 3).mul(0.2)).named("conv1.weight");
        Var gamma = Var.param(Tensor.ones(DType.FLOAT64, 4)).named("bn.weight");
        Var beta = Var.param(Tensor.zeros(DType.FLOAT64, 4)).named("bn.bias");
        Var fc = Var.param(Tensor.randn(g, DType.FLOAT64, 3, 4).mul(0.3)).named("fc.weight");
        Var h = F.conv2d(x, w, null, Conv2dParams.of(1, 1));
        h = F.batchNorm(h, gamma, beta, null, null, true, 1e-5).output().relu();
        h = F.adaptiveAvgPool2d(h, 1, 1).flatten(1, -1);
        Var logits = F.linear(h, fc, null);
        return F.crossEntropy(logits, Tensor.ofInts(new int[] {0, 2}, 2), 0.0, F.Reduction.MEAN);
    }

    @Test
    void graphPrinterTextShowsEveryOpOnThePath() {
        Var x = Var.param(Tensor.randn(new Generator(3), DType.FLOAT64, 2, 3, 5, 5)).named("input");
        Var loss = smallConvNetLoss(x);
        String text = GraphPrinter.text(loss);
        for (String op : new String[] {"conv2d", "batch_norm", "relu", "adaptive_avg_pool2d", "matmul",
                "cross_entropy", "mean"}) {
            assertTrue(Pattern.compile("= " + op + "\\(").matcher(text).find(), "missing op " + op + " in\n" + text);
        }
        for (String leaf : new String[] {"input", "conv1.weight", "bn.weight", "bn.bias", "fc.weight"}) {
            assertTrue(text.contains("leaf '" + leaf + "'"), "missing leaf " + leaf + " in\n" + text);
        }
        String[] lines = text.strip().split("\n");
        // the last line is the loss: a scalar mean
        assertTrue(lines[lines.length - 1].matches("%\\d+ = mean\\(%\\d+\\).* : \\[\\] FLOAT64"),
                lines[lines.length - 1]);
        // every operand reference points to an earlier line
        Set<String> defined = new HashSet<>();
        for (String line : lines) {
            Matcher m = Pattern.compile("^(%\\d+) = ").matcher(line);
            assertTrue(m.find(), line);
            Matcher refs = Pattern.compile("%\\d+").matcher(line.substring(m.end()));
            while (refs.find()) {
                assertTrue(defined.contains(refs.group()), "forward reference in " + line);
            }
            defined.add(m.group(1));
        }
        assertTrue(text.contains("conv2d(") && text.contains("stride=1x1 pad=1x1"), text);
        assertTrue(text.contains(": [2, 4, 5, 5] FLOAT64"), text);
    }

    @Test
    void graphPrinterDotIsADigraphWithEdges() {
        Var x = Var.param(Tensor.randn(new Generator(4), DType.FLOAT64, 2, 3, 5, 5)).named("input");
        Var loss = smallConvNetLoss(x);
        String dot = GraphPrinter.dot(loss);
        assertTrue(dot.startsWith("digraph "), dot);
        assertTrue(dot.strip().endsWith("}"), dot);
        assertEquals(1, dot.chars().filter(ch -> ch == '{').count(), "one graph body");
        assertEquals(1, dot.chars().filter(ch -> ch == '}').count(), "one graph body");
        Pattern node = Pattern.compile("^\\s*(n\\d+) \\[label=\"([^\"]*)\", shape=(box|ellipse)\\];$");
        Pattern edge = Pattern.compile("^\\s*(n\\d+) -> (n\\d+);$");
        Map<String, String> shapes = new HashMap<>();
        Map<String, String> labels = new HashMap<>();
        Map<String, Integer> incoming = new HashMap<>();
        int edges = 0;
        for (String line : dot.split("\n")) {
            Matcher n = node.matcher(line);
            Matcher e = edge.matcher(line);
            if (n.matches()) {
                assertFalse(shapes.containsKey(n.group(1)), "node declared twice: " + line);
                shapes.put(n.group(1), n.group(3));
                labels.put(n.group(1), n.group(2));
            } else if (e.matches()) {
                assertTrue(shapes.containsKey(e.group(1)) && shapes.containsKey(e.group(2)),
                        "edge between undeclared nodes: " + line);
                incoming.merge(e.group(2), 1, Integer::sum);
                edges++;
            } else {
                assertTrue(line.startsWith("digraph") || line.strip().equals("}") || line.strip().endsWith(";"),
                        "unexpected dot line: " + line);
            }
        }
        assertTrue(edges >= shapes.size() - 1, "a connected graph of " + shapes.size() + " nodes has at least "
                + (shapes.size() - 1) + " edges, found " + edges);
        long boxes = shapes.values().stream().filter("box"::equals).count();
        assertEquals(5, boxes, "five parameter leaves: input, conv weight, bn weight/bias, fc weight");
        for (Map.Entry<String, String> s : shapes.entrySet()) {
            if (s.getValue().equals("ellipse")) {
                assertTrue(incoming.getOrDefault(s.getKey(), 0) >= 1, "op node without inputs: " + s.getKey());
            } else {
                assertNull(incoming.get(s.getKey()), "leaf with an incoming edge: " + s.getKey());
            }
        }
        for (String op : new String[] {"conv2d", "batch_norm", "relu", "cross_entropy", "mean"}) {
            assertTrue(labels.values().stream().anyMatch(l -> l.startsWith(op)), "missing " + op + " in\n" + dot);
        }
    }

    @Test
    void printersShowOnlyGradientPaths() {
        // constants are not drawn: only the path from a parameter to the loss appears
        Var x = Var.param(t(1, 2)).named("x");
        Var c = Var.of(t(3, 4));
        Var loss = x.mul(c.exp()).sum();
        String text = GraphPrinter.text(loss);
        assertFalse(text.contains("exp"), "the constant branch has no recorded op:\n" + text);
        assertTrue(text.contains("mul(%0, const)"), text);
        assertNotNull(GraphPrinter.dot(loss));
    }
}
