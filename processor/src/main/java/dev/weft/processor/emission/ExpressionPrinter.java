package dev.weft.processor.emission;

import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.Messages;
import dev.weft.processor.model.ProcessingFailure;
import dev.weft.processor.model.Suspension;
import dev.weft.processor.model.Trees2;
import dev.weft.processor.resolution.Member;
import dev.weft.processor.resolution.NameResolver;
import dev.weft.processor.resolution.ReusableFrames;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * The printer's expressions: operators, calls (and the factory calls of coroutine calls), class
 * instance creations (inner classes with their enclosing instance, anonymous classes in
 * witnesses), arrays, lambdas and switch expressions.
 */
abstract class ExpressionPrinter extends PrivateMemberPrinter {
    ExpressionPrinter(Analysis analysis, NameResolver resolver, PrintMode mode, Exits exits,
            Map<Tree, Code> replacements) {
        super(analysis, resolver, mode, exits, replacements);
    }

    // ------------------------------------------------------------------ expressions

    void expr(Tree t) {
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
                PrivateField field = privateField(a.getVariable());
                if (field != null) {
                    sb.add(store(field, capture(() -> expr(a.getExpression())), a.getExpression()));
                    return;
                }
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
            case POSTFIX_DECREMENT: {
                PrivateField field = privateField(((UnaryTree) t).getExpression());
                if (field != null) {
                    sb.add(increment(field, t.getKind()));
                    return;
                }
                expr(((UnaryTree) t).getExpression());
                sb.add(Operators.symbol(t.getKind()));
                return;
            }
            case PREFIX_INCREMENT:
            case PREFIX_DECREMENT:
            case UNARY_PLUS:
            case UNARY_MINUS:
            case BITWISE_COMPLEMENT:
            case LOGICAL_COMPLEMENT: {
                PrivateField field = t.getKind() == Tree.Kind.PREFIX_INCREMENT || t.getKind() == Tree.Kind.PREFIX_DECREMENT
                        ? privateField(((UnaryTree) t).getExpression()) : null;
                if (field != null) {
                    sb.add(increment(field, t.getKind()));
                    return;
                }
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
                    PrivateField field = privateField(c.getVariable());
                    if (field != null) {
                        sb.add(compound(field, Operators.binaryOf(t.getKind()), capture(() -> expr(c.getExpression()))));
                        return;
                    }
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

    private void invocation(MethodInvocationTree mi) {
        ExpressionTree select = mi.getMethodSelect();
        if (mode == PrintMode.NATIVE && analysis.suspensions.containsKey(mi)) {
            throw new IllegalStateException("suspension point printed as native code: " + mi);
        }
        Suspension s = analysis.suspensions.get(mi);
        if (s != null && s.kind == Suspension.Kind.COROUTINE_CALL) {
            // Witness of a coroutine call: typed like awaiting its coroutine object, cast to the
            // method's own result type where it is primitive or a box, so that it is a numeric or
            // boolean expression exactly when the call is (JLS 15.25) and overloads resolve alike.
            Code awaited = capture(() -> {
                sb.add("await(");
                factoryCall(mi, s, false);
                sb.add(')');
            });
            Code typed = Protocol.typedResult(s.callee.getReturnType(), awaited);
            sb.add(typed != null ? typed : awaited);
            return;
        }
        if (!(s != null && s.kind == Suspension.Kind.AWAIT) && mirroredCall(mi)) {
            return;
        }
        if (select instanceof IdentifierTree) {
            String name = ((IdentifierTree) select).getName().toString();
            if (name.equals("super") || name.equals("this")) {
                throw unsupported(mi, "an explicit constructor call");
            }
            if (!shadowedByClassMember(name) && !(s != null && s.kind == Suspension.Kind.AWAIT)) {
                Member method = resolver.resolveMethod(name);
                if (method != null && method.importedAs != null && !resolver.generated().isFrameMethodName(name)) {
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

    /** {@code XCoroutines.m(receiver, args)}: the factory of a coroutine call. */
    void factoryCall(MethodInvocationTree mi, Suspension s, boolean direct) {
        TypeElement declaring = (TypeElement) s.callee.getEnclosingElement();
        ClassName reused = direct ? resolver.reusableFrames().frameFor(s.callee, resolver.packageName()) : null;
        boolean first = true;
        if (reused != null) {
            // the frame of a direct call: its frame class reuses one that finished (ReusableFrames)
            sb.add(qualifier(reused, mi)).add('.');
            typeArguments(mi.getTypeArguments());
            sb.add(ReusableFrames.METHOD).add("(this");
            first = false;
        } else {
            sb.add(qualifier(resolver.generated().className(declaring), mi)).add('.');
            typeArguments(mi.getTypeArguments());
            sb.add(s.callee.getSimpleName()).add('(');
        }
        if (!s.callee.getModifiers().contains(Modifier.STATIC)) {
            if (!first) {
                sb.add(", ");
            }
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

    void arguments(List<? extends ExpressionTree> args) {
        sb.add('(');
        argumentList(args);
        sb.add(')');
    }

    @Override
    void argumentList(List<? extends ExpressionTree> args) {
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.add(", ");
            }
            expr(args.get(i));
        }
    }

    private void newClass(NewClassTree nc) {
        if (mode == PrintMode.WITNESS && nc.getClassBody() != null) {
            anonymousClassWitness(nc);
            return;
        }
        if (mirroredCreation(nc)) {
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
     * Whether the class an unqualified {@code new C(...)} or {@code C::new} creates is an inner
     * member class of the coroutine's class, whose enclosing instance is then the receiver. An
     * inner class of an outer class of an inner class needs the enclosing instance of the
     * receiver, which the generated state machine cannot reach: that is an error.
     */
    private boolean isInnerClassOfReceiver(Tree type, Tree creation) {
        TypeElement created = analysis.types.memberClassCreated(type, this::staysAsWritten);
        TypeElement enclosing = analysis.selfName == null ? null : resolver.enclosingInstanceFor(created);
        if (enclosing == null || enclosing.equals(resolver.owner())) {
            return enclosing != null; // (without one, or in a static coroutine, javac reports the user's code)
        }
        throw new ProcessingFailure(creation, Messages.innerClassOfOuter(created.getSimpleName().toString(),
                enclosing.getSimpleName().toString(), resolver.owner().getSimpleName().toString()));
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

    void newArray(NewArrayTree na) {
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

    void lambda(LambdaExpressionTree l) {
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
        switchBlock(sw, sw.getExpression(), sw.getCases());
    }

    /** {@code switch (selector) { cases }}: a switch statement or expression. */
    void switchBlock(Tree sw, ExpressionTree selector, List<? extends CaseTree> cases) {
        sb.add("switch (");
        expr(Trees2.unparen(selector));
        sb.add(") {");
        nesting.push(sw);
        sb.indent();
        try {
            for (CaseTree c : cases) {
                caseTree(c);
            }
        } finally {
            sb.unindent();
            nesting.pop();
        }
        newline();
        sb.add('}');
    }
}
