package dev.weft.bench;

import dev.weft.Coroutine;
import dev.weft.EventLoop;

import static dev.weft.Weft.await;
import static dev.weft.Weft.yieldNow;

/**
 * Features of Weft measured against their plain forms, in the same coroutine loop: a private
 * field (reached through the generated class's accessors over method handles) against a
 * package-private one.
 */
public final class FeatureWorkloads {
    private long privateTotal;
    long packageTotal;

    /** Adds {@code 0..n-1} to a private field in a coroutine loop that yields every 1024 steps. */
    public static long privateField(int n) {
        return new EventLoop().runUntilComplete(FeatureWorkloadsCoroutines.privateLoop(new FeatureWorkloads(), n));
    }

    /** The same loop over a package-private field. */
    public static long packageField(int n) {
        return new EventLoop().runUntilComplete(FeatureWorkloadsCoroutines.packageLoop(new FeatureWorkloads(), n));
    }

    @Coroutine
    long privateLoop(int n) {
        for (int i = 0; i < n; i++) {
            privateTotal += i ^ privateTotal;
            if ((i & 1023) == 0) {
                await(yieldNow());
            }
        }
        return privateTotal;
    }

    @Coroutine
    long packageLoop(int n) {
        for (int i = 0; i < n; i++) {
            packageTotal += i ^ packageTotal;
            if ((i & 1023) == 0) {
                await(yieldNow());
            }
        }
        return packageTotal;
    }
}
