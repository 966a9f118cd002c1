/**
 * Name and type resolution without attribution: method bodies are not typed while annotation
 * processing runs, so this stage decides what a simple or dotted name of a coroutine body means
 * the way javac would, from declarations alone ({@code javax.lang.model}): a member of the
 * lexical chain (inherited ones included), a static import, a type of the file, its package,
 * its imports or {@code java.lang}. It also decides which classes a receiver has as far as
 * declarations say ({@link dev.weft.processor.resolution.DeclaredTypes}), what generated code can
 * reach ({@link dev.weft.processor.resolution.Visibility}) and which private members of the nest it
 * reaches through accessors ({@link dev.weft.processor.resolution.PrivateAccess}), and the names of what Weft generates
 * and of what generated frames inherit ({@link dev.weft.processor.resolution.GeneratedNames},
 * {@link dev.weft.processor.resolution.JavaLangNames}). It never guesses a type from text.
 */
package dev.weft.processor.resolution;
