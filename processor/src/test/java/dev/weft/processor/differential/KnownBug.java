package dev.weft.processor.differential;

import java.util.EnumSet;
import java.util.Set;

/**
 * Processor bugs that {@link FoundBugsTest} reproduces and that the program generator steers
 * around, so the differential suite stays green while they are open. Each constant names the
 * {@link FoundBugsTest} method that reproduces it. When a bug is fixed, delete its constant (and
 * the generator's check of it): the generator then produces the construct again.
 *
 * <p>{@code -Dweft.differential.knownBugs=none} makes the generator ignore this list, to see
 * whether the bugs still show up.
 */
enum KnownBug {
    /**
     * {@link FoundBugsTest#constantOperandBeforeAnAwaitCompiles}: int constants that are not plain
     * literals, such as {@code (1 + 2)}, are made non-constant ({@code t(tag, (1 + 2))}).
     */
    CONSTANT_OPERAND_BEFORE_AWAIT,
    /**
     * {@link FoundBugsTest#conditionalArmThatIsASuspendingShortCircuitKeepsItsBooleanType}: a
     * conditional's arm is never an {@code &&} or {@code ||} whose right side suspends.
     */
    CONDITIONAL_ARM_SUSPENDING_SHORT_CIRCUIT,
    /**
     * {@link FoundBugsTest#switchExpressionFallsThroughIntoTheNextGroup} and
     * {@link FoundBugsTest#switchExpressionWithAnEmptyGroupBeforeTheYield}: every colon-form group of
     * a switch expression ends with a yield or cannot complete normally.
     */
    SWITCH_EXPRESSION_FALLTHROUGH,
    /**
     * {@link FoundBugsTest#forLoopVariableInitializedByAnAwaitStaysInScope}: the init of a basic for
     * statement never suspends.
     */
    FOR_INIT_ONLY_SUSPENSION,
    /**
     * {@link FoundBugsTest#subCoroutineCallInsideAnAwaitedExpressionKeepsItsType}: an awaited
     * expression never contains a call of a helper coroutine.
     */
    SUB_COROUTINE_CALL_INSIDE_AWAIT,
    /**
     * {@link FoundBugsTest#arrowSwitchStatementWithExpressionRulesAndDefaultCompletesNormally}: an
     * arrow-form switch statement with a default writes its expression rules as blocks.
     */
    ARROW_SWITCH_STATEMENT_EXPRESSION_RULES,
    /**
     * {@link FoundBugsTest#tryWithResourcesOnAVariableInACoroutineThatSuspends}: no Java 9
     * {@code try (r)} on a variable declared before.
     */
    TRY_WITH_RESOURCES_ON_A_VARIABLE,
    /**
     * {@link FoundBugsTest#exceptionFromAFinallyDuringAReturnRunsTheOuterFinally} and
     * {@link FoundBugsTest#failingCloseDuringAJumpClosesTheOuterResource}: no return, break,
     * continue or yield inside two try statements with finally blocks (or resources).
     */
    JUMP_THROUGH_FINALLY_THAT_THROWS,
    /**
     * {@link FoundBugsTest#labeledForEachOverASuspendingIterable}: an enhanced for statement whose
     * iterable expression suspends has no label.
     */
    LABELED_FOR_EACH_OVER_SUSPENDING_ITERABLE,
    /**
     * {@link FoundBugsTest#labeledSwitchOnASuspendingSelector}: a switch statement whose selector
     * suspends has no label.
     */
    LABELED_SWITCH_ON_SUSPENDING_SELECTOR,
    /**
     * {@link FoundBugsTest#loopWithAPlainConditionInABranchOfASuspendingIf}: every loop condition
     * contains a call (its bound is written {@code id(3)}), which the processor knows is no constant.
     */
    LOOP_CONDITION_WITHOUT_CALL,
    /**
     * {@link FoundBugsTest#receiverVariableIsReadBeforeASuspendingArgument}: a String variable that
     * is the receiver of a call with a suspending argument is read through {@code t(tag, s)}.
     */
    RECEIVER_VARIABLE_READ_AFTER_SUSPENDING_ARGUMENT,
    /**
     * {@link FoundBugsTest#siblingBlocksReusingANameKeepTheirOwnVariables}: names of locals are never
     * declared again in a later block.
     */
    SIBLING_BLOCKS_REUSING_A_NAME;

    /** The bugs the generator avoids in this run. */
    static Set<KnownBug> avoided() {
        String p = System.getProperty("weft.differential.knownBugs", "avoid");
        if (p.equals("none")) {
            return EnumSet.noneOf(KnownBug.class);
        }
        return EnumSet.allOf(KnownBug.class);
    }
}
