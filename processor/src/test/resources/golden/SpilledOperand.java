package golden;

import dev.weft.*;
import static dev.weft.Weft.*;

public class SpilledOperand {
    static int score(String s) { return s.length(); }

    /** The left operand is evaluated before the await of the right one, and kept across it. */
    @Coroutine
    static String describe(Promise<String> p) {
        String prefix = "got ";
        return prefix.trim() + await(p) + Integer.valueOf(score(prefix));
    }
}
