package dev.weft.processor.emission;

/**
 * How code leaves for a state of the machine ({@code break}, {@code continue}, {@code return}
 * or {@code yield} out of what is printed, with the finally blocks in between): what it runs
 * first and the state it goes to. Printed code either continues the machine there or, inside a
 * native {@code try} with a finally block, defers the jump until that block has run.
 */
public final class Exit {
    /** What runs first: the states the finally blocks go on to, a value returned. */
    public final Code setup;
    /** The state to go to (a state reference), or {@code null} for {@link #direct} code. */
    public final Object target;
    private final String machineLabel;
    private final Code direct;

    private Exit(Code setup, Object target, String machineLabel, Code direct) {
        this.setup = setup;
        this.target = target;
        this.machineLabel = machineLabel;
        this.direct = direct;
    }

    /** Runs {@code setup}, then continues the machine labeled {@code machineLabel} at {@code target}. */
    public static Exit to(Code setup, Object target, String machineLabel) {
        return new Exit(setup, target, machineLabel, null);
    }

    /** Code that leaves by itself, with nothing to defer: {@code return complete(value);}. */
    public static Exit direct(Code code) {
        return new Exit(Code.EMPTY, null, null, code);
    }

    /** The exit as code that runs now. */
    public Code code() {
        return direct != null ? direct : Code.of(setup, "state = ", target, "; continue ", machineLabel, ";");
    }
}
