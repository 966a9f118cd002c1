package dev.weft.processor.resolution;

import com.sun.source.tree.CompilationUnitTree;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The names of what Weft generates for a class ({@code XCoroutines}, {@code Outer_InnerCoroutines})
 * and of what its frames inherit: inside a frame, the methods and member types of
 * {@code GeneratedFrame} and the factories of the generated class are in scope, and generated
 * code must not let them capture the user's names.
 */
public final class GeneratedNames {
    /** The runtime class generated frames extend, whose members are in scope inside them. */
    public static final String FRAME_SUPERCLASS = "dev.weft.GeneratedFrame";

    private final Elements elements;
    private final CompilationUnitTree unit;
    private final NameResolver resolver;
    private Set<String> frameMethodNames;
    private Set<String> frameTypeNames;
    private JavaLangNames javaLang;

    GeneratedNames(Elements elements, CompilationUnitTree unit, NameResolver resolver) {
        this.elements = elements;
        this.unit = unit;
        this.resolver = resolver;
    }

    /**
     * Whether a method named {@code name} is visible unqualified inside a generated frame of the
     * owner: a method inherited from {@code GeneratedFrame} (read from the runtime on the class
     * path), or a factory of the generated class. A static import of such a name must be written
     * qualified there.
     */
    public boolean isFrameMethodName(String name) {
        if (frameMethodNames == null) {
            frameMethodNames = new HashSet<>();
            TypeElement frame = elements.getTypeElement(FRAME_SUPERCLASS);
            if (frame != null) {
                for (Element member : elements.getAllMembers(frame)) {
                    if (member.getKind() == ElementKind.METHOD) {
                        frameMethodNames.add(member.getSimpleName().toString());
                    }
                }
            }
        }
        return frameMethodNames.contains(name) || resolver.coroutineNamesOf(resolver.owner()).contains(name);
    }

    /**
     * The simple names of the member types a generated frame inherits ({@code Witness},
     * {@code ForEach}...): inside a frame such a name means the inherited type, so generated code
     * writes a user's type of that name qualified.
     */
    public Set<String> frameTypeNames() {
        if (frameTypeNames == null) {
            frameTypeNames = JavaLangNames.memberTypeNames(elements,
                    elements.getTypeElement(FRAME_SUPERCLASS));
        }
        return frameTypeNames;
    }

    /**
     * How the generated file writes the {@code java.lang} types its own code names. Besides the
     * file's package and static imports, the names of the member types frames inherit and of the
     * type variables the frames and factories declare mean something else there.
     */
    public JavaLangNames javaLang() {
        if (javaLang == null) {
            Set<String> hidden = new HashSet<>(frameTypeNames());
            for (TypeElement t : resolver.instanceChain()) {
                t.getTypeParameters().forEach(tp -> hidden.add(tp.getSimpleName().toString()));
            }
            for (ExecutableElement m : ElementFilter.methodsIn(resolver.owner().getEnclosedElements())) {
                m.getTypeParameters().forEach(tp -> hidden.add(tp.getSimpleName().toString()));
            }
            javaLang = new JavaLangNames(elements, unit, resolver.packageName(), resolver::typeElement, hidden);
        }
        return javaLang;
    }

    /** The simple name of the class generated for the coroutines declared in {@code type}. */
    public static String simpleName(TypeElement type) {
        return classPath(type) + "Coroutines";
    }

    /** {@code Bank_Account}: the simple names of a class and of those enclosing it, outermost first. */
    public static String classPath(TypeElement type) {
        StringBuilder sb = new StringBuilder();
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (sb.length() > 0) {
                sb.insert(0, '_');
            }
            sb.insert(0, e.getSimpleName());
        }
        return sb.toString();
    }

    /** How generated code in this package names the generated class of {@code type}. */
    public String reference(TypeElement type) {
        PackageElement pkg = elements.getPackageOf(type);
        return pkg.isUnnamed() || pkg.getQualifiedName().contentEquals(resolver.packageName()) ? simpleName(type)
                : canonicalName(type);
    }

    /** The class Weft generates for {@code type}, as JavaPoet names it. */
    public com.palantir.javapoet.ClassName className(TypeElement type) {
        PackageElement pkg = elements.getPackageOf(type);
        return com.palantir.javapoet.ClassName.get(pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString(),
                simpleName(type));
    }

    /** The canonical name of the generated class of {@code type}. */
    public String canonicalName(TypeElement type) {
        PackageElement pkg = elements.getPackageOf(type);
        return pkg.isUnnamed() ? simpleName(type) : pkg.getQualifiedName() + "." + simpleName(type);
    }
}
