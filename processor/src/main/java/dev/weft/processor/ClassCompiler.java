package dev.weft.processor;

import dev.weft.processor.analysis.Analysis;
import dev.weft.processor.emission.CoroutinesFile;
import dev.weft.processor.emission.FrameGenerator;
import dev.weft.processor.lowering.Lowerer;
import dev.weft.processor.model.LoweredBody;
import dev.weft.processor.model.Names;
import dev.weft.processor.model.ProcessingFailure;
import dev.weft.processor.model.Problems;
import dev.weft.processor.model.SourceInfo;
import dev.weft.processor.model.Suspension;
import dev.weft.processor.resolution.GeneratedNames;
import dev.weft.processor.resolution.NameResolver;
import dev.weft.processor.resolution.ReusableFrames;
import dev.weft.processor.validation.CallChecks;
import dev.weft.processor.validation.DeclarationChecks;
import dev.weft.processor.validation.Validator;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Runs the stages for the coroutines of one class: validation of every coroutine (declaration,
 * analysis, body checks) with all their problems reported in source order, then, once every
 * class of the round is validated, lowering and emission of those without problems, and the
 * file. A coroutine with a problem still gets a factory, one that throws, so that calls of it
 * elsewhere do not add errors of their own.
 */
final class ClassCompiler {
    /** One coroutine on its way through the stages. */
    private static final class Coroutine {
        final ExecutableElement method;
        final MethodTree tree;
        final Problems problems = new Problems();
        boolean hasFactory;
        /** The simple name of its frame class, once it has a factory. */
        String frameName;
        Analysis analysis;

        Coroutine(ExecutableElement method, MethodTree tree) {
            this.method = method;
            this.tree = tree;
        }
    }

    /** A class whose coroutines are validated, ready for lowering and emission. */
    static final class Validated {
        final TypeElement owner;
        final TreePath ownerPath;
        final NameResolver resolver;
        final Set<String> unitNames;
        final List<Coroutine> coroutines;

        Validated(TypeElement owner, TreePath ownerPath, NameResolver resolver, Set<String> unitNames,
                List<Coroutine> coroutines) {
            this.owner = owner;
            this.ownerPath = ownerPath;
            this.resolver = resolver;
            this.unitNames = unitNames;
            this.coroutines = coroutines;
        }
    }

    private final ProcessingEnvironment env;
    private final Trees trees;
    private final CallChecks calls;
    private final ReusableFrames reusableFrames = new ReusableFrames();

    ClassCompiler(ProcessingEnvironment env, Trees trees, CallChecks calls) {
        this.env = env;
        this.trees = trees;
        this.calls = calls;
    }

    /**
     * Validation of the coroutines of one class, before any coroutine of the compilation is
     * lowered: its problems are reported, in the order of their positions. {@code null} if there
     * is nothing to generate (a class from a class file, or a class Weft cannot compile at all).
     */
    Validated validate(TypeElement owner, List<ExecutableElement> methods) {
        TreePath ownerPath = trees.getPath(owner);
        if (ownerPath == null) {
            return null; // a class from a class file: nothing to compile
        }
        CompilationUnitTree unit = ownerPath.getCompilationUnit();
        NameResolver resolver = new NameResolver(env.getElementUtils(), env.getTypeUtils(), unit, owner);
        resolver.shareReusableFrames(reusableFrames);
        DeclarationChecks declarations = new DeclarationChecks(resolver);
        Problems ownerProblems = new Problems();
        if (!declarations.checkOwner(owner, ownerPath.getLeaf(), ownerProblems)) {
            report(ownerProblems, unit, ownerPath.getLeaf());
            return null;
        }
        SourcePositions positions = trees.getSourcePositions();
        Map<Element, MethodTree> methodTrees = methodTrees(ownerPath);
        List<Coroutine> coroutines = new ArrayList<>();
        for (ExecutableElement method : methods) {
            coroutines.add(new Coroutine(method, methodTrees.get(method)));
        }
        coroutines.sort(Comparator.comparingLong(c -> positions.getStartPosition(unit, c.tree)));
        Set<String> unitNames = Analysis.namesUsedIn(unit);
        List<ExecutableElement> factories = new ArrayList<>();
        for (Coroutine c : coroutines) {
            c.hasFactory = declarations.hasOwnFactory(c.method, c.tree, factories, c.problems);
            if (c.hasFactory) {
                factories.add(c.method);
            }
            validate(c, declarations, unit, resolver, unitNames);
        }
        nameFrames(owner, resolver, unitNames, coroutines);
        reportInOrder(coroutines, unit);
        return new Validated(owner, ownerPath, resolver, unitNames, coroutines);
    }

