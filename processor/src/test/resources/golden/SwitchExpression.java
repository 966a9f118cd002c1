package golden;

import dev.weft.*;
import static dev.weft.Weft.*;

public class SwitchExpression {
    /** A switch expression whose cases suspend, and one that yields after an await. */
    @Coroutine
    static String name(int kind) {
        String name = switch (kind) {
            case 0 -> "zero";
            case 1 -> {
                await(yieldNow());
                yield "one";
            }
            default -> "many" + await(sleep(1));
        };
        return name;
    }
}
