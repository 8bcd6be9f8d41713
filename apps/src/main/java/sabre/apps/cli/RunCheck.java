package sabre.apps.cli;

import sabre.apps.report.Provenance;
import sabre.apps.train.RunFiles;
import sabre.apps.train.TrainConfig;

import java.io.IOException;
import java.util.Map;

/** Checks that {@code --resume} continues a run with the hyperparameters it started with. */
final class RunCheck {
    private RunCheck() {
    }

    static void sameConfig(RunFiles run, TrainConfig cfg) throws IOException {
        Map<String, Object> saved = Provenance.read(run.provenance());
        Object config = saved.get("config");
        if (!(config instanceof Map<?, ?> map)) {
            throw new IOException(run.provenance() + ": no 'config' section");
        }
        for (Map.Entry<String, Object> e : cfg.asMap().entrySet()) {
            Object before = map.get(e.getKey());
            if (before == null || !String.valueOf(before).equals(String.valueOf(e.getValue()))
                    && !(before instanceof Number n && e.getValue() instanceof Number m
                    && n.doubleValue() == m.doubleValue())) {
                throw new IllegalArgumentException("train --resume: " + e.getKey() + " was " + before + " in "
                        + run.provenance() + " but is now " + e.getValue());
            }
        }
    }
}
