package dev.weft.processor.emission;

/**
 * How a native statement leaves when a jump out of it passes a native {@code finally} (or
 * closes a resource): the jump is deferred, {@code variable = STATE; break label;}, so that the
 * finally block runs while {@code state} still says where the code is. Should that block throw,
 * the exception is dispatched from the state the jump left, as Java would.
 */
public final class Deferral {
    final String machineLabel;
    public final String variable;
    public final String label;
    /** Whether printing deferred a jump: the lowering then dispatches on {@link #variable}. */
    public boolean used;

    public Deferral(String machineLabel, String variable, String label) {
        this.machineLabel = machineLabel;
        this.variable = variable;
        this.label = label;
    }
}
