package dev.weft.processor;

import static dev.weft.processor.PlainJavaComparison.assertSameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Private members of the coroutine's nest (fields, methods, constructors, record components) are
 * used by coroutines unchanged: the generated class reaches them through accessors over method
 * handles, and each program behaves as the same code in plain Java.
 */
class PrivateMembersTest {
    @Test
    void aServiceClassKeepsItsPrivateFieldsHelpersAndConstructor() throws Throwable {
        assertSameAsPlainJava("""
                static final class Bank {
                    private final Map<String, Long> balances = new TreeMap<>();
                    private long total;
                    private int ops;
                    private static int created;
                    private final String name;
                    private Bank(String name) { this.name = name; created++; }
                    private Bank() { this("default"); }
                    private long fee(long amount) { return t("fee1", amount / 100); }
                    private long fee(long amount, int percent) { return t("fee2", amount * percent / 100); }
                    private static String tag(Object o) { return "obj:" + o; }
                    private static String tag(String s) { return "str:" + s; }
                    static String tag(Integer i) { return "int:" + i; }
                    private String tags(String... parts) { return String.join("+", parts); }
                    @Coroutine long deposit(String account, long amount) {
                        long f = fee(await(later(amount)));
                        balances.merge(account, amount - f, Long::sum);
                        total += amount - await(later(f));
                        ops++;
                        this.ops += await(later(10));
                        total += fee(amount, await(later(2)));
                        this.total = await(later(total)) + 1; // the receiver is 'this', the right side suspends
                        return total;
                    }
                }
                @Coroutine static String main() {
                    Bank bank = new Bank(await(later("main")));
                    Bank other = new Bank();
                    bank.deposit("a", 1000);
                    other.deposit("b", await(later(500L)));
                    return bank.total + " " + bank.ops + " " + bank.balances + " " + other.name + " " + Bank.created
                            + " " + Bank.tag("s") + " " + Bank.tag(3) + " " + Bank.tag(await(later(2.5))) + " " + bank.tags()
                            + bank.tags("x", await(later("y")));
                }
                """);
    }

    @Test
    void privateFieldsAreReadWrittenCompoundAssignedAndIncrementedWithJavasConversions() throws Throwable {
        assertSameAsPlainJava("""
                static final class O {
                    private byte small;
                    private short s = 7;
                    private char c = 'a';
                    private Character boxedChar = 'x';
                    private Integer boxed = 41;
                    private Byte boxedByte;
                    private String text = "t";
                    private double d = 1.5;
                }
                private static long counter;
                static final class Holder { private int n; private Holder next; }
                @Coroutine static String main() {
                    O o = new O();
                    o.small = 5;
                    o.small += await(later(300));
                    o.s *= await(later(3));
                    o.c++;
                    ++o.c;
                    o.boxedChar--;
                    int before = o.boxed++;
                    int after = ++o.boxed;
                    o.boxedByte = 12;
                    o.text += await(later(1)) + "!";
                    o.d /= await(later(4));
                    counter -= await(later(3L));
                    counter++;
                    Holder h = new Holder();
                    h.next = new Holder();
                    h.next.n += await(later(5));
                    h.next.n <<= 2;
                    int x = (h.n = await(later(9))) + h.n--;
                    return o.small + " " + o.s + " " + o.c + " " + o.boxedChar + " " + before + " " + after + " "
                            + o.boxed + " " + o.boxedByte + " " + o.text + " " + o.d + " " + counter + " " + h.next.n
                            + " " + h.n + " " + x;
                }
                """);
    }

    @Test
    void recordComponentsAreReadByNameAndGenericPrivateMembersKeepTheirTypes() throws Throwable {
        assertSameAsPlainJava("""
                record Point(int x, int y) { public int x() { return -1; } }
                static final class Box<E> {
                    private E value;
                    private final List<E> history = new ArrayList<>();
                    private Box(E value) { this.value = value; }
                    private <U> U convert(java.util.function.Function<E, U> f) { return f.apply(value); }
                    private void set(E e) { history.add(value); value = e; }
                }
                @Coroutine static String main() {
                    Point p = new Point(await(later(3)), 4);
                    Box<String> box = new Box<>(await(later("a")));
                    box.set(await(later("b")));
                    int length = box.convert(String::length) + box.value.length();
                    List<String> h = box.history;
                    return p.x + "," + p.y + " " + p.x() + " " + box.value + " " + h + " " + length;
                }
                """);
    }

