package dev.weft.processor;

import java.util.HashSet;
import java.util.Set;

/** Hands out names for generated code that clash with no name the user's source uses. */
final class Names {
    private final Set<String> taken;

    Names(Set<String> userNames) {
        this.taken = new HashSet<>(userNames);
    }

    /** {@code base} if free, else {@code base2}, {@code base3}, ...; the name is then taken. */
    String fresh(String base) {
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + i;
        }
        taken.add(name);
        return name;
    }

    /** Marks a name as used. */
    void take(String name) {
        taken.add(name);
    }

    boolean isTaken(String name) {
        return taken.contains(name);
    }
}
