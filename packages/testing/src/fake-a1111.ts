import {
  A1111State,
  a1111Error,
  a1111Samplers,
  a1111Title,
  answerA1111Generation,
} from "./a1111-generation.js";
import type { FakeExchange } from "./fake-exchange.js";
import { type FakeServer, startFakeServer } from "./fake-server.js";

/** Options for {@link startFakeA1111}. */
export interface FakeA1111Options {
  /** Checkpoint file names in models/Stable-diffusion. Default two SD 1.5 / SDXL files. */
  checkpoints?: string[];
  /** `user:pass`, as with `--api-auth`: every /sdapi route then wants HTTP Basic auth. */
  auth?: string;
  /** Time per sampling step, so `/sdapi/v1/progress` has something to report. Default 0. */
  stepDelayMs?: number;
}

function authorised(exchange: FakeExchange, auth: string | undefined): boolean {
  if (!auth) return true;
  const expected = `Basic ${Buffer.from(auth).toString("base64")}`;
  if (exchange.request.headers.authorization === expected) return true;
  exchange.json(a1111Error(401, "Incorrect username or password"), 401, {
    "www-authenticate": "Basic",
  });
  return false;
}

/**
 * Starts a fake AUTOMATIC1111 WebUI API (as with `--api`); give `url` as `A1111_URL`.
 * Serves `POST /sdapi/v1/txt2img` and `/img2img` (bare base64 PNGs of the requested size,
 * `info` as a JSON string, a grid first for batches), `GET /sdapi/v1/progress`, `sd-models`,
 * `samplers`, `options` (GET/POST), `POST /sdapi/v1/interrupt`, and `GET /` (the HTML UI).
 * Errors use WebUI's `{error, detail, body, errors}` envelope.
 */
export function startFakeA1111(options: FakeA1111Options = {}): Promise<FakeServer> {
  const state = new A1111State(
    options.checkpoints ?? ["v1-5-pruned-emaonly.safetensors", "sd_xl_base_1.0.safetensors"],
  );
  const stepDelayMs = options.stepDelayMs ?? 0;

  async function route(exchange: FakeExchange): Promise<void> {
    const { method, path, body } = exchange.request;
    if (method === "GET" && path === "/") {
      exchange.response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      exchange.response.end(
        "<!DOCTYPE html><html><head><title>Stable Diffusion</title></head></html>",
      );
      return;
    }
    if (!path.startsWith("/sdapi/")) return exchange.json({ detail: "Not Found" }, 404);
    if (!authorised(exchange, options.auth)) return;
    const route = `${method} ${path}`;
    if (route === "POST /sdapi/v1/txt2img" || route === "POST /sdapi/v1/img2img") {
      const img2img = path.endsWith("img2img");
      return answerA1111Generation(exchange, state, { stepDelayMs, img2img });
    }
    if (route === "GET /sdapi/v1/progress") return exchange.json(state.progressReply());
    if (route === "GET /sdapi/v1/samplers") return exchange.json(a1111Samplers);
    if (route === "GET /sdapi/v1/sd-models") {
      return exchange.json(
        state.checkpoints.map((file) => ({
          title: a1111Title(file),
          model_name: file.replace(/\.[^.]+$/, ""),
          hash: /\[([0-9a-f]+)\]$/.exec(a1111Title(file))![1],
          sha256: null,
          filename: `/webui/models/Stable-diffusion/${file}`,
          config: null,
        })),
      );
    }
    if (route === "GET /sdapi/v1/options") {
      return exchange.json({
        sd_model_checkpoint: a1111Title(state.checkpoint),
        samples_format: "png",
      });
    }
    if (route === "POST /sdapi/v1/options") {
      const wanted = (body as { sd_model_checkpoint?: unknown } | undefined)?.sd_model_checkpoint;
      if (typeof wanted === "string") {
        const file = state.checkpoints.find((each) => a1111Title(each) === wanted);
        if (!file) return exchange.json(a1111Error(500, "", `model '${wanted}' not found`), 500);
        state.checkpoint = file;
      }
      return exchange.json(null);
    }
    if (route === "POST /sdapi/v1/interrupt" || route === "POST /sdapi/v1/skip")
      return exchange.json({});
    return exchange.json({ detail: "Not Found" }, 404);
  }

  return startFakeServer(route, {
    errorBody: (status) =>
      a1111Error(status, status === 503 ? "Service Unavailable" : "", `status ${status}`),
  });
}
