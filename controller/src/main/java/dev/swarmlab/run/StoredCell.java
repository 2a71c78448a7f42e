package dev.swarmlab.run;

import dev.swarmlab.plan.Cell;
import dev.swarmlab.plan.CellResult;
import dev.swarmlab.plan.Verdict;
import java.util.Optional;

/** A cell of a stored run with its result, if it was measured. */
public record StoredCell(Cell cell, Optional<CellResult> result) {
    public Verdict verdict() {
        return result.map(CellResult::verdict).orElse(Verdict.PENDING);
    }
}
