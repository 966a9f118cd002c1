package dev.weft.processor.emission;

import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.Messages;
import dev.weft.processor.model.Names;
import dev.weft.processor.model.ProcessingFailure;
import dev.weft.processor.model.Suspension;
import dev.weft.processor.model.Trees2;
import dev.weft.processor.resolution.NameResolver;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.IntersectionTypeTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.WildcardTree;
import com.sun.source.tree.YieldTree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;

/**
 * Prints a coroutine's trees back as Java source for the generated class, rewriting what must
 * change there: locals kept in fields, members of the user's class (qualified with the receiver
 * or the class name), static imports, {@code this}, and, for statements inside a lowered
 * construct, jumps and returns that leave the printed code.
 *
 * <p>In {@link Mode#NATIVE} the text is code that runs; in {@link Mode#WITNESS} it is a witness:
 * code javac types but the program never runs, where suspension points stay as they were written.
 */
public final class CodePrinter {
    public enum Mode { NATIVE, WITNESS }

    /** How the lowerer rewrites what leaves native code. */
    public interface Exits {
        /** The exit of a {@code break}/{@code continue} whose target is a lowered statement. */
        Exit jump(Tree jump, String label, boolean isContinue);

        /** The exit of a {@code return} of the coroutine; {@code value} is printed or {@code null}. */
        Exit returnFrom(ReturnTree ret, Code value);

        /** The exit of a {@code yield} to a lowered switch expression. */
        Exit yieldTo(YieldTree yield, Code value);
    }

    public static final String INDENT = "    ";

    /**
     * How a native statement leaves when a jump out of it passes a native {@code finally} (or
     * closes a resource): the jump is deferred, {@code variable = STATE; break label;}, so that
     * the finally block runs while {@code state} still says where the code is. Should that block
     * throw, the exception is dispatched from the state the jump left, as Java would.
     */
    public static final class Deferral {
        final String machineLabel;
        public final String variable;
        public final String label;
        public boolean used;

        public Deferral(String machineLabel, String variable, String label) {
            this.machineLabel = machineLabel;
            this.variable = variable;
            this.label = label;
        }
    }

    private final Analysis analysis;
    private final NameResolver resolver;
    private final Mode mode;
    private final Exits exits;
    private final Map<Tree, Code> replacements;
    /** Where printing appends; {@link #capture} swaps it. */
    private Code.Builder sb = new Code.Builder();
    private int indent;

    /** Statements and boundaries entered while printing, to tell local jumps from leaving ones. */
    private final Deque<Tree> nesting = new ArrayDeque<>();
    /** Labels declared inside the printed code. */
    private final Deque<String> labels = new ArrayDeque<>();
    /** Depth inside lambda bodies and class bodies (where captured locals are snapshots). */
    private int captureDepth;
    /** Names of members of anonymous and local class bodies being printed (they shadow). */
    private final Deque<Set<String>> classMembers = new ArrayDeque<>();
    private final Set<LocalVar> captures = new LinkedHashSet<>();
    /** Inside the pattern of an instanceof: bindings kept in fields, copied after the pattern. */
    private List<LocalVar> bindingsToCopy;
    /** Depth inside the blocks of native try statements that have a finally or resources. */
    private int protectedDepth;
    private Deferral deferral;
    /** Set while printing the type of a class literal, which names the raw class. */
    private boolean rawTypes;

    public CodePrinter(Analysis analysis, NameResolver resolver, Mode mode, Exits exits, Map<Tree, Code> replacements) {
        this.analysis = analysis;
        this.resolver = resolver;
        this.mode = mode;
        this.exits = exits;
        this.replacements = replacements;
    }

    /** Makes jumps out of native finally-protected code deferred (see {@link Deferral}). */
    public CodePrinter deferring(Deferral d) {
        this.deferral = d;
        return this;
    }

    /** An exit's code, deferred if it leaves a native try that has a finally block or resources. */
    private Code exit(Exit exit) {
        if (protectedDepth == 0 || deferral == null || exit.target == null) {
            return exit.code(); // a return without finally blocks to run: returning is fine
        }
        deferral.used = true;
        return Code.of(exit.setup, deferral.variable, " = ", exit.target, "; break ", deferral.label, ";");
    }

    /** Hoisted locals read inside lambda and class bodies printed so far: they need snapshots. */
    public Set<LocalVar> captures() {
        return captures;
    }

    public Code expression(Tree e) {
        return capture(() -> expr(e));
    }

    public Code statement(StatementTree s) {
        return capture(() -> stmt(s));
    }

    public Code type(Tree t) {
        return capture(() -> printType(t));
    }

    /** The code {@code print} appends, printed on its own. */
    private Code capture(Runnable print) {
        Code.Builder outer = sb;
        sb = new Code.Builder();
        try {
            print.run();
            return sb.build();
        } finally {
            sb = outer;
        }
    }

    // ------------------------------------------------------------------ output helpers

    private void newline() {
        sb.add('\n');
        for (int i = 0; i < indent; i++) {
            sb.add(INDENT);
        }
    }

    /** Appends lowered code; its lines after the first keep their indentation relative to here. */
    private void text(Code c) {
        sb.add(c.indented(INDENT.repeat(indent)));
    }

    private ProcessingFailure unsupported(Tree t, String what) {
        return new ProcessingFailure(t, Messages.unsupported(what));
    }

    // ------------------------------------------------------------------ expressions

    private void expr(Tree t) {
        Code replacement = replacements.get(t);
        if (replacement != null) {
            text(replacement);
            return;
        }
        switch (t.getKind()) {
            case IDENTIFIER:
                identifier((IdentifierTree) t, false);
                return;
            case MEMBER_SELECT:
                memberSelect((MemberSelectTree) t);
                return;
            case METHOD_INVOCATION:
                invocation((MethodInvocationTree) t);
                return;
            case PARENTHESIZED:
                sb.add('(');
                expr(((ParenthesizedTree) t).getExpression());
                sb.add(')');
                return;
            case ASSIGNMENT: {
                AssignmentTree a = (AssignmentTree) t;
                expr(a.getVariable());
                sb.add(" = ");
                expr(a.getExpression());
                return;
            }
            case CONDITIONAL_EXPRESSION: {
                ConditionalExpressionTree c = (ConditionalExpressionTree) t;
                expr(c.getCondition());
                sb.add(" ? ");
                expr(c.getTrueExpression());
                sb.add(" : ");
                expr(c.getFalseExpression());
                return;
            }
            case ARRAY_ACCESS: {
                ArrayAccessTree a = (ArrayAccessTree) t;
                expr(a.getExpression());
                sb.add('[');
                expr(a.getIndex());
                sb.add(']');
                return;
            }
            case TYPE_CAST: {
                TypeCastTree c = (TypeCastTree) t;
                sb.add('(');
                printType(c.getType());
                sb.add(") ");
                expr(c.getExpression());
                return;
            }
            case INSTANCE_OF: {
                InstanceOfTree i = (InstanceOfTree) t;
                expr(i.getExpression());
                sb.add(" instanceof ");
                Tree pattern = i.getPattern();
                if (pattern != null) {
                    List<LocalVar> outer = bindingsToCopy;
                    bindingsToCopy = new ArrayList<>();
                    pattern(pattern);
                    for (LocalVar kept : bindingsToCopy) {
                        sb.add(" && bind(").add(kept.emittedName).add(" = ")
                                .add(analysis.bindingTemp(kept)).add(')');
                    }
                    bindingsToCopy = outer;
                } else {
                    printType(i.getType());
                }
                return;
            }
            case NEW_CLASS:
                newClass((NewClassTree) t);
                return;
            case NEW_ARRAY:
                newArray((NewArrayTree) t);
                return;
            case LAMBDA_EXPRESSION:
                lambda((LambdaExpressionTree) t);
                return;
            case MEMBER_REFERENCE: {
                MemberReferenceTree m = (MemberReferenceTree) t;
                if (m.getMode() == MemberReferenceTree.ReferenceMode.NEW
                        && isInnerClassOfReceiver(m.getQualifierExpression(), m)) {
                    throw new ProcessingFailure(m, Messages.innerClassReference(m.getQualifierExpression().toString()));
                }
                ambiguous(m.getQualifierExpression());
                sb.add("::");
                typeArguments(m.getTypeArguments());
                sb.add(m.getMode() == MemberReferenceTree.ReferenceMode.NEW ? "new" : m.getName().toString());
                return;
            }
            case SWITCH_EXPRESSION:
                switchExpression((SwitchExpressionTree) t);
                return;
            case INT_LITERAL:
            case LONG_LITERAL:
            case FLOAT_LITERAL:
            case DOUBLE_LITERAL:
            case BOOLEAN_LITERAL:
            case CHAR_LITERAL:
            case STRING_LITERAL:
            case NULL_LITERAL:
                sb.add(Literals.render((LiteralTree) t));
                return;
            case POSTFIX_INCREMENT:
            case POSTFIX_DECREMENT:
                expr(((UnaryTree) t).getExpression());
                sb.add(Operators.symbol(t.getKind()));
                return;
            case PREFIX_INCREMENT:
            case PREFIX_DECREMENT:
            case UNARY_PLUS:
            case UNARY_MINUS:
            case BITWISE_COMPLEMENT:
            case LOGICAL_COMPLEMENT: {
                String op = Operators.symbol(t.getKind());
                sb.add(op);
                Code operand = capture(() -> expr(((UnaryTree) t).getExpression()));
                // Keep "- -x" and "+ +x" apart.
                if ((op.equals("-") || op.equals("+")) && (operand.startsWith("-") || operand.startsWith("+"))) {
                    sb.add(' ');
                }
                sb.add(operand);
                return;
            }
            default:
                if (t instanceof BinaryTree) {
                    BinaryTree b = (BinaryTree) t;
                    expr(b.getLeftOperand());
                    sb.add(' ').add(Operators.symbol(t.getKind())).add(' ');
                    expr(b.getRightOperand());
                    return;
                }
                if (t instanceof CompoundAssignmentTree) {
                    CompoundAssignmentTree c = (CompoundAssignmentTree) t;
                    expr(c.getVariable());
                    sb.add(' ').add(Operators.symbol(t.getKind())).add(' ');
                    expr(c.getExpression());
                    return;
                }
                if (isTypeTree(t)) {
                    printType(t);
                    return;
                }
                throw unsupported(t, "the expression kind " + t.getKind());
        }
    }

