package dev.weft.processor.emission;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import com.palantir.javapoet.AnnotationSpec;
import java.util.LinkedHashSet;
import java.util.Set;

/** The class names a JavaPoet type declaration mentions (so JavaPoet may import them). */
public final class TypeNames {
    /** The class (or primitive) of the erasure of {@code type}, as in {@code X.class}: {@code List}, {@code int[]}. */
    public static TypeName erasedClass(javax.lang.model.util.Types types, javax.lang.model.type.TypeMirror type) {
        TypeName t = TypeName.get(types.erasure(type));
        return t instanceof com.palantir.javapoet.ParameterizedTypeName
                ? ((com.palantir.javapoet.ParameterizedTypeName) t).rawType() : t;
    }

    private TypeNames() {
    }

    public static Set<ClassName> classNamesIn(TypeSpec type) {
        Set<ClassName> out = new LinkedHashSet<>();
        collect(type, out);
        return out;
    }

    private static void collect(TypeSpec type, Set<ClassName> out) {
        if (type.superclass() != null) {
            add(type.superclass(), out);
        }
        for (TypeName t : type.superinterfaces()) {
            add(t, out);
        }
        for (TypeVariableName v : type.typeVariables()) {
            add(v, out);
        }
        for (AnnotationSpec a : type.annotations()) {
            add(a.type(), out);
        }
        for (FieldSpec f : type.fieldSpecs()) {
            add(f.type(), out);
        }
        for (MethodSpec m : type.methodSpecs()) {
            if (m.returnType() != null) {
                add(m.returnType(), out);
            }
            for (ParameterSpec p : m.parameters()) {
                add(p.type(), out);
            }
            for (TypeName e : m.exceptions()) {
                add(e, out);
            }
            for (TypeVariableName v : m.typeVariables()) {
                add(v, out);
            }
            for (AnnotationSpec a : m.annotations()) {
                add(a.type(), out);
            }
        }
        for (TypeSpec nested : type.typeSpecs()) {
            collect(nested, out);
        }
        // Types mentioned only inside code blocks: what the machine's catch names.
        out.add(ClassName.get(Throwable.class));
        out.add(ClassName.get(IllegalStateException.class));
    }

    private static void add(TypeName t, Set<ClassName> out) {
        if (t instanceof ClassName) {
            out.add((ClassName) t);
        } else if (t instanceof ParameterizedTypeName) {
            ParameterizedTypeName p = (ParameterizedTypeName) t;
            out.add(p.rawType());
            for (TypeName arg : p.typeArguments()) {
                add(arg, out);
            }
        } else if (t instanceof ArrayTypeName) {
            add(((ArrayTypeName) t).componentType(), out);
        } else if (t instanceof WildcardTypeName) {
            WildcardTypeName w = (WildcardTypeName) t;
            for (TypeName b : w.upperBounds()) {
                add(b, out);
            }
            for (TypeName b : w.lowerBounds()) {
                add(b, out);
            }
        } else if (t instanceof TypeVariableName) {
            for (TypeName b : ((TypeVariableName) t).bounds()) {
                add(b, out);
            }
        }
    }
}
