package dev.clickstream.tools.delete;

/** What became of one target. */
public enum Outcome {
    DELETED("deleted"),
    /** Deletion was accepted but had not finished when the wait ended. */
    DELETING("deleting"),
    NOT_FOUND("not found");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
