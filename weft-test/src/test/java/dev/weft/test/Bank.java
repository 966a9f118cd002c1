package dev.weft.test;

import static dev.weft.Weft.await;
import static dev.weft.Weft.gather;
import static dev.weft.Weft.spawn;

import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Lock;
import dev.weft.Server;
import dev.weft.SimulatedNetwork;
import dev.weft.StreamReader;
import dev.weft.StreamWriter;
import dev.weft.Streams;
import dev.weft.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The races of the exploration proof: a bank whose tasks call a ledger service over a simulated
 * network (fixed latency: only the schedule decides which of two simultaneous answers comes
 * first). Under FIFO order every test here passes; other orders expose the bugs.
 */
final class Bank {
    private Bank() {
    }

    static final class Account {
        final String name;
        final Lock lock = new Lock();
        int balance;

        Account(String name, int balance) {
            this.name = name;
            this.balance = balance;
        }
    }

    /** The ledger service: answers every line. */
    @Coroutine
    static void ledger(StreamReader r, StreamWriter w) {
        String line = await(r.readLine());
        while (line != null) {
            w.write("ok\n");
            line = await(r.readLine());
        }
    }

    /** One round trip to the ledger. */
    @Coroutine
    static void call(Connection c) {
        c.writer().write("?\n");
        await(c.reader().readLine());
    }

    /** Bug 1: reads the balance, calls the ledger, writes back: a lost update when another deposit interleaves. */
    @Coroutine
    static void deposit(Account a, Connection c, int amount, boolean authenticateFirst, boolean locked) {
        if (authenticateFirst) {
            call(c);
        }
        if (locked) {
            await(a.lock.acquire());
        }
        try {
            int read = a.balance;
            call(c);
            a.balance = read + amount;
        } finally {
            if (locked) {
                a.lock.release();
            }
        }
    }

    /** Bug 2: locks the source, calls the ledger, locks the target: three transfers in a cycle can deadlock. */
    @Coroutine
    static void transfer(Account from, Account to, int amount, Connection c, int authRounds, boolean ordered) {
        for (int i = 0; i < authRounds; i++) {
            call(c);
        }
        Account first = ordered && to.name.compareTo(from.name) < 0 ? to : from;
        Account second = first == from ? to : from;
        await(first.lock.acquire());
        try {
            call(c);
            await(second.lock.acquire());
            try {
                from.balance -= amount;
                to.balance += amount;
            } finally {
                second.lock.release();
            }
        } finally {
            first.lock.release();
        }
    }

    /** The ledger on a simulated network of fixed latency, and connections to it. */
    static final class Ledger {
        final Server server;
        final List<Connection> connections = new ArrayList<>();

        Ledger(Server server) {
            this.server = server;
        }

        Connection get(int i) {
            return connections.get(i);
        }
    }

    @Coroutine
    static Ledger open(int n) {
        EventLoop.current().useNetwork(new SimulatedNetwork(1).latency(Duration.ofMillis(1), Duration.ofMillis(1)));
        Ledger ledger = new Ledger(await(Streams.startServer((r, w) -> BankCoroutines.ledger(r, w), "ledger", 1)));
        for (int i = 0; i < n; i++) {
            ledger.connections.add(await(Streams.openConnection("ledger", 1)));
        }
        return ledger;
    }

    /** Closes the connections and the ledger, and waits for its handlers to end. */
    @Coroutine
    static void close(Ledger ledger) {
        for (Connection c : ledger.connections) {
            c.writer().close();
        }
        ledger.server.close();
        await(ledger.server.closed());
    }

    /** Two deposits into one account; the balance must be 130. */
    @Coroutine
    static void twoDeposits(boolean locked) {
        Ledger c = open(2);
        Account a = new Account("a", 100);
        Task<Void> first = spawn(BankCoroutines.deposit(a, c.get(0), 10, false, locked));
        Task<Void> second = spawn(BankCoroutines.deposit(a, c.get(1), 20, true, locked));
        await(gather(first, second));
        close(c);
        if (a.balance != 130) {
            throw new AssertionError("lost update: balance " + a.balance + ", expected 130");
        }
    }

    /** Three transfers around a cycle of accounts; the total must stay 300. */
    @Coroutine
    static void threeTransfers(boolean ordered) {
        Ledger c = open(3);
        Account a = new Account("a", 100);
        Account b = new Account("b", 100);
        Account cc = new Account("c", 100);
        List<Task<Void>> tasks = Arrays.asList(
                spawn(BankCoroutines.transfer(a, b, 10, c.get(0), 0, ordered)),
                spawn(BankCoroutines.transfer(b, cc, 10, c.get(1), 1, ordered)),
                spawn(BankCoroutines.transfer(cc, a, 10, c.get(2), 2, ordered)));
        await(gather(tasks));
        close(c);
        if (a.balance + b.balance + cc.balance != 300) {
            throw new AssertionError("money appeared or vanished");
        }
    }
}