    @Test
    void privateMembersOfNestedClassesEnumsAndRecordsDeclaringCoroutines() throws Throwable {
        assertSameAsPlainJava("""
                static class C { private int x = 1; private C() {} C(int i) { x = i; } private int m() { return x * 10; }
                                 private int over(int a) { return a; } int over(String s) { return -s.length(); } }
                enum E { A; private int k = 2; }
                record R(String name) {
                    @Coroutine String greet() { return name + await(later("!")) + this.name; }
                }
                record Box<V>(V v) { @Coroutine V get() { return await(later(v)); } }
                @Coroutine static String main() {
                    C c = new C(await(later(4)));
                    Object o = new C();
                    return c.x + " " + ((C) o).x + " " + new C(2).m() + " " + E.A.k + " " + c.over(await(later(7)))
                            + c.over("abc") + " " + new R("r").greet() + " " + new Box<>(5).get();
                }
                """);
    }

    @Test
    void aPrivateMethodsCheckedExceptionPropagatesAsItIsDeclared() throws Throwable {
        String outcome = assertSameAsPlainJava("""
                private static int parse(String s) throws java.io.IOException {
                    if (s.isEmpty()) throw new java.io.IOException("empty");
                    return s.length();
                }
                @Coroutine static String main() {
                    try {
                        return "ok " + parse(await(later("abc"))) + parse(await(later("")));
                    } catch (java.io.IOException e) {
                        return "caught " + e.getMessage();
                    }
                }
                """);
        assertTrue(outcome.startsWith("returned caught empty"), outcome);
    }

    @Test
    void theGeneratedClassReachesPrivateMembersThroughStaticFinalHandles() {
        String generated = CoroutineCompiler.generatedSources(CoroutineCompiler.compile(List.of(),
                CoroutineCompiler.classT("""
                        private int count;
                        @Coroutine int bump() { await(later(0)); return ++count; }
                        """)));
        assertTrue(generated.contains("private static final MethodHandle H$get$T$count;"), generated);
        assertTrue(generated.contains("TCoroutines.preIncrement$T$count(self)"), generated);
        assertTrue(generated.contains("accessible(T.class.getDeclaredField(\"count\"))"), generated);
    }

    @Test
    void whatNoAccessorCanReachIsAnErrorAtTheUse() {
        List<String> errors = messages(CoroutineCompiler.errors("""
                private int count;
                private static class Secret { }
                private static Secret secret() { return new Secret(); }
                private static int twice(int x) { return 2 * x; }
                static T make() { return new T(); }
                @Coroutine static void main() {
                    T o = new T();
                    java.util.function.IntUnaryOperator f = T::twice;
                    Object s = secret();
                }
                """));
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("17: ") && errors.get(0).contains("write a lambda that calls it instead"),
                errors.get(0));
        assertTrue(errors.get(1).startsWith("18: ") && errors.get(1).contains("private type T.Secret"), errors.get(1));
        // a compound assignment reads and writes through two accessors: a receiver with effects is evaluated once
        // by lowering where the right side suspends, and refused where it does not
        errors = messages(CoroutineCompiler.errors("""
                private int count;
                static T make() { return new T(); }
                @Coroutine static void main() {
                    make().count += await(later(1));
                    make().count += 1;
                }
                """));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("14: ") && errors.get(0).contains("assign the receiver to a local first"),
                errors.get(0));
    }

    @Test
    void aReceiverWithEffectsIsEvaluatedOnceWhereTheRightSideSuspends() throws Throwable {
        assertSameAsPlainJava("""
                static final class C { private int n = 1; }
                static C c = new C();
                static C make() { return t("make", c); }
                @Coroutine static String main() {
                    make().n += await(later(t("rhs", 2)));
                    make().n++;
                    --make().n;
                    return "n " + c.n;
                }
                """);
    }

    @Test
    void privateMembersWorkInCodeCompiledForJava8() throws Throwable {
        assertSameAsPlainJava(List.of("--release", "8", "-Xlint:-options"), """
                static final class C {
                    private int count;
                    private C() { }
                    private int add(int x) { return count += x; }
                }
                @Coroutine static String main() {
                    C o = new C();
                    o.add(await(later(2)));
                    o.count++;
                    return "count " + o.count;
                }
                """);
    }

    @Test
    void lambdaParametersSelectingPublicMembersNamedLikePrivateOnesOfTheNestStayPlain() throws Throwable {
        // a record's component is a private field, its accessor a public method of the same name
        assertSameAsPlainJava("""
                record Person(String name) { }
                static final class Tag { public String name = "tag"; }
                @Coroutine static String main() {
                    List<Person> people = List.of(new Person("ann"), new Person(await(later("bob"))));
                    List<String> names = new ArrayList<>();
                    people.forEach(p -> names.add(p.name()));
                    List<Tag> tags = List.of(new Tag());
                    tags.forEach((Tag t) -> names.add(t.name));
                    return names + " " + people.get(0).name;
                }
                """);
    }

    private static List<String> messages(List<Diagnostic<? extends JavaFileObject>> errors) {
        return errors.stream().map(d -> d.getLineNumber() + ": " + d.getMessage(null)).collect(Collectors.toList());
    }
}
