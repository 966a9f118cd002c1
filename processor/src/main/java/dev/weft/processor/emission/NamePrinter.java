package dev.weft.processor.emission;

import dev.weft.processor.model.OwnCodeScanner;
import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.Messages;
import dev.weft.processor.model.ProcessingFailure;
import dev.weft.processor.model.Trees2;
import dev.weft.processor.resolution.Member;
import dev.weft.processor.resolution.NameResolver;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/**
 * The printer's names: locals (renamed, kept in fields, or snapshots in lambda and class bodies),
 * members of the user's classes qualified with the receiver or their class, constants by their
 * values, types where an expression may stand, {@code this}, and member selections.
 */
abstract class NamePrinter extends TypePrinter {
    NamePrinter(Analysis analysis, NameResolver resolver, PrintMode mode, Exits exits,
            Map<Tree, Code> replacements) {
        super(analysis, resolver, mode, exits, replacements);
    }

    /** An identifier in an expression: a local, a member, a static import, a type or a package. */
    void identifier(IdentifierTree id, boolean typeContext) {
        String name = id.getName().toString();
        if (name.equals("this")) {
            sb.add(insideClassBody() ? "this" : thisReplacement(id));
            return;
        }
        if (name.equals("super")) {
            if (insideClassBody()) {
                sb.add("super");
                return;
            }
            throw new ProcessingFailure(id, Messages.superCall());
        }
        if (shadowedByClassMember(name)) {
            // a member of an anonymous or local class body being printed (inherited ones included)
            sb.add(name);
            return;
        }
        if (!typeContext) {
            LocalVar local = analysis.references.get(id);
            if (local != null) {
                sb.add(localName(local));
                return;
            }
            Member field = resolver.resolveField(name);
            if (field != null) {
                sb.add(qualifiedField(id, field, name));
                return;
            }
        }
        if (analysis.typeVariables.contains(name) || analysis.localClasses.contains(name)) {
            sb.add(name);
            return;
        }
        TypeElement type = resolver.resolveMemberType(name);
        if (type == null) {
            type = resolver.resolveType(name); // named by the user's imports, package or java.lang
        }
        if (type != null) {
            sb.add(typeContext ? className(type) : qualifier(type, id));
            return;
        }
        if (!typeContext) {
            analysis.noteQualifier(name); // a type or package name as the user wrote it: a hoisted local may shadow it
        }
        sb.add(name);
    }

    /**
     * {@code type} where generated code writes it where an expression may stand (the {@code T}
     * of {@code T.field}). A variable of the same name would obscure it there (JLS 6.5.2): a local
     * of the coroutine is renamed instead ({@link Analysis#noteQualifier}); a member of a class
     * body being printed cannot be, so the type's canonical name is written.
     */
    Object qualifier(TypeElement type, Tree where) {
        TypeName name = className(type);
        return name instanceof ClassName ? qualifier((ClassName) name, where) : name.toString();
    }

    Object qualifier(com.palantir.javapoet.ClassName name, Tree where) {
        String top = name.topLevelClassName().simpleName();
        String canonical = name.canonicalName();
        if (shadowedByClassMember(top)) {
            if (shadowedByClassMember(firstSegment(canonical))) {
                throw new ProcessingFailure(where, "Weft cannot name " + canonical + " inside this class body: its"
                        + " member " + firstSegment(canonical) + " hides it in the generated code. Rename the member");
            }
            analysis.noteQualifier(firstSegment(canonical));
            return canonical;
        }
        // JavaPoet writes the top-level class's name, or qualifies it by its package
        analysis.noteQualifier(top);
        if (!name.packageName().isEmpty() && !name.packageName().equals(resolver.packageName())) {
            analysis.noteQualifier(firstSegment(name.packageName()));
        }
        return name;
    }

    private static String firstSegment(String dotted) {
        int dot = dotted.indexOf('.');
        return dot < 0 ? dotted : dotted.substring(0, dot);
    }

    String thisReplacement(Tree where) {
        String self = analysis.selfName;
        if (self == null) {
            throw new ProcessingFailure(where, Messages.thisInStatic());
        }
        return self;
    }

    private String localName(LocalVar local) {
        if (local.hoisted && !local.constant && captureDepth > 0 && mode == PrintMode.NATIVE) {
            // A field read from a lambda or class body would see later values of the field (a
            // loop's next iteration); Java captured the value, so capture a snapshot.
            captures.add(local);
            return analysis.snapshotName(local);
        }
        return local.emittedName;
    }

    /**
     * How generated code names a field that a simple name denotes: a constant by its value, any
     * other through its class if static, through the receiver otherwise.
     */
    private Code qualifiedField(Tree where, Member field, String name) {
        Element e = field.elements.get(0);
        Object constant = constantValue(e);
        if (constant != null && field.importedAs == null
                && (!e.getModifiers().contains(Modifier.STATIC) || !resolver.visibility().accessibleFromGenerated(e))) {
            // A constant field named simply is a constant, which javac inlines; read through the
            // receiver it would be none (no case label, no implicit narrowing), and a private one
            // the generated class could not read at all.
            return Code.of("(", resolver.constantExpression(constant), ")");
        }
        if (where instanceof IdentifierTree && resolver.privateAccess().throughAccessor(e)) {
            return privateRead((IdentifierTree) where);
        }
        return Code.of(memberQualifier(where, field, name), name);
    }

