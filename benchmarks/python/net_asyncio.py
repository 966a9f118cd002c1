"""The network benchmark's asyncio servers: the same HTTP response and echo service as the
Java ones, written with asyncio streams, as an asyncio user writes them.

Usage: python3 net_asyncio.py http|echo PORT
"""
import asyncio
import sys

RESPONSE = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\n"
            b"Hello, World!")


async def http(reader, writer):
    try:
        while await reader.readline():
            length = 0
            while True:
                header = await reader.readline()
                if header in (b"\r\n", b"\n", b""):
                    break
                if header[:15].lower() == b"content-length:":
                    length = int(header[15:])
            if length:
                await reader.readexactly(length)
            writer.write(RESPONSE)
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def echo(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def main(kind, port):
    server = await asyncio.start_server(http if kind == "http" else echo, "127.0.0.1", port, backlog=1024)
    print("asyncio %s listening on 127.0.0.1:%d" % (kind, server.sockets[0].getsockname()[1]), flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
