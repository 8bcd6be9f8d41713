package sabre.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled image set laid out as one sub-folder per class ({@code dir/<class>/<image>}), like torchvision's
 * {@code ImageFolder}: classes are the sub-folder names in sorted order (label = position), images are the files
 * with a {@code .png .jpg .jpeg .bmp .gif} extension (any case) in each, in sorted name order; other files and
 * hidden entries are ignored. Each image is decoded and converted to {@code mode}, then resized to
 * {@code height×width} by {@link ImageFiles#read} (bilinear, half-pixel centres, no antialiasing).
 *
 * <p>A missing directory raises {@link java.nio.file.NoSuchFileException}; no class folders, a class folder
 * without images, or an unreadable image (named) raise {@link DatasetFormatException}.
 *
 * <pre>{@code ImageDataset pets = ImageFolder.load(Path.of("pets/train"), ColorMode.RGB, 64, 64);}</pre>
 */
public final class ImageFolder {
    private ImageFolder() {
    }

    /** Loads every class folder under {@code dir}. */
    public static ImageDataset load(Path dir, ColorMode mode, int height, int width) throws IOException {
        ImageFiles.checkSize(height, width);
        DataFiles.requireDirectory(dir, "image folder (one sub-folder per class)");
        List<Path> classDirs = classFolders(dir);
        if (classDirs.isEmpty()) {
            throw new DatasetFormatException(dir.toString(), "no class folders: expected one sub-folder per class");
        }
        List<String> names = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path classDir : classDirs) {
            List<Path> images = ImageFiles.list(classDir);
            if (images.isEmpty()) {
                throw new DatasetFormatException(classDir.toString(), "class folder has no images (.png, .jpg, "
                        + ".jpeg, .bmp, .gif)");
            }
            for (Path image : images) {
                files.add(image);
                labels.add(names.size());
            }
            names.add(classDir.getFileName().toString());
        }
        byte[][] pixels = ImageFiles.readAll(files, mode, height, width);
        return new ImageDataset(mode.channels(), height, width, pixels,
                labels.stream().mapToInt(Integer::intValue).toArray(), names);
    }

    private static List<Path> classFolders(Path dir) throws IOException {
        return DataFiles.list(dir, p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."));
    }
}
