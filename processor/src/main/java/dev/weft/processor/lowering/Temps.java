package dev.weft.processor.lowering;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.weft.processor.emission.Code;
import dev.weft.processor.model.GeneratedField;
import dev.weft.processor.model.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields the lowering adds to a frame besides the parameters and hoisted locals: values kept
 * across suspensions ({@code saved1}, reused once a statement is done with them), the results of
 * {@code &&}/{@code ||} whose right side suspends, and the fields of loops, tries and switches.
 */
final class Temps {
    private final Names names;
    private final List<GeneratedField> fields = new ArrayList<>();
    private final List<String> objects = new ArrayList<>();
    private int objectsInUse;
    private final List<String> booleans = new ArrayList<>();
    private int booleansInUse;
    private final java.util.Map<String, Integer> counters = new java.util.HashMap<>();

    Temps(Names names) {
        this.names = names;
    }

    /** Adds a field named {@code base} (made fresh) of {@code type}; {@code comment} says what it keeps. */
    Code field(String base, TypeName type, String comment) {
        String name = names.fresh(base);
        fields.add(new GeneratedField(name, type, comment));
        return Code.of(name);
    }

    /** The next number of fields of one kind ({@code finally1Exit}, {@code finally2Exit}...). */
    int next(String kind) {
        return counters.merge(kind, 1, Integer::sum);
    }

    /** An {@code Object} field for a value kept across a suspension. */
    Code object() {
        if (objectsInUse == objects.size()) {
            String name = names.fresh("saved" + (objects.size() + 1));
            objects.add(name);
            fields.add(new GeneratedField(name, ClassName.OBJECT, "a value kept across a suspension"));
        }
        return Code.of(objects.get(objectsInUse++));
    }

    /** A {@code boolean} field for the value of a condition whose right side suspends. */
    Code bool() {
        if (booleansInUse == booleans.size()) {
            String name = names.fresh("condition" + (booleans.size() + 1));
            booleans.add(name);
            fields.add(new GeneratedField(name, TypeName.BOOLEAN, "the value of a && or || whose right side suspends"));
        }
        return Code.of(booleans.get(booleansInUse++));
    }

    /** Where the temporaries in use stand; a statement gives back what it used ({@link #release}). */
    long mark() {
        return ((long) objectsInUse << 32) | booleansInUse;
    }

    void release(long mark) {
        objectsInUse = (int) (mark >>> 32);
        booleansInUse = (int) mark;
    }

    List<GeneratedField> fields() {
        return fields;
    }
}
