package dev.weft.processor.validation;

import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.weft.processor.model.Problems;
import dev.weft.processor.model.Signatures;
import dev.weft.processor.resolution.Member;
import dev.weft.processor.resolution.GeneratedNames;
import dev.weft.processor.resolution.NameResolver;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The checks of a coroutine's declaration, before its body is looked at: the class that declares
 * it, the method (a body, not {@code synchronized}), the types its factory and frame must name,
 * the type parameters the frame declares together, and factories that would compete.
 */
public final class DeclarationChecks {
    private final NameResolver resolver;
    private final String generatedName;

    public DeclarationChecks(NameResolver resolver) {
        this.resolver = resolver;
        this.generatedName = GeneratedNames.simpleName(resolver.owner());
    }

    /** Whether Weft can compile the coroutines of the class at all; reports why not at {@code classTree}. */
    public boolean checkOwner(TypeElement owner, Tree classTree, Problems problems) {
        if (owner.getNestingKind() == NestingKind.LOCAL || owner.getNestingKind() == NestingKind.ANONYMOUS) {
            problems.report(classTree, "Weft cannot compile @Coroutine methods of a local or anonymous class; declare"
                    + " them in a top-level or member class");
            return false;
        }
        for (Element e = owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                problems.report(classTree, "Weft cannot compile @Coroutine methods of the private class "
                        + e.getSimpleName() + ": the generated class must reach it. Make it package-private");
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the coroutine gets a factory: not if it would compete with the factory of one of
     * the {@code earlier} coroutines of the class (reported), as calls of the name then reach the
     * other one and nothing else fails.
     */
    public boolean hasOwnFactory(ExecutableElement method, MethodTree tree, List<ExecutableElement> earlier,
            Problems problems) {
        ExecutableElement rival = rivalFactory(method, earlier);
        if (rival == null) {
            return true;
        }
        problems.report(tree, "the factory of this coroutine, " + generatedName + "."
                + Signatures.factorySignature(method) + ", takes as many arguments as the factory of "
                + Signatures.signature(rival) + " (an instance coroutine's factory takes its receiver first), so"
                + " calls could mean either; rename one of them");
        return false;
    }

    /** Checks one coroutine's declaration; returns whether its body can be analyzed. */
    public boolean checkMethod(ExecutableElement method, MethodTree tree, Problems problems) {
        if (tree == null || method.getModifiers().contains(Modifier.NATIVE)
                || tree.getBody() == null && !method.getModifiers().contains(Modifier.ABSTRACT)) {
            problems.report(tree, "a @Coroutine method needs a body (or, in an interface or abstract class, none:"
                    + " then every implementation is a @Coroutine method)");
            return false;
        }
        if (method.getModifiers().contains(Modifier.SYNCHRONIZED)) {
            problems.report(tree, "a @Coroutine method cannot be synchronized: it runs in steps between which other"
                    + " tasks run, and Weft never takes the monitor. Use dev.weft.Lock instead");
        }
        checkTypeParameters(method, tree, problems);
        checkNameable(method.getReturnType(), tree.getReturnType(), problems);
        for (int i = 0; i < method.getParameters().size(); i++) {
            VariableElement p = method.getParameters().get(i);
            VariableTree pt = tree.getParameters().get(i);
            checkNameable(p.asType(), pt, problems);
        }
        return true;
    }

    /** The frame declares the type parameters of the receiver's classes and of the method: no two may share a name. */
    private void checkTypeParameters(ExecutableElement method, MethodTree tree, Problems problems) {
        List<TypeParameterElement> params = new ArrayList<>();
        if (!method.getModifiers().contains(Modifier.STATIC)) {
            List<TypeElement> classes = resolver.instanceChain();
            for (int i = classes.size() - 1; i >= 0; i--) {
                params.addAll(classes.get(i).getTypeParameters());
            }
        }
        params.addAll(method.getTypeParameters());
        for (int i = 0; i < params.size(); i++) {
            TypeParameterElement tp = params.get(i);
            for (TypeParameterElement outer : params.subList(0, i)) {
                if (outer.getSimpleName().equals(tp.getSimpleName())) {
                    problems.report(tree, "the type parameter " + tp.getSimpleName() + " of "
                            + describe(method, tp.getGenericElement()) + " hides the one of "
                            + describe(method, outer.getGenericElement())
                            + ", and the generated class declares both; rename one of them");
                    return;
                }
            }
        }
    }

    private static String describe(ExecutableElement method, Element declaring) {
        return declaring.equals(method) ? "this coroutine" : declaring.getSimpleName().toString();
    }

    /** Generated code must be able to name a parameter's or result's type. */
    private void checkNameable(TypeMirror type, Tree where, Problems problems) {
        TypeElement hidden = resolver.visibility().privateTypeIn(type);
        if (hidden != null) {
            problems.report(where, "the type " + hidden.getSimpleName() + " is private; the generated class "
                    + generatedName + " cannot name it. Make it package-private");
        } else if (type.getKind() == TypeKind.ERROR) {
            problems.report(where, "the type " + type + " cannot be resolved");
        }
    }

    /**
     * A coroutine among {@code others} of the same name whose factory competes with the one of
     * {@code method}: one static, one instance, and a call with the same number of arguments fits
     * both factories. The methods never compete (a call of the instance method has one argument
     * less), but their factories would: generated calls of one could reach the other, or javac
     * rejects the two as the same signature. {@code null} if there is none.
     */
    private static ExecutableElement rivalFactory(ExecutableElement method, List<ExecutableElement> others) {
        for (ExecutableElement other : others) {
            boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
            if (!other.getSimpleName().equals(method.getSimpleName())
                    || other.getModifiers().contains(Modifier.STATIC) == isStatic) {
                continue;
            }
            ExecutableElement instance = isStatic ? other : method;
            ExecutableElement statik = isStatic ? method : other;
            int receiverAndParameters = instance.getParameters().size() + 1;
            for (int arity = 0; arity <= receiverAndParameters + statik.getParameters().size() + 1; arity++) {
                if (Member.acceptsArity(statik, arity)
                        && (instance.isVarArgs() ? arity >= receiverAndParameters - 1 : arity == receiverAndParameters)) {
                    return other;
                }
            }
        }
        return null;
    }
}
