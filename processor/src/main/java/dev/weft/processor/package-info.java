/**
 * The front of the Weft annotation processor, and the order of its stages.
 *
 * <p>{@link dev.weft.processor.CoroutineProcessor} collects the {@code @Coroutine} methods of a
 * round by class and hands each class to {@code ClassCompiler}, which runs the stages: for every
 * class of the round first <em>validation</em> (declaration checks, {@code analysis}, body checks),
 * with every problem reported at the user's code in one compile; then, for the coroutines without
 * problems, <em>lowering</em> and <em>emission</em> of their state machines, and the writing of the
 * generated {@code XCoroutines} file. The other processors here check what the stages cannot see
 * from the annotated methods alone, in every class of the compilation ({@code EveryClassCheck}):
 * overriding across coroutines ({@code OverrideCheck}) and coroutines in local and anonymous
 * classes ({@code LocalCoroutineCheck}), also once javac has analyzed each class
 * ({@code AfterAnalysis}, through the public {@code TaskListener} API).
 *
 * <p>The stages, each a package, in the order the data flows:
 * <ol>
 *   <li>{@link dev.weft.processor.model}: what every stage shares (locals, suspension points,
 *       problems, source positions);
 *   <li>{@link dev.weft.processor.resolution}: what names mean, from declarations only;
 *   <li>{@link dev.weft.processor.analysis}: what a body holds (scopes, suspension points, what
 *       lives in fields, reachability, constants);
 *   <li>{@link dev.weft.processor.validation}: what Weft cannot compile, reported all at once;
 *   <li>{@link dev.weft.processor.lowering}: the body as states of a machine and their exits;
 *   <li>{@link dev.weft.processor.emission}: Java source, through JavaPoet.
 * </ol>
 */
package dev.weft.processor;
