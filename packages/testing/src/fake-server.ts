import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { createExchange, type FakeExchange } from "./fake-exchange.js";
import { type Fault, FaultQueue, type StatusFault } from "./fault.js";
import { type RecordedRequest, recordRequest } from "./recorded-request.js";

/** Answers one request. Runs only when no fault short-circuits it. */
export type FakeHandler = (exchange: FakeExchange) => void | Promise<void>;

/** Options for {@link startFakeServer}. */
export interface FakeServerOptions {
  /** Appended to the origin to form `url`, e.g. `/v1`. */
  basePath?: string;
  /** Headers added to every response, faults included (e.g. an `x-request-id`). */
  responseHeaders?: (request: RecordedRequest) => Record<string, string>;
  /** The body of an injected status fault that gives none (the provider's error envelope). */
  errorBody?: (status: number) => unknown;
  /** Handles WebSocket upgrades on the same port (ComfyUI's `/ws`). */
  onUpgrade?: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

/** A running fake server on 127.0.0.1. */
export interface FakeServer {
  /** What to give a client: the origin plus `basePath`, e.g. `http://127.0.0.1:41234/v1`. */
  readonly url: string;
  /** The origin, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly origin: string;
  /** Every request received, in order. Clear with `reset()`. */
  readonly requests: RecordedRequest[];
  /** Queues faults; each is consumed by the next matching request(s), first in first out. */
  inject(...faults: Fault[]): void;
  /** Requests whose client went away before the server finished answering. */
  readonly abortedRequests: number;
  /**
   * Resolves once `condition()` holds. Without `timeoutMs` it waits as long as the test may
   * run, so a slow machine cannot fail it; with one it rejects after that long.
   */
  waitUntil(condition: () => boolean, timeoutMs?: number): Promise<void>;
  /** Forgets recorded requests, pending faults and the abort count. */
  reset(): void;
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
}

function sendStatusFault(exchange: FakeExchange, fault: StatusFault, options: FakeServerOptions) {
  const body = fault.body ??
    options.errorBody?.(fault.status) ?? { error: `status ${fault.status}` };
  const isText = typeof body === "string" || Buffer.isBuffer(body);
  const contentType =
    fault.contentType ?? (isText ? "text/plain; charset=utf-8" : "application/json");
  const payload = isText ? body : JSON.stringify(body);
  exchange.response.writeHead(fault.status, { ...fault.headers, "content-type": contentType });
  exchange.response.end(payload);
}

/** Starts an HTTP server on 127.0.0.1 with a random port that records requests and injects faults. */
export async function startFakeServer(
  handler: FakeHandler,
  options: FakeServerOptions = {},
): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue();
  let abortedRequests = 0;
  let closing = false;

  async function answer(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    let cutByServer = false;
    response.on("close", () => {
      if (!response.writableFinished && !cutByServer && !closing) abortedRequests += 1;
    });
    const request = await recordRequest(incoming);
    requests.push(request);
    for (const [name, value] of Object.entries(options.responseHeaders?.(request) ?? {})) {
      response.setHeader(name, value);
    }
    const fault = faults.take(request.method, request.path);
    const exchange = createExchange(request, response, fault, () => {
      cutByServer = true;
    });
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    if (response.destroyed) return;
    if (fault && "hang" in fault) return;
    if (fault && "status" in fault) return sendStatusFault(exchange, fault, options);
    await handler(exchange);
  }

  const server = createServer((incoming, response) => {
    answer(incoming, response).catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      const message = error instanceof Error ? error.message : String(error);
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: `fake server failure: ${message}` }));
    });
  });
  if (options.onUpgrade) server.on("upgrade", options.onUpgrade);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${options.basePath ?? ""}`,
    origin: `http://127.0.0.1:${port}`,
    requests,
    inject: (...added) => {
      for (const fault of added) faults.add(fault);
    },
    get abortedRequests() {
      return abortedRequests;
    },
    async waitUntil(condition, timeoutMs) {
      const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs;
      while (!condition()) {
        if (Date.now() > deadline)
          throw new Error(`fake server: condition not met in ${timeoutMs} ms`);
        await sleep(5);
      }
    },
    reset() {
      requests.length = 0;
      faults.clear();
      abortedRequests = 0;
    },
    close() {
      closing = true;
      server.closeAllConnections();
      return new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
