package dev.weft.processor.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Hands out names for generated code that clash with no name the user's source uses. */
public final class Names {
    /**
     * Members of every frame that generated code names unqualified in {@code resume}: a user local
     * of such a name is renamed there ({@code state}, and what {@code callInline} returns when the
     * callee suspended).
     */
    public static final List<String> FRAME_MEMBERS = List.of("state", "SUSPENDED_INSIDE");

    /** The names of the user's file: never handed out. Shared by every {@code Names} of that file, never copied. */
    private final Set<String> userNames;
    /** The names handed out or marked used here. */
    private final Set<String> taken = new HashSet<>();

    public Names(Set<String> userNames) {
        this.userNames = userNames;
    }

    /** {@code base} if free, else {@code base2}, {@code base3}, ...; the name is then taken. */
    public String fresh(String base) {
        String name = base;
        for (int i = 2; isTaken(name); i++) {
            name = base + i;
        }
        taken.add(name);
        return name;
    }

    /** Marks a name as used. */
    public void take(String name) {
        taken.add(name);
    }

    public boolean isTaken(String name) {
        return userNames.contains(name) || taken.contains(name);
    }
}
