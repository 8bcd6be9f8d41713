/**
 * The VJP table: every differentiable op of Sabre, one public static method each, grouped by family. Each method
 * computes the forward value with the tensor layer and records exactly one VJP rule, whose formula is given in the
 * comment beside it ({@code g} is ∂L/∂output, {@code y} the output). {@link sabre.autograd.Var} and
 * {@link sabre.autograd.F} are thin front ends over these classes.
 */
package sabre.autograd.rules;
