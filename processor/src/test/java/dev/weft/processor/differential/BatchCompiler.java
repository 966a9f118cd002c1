package dev.weft.processor.differential;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.weft.processor.CoroutineProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles a set of sources in memory with the Weft processor (compile-testing), together with
 * {@link SupportSources}, and loads the resulting classes into a fresh class loader.
 */
final class BatchCompiler {
    private BatchCompiler() {
    }

    /** javac itself crashed (compile-testing reports that as an exception). */
    static final class JavacCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JavacCrash(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Sources by qualified class name; the support classes are added. */
    static Compilation compile(List<String> options, Map<String, String> sources) {
        try {
            return compileUnchecked(options, sources);
        } catch (RuntimeException e) {
            throw new JavacCrash(e);
        }
    }

    private static Compilation compileUnchecked(List<String> options, Map<String, String> sources) {
        List<JavaFileObject> files = new ArrayList<>();
        files.add(JavaFileObjects.forSourceString(SupportSources.LATER_NAME, SupportSources.LATER));
        files.add(JavaFileObjects.forSourceString(SupportSources.SUPPORT_NAME, SupportSources.SUPPORT));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            files.add(JavaFileObjects.forSourceString(e.getKey(), e.getValue()));
        }
        return javac().withProcessors(new CoroutineProcessor()).withOptions(options).compile(files);
    }

    /** The errors, each with the simple name of its file and its line. */
    static String errors(Compilation c) {
        return c.errors().stream().map(BatchCompiler::describe).collect(Collectors.joining("\n"));
    }

    static String describe(Diagnostic<? extends JavaFileObject> d) {
        String file = d.getSource() == null ? "?" : d.getSource().getName();
        return d.getKind() + " " + file + ":" + d.getLineNumber() + ": " + d.getMessage(null);
    }

    /**
     * The processor's generated sources whose names contain {@code nameFragment}; compile-testing
     * only has them when the compilation succeeded.
     */
    static String generatedSources(Compilation c, String nameFragment) {
        if (c.status() != Compilation.Status.SUCCESS) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (JavaFileObject f : c.generatedSourceFiles()) {
            if (!f.getName().contains(nameFragment)) {
                continue;
            }
            try {
                sb.append("// ").append(f.getName()).append('\n').append(f.getCharContent(true)).append('\n');
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return sb.toString();
    }

    static ClassLoader load(Compilation c) {
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject f : c.generatedFiles()) {
            if (f.getKind() != JavaFileObject.Kind.CLASS) {
                continue;
            }
            String name = f.toUri().getPath();
            name = name.substring(name.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(), name.length() - 6)
                    .replace('/', '.');
            try (InputStream in = f.openInputStream()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                classes.put(name, out.toByteArray());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return new ClassLoader(BatchCompiler.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
    }
}
