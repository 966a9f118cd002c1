package dev.weft.processor.emission;

import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.model.ProcessingFailure;
import dev.weft.processor.model.Trees2;
import dev.weft.processor.resolution.Member;
import dev.weft.processor.resolution.NameResolver;
import dev.weft.processor.resolution.PrivateAccess;
import dev.weft.processor.resolution.PrivateAccess.FieldUse;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import com.palantir.javapoet.TypeName;
import javax.lang.model.util.ElementFilter;

/**
 * The printer's private members of the owner's nest, which the generated class reaches through
 * accessors ({@link PrivateAccess}): a private field read, written, compound-assigned or
 * incremented becomes a call of its accessor with the receiver; a call that may mean a private
 * method, or a creation that may use a private constructor, calls the mirrors of the overloads,
 * among which javac chooses as it did among the originals.
 */
abstract class PrivateMemberPrinter extends NamePrinter {
    PrivateMemberPrinter(Analysis analysis, NameResolver resolver, PrintMode mode, Exits exits,
            Map<Tree, Code> replacements) {
        super(analysis, resolver, mode, exits, replacements);
    }

    /** A private field that a variable expression denotes, with its receiver ({@code null}: static). */
    static final class PrivateField {
        final VariableElement field;
        final Tree where;
        final Code receiver;
        /** Whether the receiver may be evaluated twice: no side effects, and nothing runs in between. */
        final boolean stable;

        PrivateField(VariableElement field, Tree where, Code receiver, boolean stable) {
            this.field = field;
            this.where = where;
            this.receiver = receiver;
            this.stable = stable;
        }
    }

    private PrivateAccess access() {
        return resolver.privateAccess();
    }

    /** The private field {@code variable} denotes that generated code reaches through accessors, or null. */
    PrivateField privateField(ExpressionTree variable) {
        ExpressionTree v = Trees2.unparen(variable);
        if (v instanceof IdentifierTree) {
            String name = ((IdentifierTree) v).getName().toString();
            if (name.equals("this") || name.equals("super") || shadowedByClassMember(name)
                    || analysis.references.get(v) != null) {
                return null;
            }
            Member field = resolver.resolveField(name);
            if (field == null || field.importedAs != null || !access().throughAccessor(field.elements.get(0))) {
                return null;
            }
            VariableElement e = (VariableElement) field.elements.get(0);
            if (e.getModifiers().contains(Modifier.STATIC)) {
                return new PrivateField(e, v, null, true);
            }
            memberQualifier(v, field, name); // the checks of an instance member named simply
            return new PrivateField(e, v, Code.of(thisReplacement(v)), true);
        }
        if (!(v instanceof MemberSelectTree)) {
            return null;
        }
        MemberSelectTree ms = (MemberSelectTree) v;
        String name = ms.getIdentifier().toString();
        ExpressionTree target = ms.getExpression();
        if (name.equals("this") || name.equals("super") || name.equals("class") || Trees2.isSuper(target)) {
            return null;
        }
        TypeElement named = analysis.types.typeNamed(target, this::hidden);
        TypeElement type = named != null ? named : analysis.types.typeOf(target, this::hidden);
        if (type == null) {
            untypedReceiver(ms, target, name, false);
            return null;
        }
        VariableElement f = resolver.fieldOf(type, name);
        if (f == null || !access().throughAccessor(f)) {
            return null;
        }
        boolean isStatic = f.getModifiers().contains(Modifier.STATIC);
        if (named == null && isStatic) {
            throw new ProcessingFailure(ms, "Weft reaches the private static field " + name + " through its class:"
                    + " write " + type.getSimpleName() + "." + name + " instead of selecting it on a value");
        }
        if (isStatic) {
            return new PrivateField(f, ms, null, true);
        }
        return new PrivateField(f, ms, capture(() -> ambiguous(target)), stable(target));
    }

    /**
     * Refuses {@code target.name} where Weft cannot derive the type of {@code target} and a class of
     * the nest has a private member {@code name}: if the member is that one, generated code could not
     * reach it. (A type or package name on the left is no value: a name Weft does not know is left
     * to javac.)
     */
    private void untypedReceiver(Tree where, ExpressionTree target, String name, boolean method) {
        ExpressionTree t = Trees2.unparen(target);
        boolean value = !(t instanceof IdentifierTree || t instanceof MemberSelectTree) || analysis.suspends(t)
                || replacements.containsKey(t) || analysis.references.get(t) != null;
        if (value && access().nestDeclaresPrivate(name, method)) {
            throw new ProcessingFailure(where, "Weft cannot derive the type of the value '" + name + "' is selected on,"
                    + " and a class of this file has a private " + (method ? "method" : "field") + " '" + name + "'"
                    + " that generated code reaches only through an accessor: give the value a declared type first"
                    + " (a local variable of its type, or a lambda parameter with its type written)");
        }
    }

