package dev.weft.processor.model;

import com.palantir.javapoet.TypeName;

/** A field of a generated frame that the lowering adds, with what it keeps (its Javadoc). */
public final class GeneratedField {
    public final String name;
    public final TypeName type;
    public final String comment;

    public GeneratedField(String name, TypeName type, String comment) {
        this.name = name;
        this.type = type;
        this.comment = comment;
    }
}
