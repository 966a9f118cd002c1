package dev.weft.processor;

import static dev.weft.processor.PlainJavaComparison.assertSameAsPlainJava;

import org.junit.jupiter.api.Test;

/**
 * {@code var} locals whose type declarations say (a local, field or parameter, a non-generic
 * method's result, a type argument substituted, an array element, {@code new}, a cast, a literal,
 * a string concatenation, the elements an enhanced {@code for} walks) are kept in fields of that
 * type across awaits, and calls on them are coroutine calls. (Other operators are not typed: such
 * a {@code var} kept across an await is a compile error, CompileErrorsTest.)
 */
class VarLocalsTest {
    @Test
    void varLocalsKeptAcrossAwaitsAndUsedAsReceiversOfCoroutineCalls() throws Throwable {
        assertSameAsPlainJava("""
                static final class Pinger {
                    final int id;
                    Pinger(int id) { this.id = id; }
                    @Coroutine int ping() { return await(later(id)) * 10; }
                }
                static List<Pinger> make() { return List.of(new Pinger(1), new Pinger(2)); }
                @Coroutine static String main() {
                    var ps = make();
                    var sum = 0;
                    for (var p : ps) {
                        sum += p.ping();
                        sum += await(later(p.id));
                    }
                    var first = ps.get(0);
                    var n = first.ping();
                    var arr = new Pinger[] {new Pinger(5)};
                    for (var x : arr) sum += x.ping();
                    var grid = new int[2][];
                    grid[0] = new int[] {await(later(7))};
                    var name = "s" + sum;
                    var c = 'c';
                    var big = 1L;
                    big <<= await(later(40));
                    var o = (Object) name;
                    try (var r = new java.io.StringReader(await(later("abc")))) {
                        await(later(0));
                        sum += r.read();
                    } catch (java.io.IOException e) {
                        return "io";
                    }
                    return name + " " + n + " " + sum + " " + first.ping() + " " + grid[0][0] + c + big + o;
                }
                """);
    }
}
