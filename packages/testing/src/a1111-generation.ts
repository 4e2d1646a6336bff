import { setTimeout as sleep } from "node:timers/promises";
import { imageSize } from "@path/core";
import type { FakeExchange } from "./fake-exchange.js";
import { fakeImage, fakeImageFor } from "./fake-png.js";

/** WebUI's error envelope (`api_middleware.handle_exception`). */
export function a1111Error(status: number, detail: string, errors = "") {
  const names: Record<number, string> = { 400: "HTTPException", 404: "HTTPException" };
  return { error: names[status] ?? "RuntimeError", detail, body: "", errors };
}

/** What `/sdapi/v1/progress` reports; updated while a fake generation runs. */
export class A1111State {
  step = 0;
  steps = 0;
  job = "";
  checkpoint: string;

  constructor(readonly checkpoints: string[]) {
    this.checkpoint = checkpoints[0] ?? "";
  }

  progressReply() {
    const progress = this.steps ? this.step / this.steps : 0;
    return {
      progress,
      eta_relative: this.steps ? (this.steps - this.step) * 0.05 : 0,
      state: {
        skipped: false,
        interrupted: false,
        job: this.job,
        job_count: this.job ? 1 : 0,
        job_timestamp: "20260101120000",
        job_no: 0,
        sampling_step: this.step,
        sampling_steps: this.steps,
      },
      current_image: null,
      textinfo: null,
    };
  }
}

const samplers = ["Euler a", "Euler", "DPM++ 2M", "DDIM"];
export const a1111Samplers = samplers.map((name) => ({ name, aliases: [], options: {} }));

/** Checkpoint titles as WebUI writes them: `"name.safetensors [shorthash]"`. */
export function a1111Title(file: string): string {
  let hash = 0;
  for (const char of file) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `${file} [${hash.toString(16).padStart(10, "0").slice(0, 10)}]`;
}

function decodeInit(value: unknown): Buffer | undefined {
  if (typeof value !== "string") return undefined;
  const bytes = Buffer.from(value.replace(/^data:[^,]*,/, ""), "base64");
  return imageSize(bytes) ? bytes : undefined;
}

/** Answers txt2img / img2img like WebUI: bare base64 PNGs, `info` as a JSON string. */
export async function answerA1111Generation(
  exchange: FakeExchange,
  state: A1111State,
  options: { stepDelayMs: number; img2img: boolean },
): Promise<void> {
  const body = (exchange.request.body ?? {}) as Record<string, unknown>;
  const number = (key: string, fallback: number) =>
    typeof body[key] === "number" ? (body[key] as number) : fallback;
  const sampler = typeof body.sampler_name === "string" ? body.sampler_name : "Euler a";
  if (!samplers.includes(sampler)) return exchange.json(a1111Error(400, "Sampler not found"), 400);
  const overrides = (body.override_settings ?? {}) as Record<string, unknown>;
  const wanted = overrides.sd_model_checkpoint;
  if (
    typeof wanted === "string" &&
    !state.checkpoints.some((file) => a1111Title(file) === wanted)
  ) {
    return exchange.json(a1111Error(500, "", `model '${wanted}' not found`), 500);
  }
  let init: Buffer | undefined;
  if (options.img2img) {
    if (!Array.isArray(body.init_images))
      return exchange.json(a1111Error(404, "Init image not found"), 404);
    init = decodeInit(body.init_images[0]);
    if (!init) return exchange.json(a1111Error(500, "", "cannot identify image file"), 500);
  }
  const checkpoint = typeof wanted === "string" ? wanted : a1111Title(state.checkpoint);
  const steps = number("steps", 50);
  const width = Math.floor(number("width", 512) / 8) * 8;
  const height = Math.floor(number("height", 512) / 8) * 8;
  const count = number("batch_size", 1) * number("n_iter", 1);
  const requestedSeed = number("seed", -1);
  const seed = requestedSeed === -1 ? Math.floor(Math.random() * 2 ** 32) : requestedSeed;
  const prompt = String(body.prompt ?? "");

  state.job = "job 1/1";
  state.steps = steps;
  for (state.step = 0; state.step < steps && options.stepDelayMs > 0; state.step++) {
    await sleep(options.stepDelayMs);
    if (exchange.response.destroyed) break;
  }
  Object.assign(state, { job: "", step: 0, steps: 0 });

  const seeds = Array.from({ length: count }, (_, index) => seed + index);
  const images = seeds.map((each) =>
    fakeImageFor(exchange, {
      prompt: `${prompt}${init ? " (img2img)" : ""}`,
      seed: each,
      width,
      height,
      init,
    }),
  );
  // WebUI puts a grid first for batches (option return_grid) and says so in the info.
  const grid = count > 1 ? [fakeImage({ prompt: "grid", width, height })] : [];
  const info = {
    prompt,
    all_prompts: seeds.map(() => prompt),
    negative_prompt: String(body.negative_prompt ?? ""),
    seed,
    all_seeds: seeds,
    subseed: seed + 1,
    width,
    height,
    sampler_name: sampler,
    scheduler: typeof body.scheduler === "string" ? body.scheduler : "Automatic",
    cfg_scale: number("cfg_scale", 7),
    steps,
    batch_size: number("batch_size", 1),
    denoising_strength: options.img2img ? number("denoising_strength", 0.75) : 0,
    sd_model_name: checkpoint.replace(/\.[a-z]+ \[[0-9a-f]+\]$/, ""),
    sd_model_hash: /\[([0-9a-f]+)\]$/.exec(checkpoint)?.[1] ?? "",
    index_of_first_image: grid.length,
    infotexts: seeds.map(
      (each) =>
        `${prompt}\nSteps: ${steps}, Sampler: ${sampler}, Seed: ${each}, Size: ${width}x${height}`,
    ),
    job_timestamp: "20260101120000",
  };
  exchange.json({
    images: [...grid, ...images].map((png) => png.toString("base64")),
    parameters: { ...body, init_images: undefined },
    info: JSON.stringify(info),
  });
}
