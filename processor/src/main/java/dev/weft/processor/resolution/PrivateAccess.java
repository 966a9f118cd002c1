package dev.weft.processor.resolution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * The private members of the owner's nest (its top-level class and every class nested in it) that
 * the generated class reaches through accessors: a static method of the generated class per way a
 * member is used ({@code get$Bank$balance(self)}, {@code set$...}, {@code postIncrement$...}), and
 * per overloaded name a set of mirrors with the originals' exact signatures
 * ({@code call$Bank$fee(self, amount)}), so that javac resolves a call among the mirrors exactly as
 * it resolved it among the originals. Emission writes the accessors the coroutines used, over method
 * handles ({@code dev.weft.MemberHandles}).
 *
 * <p>What is decided here: which members need an accessor (private, of a class generated code can
 * name, with a signature generated code can name) and the accessors' names.
 */
public final class PrivateAccess {
    /** How a coroutine uses a private field. */
    public enum FieldUse {
        GET("get"), SET("set"), PRE_INCREMENT("preIncrement"), PRE_DECREMENT("preDecrement"),
        POST_INCREMENT("postIncrement"), POST_DECREMENT("postDecrement");

        final String prefix;

        FieldUse(String prefix) {
            this.prefix = prefix;
        }
    }

    /** A set of mirrors: the overloads of one name in one class, or its constructors. */
    public static final class Mirrors {
        public final String name;
        public final TypeElement type;
        /** Whether each mirror takes the receiver first (instance context); else static overloads only. */
        public final boolean withReceiver;
        public final List<ExecutableElement> originals;

        Mirrors(String name, TypeElement type, boolean withReceiver, List<ExecutableElement> originals) {
            this.name = name;
            this.type = type;
            this.withReceiver = withReceiver;
            this.originals = originals;
        }
    }

    private final NameResolver resolver;
    private final Map<String, VariableElement> fields = new TreeMap<>();
    private final Map<String, FieldUse> fieldUses = new TreeMap<>();
    private final Map<String, Mirrors> mirrors = new TreeMap<>();
    private java.util.Set<String> nestPrivateFields;
    private java.util.Set<String> nestPrivateMethods;

    PrivateAccess(NameResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Whether generated code reaches {@code member} through an accessor: a private field, method or
     * constructor of the owner's nest, declared in a class generated code can name.
     */
    public boolean throughAccessor(Element member) {
        ElementKind kind = member.getKind();
        return member.getModifiers().contains(Modifier.PRIVATE)
                && (kind == ElementKind.FIELD || kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR)
                && resolver.visibility().accessibleFromOwner(member)
                && resolver.visibility().privateTypeIn(member.getEnclosingElement().asType()) == null;
    }

    /**
     * A private type in the signature of {@code member} (its type, parameters, result, bounds), which
     * an accessor could not name: such a member is refused. {@code null} if none.
     */
    public TypeElement privateTypeInSignature(Element member) {
        List<TypeMirror> mentioned = new ArrayList<>();
        if (member instanceof ExecutableElement) {
            ExecutableElement m = (ExecutableElement) member;
            mentioned.add(m.getReturnType());
            m.getParameters().forEach(p -> mentioned.add(p.asType()));
            m.getThrownTypes().forEach(mentioned::add);
            m.getTypeParameters().forEach(tp -> mentioned.addAll(tp.getBounds()));
        } else {
            mentioned.add(member.asType());
        }
        for (TypeMirror t : mentioned) {
            TypeElement hidden = resolver.visibility().privateTypeIn(t);
            if (hidden != null) {
                return hidden;
            }
        }
        return null;
    }

    /**
     * Whether a class of the nest declares a private method (or, if not {@code method}, field)
     * named {@code name}: a member of that name selected on a value whose type Weft cannot derive
     * may be one, and generated code could not reach it.
     */
    public boolean nestDeclaresPrivate(String name, boolean method) {
        if (nestPrivateFields == null) {
            nestPrivateFields = new java.util.HashSet<>();
            nestPrivateMethods = new java.util.HashSet<>();
            Element top = resolver.owner();
            while (top.getEnclosingElement() instanceof TypeElement) {
                top = top.getEnclosingElement();
            }
            collectPrivateNames((TypeElement) top);
        }
        return (method ? nestPrivateMethods : nestPrivateFields).contains(name);
    }

    private void collectPrivateNames(TypeElement type) {
        for (Element e : type.getEnclosedElements()) {
            if (e instanceof TypeElement) {
                collectPrivateNames((TypeElement) e);
            } else if (e.getModifiers().contains(Modifier.PRIVATE) && e.getKind() == ElementKind.FIELD) {
                nestPrivateFields.add(e.getSimpleName().toString());
            } else if (e.getModifiers().contains(Modifier.PRIVATE) && e.getKind() == ElementKind.METHOD) {
                nestPrivateMethods.add(e.getSimpleName().toString());
            }
        }
    }

    /** Whether the methods or constructors a call may mean include one reached through an accessor. */
    public boolean needsMirrors(List<? extends Element> candidates) {
        for (Element e : candidates) {
            if (throughAccessor(e)) {
                return true;
            }
        }
        return false;
    }

    /** The accessor through which generated code uses {@code field} as {@code use}; recorded for emission. */
    public String field(VariableElement field, FieldUse use) {
        String name = use.prefix + "$" + path((TypeElement) field.getEnclosingElement()) + "$" + field.getSimpleName();
        fields.put(name, field);
        fieldUses.put(name, use);
        if (use != FieldUse.GET && use != FieldUse.SET) {
            field(field, FieldUse.GET); // the increments read and write through the plain accessors
            field(field, FieldUse.SET);
        }
        return name;
    }

    /**
     * The mirrors of the methods named {@code name} of {@code type} (every overload the owner's
     * code can use), with the receiver first, or of its static ones only; recorded for emission.
     */
    public String methods(TypeElement type, String name, boolean withReceiver) {
        String mirror = (withReceiver ? "call$" : "static$") + path(type) + "$" + name;
        mirrors.computeIfAbsent(mirror, k -> {
            List<ExecutableElement> originals = new ArrayList<>();
            for (ExecutableElement m : resolver.methodsOf(type, name)) {
                if (resolver.visibility().accessibleFromOwner(m)
                        && (withReceiver || m.getModifiers().contains(Modifier.STATIC))) {
                    originals.add(m);
                }
            }
            return new Mirrors(name, type, withReceiver, originals);
        });
        return mirror;
    }

    /** The mirrors of the constructors of {@code type} the owner's code can use; recorded for emission. */
    public String constructors(TypeElement type) {
        String mirror = "new$" + path(type);
        mirrors.computeIfAbsent(mirror, k -> {
            List<ExecutableElement> originals = new ArrayList<>();
            for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
                if (resolver.visibility().accessibleFromOwner(c)) {
                    originals.add(c);
                }
            }
            return new Mirrors("<init>", type, false, originals);
        });
        return mirror;
    }

    /** The fields used through accessors, by accessor name (sorted: generated code is deterministic). */
    public Map<String, VariableElement> fields() {
        return fields;
    }

    public FieldUse use(String accessor) {
        return fieldUses.get(accessor);
    }

    /** The mirror sets used, by name. */
    public Map<String, Mirrors> mirrors() {
        return mirrors;
    }

    public boolean isEmpty() {
        return fields.isEmpty() && mirrors.isEmpty();
    }

    private static String path(TypeElement type) {
        return GeneratedNames.classPath(type);
    }
}
