package dev.weft.processor.resolution;

import dev.weft.processor.model.Trees2;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Resolves the simple names of a coroutine body that are not locals, the way javac would, using
 * only declarations ({@code javax.lang.model}): members of the declaring class and its enclosing
 * classes (inherited ones included), static imports, and type names. Method bodies are not
 * attributed during annotation processing, so this is how the processor learns what an
 * identifier refers to without guessing from text.
 */
public final class NameResolver {
    public static final String COROUTINE_ANNOTATION = "dev.weft.Coroutine";
    /** A kept answer that is {@code null}. */
    private static final Object NOTHING = new Object();

    private final Elements elements;
    private final Types types;
    private final CompilationUnitTree unit;
    private final TypeElement owner;
    private final String packageName;
    private final Map<TypeElement, MemberIndex> membersCache = new HashMap<>();
    private List<TypeElement> lexicalChain;
    private final Map<Element, Boolean> coroutineCache = new HashMap<>();
    /*
     * What names mean is looked up for every identifier of every coroutine, by validation and
     * again by the printer, and a failed lookup of a class is javac's most expensive: answers are
     * kept (a class's declarations, imports and class path do not change while it is processed).
     */
    private final Map<String, Object> fieldCache = new HashMap<>();
    private final Map<String, Object> methodCache = new HashMap<>();
    private final Map<String, Object> typeCache = new HashMap<>();
    private final Map<String, Object> memberTypeCache = new HashMap<>();
    private final Map<String, Object> qualifiedTypeCache = new HashMap<>();
    private GeneratedNames generated;
    private Visibility visibility;
    private PrivateAccess privateAccess;
    private VirtualCoroutines virtualCoroutines;
    private ReusableFrames reusableFrames = new ReusableFrames();
    private final Map<TypeElement, Set<String>> coroutineNames = new HashMap<>();

    public NameResolver(Elements elements, Types types, CompilationUnitTree unit, TypeElement owner) {
        this.elements = elements;
        this.types = types;
        this.unit = unit;
        this.owner = owner;
        PackageElement pkg = elements.getPackageOf(owner);
        this.packageName = pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
    }

    /** The answer {@code find} gives for {@code name}, kept in {@code cache} ({@code null} too). */
    @SuppressWarnings("unchecked")
    private static <V> V memo(Map<String, Object> cache, String name, Function<String, V> find) {
        Object kept = cache.get(name);
        if (kept == null) {
            V found = find.apply(name);
            cache.put(name, found == null ? NOTHING : found);
            return found;
        }
        return kept == NOTHING ? null : (V) kept;
    }

    /** The class of a canonical name, or {@code null}: {@link Elements#getTypeElement}, kept. */
    TypeElement typeElement(String qualified) {
        return memo(qualifiedTypeCache, qualified, elements::getTypeElement);
    }

    /** The names of what Weft generates, and of what generated frames inherit. */
    public GeneratedNames generated() {
        if (generated == null) {
            generated = new GeneratedNames(elements, unit, this);
        }
        return generated;
    }

    /** What the generated class can reach. */
    public Visibility visibility() {
        if (visibility == null) {
            visibility = new Visibility(elements, this);
        }
        return visibility;
    }

    /** The private members of the nest that the generated class reaches through accessors. */
    public PrivateAccess privateAccess() {
        if (privateAccess == null) {
            privateAccess = new PrivateAccess(this);
        }
        return privateAccess;
    }

    /** Which coroutines dispatch on the receiver's class, and the names of their dispatch. */
    public VirtualCoroutines virtualCoroutines() {
        if (virtualCoroutines == null) {
            virtualCoroutines = new VirtualCoroutines(elements, types);
        }
        return virtualCoroutines;
    }

    /** The coroutines of the round whose frames direct calls reuse (shared by every class of the round). */
    public ReusableFrames reusableFrames() {
        return reusableFrames;
    }

    /** Shares the round's {@link ReusableFrames}: calls from this class see every class's. */
    public void shareReusableFrames(ReusableFrames frames) {
        this.reusableFrames = frames;
    }

    /** javac's element utilities. */
    public Elements elements() {
        return elements;
    }

    /** javac's type utilities (for types built from declarations: no body is attributed). */
    public Types types() {
        return types;
    }

    public TypeElement owner() {
        return owner;
    }

    public String packageName() {
        return packageName;
    }

