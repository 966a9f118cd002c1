package golden;

import dev.weft.*;
import java.util.*;
import static dev.weft.Weft.*;

public class LoopWithAwaits {
    static int score(String s) { return s.length(); }

    /** A loop with awaits: the locals used across them live in fields. */
    @Coroutine
    static int total(List<String> items, Event ready) {
        int total = 0;
        for (String item : items) {
            await(ready);
            total += score(item);
        }
        while (total < 10) {
            total += await(sleep(1)) == null ? 1 : 0;
        }
        return total;
    }
}
