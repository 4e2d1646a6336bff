import { readSetting } from "../../config.js";
import { ApiCallError } from "../../errors.js";
import { providerFetch } from "../../proxy-fetch.js";
import { readBytes, readJson, type ServerConnection, serverFetch } from "../server-http.js";

export interface ComfyUISettings {
  /** Defaults to `COMFYUI_URL`, then `http://127.0.0.1:8188`. */
  baseURL?: string;
  /** Extra headers on every request and on the WebSocket (e.g. a reverse proxy's auth). */
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
  /** Watch progress over `/ws`. Default true; without it (or when it fails) history is polled. */
  webSocket?: boolean;
  /** How often to poll `/history/{id}` when there is no WebSocket. Default 1000 ms. */
  pollIntervalMs?: number;
  /** The longest wait for one prompt to finish, with or without the WebSocket. Default 10 min. */
  maxWaitMs?: number;
}

/** Where a file sits on the ComfyUI server (`/view` and `/upload/image` speak this). */
export interface ComfyFileRef {
  filename: string;
  subfolder: string;
  type: string;
}

const startHint =
  "start ComfyUI (python main.py, or the desktop app) and set COMFYUI_URL if it is not on 127.0.0.1:8188";

/** ComfyUI's HTTP routes, with errors in ComfyUI's own terms. */
export class ComfyUIClient {
  readonly baseURL: string;
  readonly settings: Required<Pick<ComfyUISettings, "webSocket" | "pollIntervalMs" | "maxWaitMs">>;
  readonly headers: Record<string, string>;
  private readonly server: ServerConnection;

  constructor(settings: ComfyUISettings = {}) {
    this.baseURL = (settings.baseURL ?? readSetting("COMFYUI_URL") ?? "http://127.0.0.1:8188")
      .trim()
      .replace(/\/+$/, "");
    this.settings = {
      webSocket: settings.webSocket ?? true,
      pollIntervalMs: settings.pollIntervalMs ?? 1000,
      maxWaitMs: settings.maxWaitMs ?? 600_000,
    };
    this.headers = { ...settings.headers };
    this.server = {
      provider: "comfyui",
      fetch: providerFetch(settings.fetch),
      unreachableHint: `nothing answers at ${this.baseURL}; ${startHint}`,
    };
  }

  async get<T>(path: string, signal?: AbortSignal): Promise<T> {
    const response = await serverFetch(this.server, this.baseURL + path, {
      headers: { accept: "application/json", ...this.headers },
      signal,
    });
    return readJson<T>(this.server, response);
  }

  /** A POST whose answer does not matter (`/interrupt`, `/queue`). */
  async send(path: string, body: unknown, signal?: AbortSignal): Promise<void> {
    const response = await serverFetch(this.server, this.baseURL + path, {
      method: "POST",
      headers: { ...this.headers, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal,
    });
    await response.arrayBuffer();
  }

  /** `POST /prompt`; a 400 names the nodes ComfyUI refused and why. */
  async queuePrompt(
    body: { prompt: unknown; client_id: string },
    signal?: AbortSignal,
    headers?: Record<string, string>,
  ): Promise<string> {
    const response = await serverFetch(this.server, `${this.baseURL}/prompt`, {
      method: "POST",
      headers: { ...this.headers, ...headers, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal,
    }).catch((error: unknown) => {
      throw error instanceof ApiCallError && error.status === 400 ? refusedPrompt(error) : error;
    });
    const reply = await readJson<{ prompt_id?: unknown }>(this.server, response);
    if (typeof reply.prompt_id !== "string") {
      throw new ApiCallError({
        provider: "comfyui",
        status: response.status,
        message: "POST /prompt answered without a prompt_id",
      });
    }
    return reply.prompt_id;
  }

  /** `POST /upload/image` (multipart); returns the name a `LoadImage` node takes. */
  async uploadImage(bytes: Uint8Array, filename: string, signal?: AbortSignal): Promise<string> {
    const form = new FormData();
    form.append("image", new Blob([Buffer.from(bytes)]), filename);
    form.append("type", "input");
    form.append("overwrite", "true");
    const response = await serverFetch(this.server, `${this.baseURL}/upload/image`, {
      method: "POST",
      headers: this.headers,
      body: form,
      signal,
    });
    const reply = await readJson<{ name: string; subfolder?: string }>(this.server, response);
    return reply.subfolder ? `${reply.subfolder}/${reply.name}` : reply.name;
  }

  /** `GET /view`: the bytes of an output file. */
  async view(file: ComfyFileRef, signal?: AbortSignal): Promise<Uint8Array> {
    const query = new URLSearchParams({
      filename: file.filename,
      subfolder: file.subfolder,
      type: file.type,
    });
    const response = await serverFetch(this.server, `${this.baseURL}/view?${query}`, {
      headers: this.headers,
      signal,
    });
    return readBytes(this.server, response);
  }
}

/** ComfyUI's 400: `{error: {message, details}, node_errors: {id: {class_type, errors: [...]}}}`. */
function refusedPrompt(error: ApiCallError): ApiCallError {
  let reasons: string[] = [];
  try {
    const body = JSON.parse(error.responseBody ?? "{}") as {
      error?: { message?: string; details?: string } | string;
      node_errors?: Record<
        string,
        { class_type?: string; errors?: { message?: string; details?: string }[] }
      >;
    };
    const top = typeof body.error === "string" ? body.error : body.error?.message;
    reasons = Object.entries(body.node_errors ?? {}).flatMap(([id, node]) =>
      (node.errors ?? []).map((each) =>
        `node ${id} (${node.class_type ?? "?"}): ${each.message ?? ""} ${each.details ?? ""}`.trim(),
      ),
    );
    if (top) reasons.unshift(top);
  } catch {
    return error;
  }
  if (reasons.length === 0) return error;
  return new ApiCallError({
    provider: "comfyui",
    status: 400,
    message: `ComfyUI refused the workflow: ${reasons.join("; ")}`,
    url: error.url,
    responseBody: error.responseBody,
    cause: error,
  });
}
