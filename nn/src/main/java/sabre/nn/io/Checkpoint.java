package sabre.nn.io;

import sabre.nn.Module;
import sabre.nn.Stateful;
import sabre.tensor.Generator;
import sabre.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A training checkpoint in one safetensors file, written atomically: the model's state dict under {@code model.},
 * each named part (optimizer, schedule, any {@link Stateful}) under {@code <part>.}, and string metadata (epoch,
 * step, generator seeds and offsets as decimal strings, a config as JSON). Reserved metadata entries, all starting
 * with {@code sabre.}, let {@link #load} check the file and resume exactly: {@code sabre.checkpoint} (the format
 * version, {@code 1}), {@code sabre.parts} (the part names, comma-separated) and, for each generator the model
 * registered ({@link Module#namedGenerators()}, e.g. a dropout layer's), {@code sabre.generator.<name>.seed} and
 * {@code .offset}. User metadata keys must not start with {@code sabre.}. PyTorch reads the tensors with
 * {@code safetensors.torch.load_file}; the model's are the keys starting with {@code model.}.
 *
 * <p>A file that is damaged, is not a checkpoint, or lacks a part or metadata entry a caller asks for raises
 * {@link FormatException}; a state that does not fit the model or part raises what its {@code loadStateDict} does
 * ({@link IllegalArgumentException} listing the keys or shapes), and so do mismatched model generators.
 *
 * <pre>{@code
 * Map<String, String> meta = new LinkedHashMap<>(Checkpoint.generatorMetadata("data_rng", rng));
 * meta.put("epoch", "7");
 * Checkpoint.save(path, model, Map.of("optimizer", sgd, "schedule", schedule), meta);
 * Checkpoint c = Checkpoint.load(path);
 * c.restoreModel(model); c.restore("optimizer", sgd); Generator rng2 = c.generator("data_rng");
 * }</pre>
 */
public final class Checkpoint {
    /** The prefix of the model's tensors. */
    public static final String MODEL = "model";
    private static final String RESERVED = "sabre.";
    private static final String FORMAT_KEY = RESERVED + "checkpoint";
    private static final String PARTS_KEY = RESERVED + "parts";
    private static final String GENERATOR_PREFIX = RESERVED + "generator.";
    private static final String VERSION = "1";

    private final Path file;
    private final Map<String, Map<String, Tensor>> groups;
    private final Map<String, Generator> modelGenerators;
    private final Map<String, String> metadata;

    private Checkpoint(Path file, Map<String, Map<String, Tensor>> groups, Map<String, Generator> modelGenerators,
                       Map<String, String> metadata) {
        this.file = file;
        this.groups = groups;
        this.modelGenerators = modelGenerators;
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    /**
     * Atomically writes {@code model}'s state and generators, each part's state and {@code metadata} to
     * {@code file}. Part names must be non-empty, free of dots and commas and not {@code model}, and metadata keys
     * must not start with {@code sabre.}; throws {@link IllegalArgumentException} otherwise.
     */
    public static void save(Path file, Module model, Map<String, Stateful> parts, Map<String, String> metadata)
            throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> tensors.put(MODEL + "." + k, v));
        for (Map.Entry<String, Stateful> part : parts.entrySet()) {
            String name = part.getKey();
            if (name.isEmpty() || name.contains(".") || name.contains(",") || name.equals(MODEL)) {
                throw new IllegalArgumentException("checkpoint: invalid part name '" + name
                        + "' (must be non-empty, without '.' or ',', and not '" + MODEL + "')");
            }
            part.getValue().stateDict().forEach((k, v) -> tensors.put(name + "." + k, v));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(FORMAT_KEY, VERSION);
        meta.put(PARTS_KEY, String.join(",", parts.keySet()));
        model.namedGenerators().forEach((name, g) -> meta.putAll(generatorMetadata(GENERATOR_PREFIX + name, g)));
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().startsWith(RESERVED)) {
                throw new IllegalArgumentException("checkpoint: metadata key '" + e.getKey()
                        + "' uses the reserved prefix '" + RESERVED + "'");
            }
            meta.put(e.getKey(), e.getValue());
        }
        SafeTensors.write(file, tensors, meta);
    }

    /** Reads a checkpoint written by {@link #save}. */
    public static Checkpoint load(Path file) throws IOException {
        SafeTensors.Contents contents = SafeTensors.read(file);
        Map<String, String> all = contents.metadata();
        String version = all.get(FORMAT_KEY);
        String partList = all.get(PARTS_KEY);
        if (!VERSION.equals(version) || partList == null) {
            throw new FormatException(file, "not a Sabre checkpoint: metadata '" + FORMAT_KEY + "' is " + version
                    + " (expected " + VERSION + ") and '" + PARTS_KEY + "' is " + partList);
        }
        Map<String, String> user = new LinkedHashMap<>();
        Map<String, Generator> generators = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : all.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(RESERVED)) {
                user.put(key, e.getValue());
            } else if (key.startsWith(GENERATOR_PREFIX) && key.endsWith(".seed")) {
                String name = key.substring(GENERATOR_PREFIX.length(), key.length() - ".seed".length());
                generators.put(name, parseGenerator(file, all, GENERATOR_PREFIX + name));
            } else if (!key.equals(FORMAT_KEY) && !key.equals(PARTS_KEY)
                    && !(key.startsWith(GENERATOR_PREFIX) && key.endsWith(".offset"))) {
                throw new FormatException(file, "unknown reserved metadata key '" + key + "'");
            }
        }
        Map<String, Map<String, Tensor>> groups = new LinkedHashMap<>();
        groups.put(MODEL, new LinkedHashMap<>());
        for (String part : partList.isEmpty() ? new String[0] : partList.split(",", -1)) {
            groups.put(part, new LinkedHashMap<>());
        }
        for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            Map<String, Tensor> group = dot < 0 ? null : groups.get(key.substring(0, dot));
            if (group == null) {
                throw new FormatException(file, "tensor '" + key + "' belongs to no part: expected a prefix '"
                        + MODEL + ".' or one of " + partNames(groups));
            }
            group.put(key.substring(dot + 1), e.getValue());
        }
        return new Checkpoint(file, groups, generators, user);
    }

    /**
     * Loads the model state into {@code model}, strictly: every key must match and every shape agree, and the
     * model's generators must be exactly those saved (each is replaced by one at the saved seed and offset).
     */
    public void restoreModel(Module model) {
        Map<String, Generator> own = model.namedGenerators();
        if (!own.keySet().equals(modelGenerators.keySet())) {
            throw new IllegalArgumentException("checkpoint: the model has generators " + new TreeSet<>(own.keySet())
                    + " but " + file + " saved " + new TreeSet<>(modelGenerators.keySet()));
        }
        model.loadStateDict(groups.get(MODEL), true);
        modelGenerators.forEach((name, g) -> model.setGenerator(name, new Generator(g.seed(), g.offset())));
    }

    /** Loads the state saved under {@code part} into {@code target}. */
    public void restore(String part, Stateful target) throws FormatException {
        target.loadStateDict(state(part));
    }

    /** The tensors saved under {@code part} ({@link #MODEL} for the model), keys without the prefix. */
    public Map<String, Tensor> state(String part) throws FormatException {
        Map<String, Tensor> group = groups.get(part);
        if (group == null) {
            throw new FormatException(file, "checkpoint has no part '" + part + "', only " + partNames(groups)
                    + " and '" + MODEL + "'");
        }
        return Collections.unmodifiableMap(group);
    }

    /** The part names saved besides the model, in save order. */
    public List<String> parts() {
        return partNames(groups);
    }

    /** The caller's metadata (the reserved {@code sabre.*} entries removed). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** One metadata value, which must be present. */
    public String metadata(String key) throws FormatException {
        String value = metadata.get(key);
        if (value == null) {
            throw new FormatException(file, "checkpoint has no metadata '" + key + "', only " + metadata.keySet());
        }
        return value;
    }

    /** Metadata entries {@code <name>.seed} and {@code <name>.offset} (decimal) recording {@code g}'s position. */
    public static Map<String, String> generatorMetadata(String name, Generator g) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(name + ".seed", Long.toString(g.seed()));
        out.put(name + ".offset", Long.toString(g.offset()));
        return out;
    }

    /** A generator positioned where the one saved with {@link #generatorMetadata} under {@code name} was. */
    public Generator generator(String name) throws FormatException {
        return parseGenerator(file, metadata, name);
    }

    private static Generator parseGenerator(Path file, Map<String, String> meta, String name)
            throws FormatException {
        String seed = meta.get(name + ".seed");
        String offset = meta.get(name + ".offset");
        if (seed == null || offset == null) {
            throw new FormatException(file, "checkpoint lacks metadata '" + name + ".seed' or '" + name + ".offset'"
                    + " (found " + seed + " and " + offset + ")");
        }
        try {
            return new Generator(Long.parseLong(seed), Long.parseLong(offset));
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "metadata '" + name + ".seed' = '" + seed + "' and '" + name
                    + ".offset' = '" + offset + "' are not a seed and a non-negative offset: " + e.getMessage());
        }
    }

    private static List<String> partNames(Map<String, Map<String, Tensor>> groups) {
        List<String> names = new ArrayList<>(groups.keySet());
        names.remove(MODEL);
        return names;
    }
}
