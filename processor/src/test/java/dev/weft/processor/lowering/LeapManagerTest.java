package dev.weft.processor.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.util.JavacTask;
import dev.weft.processor.emission.Code;
import dev.weft.processor.emission.Exit;
import dev.weft.processor.model.Names;
import dev.weft.processor.model.ProcessingFailure;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leap manager alone: where break, continue, return and yield go, and how each passes the
 * lowered finally blocks between it and its target (each block's exit field is set to where it
 * goes on, outermost first, and the jump goes to the innermost block).
 */
class LeapManagerTest {
    private final JavacTask javac = (JavacTask) ToolProvider.getSystemJavaCompiler().getTask(null, null, null,
            List.of(), null, List.of(source()));
    private Machine machine;
    private Temps temps;

    @BeforeEach
    void newMachine() {
        machine = new Machine("machine", "caught", local -> Code.EMPTY);
        machine.line(Code.of("begin();")); // state 0, the start of the coroutine
        machine.terminate();
        temps = new Temps(new Names(Set.of()));
    }

    /** Leap manager of a coroutine returning {@code type}; the analysis is consulted only for returned locals. */
    private LeapManager leaps(TypeMirror type) {
        return new LeapManager(machine, temps, null, type);
    }

    private TypeMirror string() {
        return javac.getElements().getTypeElement("java.lang.String").asType();
    }

    /** A label that starts a state of its own. */
    private Machine.Label state() {
        Machine.Label l = machine.newLabel();
        machine.start(l);
        machine.terminate();
        return l;
    }

    /** The exit's code once the machine is numbered (states in the order they were started). */
    private String render(Exit exit) {
        machine.render("awaited", "failure", "thrown", "resumePart");
        return exit.code().toString();
    }

    @Test
    void breakAndContinueGoToTheInnermostTarget() {
        LeapManager leaps = leaps(string());
        Machine.Label outerBreak = state();   // state 1
        Machine.Label outerNext = state();    // state 2
        Machine.Label innerBreak = state();   // state 3
        Exit[] exits = new Exit[3];
        leaps.withTarget(null, "outer", outerBreak, outerNext, () ->
                leaps.withTarget(null, null, innerBreak, null, () -> {
                    exits[0] = leaps.jump(null, null, false);
                    exits[1] = leaps.jump(null, null, true);
                    exits[2] = leaps.jump(null, "outer", false);
                }));
        assertEquals("state = 3; continue machine;", render(exits[0]));
        assertEquals("state = 2; continue machine;", exits[1].code().toString(), "continue skips a switch's target");
        assertEquals("state = 1; continue machine;", exits[2].code().toString());
    }

    @Test
    void aJumpOutOfTwoFinallyBlocksRunsBothInnermostFirst() {
        LeapManager leaps = leaps(string());
        Machine.Label after = state();          // state 1: the loop's end
        Machine.Label outerFinally = state();   // state 2
        Machine.Label innerFinally = state();   // state 3
        LeapManager.Finally outer = new LeapManager.Finally(outerFinally, null, Code.of("finally1Exit"), null);
        LeapManager.Finally inner = new LeapManager.Finally(innerFinally, null, Code.of("finally2Exit"), null);
        Exit[] exit = new Exit[2];
        leaps.withTarget(null, null, after, after, () -> leaps.insideFinally(outer, () -> {
            leaps.insideFinally(inner, () -> exit[0] = leaps.jump(null, null, false));
            exit[1] = leaps.leaveTry(outer, after);
        }));
        assertEquals("finally1Exit = 1;\nfinally2Exit = 2;\nstate = 3; continue machine;", render(exit[0]));
        assertEquals("finally1Exit = 1;\nstate = 2; continue machine;", exit[1].code().toString());
    }

    @Test
    void aJumpToATargetInsideTheFinallyBlocksRunsNone() {
        LeapManager leaps = leaps(string());
        Machine.Label finallyStart = state();
        LeapManager.Finally f = new LeapManager.Finally(finallyStart, null, Code.of("finally1Exit"), null);
        Machine.Label loopEnd = state();
        Exit[] exit = new Exit[1];
        leaps.insideFinally(f, () -> leaps.withTarget(null, null, loopEnd, loopEnd,
                () -> exit[0] = leaps.jump(null, null, false)));
        assertEquals("state = 2; continue machine;", render(exit[0]));
    }

