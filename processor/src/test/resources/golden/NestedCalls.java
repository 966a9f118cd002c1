package golden;

import dev.weft.*;
import java.util.*;
import static dev.weft.Weft.*;

public class NestedCalls {
    /** A recursive coroutine: each call runs directly, its int result comes back unboxed. */
    @Coroutine
    static int depth(int n, Event ready) {
        if (n <= 1) {
            await(ready);
            return 1;
        }
        return depth(n - 1, ready) + 1;
    }

    /** Calls with results of a reference type and of a primitive type, in one expression. */
    @Coroutine
    static String describe(int n, Event ready) {
        return label(n) + depth(n, ready);
    }

    @Coroutine
    static String label(int n) {
        return "depth " + n + ": ";
    }
}
