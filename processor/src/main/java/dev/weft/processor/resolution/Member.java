package dev.weft.processor.resolution;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * What a simple name of a coroutine body denotes when it is no local: a field, or the methods of
 * that name (all overloads: calls are resolved without types, by their number of arguments).
 */
public final class Member {
    /** The class of the lexical chain whose members include it. */
    public final TypeElement scope;
    public final List<Element> elements;
    /** For a static import: the qualified name to print instead of the simple name. */
    public final String importedAs;

    Member(TypeElement scope, List<Element> elements, String importedAs) {
        this.scope = scope;
        this.elements = elements;
        this.importedAs = importedAs;
    }

    /**
     * The methods among these that a call with {@code arity} arguments may mean (by their
     * number of parameters, variable arity included); this member if none does, so that
     * javac reports the user's call.
     */
    public Member applicableTo(int arity) {
        List<Element> applicable = applicable(elements, arity);
        return applicable.isEmpty() || applicable.size() == elements.size() ? this
                : new Member(scope, applicable, importedAs);
    }

    public boolean allStatic() {
        for (Element e : elements) {
            if (!e.getModifiers().contains(Modifier.STATIC)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a call with {@code arity} arguments can mean {@code method}, by its number of parameters. */
    public static boolean acceptsArity(ExecutableElement method, int arity) {
        int declared = method.getParameters().size();
        return method.isVarArgs() ? arity >= declared - 1 : arity == declared;
    }

    /** The methods among {@code candidates} that a call with {@code arity} arguments may mean. */
    public static List<Element> applicable(List<? extends Element> candidates, int arity) {
        List<Element> applicable = new ArrayList<>();
        for (Element e : candidates) {
            if (!(e instanceof ExecutableElement) || acceptsArity((ExecutableElement) e, arity)) {
                applicable.add(e);
            }
        }
        return applicable;
    }
}
