package dev.weft.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.EventLoop;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private members are reached from a named module that opens nothing, with no {@code --add-opens}:
 * the generated class, in the user's module, makes them accessible itself. Real javac and a real
 * {@code java --module-path} run.
 */
class NamedModuleTest {
    private static final String MODULE_INFO = "module bank.app { requires weft.runtime; }\n";

    private static final String BANK = String.join("\n",
            "package bank;",
            "import dev.weft.*;",
            "import static dev.weft.Weft.*;",
            "public class Bank {",
            "    private long balance;",
            "    private static int created;",
            "    private Bank() { created++; }",
            "    private long fee(long amount) { return amount / 100; }",
            "    record Entry(String account, long amount) { }",
            "    @Coroutine long deposit(Entry e) {",
            "        await(sleep(1));",
            "        balance += e.amount - fee(e.amount);",
            "        return balance;",
            "    }",
            "    @Coroutine static String main() {",
            "        Bank b = new Bank();",
            "        b.deposit(new Entry(\"a\", 1000));",
            "        b.balance++;",
            "        return b.balance + \" \" + created;",
            "    }",
            "    public static void main(String[] args) {",
            "        System.out.println(EventLoop.run(BankCoroutines.main()));",
            "    }",
            "}",
            "");

    @Test
    void privateMembersAreReachedInANamedModuleThatOpensNothing(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/bank.app");
        Files.createDirectories(src.resolve("bank"));
        Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(src.resolve("bank/Bank.java"), BANK);
        Path runtime = runtimeJar(dir);
        Path out = dir.resolve("out/bank.app");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-d", out.toString(), "-s", dir.resolve("gen").toString(),
                "--module-path", runtime.toString(),
                "-processorpath", System.getProperty("java.class.path"),
                src.resolve("module-info.java").toString(), src.resolve("bank/Bank.java").toString());
        assertEquals(0, rc, "javac failed");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "--module-path",
                dir.resolve("out") + File.pathSeparator + runtime, "-m", "bank.app/bank.Bank")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals("991 1", output);
    }

    /** The runtime as a jar named so that its automatic module is {@code weft.runtime}. */
    private static Path runtimeJar(Path dir) throws IOException {
        Path location;
        try {
            location = Path.of(EventLoop.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Path jar = dir.resolve("weft.runtime.jar");
        if (Files.isRegularFile(location)) {
            return Files.copy(location, jar);
        }
        return CoroutineCompiler.jar(location, jar);
    }
}
