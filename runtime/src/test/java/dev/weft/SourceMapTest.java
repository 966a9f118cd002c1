package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The line table a generated frame carries: statements placed from the anchor, suspensions by state. */
class SourceMapTest {
    private final SourceMap map = new SourceMap("com.example.Outer$Worker", "run", "Outer.java", 10,
            "20|3:11,5:12,9:14|1:12,2:14");

    @Test
    void aGeneratedLineMapsToTheStatementThatStartsAtOrBeforeIt() {
        // the anchor (body line 20) is at line 120 of the generated file: body line 0 is line 100
        assertEquals(11, map.userLine(103, 120));
        assertEquals(11, map.userLine(104, 120));
        assertEquals(12, map.userLine(105, 120));
        assertEquals(14, map.userLine(130, 120));
        assertEquals(10, map.userLine(101, 120)); // before the first statement: the declaration
        assertEquals(10, map.userLine(105, -1)); // no anchor found
    }

    @Test
    void suspensionsAreFoundByTheStateTheyResumeAt() {
        assertEquals(12, map.suspensionLine(1));
        assertEquals(14, map.suspensionLine(2));
        assertEquals(10, map.suspensionLine(7));
        assertEquals("Worker.run", map.method());
        assertEquals(new StackTraceElement("com.example.Outer$Worker", "run", "Outer.java", 14), map.element(14));
    }

    @Test
    void aSplitMachineHasSuspensionsButNoStatements() {
        SourceMap split = new SourceMap("C", "m", "C.java", 3, "-1||0:4");
        assertEquals(3, split.userLine(50, 60));
        assertEquals(4, split.suspensionLine(0));
    }
}
