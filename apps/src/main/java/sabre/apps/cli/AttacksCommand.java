package sabre.apps.cli;

import picocli.CommandLine.Command;
import sabre.attacks.registry.Attacks;

import java.util.concurrent.Callable;

/**
 * {@code sabre attacks}: every attack of the registry with its paper, whether it is bounded by ε, and its own
 * options with defaults.
 *
 * <pre>{@code ./sabre attacks}</pre>
 */
@Command(name = "attacks", mixinStandardHelpOptions = true, description = "List every attack and its options.")
public final class AttacksCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.print(Attacks.help());
        return 0;
    }
}
