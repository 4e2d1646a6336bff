import { randomUUID } from "node:crypto";
import { imageSize } from "@path/core";
import { type ComfyJobPlan, validatePrompt } from "./comfyui-graph.js";
import { comfyNodeClasses, objectInfoEntry } from "./comfyui-nodes.js";
import { ComfyQueue } from "./comfyui-queue.js";
import { type ComfySockets, startComfySockets } from "./comfyui-sockets.js";
import { ComfyVideoJobs, comfyVideoNodeClasses, isVideoGraph } from "./comfyui-video.js";
import type { FakeExchange } from "./fake-exchange.js";
import { fakeImageFor } from "./fake-png.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";
import { VideoJobBook } from "./video-job-book.js";

/** Options for {@link startFakeComfyUI}. */
export interface FakeComfyUIOptions {
  /** Files in models/checkpoints. Default an SD 1.5 and an SDXL file. */
  checkpoints?: string[];
  /** Serve `/ws`. Default true; false makes clients fall back to polling `/history`. */
  webSocket?: boolean;
  /** Time per sampling step. Default 0 (steps still arrive one by one). */
  stepDelayMs?: number;
  /** How `/object_info` writes combos: `[[…], {}]` (default) or newer `["COMBO", {options}]`. */
  comboStyle?: "list" | "COMBO";
}

/** A fake ComfyUI plus controls for the next prompt and what its sockets saw. */
export interface FakeComfyUI extends FakeServer {
  /** The next queued prompt fails in KSampler with this message (`execution_error`). */
  failNextPrompt(message?: string): void;
  /** The next queued prompt never finishes until interrupted (`POST /interrupt`). */
  holdNextPrompt(): void;
  /** Every WebSocket client: the `clientId` it connected with and its headers. */
  readonly sockets: ComfySockets["connections"];
  /** Uploaded input files by name. */
  readonly uploads: Map<string, Buffer>;
  /** Video prompts (a graph ending in SaveVideo or VHS_VideoCombine), moved on by `/history` polls. */
  readonly book: VideoJobBook;
  /** The server itself, named as the other video fakes name their API server. */
  readonly api: FakeServer;
}

/**
 * Starts a fake ComfyUI (HTTP and `/ws` on one port; every route also under `/api`): `POST /prompt`
 * validates the API-format graph like ComfyUI (unknown nodes, missing inputs, combo values,
 * links, output nodes → 400 with `node_errors`), runs prompts one at a time with `progress`/
 * `executing`/`executed`/`execution_success` messages to the socket whose clientId matches,
 * and answers `/history/{id}` with `{}` until the prompt has finished. Also `/view`,
 * `/upload/image` (multipart), `/object_info[/{class}]`, `/models/checkpoints`, `/queue`,
 * `/interrupt` and `/system_stats`.
 */