    /**
     * Lowering and emission of the valid coroutines of a class, and its file, written even if
     * some failed. What only the lowering finds is still reported at the user's code.
     */
    void generate(Validated v) {
        CompilationUnitTree unit = v.ownerPath.getCompilationUnit();
        SourceInfo source = new SourceInfo(unit, trees.getSourcePositions());
        CoroutinesFile file = new CoroutinesFile(env, v.owner, unit, v.resolver, source, v.unitNames);
        for (Coroutine c : v.coroutines) {
            if (!c.hasFactory) {
                continue;
            }
            String frameName = c.frameName;
            FrameGenerator generator = new FrameGenerator(c.method, c.tree, v.resolver, source, frameName,
                    file.name());
            if (!c.problems.isEmpty()) {
                file.addFailed(c.method, generator, c.problems.all().get(0).message);
                continue;
            }
            if (c.method.getModifiers().contains(Modifier.ABSTRACT)) {
                file.addAbstract(c.method);
                continue;
            }
            try {
                file.add(c.method, generate(generator, c, unit, v.resolver, source, frameName, v.unitNames));
            } catch (ProcessingFailure failure) {
                error(failure.getMessage(), failure.where == null ? c.tree : failure.where, unit);
                file.addFailed(c.method, generator, failure.getMessage());
            } catch (RuntimeException bug) {
                internalError(bug, c.tree, unit);
                file.addFailed(c.method, generator, "internal error: " + bug);
            }
        }
        String failure = file.write();
        if (failure != null) {
            error(failure, v.ownerPath.getLeaf(), unit);
        }
    }

    /**
     * Names the frame class of each coroutine with a factory, and records those whose frames
     * direct calls may reuse, for the calls of every class of the round.
     */
    private void nameFrames(TypeElement owner, NameResolver resolver, Set<String> unitNames, List<Coroutine> coroutines) {
        String generated = GeneratedNames.simpleName(owner);
        Names fileNames = new Names(unitNames);
        fileNames.take(generated);
        for (Coroutine c : coroutines) {
            if (!c.hasFactory) {
                continue;
            }
            c.frameName = fileNames.fresh(capitalize(c.method.getSimpleName().toString()) + "Frame");
            if (c.problems.isEmpty() && ReusableFrames.reusable(c.method, c.tree, resolver.virtualCoroutines())) {
                reusableFrames.add(c.method, ClassName.get(resolver.packageName(), generated, c.frameName));
            }
        }
    }

