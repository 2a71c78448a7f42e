package dev.swarmlab.run;

import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.CellResult;
import dev.swarmlab.plan.Verdict;
import java.util.Optional;

/** A cell of a stored run with its result, if it was measured, and the probe round it belongs to (0: the lab as deployed). */
public record StoredCell(Cell cell, Optional<CellResult> result, int round) {
    public StoredCell(Cell cell, Optional<CellResult> result) {
        this(cell, result, 0);
    }

    public Verdict verdict() {
        return result.map(CellResult::verdict).orElse(Verdict.PENDING);
    }
}
