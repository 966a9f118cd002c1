package dev.weft.processor;

import dev.weft.processor.model.Signatures;
import dev.weft.processor.resolution.GeneratedNames;
import dev.weft.processor.resolution.NameResolver;

import com.google.auto.service.AutoService;
import com.sun.source.tree.ClassTree;
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
import javax.lang.model.element.Name;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Rejects overriding in either direction across a {@code @Coroutine} method. A coroutine call
 * ({@code m()}, {@code this.m()}, {@code x.m()}) is compiled to the factory of the class that
 * declares {@code m}, so it always runs that class's body: there is no virtual dispatch for
 * coroutines, and the processor of a class cannot know the subclasses compiled elsewhere. So:
 * <ul>
 *   <li>a {@code @Coroutine} method may not override (or implement) a method of a supertype, and
 *       a class may not inherit one as the implementation of an interface method: callers of the
 *       supertype's method would run the coroutine as a plain method;
 *   <li>no method may override a {@code @Coroutine} method: coroutine calls would never run it.
 * </ul>
 * Static methods (hiding is bound by name, as coroutine calls are) and private ones (never
 * overridden) are not concerned. Every class of the compilation is checked once: in the rounds
 * javac calls this processor in (it supports all annotations and claims none), or once javac has
 * analyzed it (see {@link AfterAnalysis}), which is also when local and anonymous classes get
 * elements. Only classes whose supertypes (outside {@code java.*} and {@code javax.*}) declare
 * {@code @Coroutine} methods are looked at closely; what each type's supertypes declare is kept.
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
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        elements = env.getElementUtils();
        types = env.getTypeUtils();
        // (in a wrapped environment only the rounds check; CoroutineProcessor reports that it cannot run)
        AfterAnalysis.listen(env, this::checkAnalyzed);
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element root : round.getRootElements()) {
            if (root instanceof TypeElement) {
                try {
                    checkWithMembers((TypeElement) root);
                } catch (RuntimeException bug) {
                    warnBug(bug, root);
                }
            }
        }
        return false;
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
            }.scan(analyzed, null);
        } catch (RuntimeException bug) {
            warnBug(bug, trees.getElement(analyzed));
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
                if (!coroutine.getModifiers().contains(Modifier.FINAL)) { // javac reports that one
                    Name base = coroutine.getEnclosingElement().getSimpleName();
                    error(method, "this method overrides the @Coroutine method " + describe(coroutine) + ", but"
                            + " coroutine calls are bound to the declaring class when compiled: a call of "
                            + method.getSimpleName() + " always runs " + base + "'s body, never this one. Rename this"
                            + " method. " + dispatchHint(type, method));
                }
            } else if (NameResolver.isCoroutine(method)) {
                ExecutableElement plain = overridden(method, type, methodsAbove(type, method.getSimpleName(), null));
                if (plain != null) {
                    error(method, "a @Coroutine method cannot override " + describe(plain) + ": a call through "
                            + plain.getEnclosingElement().getSimpleName() + "." + plain.getSimpleName() + " is a"
                            + " plain call and would run this body outside the event loop, and coroutine calls are"
                            + " bound to the declaring class when compiled. Give this method another name. "
                            + dispatchHint(type, method));
                }
            }
        }
        if (!above.isEmpty() && !type.getKind().isInterface()) {
            checkInheritedImplementations(type, above);
        }
    }

    /** How to get dispatch by the receiver's class without overriding a coroutine. */
    private static String dispatchHint(TypeElement type, ExecutableElement method) {
        String example = type.getNestingKind().isNested() && type.getNestingKind() != NestingKind.MEMBER ? ""
                : " (here: return " + GeneratedNames.simpleName(type) + "." + method.getSimpleName()
                        + "Body(this, ...))";
        return "For a coroutine chosen by the receiver's class, declare a plain method returning CoroutineFrame<R>"
                + " that each class overrides to return the coroutine object of its own @Coroutine method" + example
                + ", and await it";
    }

    /**
     * A {@code @Coroutine} method a class inherits from a superclass may implement a method of an
     * interface the class adds: callers of the interface method would run the coroutine as plain
     * Java.
     */
    private void checkInheritedImplementations(TypeElement type, Map<String, List<ExecutableElement>> above) {
        List<ExecutableElement> own = ElementFilter.methodsIn(type.getEnclosedElements());
        for (List<ExecutableElement> named : above.values()) {
            for (ExecutableElement coroutine : named) {
                TypeElement declaring = (TypeElement) coroutine.getEnclosingElement();
                if (!declaring.getKind().isClass() || overriddenByOwn(coroutine, type, own)) {
                    // an inherited default method competing with another: javac reports it; an
                    // own method overriding the coroutine is reported itself
                    continue;
                }
                ExecutableElement implemented = overridden(coroutine, type,
                        methodsAbove(type, coroutine.getSimpleName(), declaring));
                if (implemented != null) {
                    error(type, type.getSimpleName() + " inherits the @Coroutine method " + describe(coroutine)
                            + " as its implementation of " + describe(implemented) + ": a call through "
                            + implemented.getEnclosingElement().getSimpleName() + "." + implemented.getSimpleName()
                            + " is a plain call and would run the coroutine outside the event loop. Rename one of"
                            + " them");
                    return;
                }
            }
        }
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
        List<TypeElement> result = new ArrayList<>();
        for (TypeMirror s : types.directSupertypes(type.asType())) {
            if (s.getKind() == TypeKind.DECLARED) { // not a type javac could not find
                result.add((TypeElement) ((DeclaredType) s).asElement());
            }
        }
        return result;
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
