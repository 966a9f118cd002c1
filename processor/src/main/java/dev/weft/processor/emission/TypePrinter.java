package dev.weft.processor.emission;

import dev.weft.processor.model.LocalVar;
import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.resolution.NameResolver;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IntersectionTypeTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.WildcardTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;

/**
 * The printer's types: type trees as JavaPoet {@link TypeName}s (so that JavaPoet imports or
 * qualifies every class), type arguments and parameters, annotations and modifiers.
 */
abstract class TypePrinter extends PrinterBase {
    TypePrinter(Analysis analysis, NameResolver resolver, PrintMode mode, Exits exits,
            Map<Tree, Code> replacements) {
        super(analysis, resolver, mode, exits, replacements);
    }

    static boolean isTypeTree(Tree t) {
        return t instanceof PrimitiveTypeTree || t instanceof ArrayTypeTree || t instanceof ParameterizedTypeTree
                || t instanceof WildcardTree || t instanceof UnionTypeTree || t instanceof IntersectionTypeTree
                || t instanceof AnnotatedTypeTree;
    }

    /**
     * How generated code names {@code type}: JavaPoet imports it or qualifies it as the file
     * requires. JavaPoet writes a class of the file's own package by its simple name even where a
     * member type the frames inherit ({@code Witness}, {@code ForEach}) masks it; such a class is
     * written by its canonical name.
     */
    TypeName className(TypeElement type) {
        ClassName name = ClassName.get(type);
        if (name.packageName().equals(resolver.packageName())
                && resolver.generated().frameTypeNames().contains(name.topLevelClassName().simpleName())) {
            return TypeVariableName.get(name.canonicalName());
        }
        return name;
    }

    void typeArguments(List<? extends Tree> args) {
        if (args != null && !args.isEmpty()) {
            typeArgumentList(args);
        }
    }

    // ------------------------------------------------------------------ types

    /** The type of a local as generated code declares it: as written, or derived for a {@code var} local. */
    void printLocalType(LocalVar local) {
        if (local.typeTree != null) {
            printType(local.typeTree);
        } else {
            sb.add(com.palantir.javapoet.TypeName.get(local.derivedType));
        }
    }

    void printType(Tree t) {
        Code replacement = replacements.get(t);
        if (replacement != null) {
            text(replacement);
            return;
        }
        if (t instanceof ParameterizedTypeTree && ((ParameterizedTypeTree) t).getTypeArguments().isEmpty()) {
            printType(((ParameterizedTypeTree) t).getType()); // the diamond of new C<>()
            sb.add("<>");
        } else if (t instanceof UnionTypeTree) {
            List<? extends Tree> alts = ((UnionTypeTree) t).getTypeAlternatives();
            for (int i = 0; i < alts.size(); i++) {
                if (i > 0) {
                    sb.add(" | ");
                }
                printType(alts.get(i));
            }
        } else if (t instanceof IntersectionTypeTree) {
            List<? extends Tree> bounds = ((IntersectionTypeTree) t).getBounds();
            for (int i = 0; i < bounds.size(); i++) {
                if (i > 0) {
                    sb.add(" & ");
                }
                printType(bounds.get(i));
            }
        } else {
            sb.add(typeName(t));
        }
    }

