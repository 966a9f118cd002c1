package dev.weft.processor;

import dev.weft.processor.model.Signatures;
import dev.weft.processor.resolution.NameResolver;
import dev.weft.processor.resolution.VirtualCoroutines;

import com.google.auto.service.AutoService;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Rejects overriding that mixes {@code @Coroutine} and plain methods. Coroutines are virtual: a
 * call of an overridable {@code @Coroutine} method runs the override of the receiver's run-time
 * class, which must be a coroutine too ({@code VirtualCoroutines}). So:
 * <ul>
 *   <li>a plain method may not override (or implement) a {@code @Coroutine} method, and no
 *       lambda or method reference may implement one: callers would run it as a coroutine it is not;
 *   <li>a {@code @Coroutine} method may not override (or implement) a plain method (such as
 *       {@code Object.toString()}), and a class may not inherit one as the implementation of a
 *       plain interface method, nor a plain method as the implementation of a {@code @Coroutine}
 *       one: callers of the plain method would run the coroutine outside the event loop.
 * </ul>
 * Static methods (hiding is bound by name, as coroutine calls are) and private ones (never
 * overridden) are not concerned. Every class of the compilation is checked once: in the rounds
 * javac calls this processor in (it supports all annotations and claims none), or once javac has
 * analyzed it (see {@link AfterAnalysis}), which is also when local and anonymous classes get
 * elements and lambdas their types. Only classes whose supertypes (outside {@code java.*} and
 * {@code javax.*}) declare {@code @Coroutine} methods are looked at closely; what each type's
 * supertypes declare is kept.
 */
@AutoService(Processor.class)
public final class OverrideCheck extends EveryClassCheck {
    /** The overridable {@code @Coroutine} methods of each type's proper supertypes, by name. */
    private final Map<TypeElement, Map<String, List<ExecutableElement>>> coroutinesAbove = new HashMap<>();
    /** The classes checked: in the rounds that javac calls this processor in, or once analyzed. */
    private final Set<TypeElement> checked = new HashSet<>();
    private Elements elements;
    private Types types;


    @Override
    protected void start(ProcessingEnvironment env) {
        elements = env.getElementUtils();
        types = env.getTypeUtils();
        // (in a wrapped environment only the rounds check; CoroutineProcessor reports that it cannot run)
        AfterAnalysis.listen(env, this::checkAnalyzed);
    }

    @Override
    protected void check(RoundEnvironment round) {
        for (Element root : round.getRootElements()) {
            if (root instanceof TypeElement) {
                try {
                    checkWithMembers((TypeElement) root);
                } catch (RuntimeException bug) {
                    warnBug(bug, root);
                }
            }
        }
    }

    private void checkWithMembers(TypeElement type) {
        if (AfterAnalysis.isGeneratedByWeft(type)) {
            return;
        }
        checkOnce(type);
        for (TypeElement member : ElementFilter.typesIn(type.getEnclosedElements())) {
            checkWithMembers(member);
        }
    }

