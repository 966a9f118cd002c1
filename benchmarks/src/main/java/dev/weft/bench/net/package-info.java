/**
 * The network benchmark's servers and load client (run by {@code benchmarks/net.sh}): the same
 * HTTP response and the same echo service in Weft, Netty 4 (NIO transport, one event loop) and
 * virtual threads (a thread per connection), each started as its own process and pinned to one
 * core; {@code wrk} and {@link dev.weft.bench.net.EchoLoad} load them from the other core. The
 * asyncio servers are in {@code benchmarks/python/net_asyncio.py}.
 */
package dev.weft.bench.net;
