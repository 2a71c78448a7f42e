package dev.swarmlab;

/** What was asked for is already under way (a lab being run): the web API answers 409 for it. */
public class BusyException extends SwarmlabException {
    public BusyException(String message, String remedy) {
        super(message, remedy);
    }
}