    /** Whether evaluating {@code e} twice in a row reads the same value and does nothing else. */
    private boolean stable(ExpressionTree e) {
        e = Trees2.unparen(e);
        if (replacements.containsKey(e)) {
            return true; // a lowered operand, held in a field or a temporary
        }
        if (e instanceof IdentifierTree) {
            return true;
        }
        return e instanceof MemberSelectTree && stable(((MemberSelectTree) e).getExpression());
    }

    private Code accessor(Tree where, String name, Code receiver, Object value) {
        Code.Builder b = new Code.Builder();
        b.add(qualifier(resolver.generated().className(resolver.owner()), where)).add('.').add(name).add('(');
        if (receiver != null) {
            b.add(receiver);
            if (value != null) {
                b.add(", ");
            }
        }
        if (value != null) {
            b.add(value);
        }
        return b.add(')').build();
    }

    @Override
    Code privateRead(ExpressionTree variable) {
        PrivateField f = privateField(variable);
        return f == null ? null : read(f);
    }

    Code read(PrivateField f) {
        return accessor(f.where, access().field(f.field, FieldUse.GET), f.receiver, null);
    }

    /**
     * {@code f = value}. A call converts its argument less than an assignment does: a constant
     * narrowed to {@code byte}, {@code short} or {@code char} (or to their boxes) is converted.
     */
    Code store(PrivateField f, Code value, ExpressionTree valueTree) {
        TypeMirror type = f.field.asType();
        TypeKind kind = type.getKind();
        TypeName name = TypeName.get(type).withoutAnnotations();
        boolean narrows = kind == TypeKind.BYTE || kind == TypeKind.SHORT || kind == TypeKind.CHAR
                || name.isBoxedPrimitive() && valueTree != null && analysis.constants.isConstant(valueTree)
                        && !name.unbox().equals(TypeName.INT);
        return accessor(f.where, access().field(f.field, FieldUse.SET), f.receiver,
                narrows ? converted(type, value) : value);
    }

    /** {@code f op= value}, as {@code set(o, (T) (get(o) op (value)))}: the receiver is read twice. */
    Code compound(PrivateField f, String op, Code value) {
        if (!f.stable) {
            throw new ProcessingFailure(f.where, "Weft reaches the private field " + f.field.getSimpleName()
                    + " through accessors and would evaluate this receiver twice for the compound assignment:"
                    + " assign the receiver to a local first");
        }
        Code combined = Code.of(read(f), " ", op, " (", value, ")");
        return accessor(f.where, access().field(f.field, FieldUse.SET), f.receiver, converted(f.field.asType(), combined));
    }

    /**
     * {@code value} converted to {@code type} as a compound assignment converts it (JLS 15.26.2):
     * {@code (int) (value)}; a box is reached through its primitive ({@code (Character) (char) (value)}):
     * a cast alone cannot box a value of another primitive type.
     */
    static Code converted(TypeMirror type, Code value) {
        TypeName t = TypeName.get(type).withoutAnnotations();
        if (t.isBoxedPrimitive()) {
            return Code.of("(", t, ") (", t.unbox(), ") (", value, ")");
        }
        return Code.of("(", t, ") (", value, ")");
    }

    /** {@code ++f}, {@code f--}...: one accessor each, which reads and writes the field once. */
    Code increment(PrivateField f, Tree.Kind kind) {
        FieldUse use = kind == Tree.Kind.PREFIX_INCREMENT ? FieldUse.PRE_INCREMENT
                : kind == Tree.Kind.PREFIX_DECREMENT ? FieldUse.PRE_DECREMENT
                : kind == Tree.Kind.POSTFIX_INCREMENT ? FieldUse.POST_INCREMENT : FieldUse.POST_DECREMENT;
        return accessor(f.where, access().field(f.field, use), f.receiver, null);
    }

    // ------------------------------------------------------------------ methods and constructors

