/**
 * Java source for the generated classes: the user's trees printed back as Java with the names
 * that must change there rewritten ({@link dev.weft.processor.emission.CodePrinter} and the chain
 * it extends), code as parts that JavaPoet writes ({@link dev.weft.processor.emission.Code}:
 * text, types, state references), the one place that names the runtime protocol generated code
 * calls ({@link dev.weft.processor.emission.Protocol}), the frame class and factory of each
 * coroutine ({@link dev.weft.processor.emission.FrameGenerator}), the accessors of the private
 * members the coroutines use ({@link dev.weft.processor.emission.PrivateAccessors}), and the file with its header and
 * imports ({@link dev.weft.processor.emission.CoroutinesFile}). Text copied from the user's source
 * into comments is made safe there ({@link dev.weft.processor.emission.CommentText}).
 */
package dev.weft.processor.emission;