    /** The classes whose members are in scope, innermost first. */
    public List<TypeElement> lexicalChain() {
        if (lexicalChain == null) {
            List<TypeElement> chain = new ArrayList<>();
            for (Element e = owner; e != null && (e.getKind().isClass() || e.getKind().isInterface());
                    e = e.getEnclosingElement()) {
                chain.add((TypeElement) e);
            }
            lexicalChain = List.copyOf(chain);
        }
        return lexicalChain;
    }

    /**
     * The owner and the classes whose instances enclose an instance of it, innermost first: the
     * owner, and while a class is inner (a non-static member class), its enclosing class.
     */
    public List<TypeElement> instanceChain() {
        List<TypeElement> chain = new ArrayList<>();
        for (TypeElement t : lexicalChain()) {
            chain.add(t);
            if (t.getNestingKind() != NestingKind.MEMBER || t.getModifiers().contains(Modifier.STATIC)) {
                break;
            }
        }
        return chain;
    }

    /** The members of {@code t}, inherited ones included. */
    public List<? extends Element> membersOf(TypeElement t) {
        return members(t);
    }

    private List<? extends Element> members(TypeElement t) {
        return index(t).all;
    }

    private MemberIndex index(TypeElement t) {
        return membersCache.computeIfAbsent(t, k -> new MemberIndex(elements.getAllMembers(k), elements));
    }

    /** The field a simple name denotes (locals already excluded), or {@code null}. */
    public Member resolveField(String name) {
        return memo(fieldCache, name, this::findField);
    }

    private Member findField(String name) {
        for (TypeElement t : lexicalChain()) {
            List<Element> found = index(t).fields.get(name);
            if (found != null) {
                return new Member(t, List.of(found.get(0)), null);
            }
        }
        Element imported = staticImport(name, ElementKind.FIELD);
        if (imported != null) {
            return new Member(null, List.of(imported), qualifiedStaticName(imported));
        }
        return null;
    }

    /** The methods an unqualified call of {@code name} can mean, or {@code null}. */
    public Member resolveMethod(String name) {
        return memo(methodCache, name, this::findMethod);
    }

    private Member findMethod(String name) {
        for (TypeElement t : lexicalChain()) {
            List<Element> found = index(t).methods.get(name);
            if (found != null) {
                return new Member(t, found, null);
            }
        }
        Element imported = staticImport(name, ElementKind.METHOD);
        if (imported != null) {
            return new Member(null, List.of(imported), qualifiedStaticName(imported));
        }
        return null;
    }

    /** The methods named {@code name} among the members of {@code type}. */
    public List<ExecutableElement> methodsOf(TypeElement type, String name) {
        return ElementFilter.methodsIn(index(type).methods.getOrDefault(name, List.of()));
    }

    /** The field named {@code name} among the members of {@code type}, or {@code null}. */
    public VariableElement fieldOf(TypeElement type, String name) {
        List<Element> found = index(type).fields.get(name);
        return found == null ? null : (VariableElement) found.get(0);
    }

    /** The member type named {@code name} of {@code type}, or {@code null}. */
    public TypeElement memberTypeOf(TypeElement type, String name) {
        List<Element> found = index(type).types.get(name);
        return found == null ? null : (TypeElement) found.get(0);
    }

    /**
     * The type a simple name denotes where a type is expected: a member type of the lexical chain
     * (inherited ones included), a class of the chain itself, or an imported, same-package or
     * {@code java.lang} type. {@code null} if unknown (a type parameter, or a name javac will
     * resolve from the copied imports).
     */
    public TypeElement resolveType(String name) {
        return memo(typeCache, name, this::findType);
    }

