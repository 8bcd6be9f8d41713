/**
 * The Backend SPI: one small interface per op family. A backend implements every family for its device; the
 * {@link sabre.tensor.Tensor} layer validates shapes, promotes types and broadcasts (by stride-0 views) before it
 * calls in, so a backend receives checked, same-type, same-shape operands that may be strided views. A backend
 * must raise {@link java.lang.IllegalArgumentException} naming the op for data-dependent errors (an index out of
 * range). {@link sabre.tensor.spi.FamilyBackend} with {@link sabre.tensor.spi.Families} spares a backend the
 * eleven family fields and getters. Backends are found with {@link java.util.ServiceLoader} through
 * {@link sabre.tensor.spi.BackendProvider}.
 */
package sabre.tensor.spi;
