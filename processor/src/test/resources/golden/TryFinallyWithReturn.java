package golden;

import dev.weft.*;
import static dev.weft.Weft.*;

public class TryFinallyWithReturn {
    /** A return inside a try whose finally block runs before the coroutine completes. */
    @Coroutine
    static String holder(Lock lock, boolean early) {
        await(lock.acquire());
        try {
            if (early) {
                return "early";
            }
            await(yieldNow());
            return "late";
        } finally {
            lock.release();
        }
    }
}