    /**
     * Prints {@code mi} as a call of mirrors if it may mean a private method of the nest; returns
     * whether it did.
     */
    boolean mirroredCall(MethodInvocationTree mi) {
        ExpressionTree select = mi.getMethodSelect();
        String mirror;
        Code receiver;
        TypeElement declaring;
        if (select instanceof IdentifierTree) {
            String name = ((IdentifierTree) select).getName().toString();
            Member method = shadowedByClassMember(name) ? null : resolver.resolveMethod(name);
            if (method == null || method.importedAs != null || !access().needsMirrors(method.elements)) {
                return false;
            }
            memberQualifier(select, method.applicableTo(mi.getArguments().size()), name); // its checks
            boolean withReceiver = !method.allStatic() && analysis.selfName != null;
            declaring = method.scope;
            mirror = access().methods(method.scope, name, withReceiver);
            receiver = withReceiver ? Code.of(thisReplacement(select)) : null;
        } else if (select instanceof MemberSelectTree) {
            MemberSelectTree ms = (MemberSelectTree) select;
            ExpressionTree target = ms.getExpression();
            if (Trees2.isSuper(target)) {
                return false;
            }
            String name = ms.getIdentifier().toString();
            TypeElement named = analysis.types.typeNamed(target, this::hidden);
            TypeElement type = named != null ? named : analysis.types.typeOf(target, this::hidden);
            if (type == null) {
                untypedReceiver(ms, target, name, true);
                return false;
            }
            if (!access().needsMirrors(resolver.methodsOf(type, name))) {
                return false;
            }
            declaring = type;
            mirror = access().methods(type, name, named == null);
            receiver = named == null ? capture(() -> ambiguous(target)) : null;
        } else {
            return false;
        }
        if (!mi.getTypeArguments().isEmpty() && receiver != null && !declaring.getTypeParameters().isEmpty()) {
            throw new ProcessingFailure(mi, "Weft calls private methods of the generic class "
                    + declaring.getSimpleName() + " through accessors that declare its type parameters too: leave"
                    + " out the explicit type arguments of this call and let javac infer them");
        }
        sb.add(qualifier(resolver.generated().className(resolver.owner()), mi)).add('.');
        typeArguments(mi.getTypeArguments());
        sb.add(mirror).add('(');
        if (receiver != null) {
            sb.add(receiver);
            if (!mi.getArguments().isEmpty()) {
                sb.add(", ");
            }
        }
        argumentList(mi.getArguments());
        sb.add(')');
        return true;
    }

    /**
     * Prints {@code new T(...)} as a call of the mirrors of {@code T}'s constructors if one of them is
     * private; returns whether it did.
     */
    boolean mirroredCreation(NewClassTree nc) {
        if (nc.getEnclosingExpression() != null || nc.getClassBody() != null) {
            return false;
        }
        TypeElement type = analysis.types.typeOfTree(nc.getIdentifier(), this::hidden);
        if (type == null) {
            return false;
        }
        List<ExecutableElement> constructors = ElementFilter.constructorsIn(type.getEnclosedElements());
        if (!access().needsMirrors(constructors)) {
            return false;
        }
        if (!type.getModifiers().contains(Modifier.STATIC) && type.getNestingKind().isNested()
                && !type.getKind().isInterface() && type.getKind() != javax.lang.model.element.ElementKind.ENUM
                && type.getKind() != javax.lang.model.element.ElementKind.RECORD) {
            throw new ProcessingFailure(nc, "Weft cannot call the private constructor of the inner class "
                    + type.getSimpleName() + ": make the class static, or the constructor package-private");
        }
        if (!nc.getTypeArguments().isEmpty()) {
            throw new ProcessingFailure(nc, "Weft calls the private constructor of " + type.getSimpleName()
                    + " through an accessor: leave out the constructor's explicit type arguments");
        }
        Tree created = nc.getIdentifier();
        boolean raw = !(created instanceof ParameterizedTypeTree) && !type.getTypeParameters().isEmpty();
        if (raw) {
            sb.add("(").add(rawClassName(type)).add(") ");
        }
        sb.add(qualifier(resolver.generated().className(resolver.owner()), nc)).add('.');
        if (created instanceof ParameterizedTypeTree) {
            typeArguments(((ParameterizedTypeTree) created).getTypeArguments()); // empty for a diamond
        }
        sb.add(access().constructors(type));
        sb.add('(');
        argumentList(nc.getArguments());
        sb.add(')');
        return true;
    }

    private Object rawClassName(TypeElement type) {
        com.palantir.javapoet.TypeName name = className(type);
        return name instanceof com.palantir.javapoet.ParameterizedTypeName
                ? ((com.palantir.javapoet.ParameterizedTypeName) name).rawType() : name;
    }

    /** The arguments of a call, comma-separated, without parentheses. */
    abstract void argumentList(List<? extends ExpressionTree> args);

    /** Whether {@code member} is a private member generated code reaches through accessors. */
    boolean throughAccessor(Element member) {
        return access().throughAccessor(member);
    }
}
