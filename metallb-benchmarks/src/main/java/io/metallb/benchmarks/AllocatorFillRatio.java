package io.metallb.benchmarks;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link AllocatorBenchmark} (fragmented fills, empty IPv6 /64) and prints one line: ns per alloc+release
 * at each fill and the 99%/0% ratio against the goals (ratio at most 3, at most 2000 ns). JMH runs silent here;
 * run the jar's own main ({@code org.openjdk.jmh.Main}) for JMH's full table.
 */
public final class AllocatorFillRatio {

    private static final double RATIO_GOAL = 3.0;
    private static final double NANOS_GOAL = 2000.0;

    private AllocatorFillRatio() {
    }

    public static void main(String[] args) throws RunnerException {
        String prefix = AllocatorBenchmark.class.getName();
        Options opts = new OptionsBuilder()
                .include(prefix + ".allocateAndRelease$")
                .include(prefix + ".allocateAndReleaseV6$")
                .param("fill", "0", "50", "99")
                .param("layout", "fragmented")
                .param("assigned", "0")
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        double[] mean = scores(results, false);
        double[] best = scores(results, true);
        double ratio = mean[2] / mean[0];
        double worst = Math.max(Math.max(mean[0], mean[1]), Math.max(mean[2], mean[3]));
        System.out.println(String.format(Locale.ROOT,
                "allocation ns/op: fill0=%.0f fill50=%.0f fill99=%.0f v6=%.0f ratio99/0=%.2f"
                        + " (goal <= %.0f, <= %.0f ns) ratio %s, time %s;"
                        + " best iterations: fill0=%.0f fill50=%.0f fill99=%.0f v6=%.0f ratio99/0=%.2f"
                        + " [op = alloc+release, fills fragmented; %s]",
                mean[0], mean[1], mean[2], mean[3], ratio, RATIO_GOAL, NANOS_GOAL,
                ratio <= RATIO_GOAL ? "met" : "MISSED", worst <= NANOS_GOAL ? "met" : "MISSED",
                best[0], best[1], best[2], best[3], best[2] / best[0], Machine.describe()));
    }

    /**
     * fill0, fill50, fill99, v6: JMH's score (mean of the measured iterations), or the fastest iteration, which
     * neighbours on a shared machine disturb least.
     */
    private static double[] scores(Collection<RunResult> results, boolean bestIteration) {
        return new double[] {
            score(results, "fill", "0", bestIteration),
            score(results, "fill", "50", bestIteration),
            score(results, "fill", "99", bestIteration),
            score(results, "assigned", "0", bestIteration),
        };
    }

    private static double score(Collection<RunResult> results, String param, String value, boolean best) {
        RunResult run = results.stream()
                .filter(r -> value.equals(r.getParams().getParam(param)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for " + param + "=" + value));
        if (!best) {
            return run.getPrimaryResult().getScore();
        }
        return run.getBenchmarkResults().stream()
                .flatMap(b -> b.getIterationResults().stream())
                .mapToDouble(i -> i.getPrimaryResult().getScore())
                .min().orElseThrow();
    }
}
