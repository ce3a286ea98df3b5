package dev.clickstream.tools.delete;

/** What became of one target, and a detail for the user ("120 objects"), possibly empty. */
record Result(Outcome outcome, String detail) {
    static Result of(Outcome outcome) {
        return new Result(outcome, "");
    }
}
