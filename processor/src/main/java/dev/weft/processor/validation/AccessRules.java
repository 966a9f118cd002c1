package dev.weft.processor.validation;

import com.sun.source.tree.Tree;
import dev.weft.processor.model.Problems;
import dev.weft.processor.resolution.Member;
import dev.weft.processor.resolution.GeneratedNames;
import dev.weft.processor.resolution.NameResolver;
import dev.weft.processor.resolution.PrivateAccess;
import dev.weft.processor.resolution.Visibility;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Whether the generated class can reach what a coroutine's code names: it is another class of
 * the owner's package, so protected members inherited from other packages and private types of
 * the file are out of its reach; private fields, methods and constructors of the nest are reached
 * through accessors ({@link PrivateAccess}), except by method references. A member the owner's
 * code cannot use either is left to javac, which reports the user's code.
 */
final class AccessRules {
    private final NameResolver resolver;
    private final Problems problems;
    private final Set<Element> reported = new HashSet<>();

    AccessRules(NameResolver resolver, Problems problems) {
        this.resolver = resolver;
        this.problems = problems;
    }

    /**
     * Reports {@code member} unless the generated class can reach it. Each unreachable member is
     * reported once, where the coroutine first uses it: one fix (its declaration) serves every use.
     */
    void check(Tree where, Element member) {
        Visibility visibility = resolver.visibility();
        if (throughAccessor(where, member)) {
            return;
        }
        if (!visibility.accessibleFromGenerated(member) && visibility.accessibleFromOwner(member)) {
            report(where, cause(member));
        }
    }

    /**
     * Whether generated code reaches {@code member} through an accessor ({@link PrivateAccess}); a
     * private type in its signature, which no accessor can name, is reported.
     */
    private boolean throughAccessor(Tree where, Element member) {
        PrivateAccess access = resolver.privateAccess();
        if (!access.throughAccessor(member)) {
            return false;
        }
        TypeElement hidden = access.privateTypeInSignature(member);
        if (hidden != null) {
            report(where, hidden);
        }
        return true;
    }

    /** The private class a member is out of reach through, if any; else the member itself. */
    private static Element cause(Element member) {
        for (Element e = member.getEnclosingElement(); e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                return e;
            }
        }
        return member;
    }

    private void report(Tree where, Element unreachable) {
        if (reported.add(unreachable)) {
            problems.report(where, unreachable(unreachable));
        }
    }

    /**
     * Reports the methods (or constructors) a call with {@code arity} arguments ({@code -1}:
     * unknown, a method reference) may mean, those the owner's code can use, unless the generated
     * class can reach them. Without types the processor cannot tell overloads of the same arity
     * apart: if only some of them are reachable, the call is refused too. Private ones of the nest
     * are reached through mirrors ({@link PrivateAccess}), except by a method reference.
     */
    void check(Tree where, List<? extends Element> candidates, int arity) {
        List<Element> applicable = new ArrayList<>();
        for (Element e : candidates) {
            if (e instanceof ExecutableElement && (arity < 0 || Member.acceptsArity((ExecutableElement) e, arity))
                    && resolver.visibility().accessibleFromOwner(e)) {
                applicable.add(e);
            }
        }
        Element unreachable = null;
        boolean anyReachable = false;
        for (Element e : applicable) {
            if (arity >= 0 && throughAccessor(where, e)) {
                anyReachable = true; // a mirror calls it: javac chooses among the mirrors as among the originals
            } else if (resolver.visibility().accessibleFromGenerated(e)) {
                anyReachable = true;
            } else if (unreachable == null) {
                unreachable = e;
            }
        }
        if (unreachable == null) {
            return;
        }
        if (!anyReachable) {
            report(where, cause(unreachable));
            return;
        }
        problems.report(where, "Weft cannot tell which overload of " + describe(unreachable) + " this means: it"
                + " resolves calls without types, and the generated class "
                + GeneratedNames.simpleName(resolver.owner()) + " can reach some of them but not the "
                + modifier(unreachable) + " one. Make them all package-private, or rename one of them");
    }

    private String unreachable(Element member) {
        String text = "Weft cannot reach the " + modifier(member) + " " + describe(member)
                + " from the generated class " + GeneratedNames.simpleName(resolver.owner())
                + " (a separate class in package '" + resolver.packageName() + "'); ";
        Element declaring = member.getEnclosingElement();
        if (member.getKind() == ElementKind.FIELD && declaring.getKind() == ElementKind.RECORD
                && isRecordComponent((TypeElement) declaring, member.getSimpleName().toString())) {
            return text + "read it through its accessor " + member.getSimpleName() + "() instead";
        }
        if (member.getModifiers().contains(Modifier.PRIVATE) && (member.getKind() == ElementKind.METHOD
                || member.getKind() == ElementKind.CONSTRUCTOR)) {
            return text + "a method or constructor reference cannot be reached through an accessor; write a lambda"
                    + " that calls it instead";
        }
        if (member.getModifiers().contains(Modifier.PRIVATE)) {
            return text + "make it package-private (remove 'private')";
        }
        return text + "reach it through a package-private method of " + resolver.owner().getSimpleName()
                + " that uses it";
    }

    private static boolean isRecordComponent(TypeElement record, String name) {
        for (Element component : record.getRecordComponents()) {
            if (component.getSimpleName().contentEquals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String modifier(Element member) {
        Set<Modifier> m = member.getModifiers();
        return m.contains(Modifier.PRIVATE) ? "private"
                : m.contains(Modifier.PROTECTED) ? "protected" : "package-private";
    }

    /** {@code field T.x}, {@code method T.m}, {@code constructor of T}, {@code type T.H}. */
    private static String describe(Element member) {
        String owner = member.getEnclosingElement().getSimpleName().toString();
        switch (member.getKind()) {
            case CONSTRUCTOR:
                return "constructor of " + owner;
            case METHOD:
                return "method " + owner + "." + member.getSimpleName();
            case FIELD:
            case ENUM_CONSTANT:
                return "field " + owner + "." + member.getSimpleName();
            default:
                return "type " + owner + "." + member.getSimpleName();
        }
    }
}
