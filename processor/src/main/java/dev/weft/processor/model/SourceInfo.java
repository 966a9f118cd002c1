package dev.weft.processor.model;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import java.io.IOException;

/** Positions of user code, for comments that point back to it. */
public final class SourceInfo {
    private final CompilationUnitTree unit;
    private final SourcePositions positions;
    private final String fileName;
    private final String[] lines;

    public SourceInfo(CompilationUnitTree unit, SourcePositions positions) {
        this.unit = unit;
        this.positions = positions;
        String path = unit.getSourceFile().getName();
        this.fileName = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        String[] text;
        try {
            text = unit.getSourceFile().getCharContent(true).toString().split("\r\n|\r|\n", -1);
        } catch (IOException | RuntimeException e) {
            text = new String[0];
        }
        this.lines = text;
    }

    /** The line of {@code t} in the user's file, or -1. */
    public long line(Tree t) {
        long pos = positions.getStartPosition(unit, t);
        LineMap map = unit.getLineMap();
        return pos < 0 || map == null ? -1 : map.getLineNumber(pos);
    }

    /** {@code File.java:12}; generated comments make it safe there (see {@code emission.CommentText}). */
    public String position(Tree t) {
        return fileName + ":" + line(t);
    }

    /** {@code File.java:12: the source line}, for a {@code //} comment, shortened if long. */
    public String describe(Tree t) {
        long n = line(t);
        if (n < 1 || n > lines.length) {
            return position(t);
        }
        String text = lines[(int) n - 1].trim();
        if (text.length() > 100) {
            text = text.substring(0, 97) + "...";
        }
        return fileName + ":" + n + ": " + text;
    }

    public String fileName() {
        return fileName;
    }
}