    /** A read of the private field {@code variable} denotes, through its accessor; {@code null} if none. */
    abstract Code privateRead(ExpressionTree variable);

    /**
     * {@code Type.} or {@code self.}: how generated code qualifies a field, or the methods of a
     * call, that a simple name denotes. Overloads applicable to a call may be both static and
     * instance methods: in a static coroutine only static ones can be meant; in an instance
     * coroutine the receiver reaches either.
     */
    Code memberQualifier(Tree where, Member member, String name) {
        if (member.importedAs != null) {
            TypeElement declaring = (TypeElement) member.elements.get(0).getEnclosingElement();
            return Code.of(qualifier(declaring, where), ".");
        }
        boolean someStatic = false;
        for (Element m : member.elements) {
            someStatic |= m.getModifiers().contains(Modifier.STATIC);
        }
        boolean isStatic = member.allStatic() || someStatic && analysis.selfName == null;
        if (!isStatic && someStatic && member.scope != resolver.owner()) {
            throw new ProcessingFailure(where, Messages.staticOrEnclosingInstance(name,
                    member.scope.getSimpleName().toString()));
        }
        if (isStatic) {
            return Code.of(qualifier(member.scope, where), ".");
        }
        if (member.scope == resolver.owner()) {
            return Code.of(thisReplacement(where), ".");
        }
        throw new ProcessingFailure(where, Messages.enclosingInstanceMember(name,
                resolver.owner().getSimpleName().toString(), member.scope.getSimpleName().toString()));
    }

    /** The value of a constant field (JLS 4.12.4), or {@code null}. */
    private static Object constantValue(Element field) {
        return field instanceof VariableElement ? ((VariableElement) field).getConstantValue() : null;
    }

    void memberSelect(MemberSelectTree ms) {
        String name = ms.getIdentifier().toString();
        ExpressionTree target = ms.getExpression();
        if (name.equals("this") || name.equals("super")) {
            // Outer.this / Outer.super
            TypeElement type = resolver.resolveTypeExpression(target);
            if (type != null && type.equals(resolver.owner()) && name.equals("this")) {
                // the coroutine's receiver, in the body as in a lambda or class body inside it
                sb.add(thisReplacement(ms));
                return;
            }
            if (insideClassBody() && (type == null || !type.equals(resolver.owner()))) {
                printType(target);
                sb.add('.').add(name);
                return;
            }
            throw new ProcessingFailure(ms, Messages.outerInstance(NameResolver.dotted(target) + "." + name));
        }
        if (name.equals("class")) {
            rawTypes = true;
            try {
                printType(target);
            } finally {
                rawTypes = false;
            }
            sb.add(".class");
            return;
        }
        if (Trees2.isSuper(target) && !insideClassBody()) {
            throw new ProcessingFailure(ms, Messages.superRead(name));
        }
        checkAnonymousMembers(target, ms, name);
        Code accessor = privateRead(ms);
        if (accessor != null) {
            sb.add(accessor);
            return;
        }
        ambiguous(target);
        sb.add('.').add(name);
    }

    /** A name that may be an expression, a type or a package (the left of a dot). */
    void ambiguous(ExpressionTree t) {
        Code replacement = replacements.get(t);
        if (replacement != null) {
            text(replacement);
        } else if (t instanceof IdentifierTree) {
            identifier((IdentifierTree) t, false);
        } else {
            expr(t);
        }
    }

    /**
     * Refuses {@code target.name} where {@code target} is typed by a witness (in a witness, or
     * in native code where lowered code replaces it or a part of it) and contains an anonymous
     * class creation whose class declares {@code name} itself: the witness types that class as its
     * supertype ({@link #anonymousClassWitness}), which has no such member.
     */
    void checkAnonymousMembers(ExpressionTree target, Tree where, String name) {
        if (mode == PrintMode.NATIVE && !replacesPartOf(target)) {
            return;
        }
        new OwnCodeScanner<Void, Void>() {
            @Override
            public Void visitNewClass(NewClassTree nc, Void p) {
                if (nc.getClassBody() != null && ownMemberNames(nc).contains(name)) {
                    throw new ProcessingFailure(where, "Weft types this expression again after a suspension and"
                            + " cannot name the anonymous class that declares '" + name + "'; declare a named class"
                            + " instead, or assign the instance to a local of that class before the await");
                }
                return super.visitNewClass(nc, p);
            }
        }.scan(target, null);
    }

    /** Whether lowered code replaces {@code tree} or a part of it. */
    private boolean replacesPartOf(Tree tree) {
        if (replacements.isEmpty()) {
            return false;
        }
        boolean[] found = {false};
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree t, Void p) {
                if (t != null && replacements.containsKey(t)) {
                    found[0] = true;
                }
                return found[0] ? null : super.scan(t, p);
            }
        }.scan(tree, null);
        return found[0];
    }

    /** The names of the members an anonymous class declares that its supertype lacks (all, if unknown). */
    private Set<String> ownMemberNames(NewClassTree nc) {
        Set<String> own = Trees2.memberNames(nc.getClassBody());
        Tree type = nc.getIdentifier() instanceof ParameterizedTypeTree
                ? ((ParameterizedTypeTree) nc.getIdentifier()).getType() : nc.getIdentifier();
        TypeElement supertype = type instanceof ExpressionTree ? resolver.resolveTypeExpression((ExpressionTree) type)
                : null;
        if (supertype != null) {
            own.removeAll(inheritedNames(supertype));
        }
        return own;
    }
}
