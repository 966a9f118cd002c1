package dev.weft.processor.emission;

/** What printed code is for. */
public enum PrintMode {
    /** Code that runs. */
    NATIVE,
    /**
     * A witness: a copy of the user's expression that javac types but the program never runs,
     * where suspension points stay as they were written.
     */
    WITNESS
}
