package sabre.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tiny-ImageNet-200 from its distribution directory ({@code tiny-imagenet-200/}):
 * <ul>
 *   <li>{@code wnids.txt}: the class ids (WordNet ids), one per line. Labels follow the ids' sorted order — the
 *       order torchvision's {@code ImageFolder} gives over {@code train/} — not the file's order.</li>
 *   <li>{@code words.txt}: {@code wnid<TAB>synonyms, …}; a class is named by its first synonym.</li>
 *   <li>{@link Split#TRAIN}: {@code train/<wnid>/images/*.JPEG} (sorted by name within a class).</li>
 *   <li>{@link Split#TEST}: the labelled validation set, {@code val/images/*} with one line per image in
 *       {@code val/val_annotations.txt} ({@code file<TAB>wnid<TAB>box…}), in the annotation file's order
 *       (the official test images have no labels).</li>
 * </ul>
 * Images are decoded to RGB (some are greyscale JPEGs) at 64×64, or resized bilinearly to the requested size.
 * Missing files raise {@link java.nio.file.NoSuchFileException}; malformed lines, unknown ids, ids or image names
 * that are not plain file names (e.g. {@code ../x}), text that is not UTF-8 and unreadable images raise
 * {@link DatasetFormatException} naming the file and line.
 *
 * <pre>{@code ImageDataset val = TinyImageNet.load(Path.of("tiny-imagenet-200"), Split.TEST); // 10,000 × 3×64×64}</pre>
 */
public final class TinyImageNet {
    /** Native image side. */
    public static final int SIZE = 64;

    private TinyImageNet() {
    }

    /** One split at the native 64×64. */
    public static ImageDataset load(Path dir, Split split) throws IOException {
        return load(dir, split, SIZE, SIZE);
    }

    /** One split, resized to {@code height×width}. */
    public static ImageDataset load(Path dir, Split split, int height, int width) throws IOException {
        ImageFiles.checkSize(height, width);
        DataFiles.requireDirectory(dir, "Tiny-ImageNet root (wnids.txt, words.txt, train/, val/)");
        Path wnidsFile = dir.resolve("wnids.txt");
        List<String> wnids = new ArrayList<>(DataFiles.names(wnidsFile, "Tiny-ImageNet class ids", -1));
        wnids.sort(null);
        Map<String, Integer> index = new HashMap<>();
        for (String wnid : wnids) {
            checkPlainName(wnid, wnidsFile, "class id");
            if (index.put(wnid, index.size()) != null) {
                throw new DatasetFormatException(wnidsFile.toString(), "class id " + wnid + " appears twice");
            }
        }
        List<String> names = names(dir.resolve("words.txt"), wnids);
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        if (split == Split.TRAIN) {
            for (String wnid : wnids) {
                Path images = DataFiles.requireDirectory(dir.resolve("train").resolve(wnid).resolve("images"),
                        "training images of class " + wnid);
                List<Path> listed = ImageFiles.list(images);
                if (listed.isEmpty()) {
                    throw new DatasetFormatException(images.toString(), "no training images for class " + wnid);
                }
                files.addAll(listed);
                listed.forEach(p -> labels.add(index.get(wnid)));
            }
        } else {
            readAnnotations(dir.resolve("val"), index, files, labels);
        }
        byte[][] pixels = ImageFiles.readAll(files, ColorMode.RGB, height, width);
        return new ImageDataset(3, height, width, pixels, labels.stream().mapToInt(Integer::intValue).toArray(),
                names);
    }

    /**
     * Names in the layout's text files become path components: each must be one plain file name (no separator, no
     * control character, not {@code .} or {@code ..}), so a listed name cannot point outside the data set.
     */
    private static void checkPlainName(String name, Path file, String what) throws DatasetFormatException {
        if (name.equals(".") || name.equals("..") || name.chars().anyMatch(c -> c == '/' || c == '\\' || c < 0x20)) {
            throw new DatasetFormatException(file.toString(), what + " '" + name.replaceAll("\\p{Cntrl}", "?")
                    + "' is not a plain file name (expected no '/', '\\', control characters, '.' or '..')");
        }
    }

    /** The first synonym from words.txt for each id. */
    private static List<String> names(Path wordsFile, List<String> wnids) throws IOException {
        Set<String> wanted = new HashSet<>(wnids);
        Map<String, String> words = new HashMap<>();
        for (String line : DataFiles.lines(wordsFile, "Tiny-ImageNet class names (wnid<TAB>words)")) {
            int tab = line.indexOf('\t');
            if (tab > 0 && wanted.contains(line.substring(0, tab))) {
                words.put(line.substring(0, tab), line.substring(tab + 1).split(",")[0].strip());
            }
        }
        List<String> names = new ArrayList<>();
        for (String wnid : wnids) {
            String name = words.get(wnid);
            if (name == null || name.isEmpty()) {
                throw new DatasetFormatException(wordsFile.toString(), "no name for class id " + wnid
                        + " (expected a line '" + wnid + "<TAB>name, …')");
            }
            names.add(name);
        }
        return names;
    }

    private static void readAnnotations(Path val, Map<String, Integer> index, List<Path> files, List<Integer> labels)
            throws IOException {
        Path annotations = val.resolve("val_annotations.txt");
        List<String> lines = DataFiles.lines(annotations, "Tiny-ImageNet validation labels (file<TAB>wnid<TAB>box)");
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length < 2 || fields[0].isBlank()) {
                throw new DatasetFormatException(annotations.toString(), String.format("line %d: expected "
                        + "'file<TAB>wnid…', found '%s'", n + 1, line));
            }
            Integer label = index.get(fields[1].strip());
            if (label == null) {
                throw new DatasetFormatException(annotations.toString(), String.format("line %d: class id '%s' "
                        + "is not in wnids.txt", n + 1, fields[1].strip()));
            }
            checkPlainName(fields[0].strip(), annotations, "line " + (n + 1) + ": image file name");
            files.add(DataFiles.require(val.resolve("images").resolve(fields[0].strip()),
                    "validation image listed on line " + (n + 1) + " of " + annotations));
            labels.add(label);
        }
        if (files.isEmpty()) {
            throw new DatasetFormatException(annotations.toString(), "no validation images listed");
        }
    }
}