    private TypeElement findType(String name) {
        TypeElement member = resolveMemberType(name);
        if (member != null) {
            return member;
        }
        for (ImportTree imp : unit.getImports()) {
            if (imp.isStatic() || Trees2.isModuleImport(imp)) {
                continue;
            }
            Tree id = imp.getQualifiedIdentifier();
            if (id instanceof MemberSelectTree) {
                MemberSelectTree ms = (MemberSelectTree) id;
                String last = ms.getIdentifier().toString();
                String prefix = dotted(ms.getExpression());
                if (last.equals(name) && prefix != null) {
                    TypeElement t = typeElement(prefix + "." + name);
                    if (t != null) {
                        return t;
                    }
                }
            }
        }
        TypeElement same = typeElement(packageName.isEmpty() ? name : packageName + "." + name);
        if (same != null) {
            return same;
        }
        for (ImportTree imp : unit.getImports()) {
            if (imp.isStatic() || Trees2.isModuleImport(imp)) {
                continue;
            }
            Tree id = imp.getQualifiedIdentifier();
            if (id instanceof MemberSelectTree && ((MemberSelectTree) id).getIdentifier().contentEquals("*")) {
                String prefix = dotted(((MemberSelectTree) id).getExpression());
                if (prefix != null) {
                    TypeElement t = typeElement(prefix + "." + name);
                    if (t != null) {
                        return t;
                    }
                }
            }
        }
        TypeElement lang = typeElement("java.lang." + name);
        return lang != null ? lang : moduleImported(name);
    }

