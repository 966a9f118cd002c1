package dev.weft.processor.resolution;

import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * What the generated class can reach of what a coroutine names, and what the owner's own code
 * can: the generated class is another class of the owner's package, so private members of the
 * file's classes, members of private classes and protected members inherited from other
 * packages are out of its reach.
 */
public final class Visibility {
    private final Elements elements;
    private final NameResolver resolver;

    Visibility(Elements elements, NameResolver resolver) {
        this.elements = elements;
        this.resolver = resolver;
    }

    /**
     * Whether generated code in this package can reach {@code member} (declared in, or inherited
     * by, a class of the lexical chain): not private, and not protected across packages.
     */
    public boolean accessibleFromGenerated(Element member) {
        if (member.getModifiers().contains(Modifier.PRIVATE)) {
            return false;
        }
        if (member.getModifiers().contains(Modifier.PUBLIC)) {
            return enclosingTypesAccessible(member.getEnclosingElement());
        }
        Element declaring = member.getEnclosingElement();
        PackageElement pkg = elements.getPackageOf(declaring);
        return pkg.getQualifiedName().contentEquals(resolver.packageName()) && enclosingTypesAccessible(declaring);
    }

    /**
     * Whether the owner's own code may use {@code member}: members it cannot use are no
     * candidates of its calls (a package-private method of a superclass in another package).
     */
    public boolean accessibleFromOwner(Element member) {
        Set<Modifier> modifiers = member.getModifiers();
        Element declaring = member.getEnclosingElement();
        if (modifiers.contains(Modifier.PRIVATE)) {
            return outermost(declaring).equals(outermost(resolver.owner()));
        }
        if (modifiers.contains(Modifier.PUBLIC)
                || elements.getPackageOf(declaring).getQualifiedName().contentEquals(resolver.packageName())) {
            return true;
        }
        if (modifiers.contains(Modifier.PROTECTED) && member.getKind() != ElementKind.CONSTRUCTOR) {
            // (a protected constructor of another package is for super(...) and anonymous classes)
            for (TypeElement c : resolver.lexicalChain()) {
                for (TypeElement t = c; t != null; t = NameResolver.superclass(t)) {
                    if (t.equals(declaring)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Element outermost(Element e) {
        while (e.getEnclosingElement() instanceof TypeElement) {
            e = e.getEnclosingElement();
        }
        return e;
    }

    private boolean enclosingTypesAccessible(Element type) {
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A private class that {@code type} mentions (itself, a type argument, an array's component,
     * a bound), or one nested in a private class: generated code cannot name it. {@code null} if none.
     */
    public TypeElement privateTypeIn(TypeMirror type) {
        return type.accept(new javax.lang.model.util.SimpleTypeVisitor8<TypeElement, Void>(null) {
            @Override
            public TypeElement visitDeclared(DeclaredType t, Void p) {
                TypeElement e = (TypeElement) t.asElement();
                if (!enclosingTypesAccessible(e)) {
                    return e;
                }
                for (TypeMirror arg : t.getTypeArguments()) {
                    TypeElement found = arg.accept(this, null);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }

            @Override
            public TypeElement visitArray(javax.lang.model.type.ArrayType t, Void p) {
                return t.getComponentType().accept(this, null);
            }

            @Override
            public TypeElement visitWildcard(javax.lang.model.type.WildcardType t, Void p) {
                TypeElement found = t.getExtendsBound() == null ? null : t.getExtendsBound().accept(this, null);
                return found != null || t.getSuperBound() == null ? found : t.getSuperBound().accept(this, null);
            }
        }, null);
    }
}