    /**
     * The type a type tree denotes, as JavaPoet writes it: classes by their {@link ClassName}s
     * (JavaPoet imports or qualifies them), type variables, local classes and names a class body
     * being printed declares as written. Not for union and intersection types, or diamonds.
     */
    public TypeName typeName(Tree t) {
        if (t instanceof IdentifierTree) {
            return simpleTypeName((IdentifierTree) t, List.of());
        }
        if (t instanceof MemberSelectTree) {
            MemberSelectTree ms = (MemberSelectTree) t;
            Tree left = ms.getExpression();
            if (!(left instanceof IdentifierTree || left instanceof MemberSelectTree)) {
                // a member type of a parameterized (or annotated) type: G<String>.Inner
                TypeName outer = typeName(left);
                if (outer instanceof ParameterizedTypeName) {
                    return ((ParameterizedTypeName) outer).nestedClass(ms.getIdentifier().toString());
                }
                return ((ClassName) outer.withoutAnnotations()).nestedClass(ms.getIdentifier().toString());
            }
            TypeElement type = analysis.types.typeOfTree(ms, this::hidden);
            if (type != null) {
                return className(type);
            }
            return TypeVariableName.get(capture(() -> printQualifiedTypeName(t)).toString());
        }
        if (t instanceof PrimitiveTypeTree) {
            return TypeName.get(((PrimitiveTypeTree) t).getPrimitiveTypeKind() == javax.lang.model.type.TypeKind.VOID
                    ? void.class : primitiveClass(((PrimitiveTypeTree) t).getPrimitiveTypeKind()));
        }
        if (t instanceof ArrayTypeTree) {
            return ArrayTypeName.of(typeName(((ArrayTypeTree) t).getType()));
        }
        if (t instanceof ParameterizedTypeTree) {
            ParameterizedTypeTree p = (ParameterizedTypeTree) t;
            List<TypeName> args = new ArrayList<>();
            for (Tree arg : p.getTypeArguments()) {
                args.add(typeName(arg));
            }
            if (p.getType() instanceof IdentifierTree) {
                return simpleTypeName((IdentifierTree) p.getType(), args);
            }
            TypeName raw = typeName(p.getType());
            if (raw instanceof ParameterizedTypeName) {
                // G<String>.Inner<X>: the last name is the member type, which takes the arguments
                ParameterizedTypeName member = (ParameterizedTypeName) raw;
                return member.enclosingType() != null && member.typeArguments().isEmpty()
                        ? member.enclosingType().nestedClass(member.rawType().simpleName(), args)
                        : ParameterizedTypeName.get(member.rawType(), args.toArray(new TypeName[0]));
            }
            if (raw instanceof ClassName) {
                return ParameterizedTypeName.get((ClassName) raw, args.toArray(new TypeName[0]));
            }
            return TypeVariableName.get(raw + "<" + joined(args) + ">");
        }
        if (t instanceof WildcardTree) {
            WildcardTree w = (WildcardTree) t;
            if (w.getKind() == Tree.Kind.EXTENDS_WILDCARD) {
                return WildcardTypeName.subtypeOf(typeName(w.getBound()));
            }
            if (w.getKind() == Tree.Kind.SUPER_WILDCARD) {
                return WildcardTypeName.supertypeOf(typeName(w.getBound()));
            }
            return WildcardTypeName.subtypeOf(Object.class);
        }
        if (t instanceof AnnotatedTypeTree) {
            AnnotatedTypeTree a = (AnnotatedTypeTree) t;
            List<AnnotationSpec> annotations = new ArrayList<>();
            for (AnnotationTree ann : a.getAnnotations()) {
                annotations.add(annotationSpec(ann));
            }
            return typeName(a.getUnderlyingType()).annotated(annotations);
        }
        throw unsupported(t, "the type " + t.getKind());
    }

    private static String joined(List<TypeName> names) {
        StringBuilder sb = new StringBuilder();
        for (TypeName n : names) {
            sb.append(sb.length() == 0 ? "" : ", ").append(n);
        }
        return sb.toString();
    }

    private static Class<?> primitiveClass(javax.lang.model.type.TypeKind kind) {
        switch (kind) {
            case BOOLEAN: return boolean.class;
            case BYTE: return byte.class;
            case SHORT: return short.class;
            case CHAR: return char.class;
            case INT: return int.class;
            case LONG: return long.class;
            case FLOAT: return float.class;
            case DOUBLE: return double.class;
            default: throw new IllegalArgumentException(kind.toString());
        }
    }

    /** An annotation as JavaPoet writes it, its values printed. */
    private AnnotationSpec annotationSpec(AnnotationTree a) {
        TypeName type = typeName(a.getAnnotationType());
        AnnotationSpec.Builder b = AnnotationSpec.builder(type instanceof ClassName ? (ClassName) type
                : ClassName.bestGuess(type.toString()));
        for (ExpressionTree arg : a.getArguments()) {
            if (arg instanceof AssignmentTree) {
                AssignmentTree as = (AssignmentTree) arg;
                b.addMember(((IdentifierTree) as.getVariable()).getName().toString(), "$L",
                        capture(() -> annotationValue(as.getExpression())).toCodeBlock());
            } else {
                b.addMember("value", "$L", capture(() -> annotationValue(arg)).toCodeBlock());
            }
        }
        return b.build();
    }

