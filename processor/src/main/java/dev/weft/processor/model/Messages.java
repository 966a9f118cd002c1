package dev.weft.processor.model;

/**
 * The texts of the problems that both validation reports and the lowering would meet if
 * validation had let them through: one wording for each.
 */
public final class Messages {
    private Messages() {
    }

    public static String thisInStatic() {
        return "'this' is not available in a static @Coroutine method";
    }

    public static String superCall() {
        return "Weft cannot call super methods from a @Coroutine method: the state machine is another class. Call a"
                + " package-private helper of this class that calls super";
    }

    public static String superRead(String name) {
        return "Weft cannot read super." + name + " in a @Coroutine method: the state machine is another class."
                + " Read it through a package-private method of this class";
    }

    public static String superMethodCall(String name) {
        return "Weft cannot call super." + name + "(...) from a @Coroutine method: the state machine is another"
                + " class. Call a package-private helper of this class that calls super";
    }

    public static String innerClassReference(String written) {
        return "Weft cannot compile " + written + "::new in a @Coroutine method: the inner class needs this as its"
                + " enclosing instance, and the generated state machine is another class. Write a lambda instead:"
                + " (args) -> new " + written + "(args)";
    }

    public static String outerInstance(String written) {
        return "Weft cannot use " + written + " in a @Coroutine method: the generated state machine cannot reach the"
                + " enclosing instance; pass what you need as a parameter";
    }

    public static String enclosingInstanceMember(String name, String owner, String scope) {
        return "Weft cannot reach '" + name + "' of the enclosing instance of " + owner + " from the generated state"
                + " machine; pass what you need as a parameter, or make the coroutine a method of " + scope;
    }

    public static String staticOrEnclosingInstance(String name, String scope) {
        return "Weft cannot tell whether '" + name + "' means a static method of " + scope + " or one of its enclosing"
                + " instance, which the generated state machine cannot reach: it resolves calls without types. Qualify"
                + " the call (" + scope + "." + name + "(...)) or rename one of the overloads";
    }

    public static String innerClassOfOuter(String created, String outer, String owner) {
        return "Weft cannot create the inner class " + created + " here: it needs " + outer + ".this, the enclosing"
                + " instance of " + owner + ", which the generated state machine cannot reach; pass the " + outer
                + " as a parameter and write outer.new " + created + "(...)";
    }

    public static String unsupported(String what) {
        return "Weft cannot compile " + what + " inside a @Coroutine method yet; move it into a plain helper method"
                + " and call that";
    }
}
