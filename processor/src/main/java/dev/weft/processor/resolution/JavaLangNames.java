package dev.weft.processor.resolution;

import dev.weft.processor.model.Names;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * How a generated file writes the {@code java.lang} types its own code names ({@code Object},
 * {@code Throwable}, {@code Boolean}, {@code Override}...): by simple name where that name means
 * the {@code java.lang} type in the file, qualified where the file's package, a member type the
 * user's static imports (which the file repeats) bring in, a type variable of a state machine or
 * a member type the machines inherit gives the name another meaning. A class {@code Integer} of
 * the user's package then changes nothing in the generated code. (The user's other imports are
 * not repeated: JavaPoet writes the imports of the generated file.)
 */
public final class JavaLangNames {
    private final Elements elements;
    private final CompilationUnitTree unit;
    private final String packageName;
    /** Looks up a class by canonical name ({@code null} if there is none), answers kept. */
    private final Function<String, TypeElement> typeElement;
    /** Names that mean something else in the machines: type variables, inherited member types. */
    private final Set<String> hiddenInFrames;
    private final Map<String, Boolean> cache = new HashMap<>();
    private Set<String> packageTypes;
    private Set<String> staticallyImportedTypes;
    private Set<String> shadowed;

    JavaLangNames(Elements elements, CompilationUnitTree unit, String packageName,
            Function<String, TypeElement> typeElement, Set<String> hiddenInFrames) {
        this.elements = elements;
        this.unit = unit;
        this.packageName = packageName;
        this.typeElement = typeElement;
        this.hiddenInFrames = hiddenInFrames;
    }

    /** {@code simple}, a class of {@code java.lang}, as generated code writes it. */
    public String name(String simple) {
        return meansJavaLang(simple) ? simple : "java.lang." + simple;
    }

    /** Whether the simple name {@code simple} means {@code java.lang.simple} in the generated file. */
    public boolean meansJavaLang(String simple) {
        return cache.computeIfAbsent(simple, this::computeMeansJavaLang);
    }

    private boolean computeMeansJavaLang(String simple) {
        return !hiddenInFrames.contains(simple) && !inPackage(simple) && !staticallyImportedTypes().contains(simple);
    }

    /**
     * Whether the file's package has a class named {@code simple}: read from one listing of the
     * package (a failed lookup per name is one of javac's slowest operations).
     */
    private boolean inPackage(String simple) {
        if (packageTypes == null) {
            PackageElement pkg = elements.getPackageElement(packageName);
            if (pkg == null) {
                return typeElement.apply(packageName.isEmpty() ? simple : packageName + "." + simple) != null;
            }
            packageTypes = new HashSet<>();
            for (Element e : pkg.getEnclosedElements()) {
                packageTypes.add(e.getSimpleName().toString());
            }
        }
        return packageTypes.contains(simple);
    }

    /** The simple names of the member types the static imports of the file bring in. */
    private Set<String> staticallyImportedTypes() {
        if (staticallyImportedTypes == null) {
            staticallyImportedTypes = new HashSet<>();
            for (ImportTree imp : unit.getImports()) {
                if (!imp.isStatic() || !(imp.getQualifiedIdentifier() instanceof MemberSelectTree)) {
                    continue;
                }
                MemberSelectTree id = (MemberSelectTree) imp.getQualifiedIdentifier();
                String prefix = NameResolver.dotted(id.getExpression());
                TypeElement type = prefix == null ? null : typeElement.apply(prefix);
                if (type != null) {
                    Set<String> members = memberTypeNames(elements, type);
                    String member = id.getIdentifier().toString();
                    if (member.equals("*")) {
                        staticallyImportedTypes.addAll(members);
                    } else if (members.contains(member)) {
                        staticallyImportedTypes.add(member);
                    }
                }
            }
        }
        return staticallyImportedTypes;
    }

    /**
     * The classes of {@code java.lang} whose simple names mean something else in the generated
     * file: JavaPoet must write them qualified (it knows neither the user's package nor the
     * static imports it repeats).
     */
    public Set<String> shadowed() {
        if (shadowed == null) {
            shadowed = new TreeSet<>();
            for (Element e : elements.getPackageElement("java.lang").getEnclosedElements()) {
                String simple = e.getSimpleName().toString();
                if (!meansJavaLang(simple)) {
                    shadowed.add(simple);
                }
            }
        }
        return shadowed;
    }

    /** The simple names of the member types {@code type} declares or inherits. */
    public static Set<String> memberTypeNames(Elements elements, TypeElement type) {
        Set<String> names = new java.util.HashSet<>();
        if (type != null) {
            for (Element e : ElementFilter.typesIn(elements.getAllMembers(type))) {
                names.add(e.getSimpleName().toString());
            }
        }
        return names;
    }
}