    /** {@code <A, B>}, or the diamond {@code <>}. */
    void typeArgumentList(List<? extends Tree> args) {
        sb.add('<');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.add(", ");
            }
            printType(args.get(i));
        }
        sb.add('>');
    }

    /**
     * A simple type name, with the type arguments written after it. Inside an instance
     * coroutine, an inner class of a generic class is a member of the receiver's parameterized
     * type ({@code T.Outer<X>.Inner}), as javac reads the name there; a class literal, and a
     * generic class without type arguments, name the raw class.
     */
    private TypeName simpleTypeName(IdentifierTree id, List<TypeName> args) {
        String name = id.getName().toString();
        DeclaredType inner = rawTypes || analysis.selfName == null || staysAsWritten(name) ? null
                : resolver.innerTypeOfThis(name);
        if (inner != null && (!args.isEmpty() || inner.getTypeArguments().isEmpty())) {
            ParameterizedTypeName outer = (ParameterizedTypeName) TypeName.get(inner.getEnclosingType());
            return outer.nestedClass(name, args);
        }
        TypeName type = namedType(id);
        if (args.isEmpty()) {
            return type;
        }
        if (type instanceof ClassName) {
            return ParameterizedTypeName.get((ClassName) type, args.toArray(new TypeName[0]));
        }
        return TypeVariableName.get(type + "<" + joined(args) + ">");
    }

    /** The type a simple type name means: a class, or the name itself (a type variable, a local class...). */
    private TypeName namedType(IdentifierTree id) {
        String name = id.getName().toString();
        if (staysAsWritten(name)) {
            return TypeVariableName.get(name);
        }
        TypeElement type = resolver.resolveMemberType(name);
        if (type == null) {
            type = resolver.resolveType(name);
        }
        if (type == null) {
            return TypeVariableName.get(name); // javac reports the user's unknown name
        }
        return className(type);
    }

    private void printQualifiedTypeName(Tree left) {
        if (left instanceof IdentifierTree) {
            identifier((IdentifierTree) left, true);
        } else {
            MemberSelectTree ms = (MemberSelectTree) left;
            printQualifiedTypeName(ms.getExpression());
            sb.add('.').add(ms.getIdentifier());
        }
    }

    void annotation(AnnotationTree a) {
        sb.add('@');
        printType(a.getAnnotationType());
        List<? extends ExpressionTree> args = a.getArguments();
        if (!args.isEmpty()) {
            sb.add('(');
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    sb.add(", ");
                }
                ExpressionTree arg = args.get(i);
                if (arg instanceof AssignmentTree) {
                    AssignmentTree as = (AssignmentTree) arg;
                    sb.add(((IdentifierTree) as.getVariable()).getName()).add(" = ");
                    annotationValue(as.getExpression());
                } else {
                    annotationValue(arg);
                }
            }
            sb.add(')');
        }
    }

    private void annotationValue(ExpressionTree v) {
        if (v instanceof NewArrayTree && ((NewArrayTree) v).getType() == null) {
            newArray((NewArrayTree) v);
        } else if (v instanceof AnnotationTree) {
            annotation((AnnotationTree) v);
        } else {
            expr(v);
        }
    }

    void modifiers(ModifiersTree m, boolean keepFinal) {
        for (AnnotationTree a : m.getAnnotations()) {
            annotation(a);
            sb.add(' ');
        }
        for (Modifier mod : m.getFlags()) {
            if (mod == Modifier.FINAL && !keepFinal) {
                continue;
            }
            sb.add(mod.toString()).add(' ');
        }
    }

    void typeParameters(List<? extends TypeParameterTree> params) {
        if (params.isEmpty()) {
            return;
        }
        sb.add('<');
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                sb.add(", ");
            }
            TypeParameterTree p = params.get(i);
            sb.add(p.getName());
            List<? extends Tree> bounds = p.getBounds();
            for (int j = 0; j < bounds.size(); j++) {
                sb.add(j == 0 ? " extends " : " & ");
                printType(bounds.get(j));
            }
        }
        sb.add('>');
    }
}
