package sabre.data;

import java.util.Optional;

/**
 * What {@link Datasets#open} returns: the training and test parts of a data set, the spec that named it, and an
 * optional one-line notice for the user (e.g. that the full Fashion-MNIST was not installed and the embedded subset
 * is used instead) which a command-line tool should print.
 *
 * <pre>{@code
 * OpenedDataset d = Datasets.open("fashion-mnist");
 * d.notice().ifPresent(System.err::println);
 * }</pre>
 */
public record OpenedDataset(String spec, ImageDataset train, ImageDataset test, Optional<String> notice) {
}
