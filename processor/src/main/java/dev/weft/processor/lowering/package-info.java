/**
 * The lowering of a valid coroutine body into a state machine: the states and their lines
 * ({@link dev.weft.processor.lowering.Machine}), one class per kind of construct (statements,
 * switches, try statements, expressions and the operands kept in fields across suspensions), the
 * fields the machine adds ({@link dev.weft.processor.lowering.Temps}), and the one place that
 * knows where {@code break}, {@code continue}, {@code return} and {@code yield} go and which
 * finally blocks they pass on the way ({@link dev.weft.processor.lowering.LeapManager},
 * regenerator's leap manager). Code between suspension points is printed by the emission's
 * printer; jumps are state references, numbered only when the machine is rendered, which is also
 * when the frame's line table is made: where each user statement lands in {@code resume}, counted
 * as the code is built ({@link dev.weft.processor.lowering.CountedCode}).
 */
package dev.weft.processor.lowering;