    private static boolean isTypeTree(Tree t) {
        return t instanceof PrimitiveTypeTree || t instanceof ArrayTypeTree || t instanceof ParameterizedTypeTree
                || t instanceof WildcardTree || t instanceof UnionTypeTree || t instanceof IntersectionTypeTree
                || t instanceof AnnotatedTypeTree;
    }

    /** An identifier in an expression: a local, a member, a static import, a type or a package. */
    private void identifier(IdentifierTree id, boolean typeContext) {
        String name = id.getName().toString();
        if (name.equals("this")) {
            sb.add(insideClassBody() ? "this" : thisReplacement(id));
            return;
        }
        if (name.equals("super")) {
            if (insideClassBody()) {
                sb.add("super");
                return;
            }
            throw new ProcessingFailure(id, Messages.superCall());
        }
        if (shadowedByClassMember(name)) {
            // a member of an anonymous or local class body being printed (inherited ones included)
            sb.add(name);
            return;
        }
        if (!typeContext) {
            LocalVar local = analysis.references.get(id);
            if (local != null) {
                sb.add(localName(local));
                return;
            }
            NameResolver.Member field = resolver.resolveField(name);
            if (field != null) {
                sb.add(qualifiedField(id, field, name));
                return;
            }
        }
        if (analysis.typeVariables.contains(name) || analysis.localClasses.contains(name)) {
            sb.add(name);
            return;
        }
        TypeElement type = resolver.resolveMemberType(name);
        if (type == null) {
            type = resolver.resolveType(name); // named by the user's imports, package or java.lang
        }
        if (type != null) {
            sb.add(typeContext ? className(type) : qualifier(type, id));
            return;
        }
        if (!typeContext) {
            analysis.noteQualifier(name); // a type or package name as the user wrote it: a hoisted local may shadow it
        }
        sb.add(name);
    }

    /**
     * {@code type} where generated code writes it where an expression may stand (the {@code T}
     * of {@code T.field}). A variable of the same name would obscure it there (JLS 6.5.2): a local
     * of the coroutine is renamed instead ({@link Analysis#noteQualifier}); a member of a class
     * body being printed cannot be, so the type's canonical name is written.
     */
    private Object qualifier(TypeElement type, Tree where) {
        TypeName name = className(type);
        return name instanceof ClassName ? qualifier((ClassName) name, where) : name.toString();
    }

    private Object qualifier(com.palantir.javapoet.ClassName name, Tree where) {
        String top = name.topLevelClassName().simpleName();
        String canonical = name.canonicalName();
        if (shadowedByClassMember(top)) {
            if (shadowedByClassMember(firstSegment(canonical))) {
                throw new ProcessingFailure(where, "Weft cannot name " + canonical + " inside this class body: its"
                        + " member " + firstSegment(canonical) + " hides it in the generated code. Rename the member");
            }
            analysis.noteQualifier(firstSegment(canonical));
            return canonical;
        }
        // JavaPoet writes the top-level class's name, or qualifies it by its package
        analysis.noteQualifier(top);
        if (!name.packageName().isEmpty() && !name.packageName().equals(resolver.packageName())) {
            analysis.noteQualifier(firstSegment(name.packageName()));
        }
        return name;
    }

    /**
     * How generated code names {@code type}: JavaPoet imports it or qualifies it as the file
     * requires. JavaPoet writes a class of the file's own package by its simple name even where a
     * member type the frames inherit ({@code Witness}, {@code ForEach}) masks it; such a class is
     * written by its canonical name.
     */
    private TypeName className(TypeElement type) {
        ClassName name = ClassName.get(type);
        if (name.packageName().equals(resolver.packageName())
                && resolver.frameTypeNames().contains(name.topLevelClassName().simpleName())) {
            return TypeVariableName.get(name.canonicalName());
        }
        return name;
    }

    private static String firstSegment(String dotted) {
        int dot = dotted.indexOf('.');
        return dot < 0 ? dotted : dotted.substring(0, dot);
    }

    private String thisReplacement(Tree where) {
        String self = analysis.selfName;
        if (self == null) {
            throw new ProcessingFailure(where, Messages.thisInStatic());
        }
        return self;
    }

    private String localName(LocalVar local) {
        if (local.hoisted && !local.constant && captureDepth > 0 && mode == Mode.NATIVE) {
            // A field read from a lambda or class body would see later values of the field (a
            // loop's next iteration); Java captured the value, so capture a snapshot.
            captures.add(local);
            return analysis.snapshotName(local);
        }
        return local.emittedName;
    }

    /**
     * How generated code names a field that a simple name denotes: a constant by its value, any
     * other through its class if static, through the receiver otherwise.
     */
    private Code qualifiedField(Tree where, NameResolver.Member field, String name) {
        Element e = field.elements.get(0);
        Object constant = constantValue(e);
        if (constant != null && field.importedAs == null
                && (!e.getModifiers().contains(Modifier.STATIC) || !resolver.accessibleFromGenerated(e))) {
            // A constant field named simply is a constant, which javac inlines; read through the
            // receiver it would be none (no case label, no implicit narrowing), and a private one
            // the generated class could not read at all.
            return Code.of("(", resolver.constantExpression(constant), ")");
        }
        return Code.of(memberQualifier(where, field, name), name);
    }

