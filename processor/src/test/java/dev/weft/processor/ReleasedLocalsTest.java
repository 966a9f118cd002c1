package dev.weft.processor;

import static dev.weft.processor.CoroutineCompiler.compileAndLoad;
import static dev.weft.processor.CoroutineCompiler.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.weft.CoroutineFrame;
import dev.weft.Event;
import dev.weft.EventLoop;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A local of a reference type that the state machine keeps in a field across suspensions lets go
 * of its object where its scope ends, as a plain Java local does: a frame suspended later does not
 * keep dead objects alive.
 */
class ReleasedLocalsTest {
    private static final String SOURCE = """
            package t;
            import dev.weft.*;
            import java.util.*;
            import static dev.weft.Weft.*;
            public class T {
                @Coroutine static int main(Event go) {
                    int n = 0;
                    for (int i = 0; i < 2; i++) {              // a loop body's local
                        byte[] big = new byte[16 + i];
                        await(yieldNow());
                        n += big.length;
                    }
                    {                                          // a plain block's local
                        Object inner = new Object();
                        await(yieldNow());
                        n += inner.hashCode() == 0 ? 0 : 1;
                    }
                    while (true) {                             // left by a break
                        String word = "w" + n;
                        await(yieldNow());
                        if (word.length() > 1) break;
                    }
                    for (String item : List.of("a", "bc")) {   // a for-each variable
                        await(yieldNow());
                        n += item.length();
                    }
                    for (StringBuilder sb = new StringBuilder(); sb.length() < 2; ) {   // a for-init local
                        await(yieldNow());
                        sb.append('x');
                    }
                    Object kept = new Object();                // still in scope at the await below
                    await(go);
                    return n + (kept.hashCode() == 0 ? 0 : 100);
                }
            }
            """;

    @Test
    void hoistedLocalsAreReleasedWhereTheirScopeEnds() throws Throwable {
        ClassLoader loader = compileAndLoad(List.of(), SOURCE);
        CoroutineFrame<?> main = frame(loader, "t.TCoroutines", "main", new Event());
        Event go = (Event) field(main, "go");
        Map<String, Object> seen = new LinkedHashMap<>();
        EventLoop loop = EventLoop.withVirtualTime();
        // runs once main waits on go: the virtual clock moves only when no task is ready
        loop.callLater(Duration.ofSeconds(1), () -> {
            for (String local : List.of("big", "inner", "word", "item", "sb", "kept")) {
                seen.put(local, field(main, local));
            }
            go.set();
        });
        assertEquals(16 + 17 + 1 + 3 + 100, loop.runUntilComplete(main));
        assertNull(seen.get("big"), "big");
        assertNull(seen.get("inner"), "inner");
        assertNull(seen.get("word"), "word");
        assertNull(seen.get("item"), "item");
        assertNull(seen.get("sb"), "sb");
        assertNotNull(seen.get("kept"), "kept is still in scope");
    }

    private static Object field(Object frame, String name) {
        try {
            Field f = frame.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(frame);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the frame has no field " + name, e);
        }
    }
}
