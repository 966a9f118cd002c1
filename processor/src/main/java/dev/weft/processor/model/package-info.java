/**
 * What the stages of the processor share, decided by none of them: the locals of a coroutine
 * ({@link dev.weft.processor.model.LocalVar}) and its suspension points
 * ({@link dev.weft.processor.model.Suspension}), fresh names ({@link dev.weft.processor.model.Names}),
 * the problems validation collects ({@link dev.weft.processor.model.Problems}) and their wording
 * ({@link dev.weft.processor.model.Messages}), source positions, the lowered body handed to
 * emission with its line table ({@link dev.weft.processor.model.LineTable}), and small facts about trees that javac's API spreads over versions
 * ({@link dev.weft.processor.model.Trees2}).
 */
package dev.weft.processor.model;