    /**
     * {@code Type.} or {@code self.}: how generated code qualifies a field, or the methods of a
     * call, that a simple name denotes. Overloads applicable to a call may be both static and
     * instance methods: in a static coroutine only static ones can be meant; in an instance
     * coroutine the receiver reaches either.
     */
    private Code memberQualifier(Tree where, NameResolver.Member member, String name) {
        if (member.importedAs != null) {
            TypeElement declaring = (TypeElement) member.elements.get(0).getEnclosingElement();
            return Code.of(qualifier(declaring, where), ".");
        }
        boolean someStatic = false;
        for (Element m : member.elements) {
            someStatic |= m.getModifiers().contains(Modifier.STATIC);
        }
        boolean isStatic = member.allStatic() || someStatic && analysis.selfName == null;
        if (!isStatic && someStatic && member.scope != resolver.owner()) {
            throw new ProcessingFailure(where, Messages.staticOrEnclosingInstance(name,
                    member.scope.getSimpleName().toString()));
        }
        if (isStatic) {
            return Code.of(qualifier(member.scope, where), ".");
        }
        if (member.scope == resolver.owner()) {
            return Code.of(thisReplacement(where), ".");
        }
        throw new ProcessingFailure(where, Messages.enclosingInstanceMember(name,
                resolver.owner().getSimpleName().toString(), member.scope.getSimpleName().toString()));
    }

    /** The value of a constant field (JLS 4.12.4), or {@code null}. */
    private static Object constantValue(Element field) {
        return field instanceof VariableElement ? ((VariableElement) field).getConstantValue() : null;
    }

    /**
     * Names that do not mean in the code being printed what they mean in the coroutine body: the
     * members of a class body being printed, and {@code this} there.
     */
    private boolean hidden(String name) {
        return insideClassBody() && (name.equals("this") || shadowedByClassMember(name));
    }

    private boolean insideClassBody() {
        return !classMembers.isEmpty();
    }

    private boolean shadowedByClassMember(String name) {
        for (Set<String> members : classMembers) {
            if (members.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private void memberSelect(MemberSelectTree ms) {
        String name = ms.getIdentifier().toString();
        ExpressionTree target = ms.getExpression();
        if (name.equals("this") || name.equals("super")) {
            // Outer.this / Outer.super
            TypeElement type = resolver.resolveTypeExpression(target);
            if (type != null && type.equals(resolver.owner()) && name.equals("this")) {
                // the coroutine's receiver, in the body as in a lambda or class body inside it
                sb.add(thisReplacement(ms));
                return;
            }
            if (insideClassBody() && (type == null || !type.equals(resolver.owner()))) {
                printType(target);
                sb.add('.').add(name);
                return;
            }
            throw new ProcessingFailure(ms, Messages.outerInstance(NameResolver.dotted(target) + "." + name));
        }
        if (name.equals("class")) {
            rawTypes = true;
            try {
                printType(target);
            } finally {
                rawTypes = false;
            }
            sb.add(".class");
            return;
        }
        if (Trees2.isSuper(target) && !insideClassBody()) {
            throw new ProcessingFailure(ms, Messages.superRead(name));
        }
        checkAnonymousMembers(target, ms, name);
        ambiguous(target);
        sb.add('.').add(name);
    }

    /** A name that may be an expression, a type or a package (the left of a dot). */
    private void ambiguous(ExpressionTree t) {
        Code replacement = replacements.get(t);
        if (replacement != null) {
            text(replacement);
        } else if (t instanceof IdentifierTree) {
            identifier((IdentifierTree) t, false);
        } else {
            expr(t);
        }
    }

    private void invocation(MethodInvocationTree mi) {
        ExpressionTree select = mi.getMethodSelect();
        if (mode == Mode.NATIVE && analysis.suspensions.containsKey(mi)) {
            throw new IllegalStateException("suspension point printed as native code: " + mi);
        }
        Suspension s = analysis.suspensions.get(mi);
        if (s != null && s.kind == Suspension.Kind.COROUTINE_CALL) {
            // Witness of a coroutine call: typed like awaiting its coroutine object, cast to the
            // method's own result type where it is primitive or a box, so that it is a numeric or
            // boolean expression exactly when the call is (JLS 15.25) and overloads resolve alike.
            Code awaited = capture(() -> {
                sb.add("await(");
                factoryCall(mi, s);
                sb.add(')');
            });
            Code typed = Protocol.typedResult(s.callee.getReturnType(), awaited);
            sb.add(typed != null ? typed : awaited);
            return;
        }
        if (select instanceof IdentifierTree) {
            String name = ((IdentifierTree) select).getName().toString();
            if (name.equals("super") || name.equals("this")) {
                throw unsupported(mi, "an explicit constructor call");
            }
            if (!shadowedByClassMember(name) && !(s != null && s.kind == Suspension.Kind.AWAIT)) {
                NameResolver.Member method = resolver.resolveMethod(name);
                if (method != null && method.importedAs != null && !resolver.isFrameMethodName(name)) {
                    // A static import, copied into the generated file, still resolves there.
                    typeArguments(mi.getTypeArguments());
                    sb.add(name);
                    arguments(mi.getArguments());
                    return;
                }
                if (method != null) {
                    sb.add(memberQualifier(select, method.applicableTo(mi.getArguments().size()), name));
                    typeArguments(mi.getTypeArguments());
                    sb.add(name);
                    arguments(mi.getArguments());
                    return;
                }
            }
            typeArguments(mi.getTypeArguments());
            sb.add(name);
        } else if (select instanceof MemberSelectTree) {
            MemberSelectTree ms = (MemberSelectTree) select;
            ExpressionTree target = ms.getExpression();
            if (Trees2.isSuper(target) && !insideClassBody()) {
                throw new ProcessingFailure(mi, Messages.superMethodCall(ms.getIdentifier().toString()));
            }
            checkAnonymousMembers(target, ms, ms.getIdentifier().toString());
            ambiguous(target);
            sb.add('.');
            typeArguments(mi.getTypeArguments());
            sb.add(ms.getIdentifier());
        } else {
            expr(select);
        }
        arguments(mi.getArguments());
    }

    /** The factory call that creates the coroutine object of a coroutine call. */
    public Code factoryCallText(MethodInvocationTree mi, Suspension s) {
        return capture(() -> factoryCall(mi, s));
    }

    /** {@code XCoroutines.m(receiver, args)}: the factory of a coroutine call. */
    private void factoryCall(MethodInvocationTree mi, Suspension s) {
        TypeElement declaring = (TypeElement) s.callee.getEnclosingElement();
        sb.add(qualifier(resolver.generatedClassName(declaring), mi)).add('.');
        typeArguments(mi.getTypeArguments());
        sb.add(s.callee.getSimpleName()).add('(');
        boolean first = true;
        if (!s.callee.getModifiers().contains(Modifier.STATIC)) {
            if (s.receiver != null) {
                expr(s.receiver);
            } else {
                sb.add(thisReplacement(mi));
            }
            first = false;
        }
        for (ExpressionTree arg : mi.getArguments()) {
            if (!first) {
                sb.add(", ");
            }
            first = false;
            expr(arg);
        }
        sb.add(')');
    }

    private void arguments(List<? extends ExpressionTree> args) {
        sb.add('(');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.add(", ");
            }
            expr(args.get(i));
        }
        sb.add(')');
    }

    private void typeArguments(List<? extends Tree> args) {
        if (args != null && !args.isEmpty()) {
            typeArgumentList(args);
        }
    }

    private void newClass(NewClassTree nc) {
        if (mode == Mode.WITNESS && nc.getClassBody() != null) {
            anonymousClassWitness(nc);
            return;
        }
        boolean qualified = true;
        if (nc.getEnclosingExpression() != null) {
            expr(nc.getEnclosingExpression());
        } else if (isInnerClassOfReceiver(nc.getIdentifier(), nc)) {
            sb.add(thisReplacement(nc)); // new Inner() in T means this.new Inner()
        } else {
            qualified = false;
        }
        if (qualified) {
            // outer.new Inner(): the class is named as a member of the outer instance's type.
            sb.add(".new ");
            typeArguments(nc.getTypeArguments());
            innerClassName(nc.getIdentifier());
        } else {
            sb.add("new ");
            typeArguments(nc.getTypeArguments());
            printType(nc.getIdentifier());
        }
        arguments(nc.getArguments());
        if (nc.getClassBody() != null) {
            sb.add(' ');
            classBody(nc.getClassBody(), nc.getIdentifier());
        }
    }

    /**
     * An anonymous class creation in a witness, as {@code ((S) null)} for its supertype
     * {@code S}. The witness is a copy of the user's expression, and a copy of an anonymous class
     * is another class: where the value's type flows into the witness's type (the {@code T} of
     * {@code await(later(new Object() {...}))}), the generated code would cast the real instance to
     * the copy's class, which fails (and in dead code javac never generates the copy). The
     * supertype types the expression the same way for every member the two share; an expression
     * that selects one of the anonymous class's own members is refused where it is printed (see
     * {@link #checkAnonymousMembers}).
     */
    private void anonymousClassWitness(NewClassTree nc) {
        Tree type = nc.getIdentifier();
        if (nc.getEnclosingExpression() != null || type instanceof ParameterizedTypeTree
                && ((ParameterizedTypeTree) type).getTypeArguments().isEmpty()) {
            throw new ProcessingFailure(nc, "Weft types this expression again after a suspension, which needs the"
                    + " type of this anonymous class written out; " + (nc.getEnclosingExpression() != null
                            ? "create it without an enclosing instance (or declare a named class)"
                            : "write its type arguments instead of <>"));
        }
        sb.add("((");
        printType(type);
        sb.add(") null)");
    }

    /**
     * Refuses {@code target.name} where {@code target} is typed by a witness (in a witness, or
     * in native code where lowered code replaces it or a part of it) and contains an anonymous
     * class creation whose class declares {@code name} itself: the witness types that class as its
     * supertype ({@link #anonymousClassWitness}), which has no such member.
     */
    private void checkAnonymousMembers(ExpressionTree target, Tree where, String name) {
        if (mode == Mode.NATIVE && !replacesPartOf(target)) {
            return;
        }
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void visitNewClass(NewClassTree nc, Void p) {
                if (nc.getClassBody() != null && ownMemberNames(nc).contains(name)) {
                    throw new ProcessingFailure(where, "Weft types this expression again after a suspension and"
                            + " cannot name the anonymous class that declares '" + name + "'; declare a named class"
                            + " instead, or assign the instance to a local of that class before the await");
                }
                return super.visitNewClass(nc, p);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
                return null;
            }

            @Override
            public Void visitClass(ClassTree node, Void p) {
                return null;
            }
        }.scan(target, null);
    }

