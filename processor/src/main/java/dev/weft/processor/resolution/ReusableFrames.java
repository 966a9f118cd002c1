package dev.weft.processor.resolution;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreeScanner;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/**
 * The coroutines of the round whose frames direct calls reuse, and their frame classes. A
 * coroutine call runs its callee at once ({@code callInline}); when the callee finished without
 * suspending, nothing refers to its frame any more, and the next call of the same coroutine at
 * the same depth can take it instead of a new one. A caller in the callee's package creates the
 * callee's frame with the frame class's {@value #METHOD} method, which does that; other callers use
 * the factory. Decided for every class of the round during validation, before any call is
 * emitted.
 */
public final class ReusableFrames {
    /** The name of the static method of a reusable frame class that makes the frame of a direct call. */
    public static final String METHOD = "directCall";

    private final Map<ExecutableElement, ClassName> frames = new HashMap<>();
    /** The coroutines that a coroutine of their own package calls: only their frames get the methods. */
    private final Set<ExecutableElement> calledInPackage = new HashSet<>();

    /** Records that calls of {@code method} may reuse frames of {@code frame}. */
    public void add(ExecutableElement method, ClassName frame) {
        frames.put(method, frame);
    }

    /** Records that a coroutine of package {@code callerPackage} calls {@code callee}. */
    public void called(ExecutableElement callee, String callerPackage, Elements elements) {
        PackageElement pkg = elements.getPackageOf(callee);
        if ((pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString()).equals(callerPackage)) {
            calledInPackage.add(callee);
        }
    }

    /**
     * Whether frames of {@code method} are reused (its frame class has {@value #METHOD}): it can
     * be, and a coroutine of its package calls it.
     */
    public boolean has(ExecutableElement method) {
        return frames.containsKey(method) && calledInPackage.contains(method);
    }

    /**
     * The frame class whose {@value #METHOD} a direct call of {@code callee} from a frame in
     * {@code callerPackage} uses, or {@code null} (the call uses the factory): the frame classes
     * are package-private.
     */
    public ClassName frameFor(ExecutableElement callee, String callerPackage) {
        ClassName frame = frames.get(callee);
        return frame != null && frame.packageName().equals(callerPackage) && calledInPackage.contains(callee) ? frame : null;
    }

    /**
     * Whether a frame of {@code method} can be reused once a direct call of it finished: it is
     * created only for that call, so only its own code could keep it, and only a lambda or a class
     * body in its body can (by reading a local that the frame keeps). Virtual coroutines are
     * created through their dispatch, and a coroutine whose parameters take more slots than a
     * constructor can have is created by its factory.
     */
    public static boolean reusable(ExecutableElement method, MethodTree tree, VirtualCoroutines virtuals) {
        if (virtuals.isVirtual(method) || method.getModifiers().contains(Modifier.ABSTRACT)
                || tree.getBody() == null || parameterSlotsOfConstructor(method) > 255) {
            return false;
        }
        boolean[] capturing = {false};
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
                capturing[0] = true;
                return null;
            }

            @Override
            public Void visitClass(ClassTree node, Void unused) {
                capturing[0] = true;
                return null;
            }
        }.scan(tree.getBody(), null);
        return !capturing[0];
    }

    /**
     * The slots the frame's constructor takes: the frame itself, the receiver, the parameters
     * ({@code long} and {@code double} take two). A method may take at most 255.
     */
    public static int parameterSlotsOfConstructor(ExecutableElement method) {
        int slots = method.getModifiers().contains(Modifier.STATIC) ? 1 : 2;
        for (VariableElement p : method.getParameters()) {
            TypeKind kind = p.asType().getKind();
            slots += kind == TypeKind.LONG || kind == TypeKind.DOUBLE ? 2 : 1;
        }
        return slots;
    }
}
