package dev.weft.processor.differential;

/**
 * One generated program: class members (fields, helper coroutines and the entry coroutine
 * {@code <prefix>_main()}, which returns a String) written once with markers, rendered either as
 * coroutines or as plain Java.
 *
 * <p>Markers: {@link #AWAIT_OPEN}e{@link #AWAIT_CLOSE} is {@code await(later(e))} as coroutines
 * and {@code id(e)} as plain Java; {@link #FAIL_OPEN}e)) is {@code await(failLater(e))} or
 * {@code rethrow((e))}; {@link #COROUTINE} is the {@code @Coroutine} annotation (or nothing);
 * {@link #OWN_CLASS} is the name of the class the program is compiled in.
 *
 * @param seed the seed it was generated from (rerun it with {@code -Dweft.differential.seed})
 * @param prefix the prefix of all its member names
 * @param java8 whether it only uses Java 8 syntax
 * @param instance whether its coroutines are instance methods (the factory takes the receiver)
 * @param nested the simple name of the static nested class its members are in, or null
 * @param members its members, with markers
 */
record GeneratedProgram(long seed, String prefix, boolean java8, boolean instance, String nested, String members) {
    static final char AWAIT_OPEN = '\u00ab';
    static final char AWAIT_CLOSE = '\u00bb';
    static final char COROUTINE = '\u00a7';
    static final char OWN_CLASS = '\u00a4';
    /** Starts {@code await(failLater(} (coroutines) or {@code rethrow((} (plain Java); the text closes it. */
    static final char FAIL_OPEN = '\u00b6';

    /** The binary name of the class that declares the program's methods, in class {@code t.<top>}. */
    String declaringClass(String top) {
        return "t." + top + (nested == null ? "" : "$" + nested);
    }

    /** The class that holds the coroutine factories, in class {@code t.<top>}. */
    String factoryClass(String top) {
        return "t." + top + (nested == null ? "" : "_" + nested) + "Coroutines";
    }

    /** The name of the entry method (and of its coroutine factory). */
    String entry() {
        return prefix + "_main";
    }

    /** The members as coroutines, in class {@code className}. */
    String asCoroutines(String className) {
        return render(true, className);
    }

    /** The members as plain Java, in class {@code className}. */
    String asPlainJava(String className) {
        return render(false, className);
    }

    private String render(boolean coroutines, String className) {
        StringBuilder sb = new StringBuilder(members.length() + members.length() / 4);
        for (int i = 0; i < members.length(); i++) {
            char c = members.charAt(i);
            switch (c) {
                case AWAIT_OPEN -> sb.append(coroutines ? "await(later(" : "id(");
                case AWAIT_CLOSE -> sb.append(coroutines ? "))" : ")");
                case COROUTINE -> sb.append(coroutines ? "@Coroutine " : "");
                case OWN_CLASS -> sb.append(className);
                case FAIL_OPEN -> sb.append(coroutines ? "await(failLater(" : "rethrow((");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The head of a source file of class {@code t.<className>} (close it with "}\n"). */
    static String fileHead(String className) {
        return String.join("\n",
                "package t;",
                "import dev.weft.*;",
                "import java.util.*;",
                "import java.util.function.*;",
                "import static dev.weft.Weft.*;",
                "import static t.Later.*;",
                "import static t.Support.*;",
                "import t.Support.Color;",
                "import t.Support.Res;",
                "",
                "public class " + className + " {",
                "");
    }

    /** A whole source file holding just this program, as coroutines or plain Java. */
    String standaloneSource(boolean coroutines, String className) {
        return fileHead(className) + render(coroutines, className) + "}\n";
    }
}
