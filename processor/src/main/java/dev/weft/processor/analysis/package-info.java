/**
 * What the processor learns from a coroutine body before it changes anything: its locals and
 * their scopes, every reference to a local, the suspension points (awaits and calls of other
 * coroutines) and the trees that contain one ({@link dev.weft.processor.analysis.BodyScanner}),
 * which locals must live in fields because a suspension lies in their scope
 * ({@link dev.weft.processor.analysis.Hoisting}), which expressions are constant expressions,
 * which statements can complete normally ({@link dev.weft.processor.analysis.Reachability}), and
 * the types javac would give an awaited value from its context
 * ({@link dev.weft.processor.analysis.AwaitTargets}, {@link dev.weft.processor.analysis.BoxedValues}).
 * What the scan finds Weft cannot compile is reported as a problem, and the scan goes on.
 */
package dev.weft.processor.analysis;
