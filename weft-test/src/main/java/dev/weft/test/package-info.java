/**
 * Weft's test kit: JUnit 5 tests written as {@code @Coroutine} methods ({@link dev.weft.test.WeftTest}),
 * run on a virtual-time loop that fails the test on a deadlock, on a task exception nobody
 * retrieved and on tasks left running; and schedule exploration: the same test under many
 * orders of its ready tasks ({@link dev.weft.test.Strategy}: random, PCT, exhaustive), the
 * failing one shrunk, printed as a replayable string and checked to replay the same way.
 */
package dev.weft.test;