    /** Checks every class declared in an analyzed class, local and anonymous ones included. */
    private void checkAnalyzed(TreePath analyzed, Trees trees) {
        try {
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitClass(ClassTree node, Void p) {
                    Element e = trees.getElement(getCurrentPath());
                    if (e instanceof TypeElement) {
                        checkOnce((TypeElement) e);
                    }
                    return super.visitClass(node, p);
                }

                @Override
                public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
                    checkFunction(node, trees.getTypeMirror(getCurrentPath()), trees, analyzed);
                    return super.visitLambdaExpression(node, p);
                }

                @Override
                public Void visitMemberReference(MemberReferenceTree node, Void p) {
                    checkFunction(node, trees.getTypeMirror(getCurrentPath()), trees, analyzed);
                    return super.visitMemberReference(node, p);
                }
            }.scan(analyzed, null);
        } catch (RuntimeException bug) {
            warnBug(bug, trees.getElement(analyzed));
        }
    }

    /** A lambda or method reference whose functional interface's method is a {@code @Coroutine} method. */
    private void checkFunction(Tree function, TypeMirror type, Trees trees, TreePath analyzed) {
        if (!(type instanceof DeclaredType)) {
            return;
        }
        TypeElement iface = (TypeElement) ((DeclaredType) type).asElement();
        for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(iface))) {
            if (m.getModifiers().contains(Modifier.ABSTRACT) && NameResolver.isCoroutine(m)) {
                trees.printMessage(Diagnostic.Kind.ERROR, "a lambda or method reference cannot implement the"
                        + " @Coroutine method " + describe(m) + ": its body is plain code. Implement "
                        + iface.getSimpleName() + " with a class whose " + m.getSimpleName() + " is a @Coroutine"
                        + " method", function, analyzed.getCompilationUnit());
                return;
            }
        }
    }

    private void checkOnce(TypeElement type) {
        if (checked.add(type)) {
            check(type);
        }
    }

    private void warnBug(RuntimeException bug, Element where) {
        // a check that fails must not crash javac
        processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING,
                "Weft could not check this class for methods overriding @Coroutine methods: " + bug, where);
    }

    private void check(TypeElement type) {
        Map<String, List<ExecutableElement>> above = coroutinesAbove(type);
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (!overridable(method)) {
                continue;
            }
            ExecutableElement coroutine = overridden(method, type, above.getOrDefault(method.getSimpleName().toString(),
                    List.of()));
            if (coroutine != null) {
                if (!NameResolver.isCoroutine(method) && !coroutine.getModifiers().contains(Modifier.FINAL)) {
                    // (overriding a final method: javac reports that one)
                    error(method, "this plain method overrides the @Coroutine method " + describe(coroutine) + ":"
                            + " a call of " + method.getSimpleName() + " inside a coroutine runs the receiver's override"
                            + " as a coroutine. Mark it @Coroutine too, or rename it");
                }
            } else if (NameResolver.isCoroutine(method)) {
                ExecutableElement plain = overridden(method, type, methodsAbove(type, method.getSimpleName(), null));
                if (plain != null) {
                    error(method, "a @Coroutine method cannot override the plain method " + describe(plain) + ": a"
                            + " call through " + plain.getEnclosingElement().getSimpleName() + "."
                            + plain.getSimpleName() + " is a plain call and would run this body outside the event loop."
                            + (isObjectMethod(plain) ? " The methods of Object stay plain: give this coroutine another"
                                    + " name" : " Mark " + describe(plain) + " @Coroutine too, or give this method"
                                    + " another name"));
                }
            }
        }
        if (!above.isEmpty() && !type.getKind().isInterface()) {
            checkInheritedImplementations(type, above);
        }
    }

    private static boolean isObjectMethod(ExecutableElement m) {
        return ((TypeElement) m.getEnclosingElement()).getQualifiedName().contentEquals("java.lang.Object");
    }

    /**
     * A method a class inherits from a superclass may implement a method of an interface the class
     * adds: a {@code @Coroutine} one a plain interface method (callers of the interface method would
     * run the coroutine as plain Java), or a plain one a {@code @Coroutine} interface method (a
     * coroutine call of it would find no coroutine).
     */
    private void checkInheritedImplementations(TypeElement type, Map<String, List<ExecutableElement>> above) {
        List<ExecutableElement> own = ElementFilter.methodsIn(type.getEnclosedElements());
        for (List<ExecutableElement> named : above.values()) {
            for (ExecutableElement coroutine : named) {
                TypeElement declaring = (TypeElement) coroutine.getEnclosingElement();
                if (overriddenByOwn(coroutine, type, own)) {
                    continue; // an own method overriding the coroutine is reported itself
                }
                if (!declaring.getKind().isClass()) {
                    ExecutableElement plain = inheritedPlainImplementation(type, coroutine);
                    if (plain != null) {
                        error(type, type.getSimpleName() + " inherits the plain method " + describe(plain) + " as its"
                                + " implementation of the @Coroutine method " + describe(coroutine) + ": a coroutine"
                                + " call of it would find no coroutine. Override it with a @Coroutine method, or mark "
                                + describe(plain) + " @Coroutine");
                        return;
                    }
                    continue; // an inherited default method competing with another: javac reports it
                }
                ExecutableElement implemented = overridden(coroutine, type,
                        plainOnly(methodsAbove(type, coroutine.getSimpleName(), declaring)));
                if (implemented != null) {
                    error(type, type.getSimpleName() + " inherits the @Coroutine method " + describe(coroutine)
                            + " as its implementation of the plain method " + describe(implemented) + ": a call"
                            + " through " + implemented.getEnclosingElement().getSimpleName() + "."
                            + implemented.getSimpleName() + " is a plain call and would run the coroutine outside the"
                            + " event loop. Mark " + describe(implemented) + " @Coroutine too, or rename one of them");
                    return;
                }
            }
        }
    }

    /** A plain method of a superclass that implements the interface coroutine {@code coroutine} in {@code type}. */
    private ExecutableElement inheritedPlainImplementation(TypeElement type, ExecutableElement coroutine) {
        for (ExecutableElement m : methodsAbove(type, coroutine.getSimpleName(), null)) {
            if (((TypeElement) m.getEnclosingElement()).getKind().isClass() && !NameResolver.isCoroutine(m)
                    && !m.getModifiers().contains(Modifier.ABSTRACT) && elements.overrides(m, coroutine, type)) {
                return m;
            }
        }
        return null;
    }

    private static List<ExecutableElement> plainOnly(List<ExecutableElement> methods) {
        List<ExecutableElement> plain = new ArrayList<>();
        for (ExecutableElement m : methods) {
            if (!NameResolver.isCoroutine(m)) {
                plain.add(m);
            }
        }
        return plain;
    }

    private boolean overriddenByOwn(ExecutableElement coroutine, TypeElement type, List<ExecutableElement> own) {
        for (ExecutableElement m : own) {
            if (m.getSimpleName().equals(coroutine.getSimpleName()) && elements.overrides(m, coroutine, type)) {
                return true;
            }
        }
        return false;
    }

    /** The first of {@code candidates} that {@code method}, as a member of {@code type}, overrides. */
    private ExecutableElement overridden(ExecutableElement method, TypeElement type,
            List<ExecutableElement> candidates) {
        for (ExecutableElement candidate : candidates) {
            if (!candidate.equals(method) && elements.overrides(method, candidate, type)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The instance methods named {@code name} of all proper supertypes of {@code type}, nearest
     * first, except those of {@code skip} and its supertypes.
     */
    private List<ExecutableElement> methodsAbove(TypeElement type, CharSequence name, TypeElement skip) {
        List<ExecutableElement> found = new ArrayList<>();
        Set<TypeElement> seen = new HashSet<>();
        List<TypeElement> queue = new ArrayList<>(directSupertypes(type));
        for (int i = 0; i < queue.size(); i++) {
            TypeElement t = queue.get(i);
            if (!seen.add(t) || skip != null
                    && types.isSubtype(types.erasure(skip.asType()), types.erasure(t.asType()))) {
                continue;
            }
            for (ExecutableElement m : ElementFilter.methodsIn(t.getEnclosedElements())) {
                if (m.getSimpleName().contentEquals(name) && overridable(m)) {
                    found.add(m);
                }
            }
            queue.addAll(directSupertypes(t));
        }
        return found;
    }

    /**
     * The overridable {@code @Coroutine} methods declared in the proper supertypes of
     * {@code type}, by name; {@code java.*} and {@code javax.*} declare none.
     */
    private Map<String, List<ExecutableElement>> coroutinesAbove(TypeElement type) {
        Map<String, List<ExecutableElement>> known = coroutinesAbove.get(type);
        if (known != null) {
            return known;
        }
        Map<String, List<ExecutableElement>> found = new LinkedHashMap<>();
        for (TypeElement s : directSupertypes(type)) {
            String pkg = elements.getPackageOf(s).getQualifiedName().toString();
            if (pkg.startsWith("java.") || pkg.startsWith("javax.")) {
                continue;
            }
            for (ExecutableElement m : ElementFilter.methodsIn(s.getEnclosedElements())) {
                if (overridable(m) && NameResolver.isCoroutine(m)) {
                    add(found, m);
                }
            }
            for (List<ExecutableElement> inherited : coroutinesAbove(s).values()) {
                for (ExecutableElement m : inherited) {
                    add(found, m);
                }
            }
        }
        Map<String, List<ExecutableElement>> result = found.isEmpty() ? Map.of() : found;
        coroutinesAbove.put(type, result);
        return result;
    }

    private static void add(Map<String, List<ExecutableElement>> byName, ExecutableElement m) {
        List<ExecutableElement> list = byName.computeIfAbsent(m.getSimpleName().toString(), k -> new ArrayList<>());
        if (!list.contains(m)) {
            list.add(m);
        }
    }

    private List<TypeElement> directSupertypes(TypeElement type) {
        return VirtualCoroutines.directSupertypes(types, type);
    }

    /** Instance methods that are not private: those that can override and be overridden. */
    private static boolean overridable(ExecutableElement m) {
        return !m.getModifiers().contains(Modifier.STATIC) && !m.getModifiers().contains(Modifier.PRIVATE);
    }

    /** {@code Base.m(int)}. */
    private static String describe(ExecutableElement m) {
        return m.getEnclosingElement().getSimpleName() + "." + Signatures.signature(m);
    }

    private void error(Element where, String message) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, where);
    }
}
