/**
 * A fake Hugging Face hub on 127.0.0.1: file downloads with Range support and the hub's
 * `x-linked-*` headers, the tree API with LFS sha256/size, optional redirects to a second
 * origin (like the real CDN), an optional token gate, and fault injection.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { sendRangedBytes } from "./ranged-bytes.js";

/** Which requests a fault hits and how often. */
export interface HubFaultMatch {
  /** Equal to, or ending with, the request path; or a RegExp over it. Default: every request. */
  path?: string | RegExp;
  /** How many matching requests consume the fault. Default 1. */
  times?: number;
  /** Wait before answering; alone it is a pure latency fault. */
  latencyMs?: number;
}

/** Something to go wrong on the next matching request(s). */
export type HubFault = HubFaultMatch &
  (
    | { status: number; body?: string }
    /** Send this fraction (0..1) of the requested bytes, then destroy the socket. */
    | { cutAtFraction: number }
    /** Send the right length but wrong bytes (for hash checks). */
    | { corrupt: true }
    | object
  );

export interface HubRequest {
  method: string;
  /** Path and query as received. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** `hub` for the endpoint, `cdn` for the redirect target. */
  origin: "hub" | "cdn";
  /** True for a proxy `CONNECT` tunnel request (the hub also acts as an HTTP proxy to itself). */
  tunnel?: boolean;
}

export interface FakeHubOptions {
  /** Files by `owner/repo/path/in/repo`, e.g. `"Qwen/tiny-GGUF/tiny-q8_0.gguf"`. */
  files: Record<string, Uint8Array>;
  /** Answer downloads with a 302 to a second origin, as huggingface.co does. Default false. */
  redirectToCdn?: boolean;
  /** When set, downloads and the tree API need `Authorization: Bearer <token>` (a gated repo). */
  requiredToken?: string;
  /** Slow the body down to roughly this rate, so progress and abort can be watched. */
  bytesPerSecond?: number;
}

export interface FakeHub {
  /** The endpoint: use as `HF_ENDPOINT`. */
  url: string;
  /** The second origin downloads are redirected to. */
  cdnUrl: string;
  /** Every request, in order. */
  requests: HubRequest[];
  /** Queue a fault; each request takes the first one that matches. */
  inject(fault: HubFault): void;
  /** Add or replace a file. */
  setFile(name: string, data: Uint8Array): void;
  /** `https://…/resolve/main/…` style URL of a file on this hub. */
  fileUrl(name: string): string;
  close(): Promise<void>;
}

const resolvePattern = /^\/([^/]+\/[^/]+)\/resolve\/[^/]+\/(.+)$/;
const treePattern = /^\/api\/models\/([^/]+\/[^/]+)\/tree\/[^/]+(?:\/(.*))?$/;
const cdnPattern = /^\/cdn\/([^/]+\/[^/]+)\/(.+)$/;

