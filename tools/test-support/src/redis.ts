import { Redis } from "ioredis";

/** Why no Redis server answers PING at `url`, or null when one does. */
export async function redisProblem(url: string, connectTimeoutMs = 1000): Promise<string | null> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: connectTimeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    const pong = await client.ping();
    return pong === "PONG" ? null : `it answered ${String(pong)}`;
  } catch (error) {
    return (error as Error).message;
  } finally {
    client.disconnect();
  }
}
