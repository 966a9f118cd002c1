package dev.weft.processor.model;

import java.util.List;
import java.util.Locale;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.SimpleTypeVisitor8;

/** How messages and Javadoc show a coroutine: {@code m(int, List<String>)}, types by simple names. */
public final class Signatures {
    private Signatures() {
    }

    /** {@code m(int, String)}: a method's name and parameter types. */
    public static String signature(ExecutableElement method) {
        StringBuilder sb = new StringBuilder(method.getSimpleName()).append('(');
        List<? extends VariableElement> params = method.getParameters();
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(simpleName(params.get(i).asType()));
        }
        return sb.append(')').toString();
    }

    /** {@code m(Q, double)}: a coroutine's factory, the receiver first. */
    public static String factorySignature(ExecutableElement method) {
        String own = signature(method);
        if (method.getModifiers().contains(Modifier.STATIC)) {
            return own;
        }
        String receiver = method.getEnclosingElement().getSimpleName().toString();
        int open = own.indexOf('(');
        return own.substring(0, open + 1) + receiver + (method.getParameters().isEmpty() ? "" : ", ")
                + own.substring(open + 1);
    }

    /** {@code List<String>}, {@code int[]}, {@code Map.Entry<K, V>}: a type by simple names, annotations left out. */
    public static String simpleName(TypeMirror type) {
        StringBuilder sb = new StringBuilder();
        type.accept(new SimpleTypeVisitor8<Void, Void>() {
            @Override
            public Void visitDeclared(DeclaredType t, Void p) {
                sb.append(t.asElement().getSimpleName());
                List<? extends TypeMirror> args = t.getTypeArguments();
                if (!args.isEmpty()) {
                    sb.append('<');
                    for (int i = 0; i < args.size(); i++) {
                        if (i > 0) {
                            sb.append(", ");
                        }
                        args.get(i).accept(this, null);
                    }
                    sb.append('>');
                }
                return null;
            }

            @Override
            public Void visitArray(ArrayType t, Void p) {
                t.getComponentType().accept(this, null);
                sb.append("[]");
                return null;
            }

            @Override
            public Void visitTypeVariable(TypeVariable t, Void p) {
                sb.append(t.asElement().getSimpleName());
                return null;
            }

            @Override
            public Void visitWildcard(WildcardType t, Void p) {
                sb.append('?');
                if (t.getExtendsBound() != null) {
                    sb.append(" extends ");
                    t.getExtendsBound().accept(this, null);
                } else if (t.getSuperBound() != null) {
                    sb.append(" super ");
                    t.getSuperBound().accept(this, null);
                }
                return null;
            }

            @Override
            protected Void defaultAction(TypeMirror t, Void p) {
                sb.append(t.getKind().isPrimitive() ? t.getKind().name().toLowerCase(Locale.ROOT) : t.toString());
                return null;
            }
        }, null);
        return sb.toString();
    }
}
