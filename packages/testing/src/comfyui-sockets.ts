import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

/** The part of the `ws` package the fake uses (the package ships no types). */
interface SocketClient {
  send(data: string | Buffer): void;
  terminate(): void;
  on(event: "close", listener: () => void): void;
}
interface SocketServer {
  handleUpgrade(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    callback: (client: SocketClient) => void,
  ): void;
  close(): void;
}
type SocketServerClass = new (options: { noServer: true }) => SocketServer;

/** ComfyUI's `/ws?clientId=`: who connected, and sending to one client or all. */
export interface ComfySockets {
  connections: { clientId: string; headers: IncomingHttpHeaders }[];
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  send(clientId: string | undefined, type: string, data: Record<string, unknown>): void;
  sendBinary(clientId: string | undefined, bytes: Buffer): void;
  broadcastStatus(): void;
  close(): void;
}

export async function startComfySockets(queueRemaining: () => number): Promise<ComfySockets> {
  const specifier = "ws";
  const module = (await import(specifier)) as { WebSocketServer: SocketServerClass };
  const server = new module.WebSocketServer({ noServer: true });
  const clients = new Map<string, Set<SocketClient>>();
  const connections: ComfySockets["connections"] = [];
  const status = (sid?: string) =>
    JSON.stringify({
      type: "status",
      data: {
        status: { exec_info: { queue_remaining: queueRemaining() } },
        ...(sid ? { sid } : {}),
      },
    });

  return {
    connections,
    upgrade(request, socket, head) {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      if (url.pathname !== "/ws" && url.pathname !== "/api/ws") {
        socket.destroy();
        return;
      }
      // Without a clientId the server makes one and reports it as `sid`.
      const clientId = url.searchParams.get("clientId") || randomHex();
      server.handleUpgrade(request, socket, head, (client) => {
        connections.push({ clientId, headers: request.headers });
        const set = clients.get(clientId) ?? new Set();
        set.add(client);
        clients.set(clientId, set);
        client.on("close", () => set.delete(client));
        client.send(status(clientId));
      });
    },
    send(clientId, type, data) {
      if (clientId === undefined) return;
      for (const client of clients.get(clientId) ?? []) client.send(JSON.stringify({ type, data }));
    },
    sendBinary(clientId, bytes) {
      if (clientId === undefined) return;
      for (const client of clients.get(clientId) ?? []) client.send(bytes);
    },
    broadcastStatus() {
      for (const set of clients.values()) for (const client of set) client.send(status());
    },
    close() {
      for (const set of clients.values()) for (const client of set) client.terminate();
      server.close();
    },
  };
}

function randomHex(): string {
  return Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join("");
}
