import asyncio


async def echo(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    """Called once per client, in a task of its own."""
    # readline() returns b"" once the client has closed its side
    while line := await reader.readline():
        writer.write(line.upper())
        await writer.drain()  # waits only while the write buffer is full
    writer.close()
    await writer.wait_closed()


async def client(port: int, messages: list[str]) -> list[str]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    replies = []
    for message in messages:
        writer.write(f"{message}\n".encode())
        await writer.drain()
        replies.append((await reader.readline()).decode().strip())
    writer.close()
    await writer.wait_closed()
    return replies


async def main() -> None:
    # port 0: any free port
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:  # closes the server at the end of the block
        # two clients at once: the server serves each in its own task
        replies = await asyncio.gather(
            client(port, ["hello", "bye"]), client(port, ["asyncio"])
        )
    print(f"replies: {replies}")
    print("server closed")


asyncio.run(main())