    /**
     * A type named {@code name} that a module import ({@code import module M;}, Java 25) brings
     * in: a public type of a package that {@code M}, or a module {@code M} requires transitively,
     * exports.
     */
    private TypeElement moduleImported(String name) {
        for (ImportTree imp : unit.getImports()) {
            String module = Trees2.isModuleImport(imp) ? dotted(imp.getQualifiedIdentifier()) : null;
            javax.lang.model.element.ModuleElement m = module == null ? null : elements.getModuleElement(module);
            TypeElement found = m == null ? null : exportedType(m, name, new HashSet<>());
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private TypeElement exportedType(javax.lang.model.element.ModuleElement m, String name,
            Set<javax.lang.model.element.ModuleElement> seen) {
        if (!seen.add(m)) {
            return null;
        }
        for (javax.lang.model.element.ModuleElement.Directive d : m.getDirectives()) {
            if (d instanceof javax.lang.model.element.ModuleElement.ExportsDirective
                    && ((javax.lang.model.element.ModuleElement.ExportsDirective) d).getTargetModules() == null) {
                PackageElement pkg = ((javax.lang.model.element.ModuleElement.ExportsDirective) d).getPackage();
                TypeElement t = typeElement(pkg.getQualifiedName() + "." + name);
                if (t != null && t.getModifiers().contains(Modifier.PUBLIC)) {
                    return t;
                }
            }
        }
        for (javax.lang.model.element.ModuleElement.Directive d : m.getDirectives()) {
            if (d instanceof javax.lang.model.element.ModuleElement.RequiresDirective
                    && ((javax.lang.model.element.ModuleElement.RequiresDirective) d).isTransitive()) {
                TypeElement t = exportedType(((javax.lang.model.element.ModuleElement.RequiresDirective) d)
                        .getDependency(), name, seen);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /** A member type (or a class of the chain) named {@code name}, or {@code null}. */
    public TypeElement resolveMemberType(String name) {
        return memo(memberTypeCache, name, this::findMemberType);
    }

    private TypeElement findMemberType(String name) {
        for (TypeElement t : lexicalChain()) {
            if (t.getSimpleName().contentEquals(name)) {
                return t;
            }
            List<Element> found = index(t).types.get(name);
            if (found != null) {
                return (TypeElement) found.get(0);
            }
        }
        Element imported = staticImport(name, null);
        if (imported instanceof TypeElement) {
            return (TypeElement) imported;
        }
        return null;
    }

    /**
     * The type a simple type name denotes inside an instance coroutine when it is a member type of
     * a parameterized type: an inner class of a generic class is a member of the type of
     * {@code this}, {@code Outer<X>.Inner} (or {@code Base<String>.Inner} when inherited from a
     * generic superclass). {@code null} when the name means no such type, or a type that its raw
     * reference names as well. The type variables it mentions are those the frame declares
     * (see {@link #instanceChain()}).
     */
    public DeclaredType innerTypeOfThis(String name) {
        for (TypeElement c : instanceChain()) {
            TypeMirror type = null;
            if (c.getSimpleName().contentEquals(name)) {
                type = c.asType();
            } else {
                List<Element> found = index(c).types.get(name);
                if (found != null) {
                    type = types.asMemberOf((DeclaredType) c.asType(), found.get(0));
                }
            }
            if (type != null) {
                return type instanceof DeclaredType && hasTypeArguments(((DeclaredType) type).getEnclosingType())
                        ? (DeclaredType) type : null;
            }
        }
        return null;
    }

    private static boolean hasTypeArguments(TypeMirror type) {
        for (TypeMirror t = type; t instanceof DeclaredType; t = ((DeclaredType) t).getEnclosingType()) {
            if (!((DeclaredType) t).getTypeArguments().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * How generated code in this package names the member type {@code type} of a parameterized
     * type: {@code T.Outer<X>.Inner}, without the member type's own type arguments (the user's
     * code writes those, or none for a raw type).
     */
    public String memberTypeReference(DeclaredType type) {
        return parameterizedReference((DeclaredType) type.getEnclosingType()) + "." + type.asElement().getSimpleName();
    }

    private String parameterizedReference(DeclaredType type) {
        TypeMirror enclosing = type.getEnclosingType();
        String name = enclosing instanceof DeclaredType
                ? parameterizedReference((DeclaredType) enclosing) + "." + type.asElement().getSimpleName()
                : typeReference((TypeElement) type.asElement());
        if (type.getTypeArguments().isEmpty()) {
            return name;
        }
        StringJoiner arguments = new StringJoiner(", ", "<", ">");
        for (TypeMirror arg : type.getTypeArguments()) {
            arguments.add(TypeName.get(arg).toString());
        }
        return name + arguments;
    }

    /**
     * A dotted expression ({@code a.b.C}) as a type, if it names one; used for
     * {@code ClassName.method(...)} calls.
     */
    public TypeElement resolveTypeExpression(ExpressionTree tree) {
        if (tree instanceof IdentifierTree) {
            return resolveType(((IdentifierTree) tree).getName().toString());
        }
        if (tree instanceof MemberSelectTree) {
            MemberSelectTree ms = (MemberSelectTree) tree;
            TypeElement outer = resolveTypeExpression(ms.getExpression());
            if (outer != null) {
                return memberTypeOf(outer, ms.getIdentifier().toString());
            }
            String name = dotted(tree);
            return name == null ? null : typeElement(name);
        }
        return null;
    }

    private Element staticImport(String name, ElementKind kind) {
        for (ImportTree imp : unit.getImports()) {
            if (!imp.isStatic() || !(imp.getQualifiedIdentifier() instanceof MemberSelectTree)) {
                continue;
            }
            MemberSelectTree ms = (MemberSelectTree) imp.getQualifiedIdentifier();
            String member = ms.getIdentifier().toString();
            if (!member.equals(name) && !member.equals("*")) {
                continue;
            }
            String typeName = dotted(ms.getExpression());
            TypeElement type = typeName == null ? null : typeElement(typeName);
            if (type == null) {
                continue;
            }
            for (Element e : members(type)) {
                if (e.getSimpleName().contentEquals(name) && e.getModifiers().contains(Modifier.STATIC)
                        && (kind == null ? e.getKind().isClass() || e.getKind().isInterface() : e.getKind() == kind)) {
                    return e;
                }
            }
        }
        return null;
    }

    private String qualifiedStaticName(Element member) {
        return ((TypeElement) member.getEnclosingElement()).getQualifiedName() + "." + member.getSimpleName();
    }

    /** How generated code in this package names {@code type}: its canonical name, without the
     * package when it is this package. */
    public String typeReference(TypeElement type) {
        String q = type.getQualifiedName().toString();
        if (!packageName.isEmpty() && q.startsWith(packageName + ".")
                && elements.getPackageOf(type).getQualifiedName().contentEquals(packageName)) {
            return q.substring(packageName.length() + 1);
        }
        return q;
    }

    /** The source text of a constant value: {@code 3}, {@code (byte)3}, {@code "a"}. */
    public String constantExpression(Object value) {
        return elements.getConstantExpression(value);
    }

    /** {@code type}, boxed if it is primitive. */
    public TypeMirror boxed(TypeMirror type) {
        return type.getKind().isPrimitive() ? types.boxedClass((javax.lang.model.type.PrimitiveType) type).asType()
                : type;
    }

    /**
     * For an inner member class created without an explicit enclosing instance
     * ({@code new Inner()}, {@code Inner::new}): the class of the lexical chain whose instance
     * encloses it there (the owner: the coroutine's receiver; an outer class: its enclosing
     * instance, out of the generated code's reach), or {@code null} if it needs none (or javac
     * reports the user's static context).
     */
    public TypeElement enclosingInstanceFor(TypeElement created) {
        if (created == null || created.getKind() != ElementKind.CLASS || created.getNestingKind() != NestingKind.MEMBER
                || created.getModifiers().contains(Modifier.STATIC)) {
            return null;
        }
        for (TypeElement c : lexicalChain()) {
            if (membersOf(c).contains(created)) {
                return c;
            }
            if (c.getModifiers().contains(Modifier.STATIC)) {
                return null; // no enclosing instance of the next class
            }
        }
        return null;
    }

    /** Whether two types are the same type. */
    public boolean sameType(TypeMirror a, TypeMirror b) {
        return types.isSameType(a, b);
    }

    /**
     * The {@code @Coroutine} methods named {@code name} whose factories {@code qualifier.name(...)}
     * calls, when {@code qualifier} names the class Weft generates for a class of this
     * compilation or the class path ({@code XCoroutines}, {@code Outer_InnerCoroutines}); the
     * generated class itself may not exist yet. An instance coroutine's factory takes the receiver
     * first, so it stands for a method of one parameter more: none is returned for such names
     * unless every candidate is static.
     */
    public List<ExecutableElement> factoriesNamed(ExpressionTree qualifier, String name) {
        String written = dotted(qualifier);
        if (written == null || !written.endsWith("Coroutines") || resolveTypeExpression(qualifier) != null) {
            return List.of();
        }
        int dot = written.lastIndexOf('.');
        String simple = written.substring(dot + 1, written.length() - "Coroutines".length());
        String pkg = dot < 0 ? packageName : written.substring(0, dot);
        TypeElement declaring = null;
        for (TypeElement candidate = null;;) {
            int cut = simple.indexOf('_');
            String first = cut < 0 ? simple : simple.substring(0, cut);
            candidate = candidate == null ? typeElement(pkg.isEmpty() ? first : pkg + "." + first)
                    : memberTypeOf(candidate, first);
            if (candidate == null || cut < 0) {
                declaring = candidate;
                break;
            }
            simple = simple.substring(cut + 1);
        }
        if (declaring == null || !GeneratedNames.simpleName(declaring).equals(written.substring(dot + 1))) {
            return List.of();
        }
        List<ExecutableElement> coroutines = new ArrayList<>();
        for (ExecutableElement m : ElementFilter.methodsIn(declaring.getEnclosedElements())) {
            if (m.getSimpleName().contentEquals(name) && isCoroutineMethod(m)) {
                if (!m.getModifiers().contains(Modifier.STATIC)) {
                    return List.of();
                }
                coroutines.add(m);
            }
        }
        return coroutines;
    }

    /** Whether {@code method} is a {@code @Coroutine} method; answers are kept (javac's elements are stable). */
    public boolean isCoroutineMethod(Element method) {
        return coroutineCache.computeIfAbsent(method, NameResolver::isCoroutine);
    }

    /** The names of the {@code @Coroutine} methods declared in {@code type}. */
    Set<String> coroutineNamesOf(TypeElement type) {
        return coroutineNames.computeIfAbsent(type, t -> {
            Set<String> names = new HashSet<>();
            for (Element member : t.getEnclosedElements()) {
                if (isCoroutineMethod(member)) {
                    names.add(member.getSimpleName().toString());
                }
            }
            return names;
        });
    }

    public static boolean isCoroutine(Element method) {
        if (method.getKind() != ElementKind.METHOD) {
            return false;
        }
        for (javax.lang.model.element.AnnotationMirror a : method.getAnnotationMirrors()) {
            if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(COROUTINE_ANNOTATION)) {
                return true;
            }
        }
        return false;
    }

    /** {@code a.b.c} for a dotted name tree, {@code null} otherwise. */
    public static String dotted(Tree tree) {
        if (tree instanceof IdentifierTree) {
            return ((IdentifierTree) tree).getName().toString();
        }
        if (tree instanceof MemberSelectTree) {
            String left = dotted(((MemberSelectTree) tree).getExpression());
            return left == null ? null : left + "." + ((MemberSelectTree) tree).getIdentifier();
        }
        return null;
    }

    /** The superclass of {@code t}, or {@code null} for {@code Object} and interfaces. */
    public static TypeElement superclass(TypeElement t) {
        TypeMirror s = t.getSuperclass();
        return s.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) s).asElement() : null;
    }
}
