package dev.swarmlab.cli;

import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.CellResult;
import dev.swarmlab.plan.Verdict;
import dev.swarmlab.run.Runner;
import java.io.PrintWriter;

/**
 * The run's progress: on a terminal, one line redrawn in place ("[#####.....] 412/970 cells,
 * 2 not as promised, 0 errors"); elsewhere (CI logs, pipes) a plain line at every tenth of the way.
 */
final class ProgressBar implements Runner.Listener {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final boolean terminal;
    private int failed;
    private int errors;
    private int lastTenth = -1;

    ProgressBar(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void measured(Cell cell, CellResult result, int done, int total) {
        if (result.verdict().effect() == Verdict.Effect.FAIL) {
            failed++;
        } else if (result.verdict() == Verdict.ERROR) {
            errors++;
        }
        int filled = WIDTH * done / Math.max(1, total);
        String text = done + "/" + total + " cells, " + failed + " not as promised, " + errors + " errors";
        if (terminal) {
            out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + text + (done == total ? "\n" : ""));
            out.flush();
        } else if (10 * done / Math.max(1, total) != lastTenth) {
            lastTenth = 10 * done / Math.max(1, total);
            out.println("probes: " + text);
            out.flush();
        }
    }
}
