package dev.weft.examples;

import dev.weft.*;
import java.util.*;
import static dev.weft.Weft.*;

public class LatchDemo {
    @Coroutine
    static String consumer(String name, CountdownLatch latch) {
        System.out.println(name + ": Waiting for data...");
        await(latch);
        System.out.println(name + ": Data received, processing...");
        return name + " processed";
    }

    @Coroutine
    static List<String> main() {
        CountdownLatch latch = new CountdownLatch(1);
        Task<String> c1 = spawn(LatchDemoCoroutines.consumer("Consumer1", latch));
        latch.countDown();
        String direct = consumer("Inline", latch);   // a call to a @Coroutine method runs inline
        return Arrays.asList(await(c1), direct);
    }

    public static void main(String[] args) {
        System.out.println(new EventLoop().runUntilComplete(LatchDemoCoroutines.main()));
    }
}
