package dev.weft.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.weft.CoroutineFrame;
import dev.weft.EventLoop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles test sources with the Weft processor (in memory, with compile-testing), loads the
 * classes, and runs coroutines on a virtual-time loop.
 */
final class CoroutineCompiler {
    /** What every test class sees: Weft's API and a helper that really suspends. */
    static final String PRELUDE = String.join("\n",
            "import dev.weft.*;",
            "import java.util.*;",
            "import java.util.function.*;",
            "import java.io.*;",
            "import static dev.weft.Weft.*;",
            "");

    /** A helper class in package t: {@code later(x)} completes with x on a later loop iteration. */
    static final String LATER = String.join("\n",
            "package t;",
            "import dev.weft.*;",
            "public final class Later {",
            "    private Later() {}",
            "    public static <T> Awaitable<T> later(T value) {",
            "        Promise<T> p = new Promise<>();",
            "        EventLoop.current().callSoon(() -> p.complete(value));",
            "        return p;",
            "    }",
            "    public static <T> Awaitable<T> failLater(Throwable t) {",
            "        Promise<T> p = new Promise<>();",
            "        EventLoop.current().callSoon(() -> p.fail(t));",
            "        return p;",
            "    }",
            "}");

    private CoroutineCompiler() {
    }

    static Compilation compile(List<String> options, String... sources) {
        List<JavaFileObject> files = new ArrayList<>();
        files.add(JavaFileObjects.forSourceString("t.Later", LATER));
        for (String source : sources) {
            files.add(JavaFileObjects.forSourceString(className(source), source));
        }
        return javac().withProcessors(new CoroutineProcessor(), new LocalCoroutineCheck(),
                new OverrideCheck(), new MisuseCheck()).withOptions(options).compile(files);
    }

    /** The qualified name of the first top-level class of a source. */
    static String className(String source) {
        java.util.regex.Matcher pkg = java.util.regex.Pattern.compile("package\\s+([\\w.]+)\\s*;").matcher(source);
        java.util.regex.Matcher cls = java.util.regex.Pattern
                .compile("(?m)^(?:public\\s+|final\\s+|abstract\\s+)*(?:class|interface|enum|record)\\s+(\\w+)")
                .matcher(source);
        if (!cls.find()) {
            throw new IllegalArgumentException("no class in source");
        }
        return (pkg.find() ? pkg.group(1) + "." : "") + cls.group(1);
    }

    /** A source of class {@code t.T} with the given body and the prelude's imports. */
    static String classT(String body) {
        return "package t;\n" + PRELUDE + "import static t.Later.*;\n\npublic class T {\n" + body + "\n}\n";
    }

    static String diagnostics(Compilation c) {
        return c.diagnostics().stream().map(d -> d.getKind() + " line " + d.getLineNumber() + ": "
                + d.getMessage(null)).collect(Collectors.joining("\n"));
    }

