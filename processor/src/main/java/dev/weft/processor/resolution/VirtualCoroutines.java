package dev.weft.processor.resolution;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Which coroutines are virtual and how their dispatch is named. A {@code @Coroutine} instance
 * method that can be overridden (not private, not final, in a class that is not final: abstract
 * and interface methods too), or that overrides another {@code @Coroutine} method, is called
 * through the dispatch table of each <em>root</em> it overrides: a {@code @Coroutine} method
 * that overrides no other one. The root's generated class declares the table
 * ({@code fetch$overrides}) and the interface implementations create coroutine objects through
 * ({@code FetchOverride}); both names follow from the root alone, so that overrides compiled
 * separately (another compilation, a library jar) name them the same.
 */
public final class VirtualCoroutines {
    private final Elements elements;
    private final Types types;

    public VirtualCoroutines(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /** Whether calls of the coroutine {@code m} dispatch on the receiver's run-time class. */
    public boolean isVirtual(ExecutableElement m) {
        Set<Modifier> mods = m.getModifiers();
        if (mods.contains(Modifier.STATIC) || mods.contains(Modifier.PRIVATE)) {
            return false;
        }
        TypeElement owner = (TypeElement) m.getEnclosingElement();
        boolean overridable = !mods.contains(Modifier.FINAL) && !owner.getModifiers().contains(Modifier.FINAL)
                && owner.getKind() != ElementKind.RECORD && owner.getKind() != ElementKind.ENUM;
        return overridable || !overriddenCoroutines(m).isEmpty();
    }

    /** The roots {@code m} overrides ({@code m} itself if it overrides no coroutine), in a stable order. */
    public List<ExecutableElement> roots(ExecutableElement m) {
        Set<ExecutableElement> roots = new LinkedHashSet<>();
        collectRoots(m, roots, new HashSet<>());
        return new ArrayList<>(roots);
    }

    private void collectRoots(ExecutableElement m, Set<ExecutableElement> roots, Set<ExecutableElement> seen) {
        if (!seen.add(m)) {
            return;
        }
        List<ExecutableElement> above = overriddenCoroutines(m);
        if (above.isEmpty()) {
            roots.add(m);
        }
        for (ExecutableElement a : above) {
            collectRoots(a, roots, seen);
        }
    }

    /** The {@code @Coroutine} methods of proper supertypes that {@code m} overrides directly or not. */
    public List<ExecutableElement> overriddenCoroutines(ExecutableElement m) {
        TypeElement owner = (TypeElement) m.getEnclosingElement();
        List<ExecutableElement> found = new ArrayList<>();
        Set<TypeElement> visited = new HashSet<>();
        List<TypeElement> queue = new ArrayList<>(directSupertypes(types, owner));
        for (int i = 0; i < queue.size(); i++) {
            TypeElement t = queue.get(i);
            if (!visited.add(t)) {
                continue;
            }
            for (ExecutableElement candidate : ElementFilter.methodsIn(t.getEnclosedElements())) {
                if (candidate.getSimpleName().equals(m.getSimpleName()) && NameResolver.isCoroutine(candidate)
                        && !candidate.getModifiers().contains(Modifier.STATIC)
                        && !candidate.getModifiers().contains(Modifier.PRIVATE)
                        && elements.overrides(m, candidate, owner)) {
                    found.add(candidate);
                }
            }
            queue.addAll(directSupertypes(types, t));
        }
        return found;
    }

    /** The classes and interfaces {@code type} directly extends or implements (those javac could find). */
    public static List<TypeElement> directSupertypes(Types types, TypeElement type) {
        List<TypeElement> result = new ArrayList<>();
        for (TypeMirror s : types.directSupertypes(type.asType())) {
            if (s.getKind() == TypeKind.DECLARED) {
                result.add((TypeElement) ((DeclaredType) s).asElement());
            }
        }
        return result;
    }

    /** {@code FetchOverride}: the interface through which implementations of the root create coroutine objects. */
    public static String implementationInterface(ExecutableElement root) {
        String name = root.getSimpleName().toString();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Override" + suffix(root);
    }

    /** {@code fetch$overrides}: the root's dispatch table. */
    public static String table(ExecutableElement root) {
        return root.getSimpleName() + "$overrides" + suffix(root);
    }

    /** {@code fetch$frame}: the method that creates a virtual coroutine's own coroutine object. */
    public static String creation(ExecutableElement m) {
        return m.getSimpleName() + "$frame";
    }

    /**
     * Among the {@code @Coroutine} instance methods of the root's class with the root's name, the
     * root's position (from 2), or nothing for the first: overloads get their own tables.
     */
    private static String suffix(ExecutableElement root) {
        int index = 0;
        for (ExecutableElement m : ElementFilter.methodsIn(root.getEnclosingElement().getEnclosedElements())) {
            if (m.equals(root)) {
                break;
            }
            if (m.getSimpleName().equals(root.getSimpleName()) && NameResolver.isCoroutine(m)
                    && !m.getModifiers().contains(Modifier.STATIC)) {
                index++;
            }
        }
        return index == 0 ? "" : String.valueOf(index + 1);
    }
}
