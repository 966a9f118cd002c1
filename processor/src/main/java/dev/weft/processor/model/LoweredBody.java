package dev.weft.processor.model;

import com.palantir.javapoet.CodeBlock;
import java.util.List;
import java.util.Map;

/**
 * What the lowering makes of a coroutine body, for the emission of its frame: the body of
 * {@code resume} (and, for a machine too large for one method, the parts it calls), the names of
 * {@code resume}'s parameters, and the fields the lowering added.
 */
public final class LoweredBody {
    /** The name of {@code resume}'s parameter that carries the awaited value. */
    public final String awaitedParam;
    /** The name of {@code resume}'s parameter that carries the failure of what was awaited. */
    public final String failureParam;
    /** The fields the lowering added, in the order they were needed. */
    public final List<GeneratedField> fields;
    public final CodeBlock resumeBody;
    /** Each part's method name and body; empty when {@code resume} holds every state. */
    public final Map<String, CodeBlock> parts;
    /** Where the code of {@code resume} is in the user's source. */
    public final LineTable lines;

    public LoweredBody(String awaitedParam, String failureParam, List<GeneratedField> fields, CodeBlock resumeBody,
            Map<String, CodeBlock> parts, LineTable lines) {
        this.awaitedParam = awaitedParam;
        this.failureParam = failureParam;
        this.fields = List.copyOf(fields);
        this.resumeBody = resumeBody;
        this.parts = parts;
        this.lines = lines;
    }
}
