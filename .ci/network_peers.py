"""Real clients against the example servers of the jar, for .ci/run: curl, Python's http.client,
raw sockets for bad input, Python asyncio streams for echo. Every wait is bounded.

Usage: python3 network_peers.py http PORT | echo PORT
Prints one line per check; exits non-zero at the first failure.
"""
import asyncio
import http.client
import socket
import subprocess
import sys
import threading
import time

TIMEOUT = 10


def check(name, ok, detail=""):
    print(("  ok    " if ok else "FAIL: ") + name + ("" if ok else ": " + detail))
    if not ok:
        sys.exit(1)


def curl(port, *args):
    out = subprocess.run(["curl", "-sS", "--max-time", str(TIMEOUT), "-w", "\n%{http_code}", *args],
                         capture_output=True, text=True, timeout=TIMEOUT + 5)
    body, _, code = out.stdout.rpartition("\n")
    return int(code or 0), body


def raw(port, data, close_after_send=False):
    """Sends data on a socket; returns what comes back until the server closes (or b'' if we close)."""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as s:
        s.sendall(data)
        if close_after_send:
            return b""
        chunks = []
        while True:
            c = s.recv(65536)
            if not c:
                return b"".join(chunks)
            chunks.append(c)


def http_checks(port):
    url = "http://127.0.0.1:%d" % port
    code, body = curl(port, url + "/plaintext")
    check("curl GET /plaintext -> 200 Hello, World!", code == 200 and body == "Hello, World!", "%d %r" % (code, body))
    code, body = curl(port, url + "/delay?ms=100")
    check("curl GET /delay?ms=100 awaits a timer", code == 200 and body == "waited 100 ms\n", "%d %r" % (code, body))
    code, body = curl(port, "--data-binary", "payload", url + "/echo")
    check("curl POST /echo returns the body", code == 200 and body == "payload", "%d %r" % (code, body))
    code, _ = curl(port, url + "/missing")
    check("curl GET /missing -> 404", code == 404, str(code))

    waiting = {}
    t = threading.Thread(target=lambda: waiting.update(r=curl(port, url + "/next")))
    t.start()
    time.sleep(0.3)
    curl(port, "--data-binary", "news from CI", url + "/publish")
    t.join(TIMEOUT)
    check("GET /next awaits a queue until POST /publish", waiting.get("r") == (200, "news from CI\n"), str(waiting))

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    statuses = []
    for _ in range(20):
        conn.request("GET", "/plaintext")
        r = conn.getresponse()
        r.read()
        statuses.append(r.status)
    conn.close()
    check("http.client: 20 requests on one keep-alive connection", statuses == [200] * 20, str(statuses))

    check("a malformed request line -> 400", raw(port, b"HELLO\r\n\r\n").startswith(b"HTTP/1.1 400 "))
    big = b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: %s\r\n" % (i, b"y" * 100) for i in range(100)) + b"\r\n"
    check("10 KiB of headers -> 431", raw(port, big).startswith(b"HTTP/1.1 431 "))
    start = time.time()
    got = raw(port, b"GET / HT")
    took = time.time() - start
    check("a head sent too slowly is closed after the header timeout", got == b"" and 0.3 < took < 5,
          "%r after %.2f s" % (got, took))
    raw(port, b"POST /echo HTTP/1.1\r\nContent-Length: 100\r\n\r\npart", close_after_send=True)
    for _ in range(50):  # the server sees the disconnect at its next read
        code, body = curl(port, url + "/stats")
        if "disconnected 1" in body:
            break
        time.sleep(0.1)
    check("the server counted the bad clients and goes on: " + body.strip(),
          code == 200 and "rejected 2" in body and "timed out 1" in body and "disconnected 1" in body, body)


async def echo_client(port):
    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write(b"hello from asyncio\n")
    await w.drain()
    line = await asyncio.wait_for(r.readline(), TIMEOUT)
    big = bytes(range(256)) * 4096
    w.write(big)
    await w.drain()
    back = await asyncio.wait_for(r.readexactly(len(big)), TIMEOUT)
    w.write_eof()
    end = await asyncio.wait_for(r.read(), TIMEOUT)
    w.close()
    await w.wait_closed()
    return line, back == big, end


def echo_checks(port):
    line, intact, end = asyncio.run(echo_client(port))
    check("asyncio client: a line echoed", line == b"hello from asyncio\n", repr(line))
    check("asyncio client: 1 MiB echoed intact", intact)
    check("asyncio client: write_eof -> the server ends its side", end == b"", repr(end))


if __name__ == "__main__":
    kind, port = sys.argv[1], int(sys.argv[2])
    http_checks(port) if kind == "http" else echo_checks(port)
