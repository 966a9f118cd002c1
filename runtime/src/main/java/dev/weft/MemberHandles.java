package dev.weft;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Method handles on the private members of a user's class that its coroutines use, for the
 * generated class only. A state machine is a class of its own, which cannot name another class's
 * private members; the generated class looks each one up once, when it is initialized, makes it
 * accessible itself (it belongs to the user's module, so no {@code --add-opens} is needed, and on
 * Java 8 there are no modules) and keeps the handle in a {@code static final} field, which the JIT
 * compiles to a direct access.
 *
 * <p>The lookup of a member must be made accessible by the caller before it is passed here:
 * {@link AccessibleObject#setAccessible(boolean)} checks who calls it, and only the generated
 * class, in the user's module, may open the user's members.
 */
public final class MemberHandles {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private MemberHandles() {
    }

    /**
     * A handle reading {@code field}.
     *
     * @param field a field made accessible by the caller
     * @return {@code (receiver) -> value}, or {@code () -> value} for a static field
     */
    public static MethodHandle getter(Field field) {
        try {
            return LOOKUP.unreflectGetter(checked(field));
        } catch (IllegalAccessException e) {
            throw unreachable(field, e);
        }
    }

    /**
     * A handle writing {@code field}.
     *
     * @param field a non-final field made accessible by the caller
     * @return {@code (receiver, value) -> void}, or {@code (value) -> void} for a static field
     */
    public static MethodHandle setter(Field field) {
        try {
            return LOOKUP.unreflectSetter(checked(field));
        } catch (IllegalAccessException e) {
            throw unreachable(field, e);
        }
    }

    /**
     * A handle calling {@code method} without virtual dispatch (a private method has none).
     *
     * @param method a method made accessible by the caller
     * @return a handle taking the receiver (unless static), then the method's parameters
     */
    public static MethodHandle method(Method method) {
        try {
            return LOOKUP.unreflect(checked(method));
        } catch (IllegalAccessException e) {
            throw unreachable(method, e);
        }
    }

    /**
     * A handle creating an instance through {@code constructor}.
     *
     * @param constructor a constructor made accessible by the caller
     * @return a handle taking the constructor's parameters and returning the new instance
     */
    public static MethodHandle constructor(Constructor<?> constructor) {
        try {
            return LOOKUP.unreflectConstructor(checked(constructor));
        } catch (IllegalAccessException e) {
            throw unreachable(constructor, e);
        }
    }

    /**
     * The error a generated class throws when a member it was compiled against is missing: the
     * user's class was recompiled without its coroutines' generated class.
     *
     * @param e the reflective failure
     * @return the error to throw
     */
    public static LinkageError missing(ReflectiveOperationException e) {
        LinkageError error = new LinkageError("Weft: a member a coroutine uses is missing at run time (" + e
                + "); the class was changed without recompiling its coroutines");
        error.initCause(e);
        return error;
    }

    /**
     * Rethrows what a handle threw, checked or not, as it is: the generated accessor declares the
     * member's own {@code throws} clause, so only what the member itself may throw arrives here.
     *
     * @param thrown what the member threw
     * @return never returns; declared so that callers can write {@code throw rethrow(t)}
     */
    public static RuntimeException rethrow(Throwable thrown) {
        throw MemberHandles.<RuntimeException>sneaky(thrown);
    }

    @SuppressWarnings("unchecked")
    private static <X extends Throwable> X sneaky(Throwable thrown) throws X {
        throw (X) thrown;
    }

    private static <A extends AccessibleObject> A checked(A member) {
        if (!member.isAccessible()) {
            throw new IllegalArgumentException("Weft: " + member + " must be made accessible by the generated class");
        }
        return member;
    }

    private static IllegalStateException unreachable(Object member, IllegalAccessException e) {
        return new IllegalStateException("Weft cannot reach " + member + ": " + e.getMessage(), e);
    }
}
