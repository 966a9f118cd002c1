package dev.weft.processor;

import static dev.weft.processor.CoroutineCompiler.runMain;
import static dev.weft.processor.PlainJavaComparison.assertSameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Inner classes: created in coroutines, and declaring coroutines inside generic outer classes. */
class InnerClassesTest {
    @Test
    void qualifiedInnerClassCreationNamesTheInnerClassAfterNew() throws Throwable {
        assertEquals(5, runMain("""
                class Inner { int v = 4; }
                @Coroutine static int main() { Inner in = new T().new Inner(); return in.v + await(later(1)); }
                """));
        assertSameAsPlainJava("""
                static class H {
                    class Inner { int v; Inner(int v) { this.v = v; } }
                    class Gen<Q> { Q q; Gen(Q q) { this.q = q; } }
                }
                @Coroutine static String main() {
                    H outer = new H();
                    H.Inner a = outer.new Inner(1);
                    H.Inner b = new H().new Inner(await(later(2)));
                    H.Gen<String> g = outer.new Gen<>(await(later("g")));
                    H.Gen<String> h = outer.new Gen<String>("h");
                    return "" + a.v + b.v + g.q + h.q;
                }
                """);
    }

    @Test
    void innerClassesOfTheReceiversClassAreCreatedWithTheReceiverAsEnclosingInstance() throws Throwable {
        assertEquals("1|2|6|8|9|10|3|7", runMain("""
                int base = 1;
                class Inner { int v; Inner(int v) { this.v = v; } int get() { return v + base; } }
                static class Base { class Inherited { int w = 7; } }
                static class Sub extends Base {
                    @Coroutine int m() { Inherited s = new Inherited(); return s.w + await(later(0)); }
                }
                @Coroutine String run() {
                    base = 0;
                    Inner a = new Inner(1);
                    Inner b = this.new Inner(2);
                    Inner c = new Inner(await(later(6)));
                    Inner d = new T.Inner(8);
                    Inner e = new Inner(8) { int get() { return v + 1; } };
                    Supplier<Inner> f = () -> new Inner(10);
                    base = 2;
                    return a.v + "|" + b.v + "|" + c.v + "|" + d.v + "|" + e.get() + "|" + f.get().v + "|"
                            + a.get() + "|" + await(T_SubCoroutines.m(new Sub()));
                }
                @Coroutine static String main() { return await(TCoroutines.run(new T())); }
                """));
    }

    @Test
    void innerClassesOfGenericOuterClasses() throws Throwable {
        assertEquals("iy[iy, 3]{k=7}|ox/ox|sub:sy/Inner", runMain("""
                static class Outer<X> {
                    X x;
                    Outer(X x) { this.x = x; }
                    class Inner {
                        X y;
                        Inner(X y) { this.y = y; }
                        @Coroutine X get() { return await(later(y)); }
                        @Coroutine <Z> List<Object> pair(Z z) { List<Object> l = new ArrayList<>(); l.add(await(later(y))); l.add(z); return l; }
                    }
                    class Mid<Y extends Comparable<Y>> {
                        class Deep { @Coroutine Map<X, Y> map(X k, Y v) { Map<X, Y> r = new HashMap<>(); r.put(k, await(later(v))); return r; } }
                    }
                    @Coroutine String outerGet() {
                        Inner i = new Inner(x);
                        X got = await(later(i.y));
                        X again = i.y;
                        return got + "/" + again;
                    }
                }
                static class Sub extends Outer<String> {
                    Sub() { super("s"); }
                    class GInner<W> { W w; }
                    @Coroutine String s() {
                        Inner i = new Inner("sy");
                        String y = await(later(i.y));
                        GInner<Integer> g = new GInner<>();
                        GInner raw = g;
                        return "sub:" + y + "/" + Inner.class.getSimpleName();
                    }
                }
                @Coroutine static String main() {
                    Outer<String> o = new Outer<>("ox");
                    Outer<String>.Inner in = o.new Inner("iy");
                    Outer<String>.Mid<Integer>.Deep deep = o.new Mid<Integer>().new Deep();
                    return await(T_Outer_InnerCoroutines.get(in)) + await(T_Outer_InnerCoroutines.pair(in, 3))
                            + await(T_Outer_Mid_DeepCoroutines.map(deep, "k", 7)) + "|"
                            + await(T_OuterCoroutines.outerGet(o)) + "|" + await(T_SubCoroutines.s(new Sub()));
                }
                """));
    }

    @Test
    void receiversDeclaredWithAParameterizedOuterTypeRunTheirCoroutinesInline() throws Throwable {
        assertEquals("local:1 param:2 field:3", runMain("""
                static class G<X> {
                    class Inner {
                        int n;
                        Inner(int n) { this.n = n; }
                        @Coroutine String show(String how) { await(later(0)); return how + ":" + n; }
                    }
                }
                static G<String>.Inner kept = new G<String>().new Inner(3);
                @Coroutine static String viaParameter(G<String>.Inner in) { return in.show("param"); }
                @Coroutine static String main() {
                    G<String>.Inner in = new G<String>().new Inner(1);
                    return in.show("local") + " " + viaParameter(new G<String>().new Inner(2)) + " " + kept.show("field");
                }
                """));
    }
}
