package dev.weft.processor.resolution;

import dev.weft.processor.model.Names;
import dev.weft.processor.model.Trees2;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * How a generated file writes the {@code java.lang} types its own code names ({@code Object},
 * {@code Throwable}, {@code Boolean}, {@code Override}...): by simple name where that name means
 * the {@code java.lang} type in the file, qualified where the file's package, the user's imports
 * (which the file repeats), a type variable of a state machine or a member type the machines
 * inherit gives the name another meaning. A class {@code Integer} of the user's package then
 * changes nothing in the generated code.
 */
public final class JavaLangNames {
    private final Elements elements;
    private final CompilationUnitTree unit;
    private final String packageName;
    /** Names that mean something else in the machines: type variables, inherited member types. */
    private final Set<String> hiddenInFrames;
    private final Map<String, Boolean> cache = new HashMap<>();

    public JavaLangNames(Elements elements, CompilationUnitTree unit, String packageName, Set<String> hiddenInFrames) {
        this.elements = elements;
        this.unit = unit;
        this.packageName = packageName;
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
        if (hiddenInFrames.contains(simple)
                || elements.getTypeElement(packageName.isEmpty() ? simple : packageName + "." + simple) != null) {
            return false;
        }
        for (ImportTree imp : unit.getImports()) {
            if (Trees2.isModuleImport(imp) || !(imp.getQualifiedIdentifier() instanceof MemberSelectTree)) {
                continue;
            }
            MemberSelectTree id = (MemberSelectTree) imp.getQualifiedIdentifier();
            String member = id.getIdentifier().toString();
            String prefix = NameResolver.dotted(id.getExpression());
            if (prefix == null || prefix.equals("java.lang")) {
                continue;
            }
            if (!imp.isStatic()) {
                if (member.equals(simple) || member.equals("*") && elements.getTypeElement(prefix + "." + simple) != null) {
                    return false; // a single-type import shadows java.lang; an on-demand one makes it ambiguous
                }
            } else if (member.equals(simple) || member.equals("*")) {
                TypeElement type = elements.getTypeElement(prefix);
                if (type != null && hasMemberType(type, simple)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean hasMemberType(TypeElement type, String simple) {
        for (Element e : ElementFilter.typesIn(elements.getAllMembers(type))) {
            if (e.getSimpleName().contentEquals(simple)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The classes of {@code java.lang} whose simple names mean something else in the generated
     * file: JavaPoet must write them qualified (it knows neither the user's package nor the
     * imports it repeats).
     */
    public Set<String> shadowed() {
        Set<String> shadowed = new java.util.TreeSet<>();
        javax.lang.model.element.PackageElement lang = elements.getPackageElement("java.lang");
        for (Element e : lang.getEnclosedElements()) {
            String simple = e.getSimpleName().toString();
            if (!meansJavaLang(simple)) {
                shadowed.add(simple);
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
