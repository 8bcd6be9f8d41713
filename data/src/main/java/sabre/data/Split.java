package sabre.data;

/**
 * Which part of a data set to load. For Tiny-ImageNet, whose test images carry no labels, {@link #TEST} is the
 * labelled validation set ({@code val/}).
 *
 * <pre>{@code ImageDataset test = Cifar.cifar10(dir, Split.TEST);}</pre>
 */
public enum Split {
    TRAIN, TEST
}