    /** Whether lowered code replaces {@code tree} or a part of it. */
    private boolean replacesPartOf(Tree tree) {
        if (replacements.isEmpty()) {
            return false;
        }
        boolean[] found = {false};
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree t, Void p) {
                if (t != null && replacements.containsKey(t)) {
                    found[0] = true;
                }
                return found[0] ? null : super.scan(t, p);
            }
        }.scan(tree, null);
        return found[0];
    }

    /** The names of the members an anonymous class declares that its supertype lacks (all, if unknown). */
    private Set<String> ownMemberNames(NewClassTree nc) {
        Set<String> own = memberNames(nc.getClassBody());
        Tree type = nc.getIdentifier() instanceof ParameterizedTypeTree
                ? ((ParameterizedTypeTree) nc.getIdentifier()).getType() : nc.getIdentifier();
        TypeElement supertype = type instanceof ExpressionTree ? resolver.resolveTypeExpression((ExpressionTree) type)
                : null;
        if (supertype != null) {
            own.removeAll(inheritedNames(supertype));
        }
        return own;
    }

    /**
     * Whether the class an unqualified {@code new C(...)} or {@code C::new} creates is an inner
     * member class of the coroutine's class, whose enclosing instance is then the receiver. An
     * inner class of an outer class of an inner class needs the enclosing instance of the
     * receiver, which the generated state machine cannot reach: that is an error.
     */
    private boolean isInnerClassOfReceiver(Tree type, Tree creation) {
        TypeElement created = createdClass(type);
        if (created == null || created.getKind() != ElementKind.CLASS || created.getNestingKind() != NestingKind.MEMBER
                || created.getModifiers().contains(Modifier.STATIC) || analysis.selfName == null) {
            return false; // no enclosing instance needed (or javac reports the user's static context)
        }
        for (TypeElement c : resolver.lexicalChain()) {
            if (resolver.membersOf(c).contains(created)) {
                if (c.equals(resolver.owner())) {
                    return true;
                }
                throw new ProcessingFailure(creation, Messages.innerClassOfOuter(created.getSimpleName().toString(),
                        c.getSimpleName().toString(), resolver.owner().getSimpleName().toString()));
            }
            if (c.getModifiers().contains(Modifier.STATIC)) {
                return false; // no enclosing instance of the next class: javac reports the user's error
            }
        }
        return false;
    }

    /** The class a class instance creation names, if it is a member type; {@code null} otherwise. */
    private TypeElement createdClass(Tree type) {
        if (type instanceof ParameterizedTypeTree) {
            return createdClass(((ParameterizedTypeTree) type).getType());
        }
        if (type instanceof AnnotatedTypeTree) {
            return createdClass(((AnnotatedTypeTree) type).getUnderlyingType());
        }
        if (type instanceof IdentifierTree) {
            String name = ((IdentifierTree) type).getName().toString();
            return staysAsWritten(name) ? null : resolver.resolveMemberType(name);
        }
        return type instanceof MemberSelectTree ? resolver.resolveTypeExpression((MemberSelectTree) type) : null;
    }

    /** The class of {@code outer.new Inner<A>()}: its simple name (a member of the outer's type), as written. */
    private void innerClassName(Tree type) {
        if (type instanceof ParameterizedTypeTree) {
            ParameterizedTypeTree p = (ParameterizedTypeTree) type;
            innerClassName(p.getType());
            typeArgumentList(p.getTypeArguments());
        } else if (type instanceof AnnotatedTypeTree) {
            for (AnnotationTree ann : ((AnnotatedTypeTree) type).getAnnotations()) {
                annotation(ann);
                sb.add(' ');
            }
            innerClassName(((AnnotatedTypeTree) type).getUnderlyingType());
        } else if (type instanceof MemberSelectTree) {
            sb.add(((MemberSelectTree) type).getIdentifier());
        } else {
            sb.add(((IdentifierTree) type).getName());
        }
    }

    private void newArray(NewArrayTree na) {
        if (na.getType() != null) {
            sb.add("new ");
            // javac folds the dimensions without a size into the element type: new int[2][] has
            // the element type int[]; they are printed after the sized ones.
            Tree elem = na.getType();
            int unsized = 0;
            if (!na.getDimensions().isEmpty()) {
                while (elem instanceof ArrayTypeTree) {
                    elem = ((ArrayTypeTree) elem).getType();
                    unsized++;
                }
            }
            printType(elem);
            for (ExpressionTree dim : na.getDimensions()) {
                sb.add('[');
                expr(dim);
                sb.add(']');
            }
            for (int i = 0; i < unsized; i++) {
                sb.add("[]");
            }
            if (na.getInitializers() != null && na.getDimensions().isEmpty()) {
                sb.add("[]");
            }
        }
        if (na.getInitializers() != null) {
            sb.add('{');
            List<? extends ExpressionTree> init = na.getInitializers();
            for (int i = 0; i < init.size(); i++) {
                if (i > 0) {
                    sb.add(", ");
                }
                expr(init.get(i));
            }
            sb.add('}');
        }
    }

    private void lambda(LambdaExpressionTree l) {
        List<? extends VariableTree> params = l.getParameters();
        boolean explicit = !params.isEmpty() && !isImplicitType(params.get(0));
        if (params.size() == 1 && !explicit) {
            sb.add(localDeclName(params.get(0)));
        } else {
            sb.add('(');
            for (int i = 0; i < params.size(); i++) {
                if (i > 0) {
                    sb.add(", ");
                }
                VariableTree p = params.get(i);
                if (explicit) {
                    modifiers(p.getModifiers(), true);
                    printType(p.getType());
                    sb.add(' ');
                }
                sb.add(localDeclName(p));
            }
            sb.add(')');
        }
        sb.add(" -> ");
        captureDepth++;
        nesting.push(l);
        try {
            Tree body = l.getBody();
            if (body instanceof BlockTree) {
                block((BlockTree) body);
            } else {
                expr(body);
            }
        } finally {
            nesting.pop();
            captureDepth--;
        }
    }

    private static boolean isImplicitType(VariableTree p) {
        // javac gives implicitly typed (and 'var') lambda parameters no type tree before attribution.
        return p.getType() == null;
    }

    private void switchExpression(SwitchExpressionTree sw) {
        sb.add("switch (");
        Tree selector = sw.getExpression();
        expr(selector instanceof ParenthesizedTree ? ((ParenthesizedTree) selector).getExpression() : selector);
        sb.add(") {");
        nesting.push(sw);
        indent++;
        try {
            for (CaseTree c : sw.getCases()) {
                caseTree(c);
            }
        } finally {
            indent--;
            nesting.pop();
        }
        newline();
        sb.add('}');
    }

    // ------------------------------------------------------------------ types

    void printType(Tree t) {
        Code replacement = replacements.get(t);
        if (replacement != null) {
            text(replacement);
            return;
        }
        if (t instanceof ParameterizedTypeTree && ((ParameterizedTypeTree) t).getTypeArguments().isEmpty()) {
            printType(((ParameterizedTypeTree) t).getType()); // the diamond of new C<>()
            sb.add("<>");
        } else if (t instanceof UnionTypeTree) {
            List<? extends Tree> alts = ((UnionTypeTree) t).getTypeAlternatives();
            for (int i = 0; i < alts.size(); i++) {
                if (i > 0) {
                    sb.add(" | ");
                }
                printType(alts.get(i));
            }
        } else if (t instanceof IntersectionTypeTree) {
            List<? extends Tree> bounds = ((IntersectionTypeTree) t).getBounds();
            for (int i = 0; i < bounds.size(); i++) {
                if (i > 0) {
                    sb.add(" & ");
                }
                printType(bounds.get(i));
            }
        } else {
            sb.add(typeName(t));
        }
    }

    /**
     * The type a type tree denotes, as JavaPoet writes it: classes by their {@link ClassName}s
     * (JavaPoet imports or qualifies them), type variables, local classes and names a class body
     * being printed declares as written. Not for union and intersection types, or diamonds.
     */
    public TypeName typeName(Tree t) {
        if (t instanceof IdentifierTree) {
            return simpleTypeName((IdentifierTree) t, List.of());
        }
        if (t instanceof MemberSelectTree) {
            MemberSelectTree ms = (MemberSelectTree) t;
            Tree left = ms.getExpression();
            if (!(left instanceof IdentifierTree || left instanceof MemberSelectTree)) {
                // a member type of a parameterized (or annotated) type: G<String>.Inner
                TypeName outer = typeName(left);
                if (outer instanceof ParameterizedTypeName) {
                    return ((ParameterizedTypeName) outer).nestedClass(ms.getIdentifier().toString());
                }
                return ((ClassName) outer.withoutAnnotations()).nestedClass(ms.getIdentifier().toString());
            }
            TypeElement type = analysis.types.typeOfTree(ms, this::hidden);
            if (type != null) {
                return className(type);
            }
            return TypeVariableName.get(capture(() -> printQualifiedTypeName(t)).toString());
        }
        if (t instanceof PrimitiveTypeTree) {
            return TypeName.get(((PrimitiveTypeTree) t).getPrimitiveTypeKind() == javax.lang.model.type.TypeKind.VOID
                    ? void.class : primitiveClass(((PrimitiveTypeTree) t).getPrimitiveTypeKind()));
        }
        if (t instanceof ArrayTypeTree) {
            return ArrayTypeName.of(typeName(((ArrayTypeTree) t).getType()));
        }
        if (t instanceof ParameterizedTypeTree) {
            ParameterizedTypeTree p = (ParameterizedTypeTree) t;
            List<TypeName> args = new ArrayList<>();
            for (Tree arg : p.getTypeArguments()) {
                args.add(typeName(arg));
            }
            if (p.getType() instanceof IdentifierTree) {
                return simpleTypeName((IdentifierTree) p.getType(), args);
            }
            TypeName raw = typeName(p.getType());
            if (raw instanceof ParameterizedTypeName) {
                // G<String>.Inner<X>: the last name is the member type, which takes the arguments
                ParameterizedTypeName member = (ParameterizedTypeName) raw;
                return member.enclosingType() != null && member.typeArguments().isEmpty()
                        ? member.enclosingType().nestedClass(member.rawType().simpleName(), args)
                        : ParameterizedTypeName.get(member.rawType(), args.toArray(new TypeName[0]));
            }
            if (raw instanceof ClassName) {
                return ParameterizedTypeName.get((ClassName) raw, args.toArray(new TypeName[0]));
            }
            return TypeVariableName.get(raw + "<" + joined(args) + ">");
        }
        if (t instanceof WildcardTree) {
            WildcardTree w = (WildcardTree) t;
            if (w.getKind() == Tree.Kind.EXTENDS_WILDCARD) {
                return WildcardTypeName.subtypeOf(typeName(w.getBound()));
            }
            if (w.getKind() == Tree.Kind.SUPER_WILDCARD) {
                return WildcardTypeName.supertypeOf(typeName(w.getBound()));
            }
            return WildcardTypeName.subtypeOf(Object.class);
        }
        if (t instanceof AnnotatedTypeTree) {
            AnnotatedTypeTree a = (AnnotatedTypeTree) t;
            List<AnnotationSpec> annotations = new ArrayList<>();
            for (AnnotationTree ann : a.getAnnotations()) {
                annotations.add(annotationSpec(ann));
            }
            return typeName(a.getUnderlyingType()).annotated(annotations);
        }
        throw unsupported(t, "the type " + t.getKind());
    }

    private static String joined(List<TypeName> names) {
        StringBuilder sb = new StringBuilder();
        for (TypeName n : names) {
            sb.append(sb.length() == 0 ? "" : ", ").append(n);
        }
        return sb.toString();
    }

    private static Class<?> primitiveClass(javax.lang.model.type.TypeKind kind) {
        switch (kind) {
            case BOOLEAN: return boolean.class;
            case BYTE: return byte.class;
            case SHORT: return short.class;
            case CHAR: return char.class;
            case INT: return int.class;
            case LONG: return long.class;
            case FLOAT: return float.class;
            case DOUBLE: return double.class;
            default: throw new IllegalArgumentException(kind.toString());
        }
    }

    /** An annotation as JavaPoet writes it, its values printed. */
    private AnnotationSpec annotationSpec(AnnotationTree a) {
        TypeName type = typeName(a.getAnnotationType());
        AnnotationSpec.Builder b = AnnotationSpec.builder(type instanceof ClassName ? (ClassName) type
                : ClassName.bestGuess(type.toString()));
        for (ExpressionTree arg : a.getArguments()) {
            if (arg instanceof AssignmentTree) {
                AssignmentTree as = (AssignmentTree) arg;
                b.addMember(((IdentifierTree) as.getVariable()).getName().toString(), "$L",
                        capture(() -> annotationValue(as.getExpression())).toCodeBlock());
            } else {
                b.addMember("value", "$L", capture(() -> annotationValue(arg)).toCodeBlock());
            }
        }
        return b.build();
    }

    /** {@code <A, B>}, or the diamond {@code <>}. */
    private void typeArgumentList(List<? extends Tree> args) {
        sb.add('<');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.add(", ");
            }
            printType(args.get(i));
        }
        sb.add('>');
    }

    /**
     * A simple type name, with the type arguments written after it. Inside an instance
     * coroutine, an inner class of a generic class is a member of the receiver's parameterized
     * type ({@code T.Outer<X>.Inner}), as javac reads the name there; a class literal, and a
     * generic class without type arguments, name the raw class.
     */
    private TypeName simpleTypeName(IdentifierTree id, List<TypeName> args) {
        String name = id.getName().toString();
        DeclaredType inner = rawTypes || analysis.selfName == null || staysAsWritten(name) ? null
                : resolver.innerTypeOfThis(name);
        if (inner != null && (!args.isEmpty() || inner.getTypeArguments().isEmpty())) {
            ParameterizedTypeName outer = (ParameterizedTypeName) TypeName.get(inner.getEnclosingType());
            return outer.nestedClass(name, args);
        }
        TypeName type = namedType(id);
        if (args.isEmpty()) {
            return type;
        }
        if (type instanceof ClassName) {
            return ParameterizedTypeName.get((ClassName) type, args.toArray(new TypeName[0]));
        }
        return TypeVariableName.get(type + "<" + joined(args) + ">");
    }

    /** The type a simple type name means: a class, or the name itself (a type variable, a local class...). */
    private TypeName namedType(IdentifierTree id) {
        String name = id.getName().toString();
        if (staysAsWritten(name)) {
            return TypeVariableName.get(name);
        }
        TypeElement type = resolver.resolveMemberType(name);
        if (type == null) {
            type = resolver.resolveType(name);
        }
        if (type == null) {
            return TypeVariableName.get(name); // javac reports the user's unknown name
        }
        return className(type);
    }

    /** Whether a type name means a type variable, a local class, or a member of a class body being printed. */
    private boolean staysAsWritten(String name) {
        return analysis.typeVariables.contains(name) || analysis.localClasses.contains(name)
                || shadowedByClassMember(name);
    }

    private void printQualifiedTypeName(Tree left) {
        if (left instanceof IdentifierTree) {
            identifier((IdentifierTree) left, true);
        } else {
            MemberSelectTree ms = (MemberSelectTree) left;
            printQualifiedTypeName(ms.getExpression());
            sb.add('.').add(ms.getIdentifier());
        }
    }

    private void annotation(AnnotationTree a) {
        sb.add('@');
        printType(a.getAnnotationType());
        List<? extends ExpressionTree> args = a.getArguments();
        if (!args.isEmpty()) {
            sb.add('(');
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    sb.add(", ");
                }
                ExpressionTree arg = args.get(i);
                if (arg instanceof AssignmentTree) {
                    AssignmentTree as = (AssignmentTree) arg;
                    sb.add(((IdentifierTree) as.getVariable()).getName()).add(" = ");
                    annotationValue(as.getExpression());
                } else {
                    annotationValue(arg);
                }
            }
            sb.add(')');
        }
    }

    private void annotationValue(ExpressionTree v) {
        if (v instanceof NewArrayTree && ((NewArrayTree) v).getType() == null) {
            newArray((NewArrayTree) v);
        } else if (v instanceof AnnotationTree) {
            annotation((AnnotationTree) v);
        } else {
            expr(v);
        }
    }

    private void modifiers(ModifiersTree m, boolean keepFinal) {
        for (AnnotationTree a : m.getAnnotations()) {
            annotation(a);
            sb.add(' ');
        }
        for (Modifier mod : m.getFlags()) {
            if (mod == Modifier.FINAL && !keepFinal) {
                continue;
            }
            sb.add(mod.toString()).add(' ');
        }
    }

    // ------------------------------------------------------------------ statements

    private void stmt(Tree s) {
        Code replacement = replacements.get(s);
        if (replacement != null) {
            text(replacement);
            return;
        }
        switch (s.getKind()) {
            case BLOCK:
                block((BlockTree) s);
                return;
            case EMPTY_STATEMENT:
                sb.add(';');
                return;
            case EXPRESSION_STATEMENT:
                expr(((ExpressionStatementTree) s).getExpression());
                sb.add(';');
                return;
            case VARIABLE:
                localVariable((VariableTree) s);
                return;
            case IF: {
                IfTree i = (IfTree) s;
                sb.add("if (");
                expr(unparen(i.getCondition()));
                sb.add(") ");
                body(i.getThenStatement());
                StatementTree otherwise = i.getElseStatement();
                if (otherwise != null) {
                    sb.add(" else ");
                    if (otherwise instanceof IfTree) {
                        stmt(otherwise);
                    } else {
                        body(otherwise);
                    }
                }
                return;
            }
            case WHILE_LOOP: {
                WhileLoopTree w = (WhileLoopTree) s;
                sb.add("while (");
                expr(unparen(w.getCondition()));
                sb.add(") ");
                loopBody(s, w.getStatement());
                return;
            }
            case DO_WHILE_LOOP: {
                DoWhileLoopTree d = (DoWhileLoopTree) s;
                sb.add("do ");
                loopBody(s, d.getStatement());
                sb.add(" while (");
                expr(unparen(d.getCondition()));
                sb.add(");");
                return;
            }
            case FOR_LOOP: {
                ForLoopTree f = (ForLoopTree) s;
                sb.add("for (");
                List<? extends StatementTree> init = f.getInitializer();
                for (int i = 0; i < init.size(); i++) {
                    StatementTree st = init.get(i);
                    if (st instanceof VariableTree) {
                        VariableTree v = (VariableTree) st;
                        if (i == 0) {
                            modifiers(v.getModifiers(), true);
                            declaredType(v);
                            sb.add(' ');
                        } else {
                            sb.add(", ");
                        }
                        sb.add(localDeclName(v));
                        if (v.getInitializer() != null) {
                            sb.add(" = ");
                            variableInitializer(v);
                        }
                    } else {
                        if (i > 0) {
                            sb.add(", ");
                        }
                        expr(((ExpressionStatementTree) st).getExpression());
                    }
                }
                sb.add("; ");
                if (f.getCondition() != null) {
                    expr(f.getCondition());
                }
                sb.add("; ");
                List<? extends ExpressionStatementTree> update = f.getUpdate();
                for (int i = 0; i < update.size(); i++) {
                    if (i > 0) {
                        sb.add(", ");
                    }
                    expr(update.get(i).getExpression());
                }
                sb.add(") ");
                loopBody(s, f.getStatement());
                return;
            }
            case ENHANCED_FOR_LOOP: {
                EnhancedForLoopTree f = (EnhancedForLoopTree) s;
                VariableTree v = f.getVariable();
                sb.add("for (");
                variableHead(v);
                sb.add(" : ");
                expr(f.getExpression());
                sb.add(") ");
                loopBody(s, f.getStatement());
                return;
            }
            case LABELED_STATEMENT: {
                LabeledStatementTree l = (LabeledStatementTree) s;
                sb.add(l.getLabel()).add(": ");
                labels.push(l.getLabel().toString());
                nesting.push(l);
                try {
                    StatementTree inner = l.getStatement();
                    if (inner instanceof BreakTree || inner instanceof ContinueTree || inner instanceof ReturnTree
                            || inner instanceof YieldTree) {
                        body(inner); // a rewritten jump may be several statements
                    } else {
                        stmt(inner);
                    }
                } finally {
                    nesting.pop();
                    labels.pop();
                }
                return;
            }
            case SWITCH: {
                SwitchTree sw = (SwitchTree) s;
                sb.add("switch (");
                expr(unparen(sw.getExpression()));
                sb.add(") {");
                nesting.push(sw);
                indent++;
                try {
                    for (CaseTree c : sw.getCases()) {
                        caseTree(c);
                    }
                } finally {
                    indent--;
                    nesting.pop();
                }
                newline();
                sb.add('}');
                return;
            }
            case TRY:
                tryStatement((TryTree) s);
                return;
            case SYNCHRONIZED: {
                SynchronizedTree sy = (SynchronizedTree) s;
                sb.add("synchronized (");
                expr(unparen(sy.getExpression()));
                sb.add(") ");
                block(sy.getBlock());
                return;
            }
            case THROW:
                sb.add("throw ");
                expr(((ThrowTree) s).getExpression());
                sb.add(';');
                return;
            case RETURN:
                returnStatement((ReturnTree) s);
                return;
            case BREAK:
                breakStatement((BreakTree) s);
                return;
            case CONTINUE:
                continueStatement((ContinueTree) s);
                return;
            case YIELD:
                yieldStatement((YieldTree) s);
                return;
            case ASSERT: {
                AssertTree a = (AssertTree) s;
                sb.add("assert ");
                expr(a.getCondition());
                if (a.getDetail() != null) {
                    sb.add(" : ");
                    expr(a.getDetail());
                }
                sb.add(';');
                return;
            }
            case CLASS:
            case INTERFACE:
            case ENUM:
            case RECORD:
                localClass((ClassTree) s);
                return;
            default:
                throw unsupported(s, "the statement kind " + s.getKind());
        }
    }

    private static ExpressionTree unparen(ExpressionTree e) {
        return e instanceof ParenthesizedTree ? ((ParenthesizedTree) e).getExpression() : e;
    }

    /** The body of an if or a loop; a single statement gets braces (its rewriting may need several). */
    private void body(StatementTree s) {
        if (s instanceof BlockTree) {
            block((BlockTree) s);
        } else {
            sb.add('{');
            indent++;
            newline();
            stmt(s);
            indent--;
            newline();
            sb.add('}');
        }
    }

    private void loopBody(Tree loop, StatementTree body) {
        nesting.push(loop);
        try {
            body(body);
        } finally {
            nesting.pop();
        }
    }

    void block(BlockTree b) {
        if (b.isStatic()) {
            sb.add("static ");
        }
        sb.add('{');
        indent++;
        for (StatementTree s : b.getStatements()) {
            newline();
            stmt(s);
        }
        indent--;
        newline();
        sb.add('}');
    }

    private void localVariable(VariableTree v) {
        variableHead(v);
        if (v.getInitializer() != null) {
            sb.add(" = ");
            variableInitializer(v);
        }
        sb.add(';');
    }

    /** {@code final Type name} of a variable declaration, as generated code declares it. */
    public Code declaration(VariableTree v) {
        return capture(() -> variableHead(v));
    }

    private void variableHead(VariableTree v) {
        modifiers(v.getModifiers(), true);
        declaredType(v);
        sb.add(' ').add(localDeclName(v));
    }

    /** A declared type; {@code var} has no type tree before attribution. */
    private void declaredType(VariableTree v) {
        if (v.getType() == null) {
            sb.add("var");
        } else {
            printType(v.getType());
        }
    }

    /** An initializer; a bare array initializer {@code {1, 2}} stays bare in a declaration. */
    private void variableInitializer(VariableTree v) {
        expr(v.getInitializer());
    }

    private String localDeclName(VariableTree v) {
        LocalVar local = analysis.declarations.get(v);
        return local != null ? local.emittedName : v.getName().length() == 0 ? Analysis.UNNAMED : v.getName().toString();
    }

    private void binding(BindingPatternTree b) {
        VariableTree v = b.getVariable();
        modifiers(v.getModifiers(), true);
        declaredType(v);
        LocalVar local = analysis.declarations.get(b);
        if (local != null && local.hoisted) {
            // A binding kept in a field: bind a fresh local, then copy it to the field.
            String fresh = analysis.bindingTemp(local);
            sb.add(' ').add(fresh).add(" && bind(").add(local.emittedName).add(" = ").add(fresh)
                    .add(')');
            return;
        }
        sb.add(' ').add(localDeclName(v));
    }

    private void caseTree(CaseTree c) {
        newline();
        List<? extends ExpressionTree> labelsOf = c.getExpressions();
        if (Trees2.hasPatternLabel(c) || Trees2.isDefault(c) && !labelsOf.isEmpty()) {
            // Java 21 labels: patterns, guards, "case null, default"
            caseLabels(Trees2.labels(c));
            ExpressionTree guard = Trees2.guard(c);
            if (guard != null) {
                sb.add(" when ");
                expr(guard);
            }
        } else if (labelsOf.isEmpty()) {
            sb.add("default");
        } else {
            sb.add("case ");
            for (int i = 0; i < labelsOf.size(); i++) {
                if (i > 0) {
                    sb.add(", ");
                }
                caseLabel(labelsOf.get(i));
            }
        }
        if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
            sb.add(" -> ");
            Tree body = c.getBody();
            if (body instanceof BlockTree) {
                block((BlockTree) body);
            } else if (body instanceof StatementTree) {
                stmt(body);
            } else {
                expr(body);
                sb.add(';');
            }
        } else {
            sb.add(':');
            indent++;
            for (StatementTree st : c.getStatements()) {
                newline();
                stmt(st);
            }
            indent--;
        }
    }

    private void caseLabels(List<? extends Tree> labels) {
        if (labels.size() == 1 && Trees2.isDefaultLabel(labels.get(0))) {
            sb.add("default");
            return;
        }
        sb.add("case ");
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sb.add(", ");
            }
            Tree label = labels.get(i);
            String kind = label.getKind().name();
            if (Trees2.isDefaultLabel(label)) {
                sb.add("default");
            } else if (kind.equals("CONSTANT_CASE_LABEL")) {
                caseLabel(Trees2.constantOf(label));
            } else if (kind.equals("PATTERN_CASE_LABEL")) {
                pattern(Trees2.patternOf(label));
            } else if (label instanceof ExpressionTree) {
                caseLabel((ExpressionTree) label); // before Java 21 a constant is its own label
            } else {
                pattern(label);
            }
        }
    }

    /** A pattern of a case label or of a record pattern: a type pattern, a record pattern or {@code _}. */
    private void pattern(Tree p) {
        switch (p.getKind().name()) {
            case "BINDING_PATTERN": {
                BindingPatternTree b = (BindingPatternTree) p;
                LocalVar local = analysis.declarations.get(b);
                VariableTree v = b.getVariable();
                modifiers(v.getModifiers(), true);
                declaredType(v);
                if (local != null && local.hoisted) {
                    if (bindingsToCopy == null) {
                        throw new ProcessingFailure(b, "Weft cannot keep the binding '" + local.name + "' of this"
                                + " pattern across an await; copy it into a local variable first");
                    }
                    // A binding kept in a field: bind a fresh local, copied to the field after the pattern
                    // (x instanceof String sBound && bind(s = sBound)).
                    sb.add(' ').add(analysis.bindingTemp(local));
                    bindingsToCopy.add(local);
                    return;
                }
                sb.add(' ').add(local == null ? v.getName().toString() : local.emittedName);
                return;
            }
            case "DECONSTRUCTION_PATTERN": {
                printType(Trees2.deconstructorOf(p));
                sb.add('(');
                List<? extends Tree> nested = Trees2.nestedPatternsOf(p);
                for (int i = 0; i < nested.size(); i++) {
                    if (i > 0) {
                        sb.add(", ");
                    }
                    pattern(nested.get(i));
                }
                sb.add(')');
                return;
            }
            case "ANY_PATTERN":
                sb.add('_');
                return;
            default:
                throw unsupported(p, "this pattern");
        }
    }

    /** A case label as printed in a dispatching switch. */
    public Code caseLabelText(ExpressionTree label) {
        return capture(() -> caseLabel(label));
    }

    /**
     * A case constant. A bare name that is not a local or a constant field of the class is an
     * enum constant, which Java requires unqualified.
     */
    private void caseLabel(ExpressionTree label) {
        if (label instanceof IdentifierTree && analysis.references.get(label) == null) {
            NameResolver.Member field = resolver.resolveField(((IdentifierTree) label).getName().toString());
            if (field == null || field.elements.get(0).getKind() == ElementKind.ENUM_CONSTANT) {
                sb.add(((IdentifierTree) label).getName());
                return;
            }
        }
        expr(label);
    }

    private void tryStatement(TryTree t) {
        sb.add("try ");
        List<? extends Tree> resources = t.getResources();
        if (!resources.isEmpty()) {
            sb.add('(');
            for (int i = 0; i < resources.size(); i++) {
                if (i > 0) {
                    sb.add("; ");
                }
                Tree r = resources.get(i);
                if (r instanceof VariableTree) {
                    VariableTree v = (VariableTree) r;
                    variableHead(v);
                    sb.add(" = ");
                    expr(v.getInitializer());
                } else {
                    LocalVar local = r instanceof IdentifierTree ? analysis.references.get(r) : null;
                    if (local != null && local.hoisted && local.typeTree != null && mode == Mode.NATIVE) {
                        // A field is not an effectively final variable: name the resource again.
                        printType(local.typeTree);
                        sb.add(' ').add(analysis.names.fresh(local.name + "Resource")).add(" = ");
                    }
                    expr(r);
                }
            }
            sb.add(") ");
        }
        boolean protectedBody = t.getFinallyBlock() != null || !resources.isEmpty();
        if (protectedBody) {
            protectedDepth++;
        }
        block(t.getBlock());
        for (CatchTree c : t.getCatches()) {
            sb.add(" catch (");
            variableHead(c.getParameter());
            sb.add(") ");
            block(c.getBlock());
        }
        if (protectedBody) {
            protectedDepth--;
        }
        if (t.getFinallyBlock() != null) {
            sb.add(" finally ");
            block(t.getFinallyBlock());
        }
    }

    private void returnStatement(ReturnTree r) {
        if (captureDepth > 0 || exits == null) {
            sb.add("return");
            if (r.getExpression() != null) {
                sb.add(' ');
                expr(r.getExpression());
            }
            sb.add(';');
            return;
        }
        Code value = r.getExpression() == null ? null : expression(r.getExpression());
        text(exit(exits.returnFrom(r, value)));
    }

    private void breakStatement(BreakTree b) {
        jumpStatement(b, "break", b.getLabel(), false);
    }

    private void continueStatement(ContinueTree c) {
        jumpStatement(c, "continue", c.getLabel(), true);
    }

    /** A break or continue: as written if it lands inside the printed code, rewritten otherwise. */
    private void jumpStatement(Tree jump, String keyword, javax.lang.model.element.Name labelName, boolean isContinue) {
        String label = labelName == null ? null : labelName.toString();
        if (captureDepth > 0 || exits == null || targetsPrintedCode(label, isContinue)) {
            sb.add(keyword);
            if (label != null) {
                sb.add(' ').add(label);
            }
            sb.add(';');
            return;
        }
        text(exit(exits.jump(jump, label, isContinue)));
    }

    private void yieldStatement(YieldTree y) {
        boolean local = false;
        for (Tree t : nesting) {
            if (t instanceof SwitchExpressionTree) {
                local = true;
                break;
            }
            if (t instanceof LambdaExpressionTree || t instanceof ClassTree) {
                break;
            }
        }
        if (local || exits == null) {
            sb.add("yield ");
            expr(y.getValue());
            sb.add(';');
            return;
        }
        text(exit(exits.yieldTo(y, expression(y.getValue()))));
    }

    /** Whether a break/continue lands inside the code being printed. */
    private boolean targetsPrintedCode(String label, boolean isContinue) {
        if (label != null) {
            return labels.contains(label);
        }
        for (Tree t : nesting) {
            if (t instanceof LambdaExpressionTree || t instanceof ClassTree) {
                return true;
            }
            if (t instanceof SwitchExpressionTree) {
                return true; // cannot break out of a switch expression: javac would have refused
            }
            if (t instanceof WhileLoopTree || t instanceof DoWhileLoopTree || t instanceof ForLoopTree
                    || t instanceof EnhancedForLoopTree || (!isContinue && t instanceof SwitchTree)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ class bodies

    private void classBody(ClassTree body, Tree supertype) {
        Set<String> names = memberNames(body);
        if (supertype != null) {
            TypeElement superElement = resolver.resolveTypeExpression(
                    supertype instanceof ParameterizedTypeTree ? (ExpressionTree) ((ParameterizedTypeTree) supertype).getType()
                            : supertype instanceof ExpressionTree ? (ExpressionTree) supertype : null);
            if (superElement != null) {
                names.addAll(inheritedNames(superElement));
            }
        }
        classMembers.push(names);
        captureDepth++;
        nesting.push(body);
        try {
            sb.add('{');
            indent++;
            for (Tree member : body.getMembers()) {
                newline();
                classMember(member);
            }
            indent--;
            newline();
            sb.add('}');
        } finally {
            nesting.pop();
            captureDepth--;
            classMembers.pop();
        }
    }

    private Set<String> inheritedNames(TypeElement type) {
        Set<String> names = new HashSet<>();
        for (Element e : resolver.membersOf(type)) {
            names.add(e.getSimpleName().toString());
        }
        return names;
    }

    private static Set<String> memberNames(ClassTree body) {
        Set<String> names = new HashSet<>();
        for (Tree m : body.getMembers()) {
            if (m instanceof VariableTree) {
                names.add(((VariableTree) m).getName().toString());
            } else if (m instanceof MethodTree) {
                names.add(((MethodTree) m).getName().toString());
            } else if (m instanceof ClassTree) {
                names.add(((ClassTree) m).getSimpleName().toString());
            }
        }
        return names;
    }

    private void localClass(ClassTree c) {
        if (c.getKind() == Tree.Kind.ENUM) {
            throw unsupported(c, "a local enum");
        }
        modifiers(c.getModifiers(), true);
        switch (c.getKind()) {
            case INTERFACE: sb.add("interface "); break;
            case RECORD: sb.add("record "); break;
            default: sb.add("class "); break;
        }
        sb.add(c.getSimpleName());
        typeParameters(c.getTypeParameters());
        if (c.getKind() == Tree.Kind.RECORD) {
            throw unsupported(c, "a local record");
        }
        if (c.getExtendsClause() != null) {
            sb.add(" extends ");
            printType(c.getExtendsClause());
        }
        List<? extends Tree> impl = c.getImplementsClause();
        if (!impl.isEmpty()) {
            sb.add(c.getKind() == Tree.Kind.INTERFACE ? " extends " : " implements ");
            for (int i = 0; i < impl.size(); i++) {
                if (i > 0) {
                    sb.add(", ");
                }
                printType(impl.get(i));
            }
        }
        sb.add(' ');
        classBody(c, c.getExtendsClause());
    }

    private void typeParameters(List<? extends TypeParameterTree> params) {
        if (params.isEmpty()) {
            return;
        }
        sb.add('<');
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                sb.add(", ");
            }
            TypeParameterTree p = params.get(i);
            sb.add(p.getName());
            List<? extends Tree> bounds = p.getBounds();
            for (int j = 0; j < bounds.size(); j++) {
                sb.add(j == 0 ? " extends " : " & ");
                printType(bounds.get(j));
            }
        }
        sb.add('>');
    }

    private void classMember(Tree m) {
        if (m instanceof VariableTree) {
            VariableTree v = (VariableTree) m;
            modifiers(v.getModifiers(), true);
            printType(v.getType());
            sb.add(' ').add(v.getName());
            if (v.getInitializer() != null) {
                sb.add(" = ");
                expr(v.getInitializer());
            }
            sb.add(';');
        } else if (m instanceof MethodTree) {
            MethodTree mt = (MethodTree) m;
            modifiers(mt.getModifiers(), true);
            typeParameters(mt.getTypeParameters());
            if (!mt.getTypeParameters().isEmpty()) {
                sb.add(' ');
            }
            boolean constructor = mt.getName().contentEquals("<init>");
            if (constructor) {
                sb.add(((ClassTree) nesting.peek()).getSimpleName());
            } else {
                printType(mt.getReturnType());
                sb.add(' ').add(mt.getName());
            }
            sb.add('(');
            List<? extends VariableTree> params = mt.getParameters();
            for (int i = 0; i < params.size(); i++) {
                if (i > 0) {
                    sb.add(", ");
                }
                VariableTree p = params.get(i);
                modifiers(p.getModifiers(), true);
                printType(p.getType());
                sb.add(' ').add(localDeclName(p));
            }
            sb.add(')');
            List<? extends ExpressionTree> thrown = mt.getThrows();
            for (int i = 0; i < thrown.size(); i++) {
                sb.add(i == 0 ? " throws " : ", ");
                printType(thrown.get(i));
            }
            if (mt.getBody() == null) {
                sb.add(';');
            } else {
                sb.add(' ');
                nesting.push(mt);
                try {
                    block(mt.getBody());
                } finally {
                    nesting.pop();
                }
            }
        } else if (m instanceof BlockTree) {
            block((BlockTree) m);
        } else if (m instanceof ClassTree) {
            localClass((ClassTree) m);
        } else {
            throw unsupported(m, "this class member");
        }
    }
}
