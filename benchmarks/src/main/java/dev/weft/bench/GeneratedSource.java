package dev.weft.bench;

/**
 * Writes the source file for the processor benchmark: one class with {@code count}
 * {@code @Coroutine} methods of a few everyday shapes (loops over a queue, a lock held across an
 * await, calls of other coroutines, a switch, try/catch). Every method also compiles as plain
 * Java, so the same file can be compiled without the processor.
 */
final class GeneratedSource {
    private GeneratedSource() {
    }

    static String of(String className, int count) {
        StringBuilder sb = new StringBuilder();
        sb.append("package bench.gen;\n\n")
                .append("import dev.weft.*;\n")
                .append("import java.util.*;\n")
                .append("import static dev.weft.Weft.*;\n\n")
                .append("public class ").append(className).append(" {\n");
        for (int i = 0; i < count; i++) {
            switch (i % 5) {
                case 0:
                    sb.append("    @Coroutine\n")
                            .append("    static int m").append(i).append("(AsyncQueue<Integer> q, Event e, int n) {\n")
                            .append("        int sum = 0;\n")
                            .append("        for (int k = 0; k < n; k++) {\n")
                            .append("            Integer item = await(q.get());\n")
                            .append("            if (item == null) {\n")
                            .append("                break;\n")
                            .append("            }\n")
                            .append("            sum += item;\n")
                            .append("            if (sum > ").append(1000 + i).append(") {\n")
                            .append("                await(e);\n")
                            .append("            }\n")
                            .append("        }\n")
                            .append("        return sum;\n")
                            .append("    }\n\n");
                    break;
                case 1:
                    sb.append("    @Coroutine\n")
                            .append("    static String m").append(i).append("(Lock lock, List<String> out) {\n")
                            .append("        try (Lock.Held held = await(lock.acquire())) {\n")
                            .append("            out.add(\"item ").append(i).append("\");\n")
                            .append("            await(sleep(").append(i % 7).append("));\n")
                            .append("        } catch (IllegalStateException ex) {\n")
                            .append("            return ex.getMessage();\n")
                            .append("        }\n")
                            .append("        return out.get(out.size() - 1);\n")
                            .append("    }\n\n");
                    break;
                case 2:
                    sb.append("    @Coroutine\n")
                            .append("    static long m").append(i).append("(AsyncQueue<Integer> q, Event e, int n) {\n")
                            .append("        long total = 0;\n")
                            .append("        while (n > 0) {\n")
                            .append("            total += m").append(i - 2).append("(q, e, n);\n")
                            .append("            n--;\n")
                            .append("        }\n")
                            .append("        return total;\n")
                            .append("    }\n\n");
                    break;
                case 3:
                    sb.append("    @Coroutine\n")
                            .append("    static void m").append(i).append("(Event e, int x, List<Integer> seen) {\n")
                            .append("        switch (x) {\n")
                            .append("            case 0:\n")
                            .append("                await(e);\n")
                            .append("                seen.add(x);\n")
                            .append("                break;\n")
                            .append("            case 1:\n")
                            .append("                await(yieldNow());\n")
                            .append("                break;\n")
                            .append("            default:\n")
                            .append("                seen.add(-x);\n")
                            .append("        }\n")
                            .append("    }\n\n");
                    break;
                default:
                    sb.append("    @Coroutine\n")
                            .append("    static double m").append(i).append("(AsyncQueue<Integer> q, Map<String, Double> cache) {\n")
                            .append("        double acc = cache.getOrDefault(\"k").append(i).append("\", 1.0);\n")
                            .append("        for (int k = 0; k < 3; k++) {\n")
                            .append("            try {\n")
                            .append("                acc = acc * 2 + await(q.get());\n")
                            .append("            } catch (QueueShutDownException ex) {\n")
                            .append("                return -acc;\n")
                            .append("            }\n")
                            .append("        }\n")
                            .append("        cache.put(\"k").append(i).append("\", acc);\n")
                            .append("        return acc;\n")
                            .append("    }\n\n");
            }
        }
        return sb.append("}\n").toString();
    }
}
