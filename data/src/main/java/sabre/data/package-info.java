/**
 * Labelled image data sets and their loading: {@link sabre.data.ImageDataset} (compact uint8 CHW images, INT
 * labels, class names), loaders for MNIST/Fashion-MNIST idx files ({@link sabre.data.Mnist}, {@link
 * sabre.data.IdxFile}), CIFAR-10/100 binaries ({@link sabre.data.Cifar}), Tiny-ImageNet-200 ({@link
 * sabre.data.TinyImageNet}) and class-per-folder image trees ({@link sabre.data.ImageFolder}); the embedded
 * class-balanced Fashion-MNIST subset; {@link sabre.data.Datasets#open} for command-line specs; the seeded,
 * prefetching {@link sabre.data.DataLoader}; and per-sample {@link sabre.data.Transform}s.
 *
 * <p>Broken files raise {@link sabre.data.DatasetFormatException} naming the file and what was wrong; headers are
 * validated against file lengths and sane limits before anything large is allocated. All randomness comes from
 * explicit {@link sabre.tensor.Generator}s.
 *
 * <p>Pixel space: loaders and the data loader deliver pixels in [0, 1]. Attacks measure and clip perturbations
 * there, so normalisation belongs in the model wrapper; {@link sabre.data.Normalize} is for training pipelines.
 *
 * <pre>{@code
 * OpenedDataset d = Datasets.open("fashion-mnist");
 * d.notice().ifPresent(System.err::println);
 * try (DataLoader loader = DataLoader.builder(d.train()).batchSize(64).shuffle(true).seed(1).build()) {
 *     for (Batch b : loader.epoch(0)) { ... }
 * }
 * }</pre>
 */
package sabre.data;