export async function startFakeComfyUI(options: FakeComfyUIOptions = {}): Promise<FakeComfyUI> {
  const checkpoints = options.checkpoints ?? [
    "v1-5-pruned-emaonly.safetensors",
    "sd_xl_base_1.0.safetensors",
  ];
  const uploads = new Map<string, Buffer>();
  const classes = {
    ...comfyNodeClasses(checkpoints, () => [...uploads.keys()]),
    ...comfyVideoNodeClasses(),
  };
  const sockets = await startComfySockets(() => queue.remaining());
  const videos = new ComfyVideoJobs(new VideoJobBook(), sockets.send);
  const queue = new ComfyQueue(
    sockets.send,
    sockets.sendBinary,
    sockets.broadcastStatus,
    options.stepDelayMs ?? 0,
  );
  let number = 0;
  let nextFailure: string | undefined;
  let holdNext = false;

  function queuePrompt(exchange: FakeExchange): void {
    const body = (exchange.request.body ?? {}) as { prompt?: unknown; client_id?: unknown };
    const checked = validatePrompt(body.prompt, classes, (file) => {
      const bytes = uploads.get(file);
      return bytes ? imageSize(bytes) : undefined;
    });
    if ("error" in checked) {
      exchange.json(checked, 400);
      return;
    }
    if (isVideoGraph(body.prompt)) {
      const id = randomUUID();
      const clientId = typeof body.client_id === "string" ? body.client_id : undefined;
      videos.add(id, number++, body.prompt, clientId, new Set(uploads.keys()));
      exchange.json({ prompt_id: id, number: number - 1, node_errors: {} });
      return;
    }
    const plan: ComfyJobPlan = checked;
    const images = Array.from({ length: plan.batch }, (_, index) =>
      fakeImageFor(exchange, {
        prompt: plan.initImage ? `${plan.prompt} (img2img)` : plan.prompt,
        seed: plan.seed + index,
        width: plan.width,
        height: plan.height,
        init: plan.initImage === undefined ? undefined : uploads.get(plan.initImage),
      }),
    );
    const id = randomUUID();
    queue.add({
      id,
      number: number++,
      clientId: typeof body.client_id === "string" ? body.client_id : undefined,
      graph: body.prompt as never,
      plan,
      images,
      fail: nextFailure,
      hold: holdNext,
    });
    nextFailure = undefined;
    holdNext = false;
    exchange.json({ prompt_id: id, number: number - 1, node_errors: {} });
  }

  async function upload(exchange: FakeExchange): Promise<void> {
    const type = exchange.request.headers["content-type"] ?? "";
    const form = await new Response(exchange.request.rawBody, { headers: { "content-type": type } })
      .formData()
      .catch(() => undefined);
    const image = form?.get("image");
    if (!form || !(image instanceof File) || !image.name) {
      exchange.response.writeHead(400, { "content-type": "text/plain" });
      exchange.response.end("400: Bad Request");
      return;
    }
    const bytes = Buffer.from(await image.arrayBuffer());
    let name = image.name;
    const overwrite = ["true", "1"].includes(String(form.get("overwrite") ?? ""));
    for (
      let suffix = 1;
      !overwrite && uploads.has(name) && !uploads.get(name)!.equals(bytes);
      suffix++
    ) {
      name = image.name.replace(/(\.[^.]*)?$/, ` (${suffix})$1`);
    }
    uploads.set(name, bytes);
    exchange.json({ name, subfolder: "", type: String(form.get("type") ?? "input") });
  }

  function view(exchange: FakeExchange): void {
    const {
      filename = "",
      subfolder = "",
      type = "output",
    } = exchange.request.query as Record<string, string>;
    if (filename.startsWith("/") || filename.includes("..")) {
      exchange.response.writeHead(400).end();
      return;
    }
    const bytes =
      type === "input"
        ? uploads.get(filename)
        : queue.files.get(`${type}/${subfolder}/${filename}`);
    if (!bytes) {
      exchange.response.writeHead(404, { "content-type": "text/plain" }).end("404: Not Found");
      return;
    }
    exchange.response.writeHead(200, {
      "content-type": "image/png",
      "content-disposition": `filename="${filename}"`,
      "content-length": String(bytes.length),
    });
    exchange.response.end(bytes);
  }

  async function route(exchange: FakeExchange): Promise<void> {
    const { method } = exchange.request;
    const path = exchange.request.path.replace(/^\/api(?=\/)/, "");
    const body = (exchange.request.body ?? {}) as Record<string, unknown>;
    const route = `${method} ${path}`;
    if (route === "POST /prompt") return queuePrompt(exchange);
    if (route === "GET /prompt")
      return exchange.json({ exec_info: { queue_remaining: queue.remaining() } });
    if (route === "POST /upload/image") return upload(exchange);
    if (route === "GET /view") return (await videos.view(exchange)) ? undefined : view(exchange);
    if (route === "GET /history") return exchange.json(Object.fromEntries(queue.history));
    if (method === "GET" && path.startsWith("/history/")) {
      const id = decodeURIComponent(path.slice("/history/".length));
      const entry = videos.has(id) ? videos.history(id) : queue.history.get(id);
      return exchange.json(entry ? { [id]: entry } : {});
    }
    if (route === "GET /queue") {
      const video = videos.queue();
      return exchange.json({
        queue_running: [
          ...(queue.running ? [queue.queueItem(queue.running)] : []),
          ...video.running,
        ],
        queue_pending: [...queue.pending.map((job) => queue.queueItem(job)), ...video.pending],
      });
    }
    if (route === "POST /queue") {
      if (body.clear) queue.delete(queue.pending.map((job) => job.id));
      if (Array.isArray(body.delete)) queue.delete(body.delete.map(String));
      if (Array.isArray(body.delete)) videos.delete(body.delete.map(String));
      return exchange.json({});
    }
    if (route === "POST /interrupt") {
      queue.interrupt(typeof body.prompt_id === "string" ? body.prompt_id : undefined);
      videos.interrupt(typeof body.prompt_id === "string" ? body.prompt_id : undefined);
      return exchange.json({});
    }
    const comboStyle = options.comboStyle ?? "list";
    if (route === "GET /object_info") {
      return exchange.json(
        Object.fromEntries(
          Object.entries(classes).map(([name, node]) => [
            name,
            objectInfoEntry(name, node, comboStyle),
          ]),
        ),
      );
    }
    if (method === "GET" && path.startsWith("/object_info/")) {
      const name = decodeURIComponent(path.slice("/object_info/".length));
      const node = classes[name];
      return exchange.json(node ? { [name]: objectInfoEntry(name, node, comboStyle) } : {});
    }
    if (route === "GET /models") return exchange.json(["checkpoints", "loras", "vae"]);
    if (route === "GET /models/checkpoints") return exchange.json(checkpoints);
    if (route === "GET /system_stats") {
      return exchange.json({
        system: { os: "posix", comfyui_version: "0.3.60", python_version: "3.12.3", ram_total: 0 },
        devices: [{ name: "cpu", type: "cpu", vram_total: 0, vram_free: 0 }],
      });
    }
    if (route === "GET /") {
      exchange.response.writeHead(200, { "content-type": "text/html" });
      exchange.response.end("<!DOCTYPE html><html><head><title>ComfyUI</title></head></html>");
      return;
    }
    exchange.response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    exchange.response.end("404: Not Found");
  }

  const server = await startFakeServer(route, {
    errorBody: (status) => ({
      error: { type: "server_error", message: `status ${status}`, details: "", extra_info: {} },
      node_errors: {},
    }),
    onUpgrade: options.webSocket === false ? undefined : sockets.upgrade,
  });
  const fake: FakeComfyUI = {
    ...server,
    get requests() {
      return server.requests;
    },
    get abortedRequests() {
      return server.abortedRequests;
    },
    sockets: sockets.connections,
    uploads,
    book: videos.book,
    get api() {
      return fake;
    },
    failNextPrompt: (message = "CUDA out of memory. Tried to allocate 2.00 GiB") => {
      nextFailure = message;
    },
    holdNextPrompt: () => {
      holdNext = true;
    },
    async close() {
      queue.interrupt();
      sockets.close();
      await server.close();
    },
  };
  return fake;
}