/** Starts the hub and its CDN origin on random free ports. The hub also works as an HTTP proxy. */
export async function startFakeHub(options: FakeHubOptions): Promise<FakeHub> {
  const files = new Map(Object.entries(options.files));
  const faults: { fault: HubFault; remaining: number }[] = [];
  const requests: HubRequest[] = [];

  const takeFault = (path: string): HubFault | undefined => {
    const index = faults.findIndex(({ fault }) => {
      if (fault.path === undefined) return true;
      if (typeof fault.path === "string") return path === fault.path || path.endsWith(fault.path);
      return fault.path.test(path);
    });
    const entry = faults[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) faults.splice(index, 1);
    return entry.fault;
  };

  const handle = async (
    origin: "hub" | "cdn",
    request: IncomingMessage,
    response: ServerResponse,
  ) => {
    // A request through a proxy arrives in absolute form; only the path matters here.
    const url = new URL(request.url ?? "/", "http://fake-hub");
    const path = decodeURIComponent(url.pathname);
    requests.push({
      method: request.method ?? "GET",
      path: url.pathname + url.search,
      headers: request.headers,
      origin,
    });
    const fault = takeFault(path);
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    if (fault && "status" in fault)
      return sendText(response, fault.status, fault.body ?? `fault ${fault.status}`);

    const authorised =
      !options.requiredToken || request.headers.authorization === `Bearer ${options.requiredToken}`;
    const tree = origin === "hub" ? treePattern.exec(path) : null;
    if (tree) {
      if (!authorised)
        return sendText(response, 401, "Invalid credentials in Authorization header");
      return sendTree(response, files, tree[1]!, tree[2] ?? "", url.searchParams.has("recursive"));
    }
    const download = (origin === "hub" ? resolvePattern : cdnPattern).exec(path);
    if (!download) return sendText(response, 404, "Not found");
    const name = `${download[1]}/${download[2]}`;
    const data = files.get(name);
    if (origin === "hub" && !authorised)
      return sendText(response, 401, "Access to this repo is restricted.");
    if (!data) {
      response.setHeader("x-error-code", "EntryNotFound");
      return sendText(response, 404, "Entry not found");
    }
    const sha256 = createHash("sha256").update(data).digest("hex");
    response.setHeader("x-linked-etag", `"${sha256}"`);
    response.setHeader("x-linked-size", String(data.length));
    response.setHeader("etag", `"${sha256}"`);
    if (origin === "hub" && options.redirectToCdn) {
      response.writeHead(302, { location: `${cdnUrl}/cdn/${download[1]}/${download[2]}?signed=1` });
      return response.end();
    }
    await sendRangedBytes({ request, response }, data, {
      bytesPerSecond: options.bytesPerSecond,
      cutAtFraction: fault && "cutAtFraction" in fault ? fault.cutAtFraction : undefined,
      corrupt: fault !== undefined && "corrupt" in fault,
    });
  };

  const listen = async (origin: "hub" | "cdn"): Promise<Server> => {
    const server = createServer((request, response) => {
      handle(origin, request, response).catch(() => response.destroy());
    });
    // As a proxy, the hub tunnels every CONNECT to itself, whatever host was asked for.
    server.on("connect", (request: IncomingMessage, client: Socket, head: Buffer) => {
      requests.push({
        method: "CONNECT",
        path: request.url ?? "",
        headers: request.headers,
        origin,
        tunnel: true,
      });
      const upstream = connect((server.address() as AddressInfo).port, "127.0.0.1", () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return server;
  };
  const hubServer = await listen("hub");
  const cdnServer = await listen("cdn");
  const address = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = address(hubServer);
  const cdnUrl = address(cdnServer);

  return {
    url,
    cdnUrl,
    requests,
    inject: (fault) => faults.push({ fault, remaining: fault.times ?? 1 }),
    setFile: (name, data) => files.set(name, data),
    fileUrl: (name) => {
      const [owner, repo, ...rest] = name.split("/");
      return `${url}/${owner}/${repo}/resolve/main/${rest.join("/")}`;
    },
    close: async () => {
      for (const server of [hubServer, cdnServer]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  response.end(text);
}

function sendTree(
  response: ServerResponse,
  files: Map<string, Uint8Array>,
  repo: string,
  folder: string,
  recursive: boolean,
): void {
  const prefix = folder === "" ? "" : `${folder.replace(/\/$/, "")}/`;
  const entries: unknown[] = [];
  const folders = new Set<string>();
  for (const [name, data] of files) {
    if (!name.startsWith(`${repo}/${prefix}`)) continue;
    const path = name.slice(repo.length + 1);
    const rest = path.slice(prefix.length);
    if (!recursive && rest.includes("/")) {
      folders.add(prefix + rest.slice(0, rest.indexOf("/")));
      continue;
    }
    const sha256 = createHash("sha256").update(data).digest("hex");
    const oid = createHash("sha1").update(data).digest("hex");
    const size = data.length;
    entries.push({ type: "file", oid, size, path, lfs: { oid: sha256, size, pointerSize: 134 } });
  }
  for (const path of folders)
    entries.push({ type: "directory", oid: "0".repeat(40), size: 0, path });
  if (entries.length === 0) {
    response.setHeader("x-error-code", "RepoNotFound");
    sendText(response, 404, "Repository not found");
    return;
  }
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify(entries));
}
