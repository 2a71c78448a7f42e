package dev.swarmlab;

/** Something asked for by name (a run, a cell, a lab) does not exist: the web API answers 404 for it. */
public class NotFoundException extends SwarmlabException {
    public NotFoundException(String message, String remedy) {
        super(message, remedy);
    }
}