    /** Checks one coroutine's declaration and body, collecting its problems; keeps the analysis. */
    private void validate(Coroutine c, DeclarationChecks declarations, CompilationUnitTree unit,
            NameResolver resolver, Set<String> unitNames) {
        try {
            if (!declarations.checkMethod(c.method, c.tree, c.problems)
                    || c.method.getModifiers().contains(Modifier.ABSTRACT)) {
                return; // (an abstract coroutine has no body: its factory dispatches)
            }
            c.analysis = Analysis.of(unit, c.tree, c.method, resolver, unitNames, Set.of(), c.problems);
            for (Map.Entry<MethodInvocationTree, Suspension> s : c.analysis.suspensions.entrySet()) {
                if (s.getValue().kind == Suspension.Kind.COROUTINE_CALL) {
                    calls.compiledAsCoroutineCall(s.getKey()); // checked against javac's typing after analysis
                    reusableFrames.called(s.getValue().callee, resolver.packageName(), resolver.elements());
                }
            }
            Validator.checkBody(unit, c.tree, c.method.getReturnType(), c.analysis, resolver, c.problems);
        } catch (RuntimeException bug) {
            // After a problem, later checks may meet what they never expect: the problems say why.
            if (c.problems.isEmpty()) {
                internalError(bug, c.tree, unit);
                c.problems.report(c.tree, "internal error: " + bug);
            }
        }
    }

    /**
     * The state machine of one coroutine: its body lowered, then its frame emitted. Where a local
     * is named like a type or package that generated code names where it would shadow it (a local
     * {@code T} and {@code T.field}), the coroutine is analyzed and generated again with that
     * local renamed.
     */
    private static FrameGenerator.Output generate(FrameGenerator generator, Coroutine c, CompilationUnitTree unit,
            NameResolver resolver, SourceInfo source, String frameName, Set<String> unitNames) {
        Set<String> reserved = new TreeSet<>();
        Analysis analysis = c.analysis;
        while (true) {
            analysis.source = source;
            LoweredBody body = Lowerer.lower(analysis, resolver, source, c.method, c.tree, frameName);
            FrameGenerator.Output out = generator.generate(analysis, body);
            if (!reserved.addAll(analysis.shadowingLocals())) {
                return out;
            }
            // the same body, validated already: only the names of its locals change
            analysis = Analysis.of(unit, c.tree, c.method, resolver, unitNames, Set.copyOf(reserved), new Problems());
        }
    }

    /** The problems of all coroutines of the class, in the order of their positions in the file. */
    private void reportInOrder(List<Coroutine> coroutines, CompilationUnitTree unit) {
        record Located(Tree where, String message, long position) {
        }
        SourcePositions positions = trees.getSourcePositions();
        List<Located> all = new ArrayList<>();
        for (Coroutine c : coroutines) {
            for (Problems.Problem p : c.problems.all()) {
                Tree where = p.where == null ? c.tree : p.where;
                all.add(new Located(where, p.message, positions.getStartPosition(unit, where)));
            }
        }
        all.sort(Comparator.comparingLong(Located::position));
        for (Located p : all) {
            error(p.message(), p.where(), unit);
        }
    }

    private void report(Problems problems, CompilationUnitTree unit, Tree fallback) {
        for (Problems.Problem p : problems.all()) {
            error(p.message, p.where == null ? fallback : p.where, unit);
        }
    }

    /**
     * The trees of the methods the class at {@code ownerPath} declares, by element. Asking
     * {@code Trees.getTree} for each method instead would scan the whole class every time.
     */
    private Map<Element, MethodTree> methodTrees(TreePath ownerPath) {
        Map<Element, MethodTree> byElement = new HashMap<>();
        for (Tree member : ((ClassTree) ownerPath.getLeaf()).getMembers()) {
            if (member instanceof MethodTree) {
                Element element = trees.getElement(new TreePath(ownerPath, member));
                if (element != null) {
                    byElement.put(element, (MethodTree) member);
                }
            }
        }
        return byElement;
    }

    private void internalError(RuntimeException bug, Tree where, CompilationUnitTree unit) {
        StringWriter trace = new StringWriter();
        bug.printStackTrace(new PrintWriter(trace));
        error("Weft failed to compile this coroutine (internal error, please report it with this method): " + bug
                + "\n" + trace, where, unit);
    }

    private void error(String message, Tree where, CompilationUnitTree unit) {
        if (where == null) {
            env.getMessager().printMessage(Diagnostic.Kind.ERROR, message);
        } else {
            trees.printMessage(Diagnostic.Kind.ERROR, message, where, unit);
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
