package sabre.nn.optim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.provider.Arguments;
import sabre.autograd.Var;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The PyTorch fixture {@code optim_goldens.json} (written by {@code nn/src/test/python/optim_goldens.py}) and the
 * mapping from its case descriptions to Sabre optimizers and schedules, shared by the optimizer tests.
 */
final class OptimFixture {
    private static final String RESOURCE = "/optim_goldens.json";
    private static JsonNode root;

    private OptimFixture() {
    }

    static synchronized JsonNode root() {
        if (root == null) {
            try (InputStream in = OptimFixture.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("classpath resource " + RESOURCE + " not found; regenerate it "
                            + "with /usr/bin/python3 nn/src/test/python/optim_goldens.py");
                }
                root = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
        return root;
    }

    /** (name, case) pairs of one section ("optimizers", "schedules", "clips"), for parameterized tests. */
    static Stream<Arguments> cases(String section) {
        return StreamSupport.stream(root().get(section).spliterator(), false)
                .map(c -> Arguments.of(c.get("name").asText(), c));
    }

    /** A FLOAT64 tensor from {@code {"shape": [...], "data": [...]}}, or null for JSON null. */
    static Tensor tensor(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        int[] shape = new int[node.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = node.get("shape").get(i).asInt();
        }
        double[] data = new double[node.get("data").size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = node.get("data").get(i).asDouble();
        }
        return Tensor.of(data, shape);
    }

    static List<Tensor> tensors(JsonNode array) {
        List<Tensor> out = new ArrayList<>();
        array.forEach(n -> out.add(tensor(n)));
        return out;
    }

    /** Fresh FLOAT64 parameters holding the fixture's initial values. */
    static List<Var> freshParams() {
        List<Var> out = new ArrayList<>();
        tensors(root().get("params")).forEach(t -> out.add(Var.param(t)));
        return out;
    }

    /** Gives each parameter the fixture's gradient (or none) for {@code step}. */
    static void setGrads(List<Var> params, int step) {
        List<Tensor> grads = tensors(root().get("grads").get(step));
        for (int i = 0; i < params.size(); i++) {
            params.get(i).setGrad(grads.get(i));
        }
    }

    static int steps() {
        return root().get("grads").size();
    }

    /** The Sabre optimizer that a fixture case describes. */
    static Optimizer optimizer(JsonNode c, List<Var> params) {
        JsonNode h = c.get("hyper");
        double lr = h.get("lr").asDouble();
        return switch (c.get("type").asText()) {
            case "SGD" -> new SGD(params, lr, h.get("momentum").asDouble(), h.get("dampening").asDouble(),
                    h.get("weight_decay").asDouble(), h.get("nesterov").asBoolean());
            case "Adam" -> new Adam(params, lr, h.get("beta1").asDouble(), h.get("beta2").asDouble(),
                    h.get("eps").asDouble(), h.get("weight_decay").asDouble(), h.get("amsgrad").asBoolean());
            case "AdamW" -> new AdamW(params, lr, h.get("beta1").asDouble(), h.get("beta2").asDouble(),
                    h.get("eps").asDouble(), h.get("weight_decay").asDouble(), h.get("amsgrad").asBoolean());
            default -> throw new IllegalArgumentException("unknown optimizer type " + c.get("type"));
        };
    }

    /** The Sabre schedule that a fixture case describes. */
    static LrSchedule schedule(JsonNode c) {
        JsonNode h = c.get("hyper");
        return switch (c.get("type").asText()) {
            case "StepLR" -> new StepLR(h.get("base_lr").asDouble(), h.get("step_size").asInt(),
                    h.get("gamma").asDouble());
            case "MultiStepLR" -> {
                int[] milestones = new int[h.get("milestones").size()];
                for (int i = 0; i < milestones.length; i++) {
                    milestones[i] = h.get("milestones").get(i).asInt();
                }
                yield new MultiStepLR(h.get("base_lr").asDouble(), milestones, h.get("gamma").asDouble());
            }
            case "WarmupCosineLR" -> new WarmupCosineLR(h.get("base_lr").asDouble(), h.get("warmup").asInt(),
                    h.get("total").asInt(), h.get("min_lr").asDouble());
            case "LinearRampLR" -> new LinearRampLR(h.get("start").asDouble(), h.get("end").asDouble(),
                    h.get("steps").asInt());
            default -> throw new IllegalArgumentException("unknown schedule type " + c.get("type"));
        };
    }
}
