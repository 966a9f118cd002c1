package dev.weft;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The overrides of one overridable {@code @Coroutine} method, by class, for the generated code: a
 * call {@code x.fetch(url)} inside a coroutine becomes {@code FetcherCoroutines.fetch(x, url)},
 * which asks this table for the implementation of {@code x}'s run-time class and creates that
 * implementation's coroutine object, which the caller then runs inline, as any coroutine call.
 *
 * <p>Every class whose generated class declares {@code @Coroutine} overrides (or a default body)
 * has a nested {@code Overrides} class there that registers its implementations when it is
 * initialized. The table finds them from the run-time class alone, so overrides compiled
 * separately, in another module or a library jar, are found too: for the receiver's class and
 * then its superclasses, and then its interfaces (for default bodies), it initializes
 * {@code <package>.<Outer_Inner>Coroutines$Overrides} if there is one and takes what it
 * registered. A class that declares the method itself but registered nothing (it was compiled
 * without Weft, or its method is not {@code @Coroutine}) is an error: running an inherited body
 * instead would silently differ from Java.
 *
 * <p>A call costs a class comparison with the last two receivers' classes seen here; another
 * class costs a {@link ClassValue} lookup. Nothing is allocated after the first call of each class.
 *
 * @param <I> the generated interface through which implementations create coroutine objects
 */
public final class Dispatch<I> {
    /** One class and its implementation: published as one object, so a reader sees both or neither. */
    private static final class Entry<I> {
        final Class<?> type;
        final I implementation;

        Entry(Class<?> type, I implementation) {
            this.type = type;
            this.implementation = implementation;
        }
    }

    private final Class<?> declaring;
    private final String name;
    private final Class<?>[] parameterTypes;
    private final Map<Class<?>, I> registered = new ConcurrentHashMap<>();
    private final ClassValue<Entry<I>> resolved = new ClassValue<Entry<I>>() {
        @Override
        protected Entry<I> computeValue(Class<?> type) {
            return new Entry<>(type, find(type));
        }
    };
    /** The two classes seen last (a call site alternating between two classes hits one of them). */
    private Entry<I> last;
    private Entry<I> before;

    /**
     * A table for the method {@code declaring.name(parameterTypes)}.
     *
     * @param declaring the class or interface that declares the method
     * @param name its name
     * @param parameterTypes its parameter types, erased
     */
    public Dispatch(Class<?> declaring, String name, Class<?>... parameterTypes) {
        this.declaring = declaring;
        this.name = name;
        this.parameterTypes = parameterTypes.clone();
    }

    /**
     * Registers the implementation of the method in {@code type} (its override, or its default body).
     *
     * @param type the class whose generated {@code Overrides} class registers
     * @param implementation what creates that class's coroutine objects
     */
    public void register(Class<?> type, I implementation) {
        registered.put(type, implementation);
    }

    /**
     * The implementation for the run-time class of {@code receiver}.
     *
     * @param receiver the receiver of the call
     * @return what creates the coroutine object of the receiver's override
     * @throws NullPointerException if {@code receiver} is null, as the call would
     * @throws IllegalStateException if the receiver's class overrides the method without
     *     {@code @Coroutine} or was compiled without Weft
     */
    public I of(Object receiver) {
        Class<?> type = receiver.getClass();
        Entry<I> seen = last;
        if (seen != null && seen.type == type) {
            return seen.implementation;
        }
        Entry<I> older = before;
        if (older != null && older.type == type) {
            return older.implementation;
        }
        Entry<I> found = resolved.get(type);
        before = seen;
        last = found;
        return found.implementation;
    }

    private I find(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            I found = registeredFor(c);
            if (found != null) {
                return found;
            }
            if (declares(c)) {
                throw notACoroutine(c);
            }
        }
        // a default body: the interfaces of the class and of its superclasses, nearest first
        ArrayDeque<Class<?>> queue = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                queue.add(i);
            }
        }
        List<Class<?>> declaringWithoutBody = new ArrayList<>();
        while (!queue.isEmpty()) {
            Class<?> i = queue.poll();
            if (!seen.add(i) || !declaring.isAssignableFrom(i)) {
                continue;
            }
            I found = registeredFor(i);
            if (found != null) {
                return found;
            }
            if (i != declaring && declares(i)) {
                declaringWithoutBody.add(i);
            }
            for (Class<?> s : i.getInterfaces()) {
                queue.add(s);
            }
        }
        if (!declaringWithoutBody.isEmpty()) {
            throw notACoroutine(declaringWithoutBody.get(0));
        }
        throw new IllegalStateException("Weft: " + type.getName() + " has no implementation of the @Coroutine method "
                + describe() + " (an abstract class compiled without Weft?)");
    }

    /** What the generated class of {@code c} registered, after initializing its {@code Overrides} class. */
    private I registeredFor(Class<?> c) {
        I found = registered.get(c);
        if (found != null) {
            return found;
        }
        String overrides = overridesClassName(c);
        if (overrides != null) {
            try {
                Class.forName(overrides, true, c.getClassLoader());
            } catch (ClassNotFoundException e) {
                return null;
            }
        }
        return registered.get(c);
    }

    /** Whether {@code c} itself declares the method (an override, abstract or not). */
    private boolean declares(Class<?> c) {
        try {
            Method m = c.getDeclaredMethod(name, parameterTypes);
            return !m.isBridge() && !m.isSynthetic();
        } catch (NoSuchMethodException | SecurityException e) {
            return false;
        }
    }

    private IllegalStateException notACoroutine(Class<?> c) {
        return new IllegalStateException("Weft: " + c.getName() + "." + name + " overrides the @Coroutine method "
                + describe() + " but is not a @Coroutine method compiled by Weft (mark it @Coroutine and compile it"
                + " with the processor)");
    }

    private String describe() {
        StringBuilder sb = new StringBuilder(declaring.getName()).append('.').append(name).append('(');
        for (int i = 0; i < parameterTypes.length; i++) {
            sb.append(i > 0 ? ", " : "").append(parameterTypes[i].getSimpleName());
        }
        return sb.append(')').toString();
    }

    /**
     * {@code pkg.Outer_InnerCoroutines$Overrides}: the class the processor generates for a
     * top-level or member class; {@code null} for local and anonymous classes, which have none.
     */
    static String overridesClassName(Class<?> c) {
        StringBuilder path = new StringBuilder();
        Class<?> top = c;
        for (Class<?> e = c; e != null; e = e.getDeclaringClass()) {
            if (e.isAnonymousClass() || e.isLocalClass() || e.isSynthetic()) {
                return null;
            }
            path.insert(0, path.length() == 0 ? e.getSimpleName() : e.getSimpleName() + "_");
            top = e;
        }
        String binary = top.getName();
        int dot = binary.lastIndexOf('.');
        String pkg = dot < 0 ? "" : binary.substring(0, dot + 1);
        return pkg + path + "Coroutines$Overrides";
    }
}