    @Test
    void aReturnWithoutFinallyBlocksCompletesAtOnceAndOneThroughThemKeepsTheValue() {
        LeapManager leaps = leaps(string());
        assertEquals("return complete(\"a\");", leaps.returnFrom(null, Code.of("\"a\"")).code().toString());
        Machine.Label finallyStart = state();
        LeapManager.Finally f = new LeapManager.Finally(finallyStart, null, Code.of("finally1Exit"), null);
        Exit[] exit = new Exit[1];
        leaps.insideFinally(f, () -> exit[0] = leaps.returnFrom(null, Code.of("\"b\"")));
        leaps.finishReturns(); // state 2: return complete(returnValue);
        assertEquals("returnValue = \"b\";\nfinally1Exit = 2;\nstate = 1; continue machine;", render(exit[0]));
        assertEquals("returnValue", leaps.returnValueField().toString());
    }

    @Test
    void aPrimitiveResultIsConvertedAsTheMethodsReturnConvertsIt() {
        LeapManager leaps = leaps(javac.getTypes().getPrimitiveType(TypeKind.LONG));
        // completeLong: a direct caller reads it unboxed
        assertEquals("return completeLong((long) (n + 1));", leaps.returnFrom(null, Code.of("n + 1")).code().toString());
        LeapManager shorts = leaps(javac.getTypes().getPrimitiveType(TypeKind.SHORT));
        assertEquals("return complete((short) (n + 1));", shorts.returnFrom(null, Code.of("n + 1")).code().toString());
    }

    @Test
    void aYieldStoresItsValueAndWhichYieldItWas() {
        LeapManager leaps = leaps(string());
        Machine.Label end = state();
        LeapManager.YieldTarget target = new LeapManager.YieldTarget(null, Code.of("yielded"), Code.of("which"), end, 0);
        Exit[] exits = new Exit[2];
        leaps.withYieldTarget(target, () -> {
            exits[0] = leaps.yieldTo(yieldTree("yield 1;"), Code.of("1"));
            exits[1] = leaps.yieldTo(yieldTree("yield 2;"), Code.of("2"));
        });
        assertEquals("yielded = 1;\nwhich = 0;\nstate = 1; continue machine;", render(exits[0]));
        assertEquals("yielded = 2;\nwhich = 1;\nstate = 1; continue machine;", exits[1].code().toString());
    }

    @Test
    void aJumpWithoutATargetIsAnErrorAtTheJump() {
        LeapManager leaps = leaps(string());
        assertThrows(ProcessingFailure.class, () -> leaps.jump(null, "nowhere", false));
        assertThrows(ProcessingFailure.class, () -> leaps.yieldTo(null, Code.of("1")));
    }

    /** A yield statement, parsed (each call a new tree, as two yields of a switch are). */
    private static com.sun.source.tree.YieldTree yieldTree(String text) {
        try {
            JavacTask task = (JavacTask) ToolProvider.getSystemJavaCompiler().getTask(null, null, null, List.of(),
                    null, List.of(source("class Y { int m(int k) { return switch (k) { default -> { " + text
                            + " } }; } }")));
            com.sun.source.tree.ClassTree c = (com.sun.source.tree.ClassTree) task.parse().iterator().next()
                    .getTypeDecls().get(0);
            StatementTree ret = ((MethodTree) c.getMembers().get(0)).getBody().getStatements().get(0);
            com.sun.source.tree.SwitchExpressionTree sw = (com.sun.source.tree.SwitchExpressionTree)
                    ((com.sun.source.tree.ReturnTree) ret).getExpression();
            return (com.sun.source.tree.YieldTree) ((com.sun.source.tree.BlockTree) sw.getCases().get(0).getBody())
                    .getStatements().get(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JavaFileObject source() {
        return source("class Empty { }");
    }

    private static JavaFileObject source(String text) {
        return new SimpleJavaFileObject(URI.create("string:///Source.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
    }
}