    static String generatedSources(Compilation c) {
        StringBuilder sb = new StringBuilder();
        for (JavaFileObject f : c.generatedSourceFiles()) {
            try {
                sb.append("// ").append(f.getName()).append('\n').append(f.getCharContent(true)).append('\n');
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return sb.toString();
    }

    /** Compiles, failing with the diagnostics and generated code if the compilation fails. */
    static ClassLoader compileAndLoad(List<String> options, String... sources) {
        Compilation c = compile(options, sources);
        if (c.status() != Compilation.Status.SUCCESS) {
            throw new AssertionError("compilation failed:\n" + diagnostics(c) + "\n\n" + generatedSources(c));
        }
        return load(c);
    }

    static ClassLoader load(Compilation c) {
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject f : c.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
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
        }
        return new ClassLoader(CoroutineCompiler.class.getClassLoader()) {
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

    /** Calls a static factory of a generated class and runs the coroutine to its end. */
    static Object run(ClassLoader loader, String generatedClass, String factory, Object... args) throws Throwable {
        CoroutineFrame<?> frame = frame(loader, generatedClass, factory, args);
        return EventLoop.withVirtualTime().runUntilComplete(frame);
    }

    static CoroutineFrame<?> frame(ClassLoader loader, String generatedClass, String factory, Object... args)
            throws Throwable {
        Class<?> c = loader.loadClass(generatedClass);
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(factory) && m.getParameterCount() == args.length) {
                m.setAccessible(true);
                try {
                    return (CoroutineFrame<?>) m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(generatedClass + "." + factory);
    }

    /** A new instance of {@code className} through its constructor taking {@code type} (or none). */
    static Object newInstance(ClassLoader loader, String className, Object... typeAndArgument) throws Exception {
        java.lang.reflect.Constructor<?> c = typeAndArgument.length == 0
                ? loader.loadClass(className).getDeclaredConstructor()
                : loader.loadClass(className).getDeclaredConstructor((Class<?>) typeAndArgument[0]);
        c.setAccessible(true);
        return typeAndArgument.length == 0 ? c.newInstance() : c.newInstance(typeAndArgument[1]);
    }

    static Object callStatic(ClassLoader loader, String className, String method, Object... args) throws Throwable {
        Class<?> c = loader.loadClass(className);
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                m.setAccessible(true);
                try {
                    return m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(className + "." + method);
    }

    /** Compiles {@code t.T} with {@code body} and runs {@code TCoroutines.main()}. */
    static Object runMain(String body) throws Throwable {
        return runMain(List.of(), body);
    }

    static Object runMain(List<String> options, String body) throws Throwable {
        ClassLoader loader = compileAndLoad(options, classT(body));
        return run(loader, "t.TCoroutines", "main");
    }

    /** The errors of compiling {@code t.T} with {@code body}. */
    static List<Diagnostic<? extends JavaFileObject>> errors(String body) {
        Compilation c = compile(List.of(), classT(body));
        return new ArrayList<>(c.errors());
    }

    /** What {@link #compileInto} leaves: the errors, and the directory of generated sources. */
    record DirectoryCompilation(List<Diagnostic<? extends JavaFileObject>> errors, Path generated) {
        String generatedSource(String relativePath) throws IOException {
            return Files.readString(generated.resolve(relativePath));
        }
    }

    /**
     * Compiles the sources (file name to text, in package directories under {@code dir}) with
     * javac itself: unlike compile-testing, the generated sources of a compilation that fails stay
     * readable.
     */
    static DirectoryCompilation compileInto(Path dir, Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path generated = Files.createDirectories(dir.resolve("generated"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            files.add(Files.writeString(file, e.getValue()));
        }
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        javax.tools.DiagnosticCollector<JavaFileObject> diagnostics = new javax.tools.DiagnosticCollector<>();
        try (javax.tools.StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, null)) {
            javax.tools.JavaCompiler.CompilationTask task = javac.getTask(null, fileManager, diagnostics,
                    List.of("-d", classes.toString(), "-s", generated.toString(),
                            "-classpath", System.getProperty("java.class.path")),
                    null, fileManager.getJavaFileObjectsFromPaths(files));
            task.setProcessors(List.of(new CoroutineProcessor(), new LocalCoroutineCheck(), new OverrideCheck(),
                    new MisuseCheck()));
            task.call();
        }
        List<Diagnostic<? extends JavaFileObject>> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(d);
            }
        }
        return new DirectoryCompilation(errors, generated);
    }

    /** A jar of the files under {@code classes}. */
    static Path jar(Path classes, Path jar) throws IOException {
        List<Path> files = new ArrayList<>();
        try (java.util.stream.Stream<Path> walk = Files.walk(classes)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        try (java.io.OutputStream os = Files.newOutputStream(jar);
                java.util.jar.JarOutputStream j = new java.util.jar.JarOutputStream(os)) {
            for (Path f : files) {
                j.putNextEntry(new java.util.jar.JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
        }
        return jar;
    }
}
