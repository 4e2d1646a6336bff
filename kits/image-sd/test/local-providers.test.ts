/** The kit with WebUI, ComfyUI and a Gradio app (fakes), end to end, progress line included. */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseWebuiParameters, readPngText } from "@path/core";
import {
  type FakeComfyUI,
  type FakeGradio,
  type FakeServer,
  startFakeA1111,
  startFakeComfyUI,
  startFakeGradio,
} from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decodePng } from "../src/png/decode-png.js";
import { runImage } from "./run-image.js";

let a1111: FakeServer;
let comfyui: FakeComfyUI;
let gradio: FakeGradio;
let folder: string;

beforeAll(async () => {
  // WebUI is asked for progress once a second: 8 steps of 300 ms give two reports.
  a1111 = await startFakeA1111({ stepDelayMs: 300 });
  comfyui = await startFakeComfyUI({ stepDelayMs: 5 });
  gradio = await startFakeGradio();
});
afterAll(async () => {
  await Promise.all([a1111.close(), comfyui.close(), gradio.close()]);
});
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "image-local-"));
  return () => rm(folder, { recursive: true, force: true });
});

async function picture(stdout: string) {
  const bytes = await readFile(stdout.trim().split("\n")[0]!);
  return {
    size: decodePng(bytes),
    parameters: parseWebuiParameters(readPngText(bytes).parameters ?? ""),
  };
}

describe("local and Space providers through the kit", () => {
  it("AUTOMATIC1111 WebUI: a progress line while it samples, its sampler in the parameters", async () => {
    const result = await runImage(
      ["generate", "a red lantern --seed 42 --steps 8 --cfg 6", "--size", "512x768"],
      { cwd: folder, env: { A1111_URL: a1111.url } },
    );
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/generating with a1111:default {2}\[#*-*\] +\d+%/);
    const { size, parameters } = await picture(result.stdout);
    expect([size.width, size.height]).toEqual([512, 768]);
    expect(parameters).toMatchObject({ prompt: "a red lantern", seed: 42, steps: 8, cfgScale: 6 });
    expect(parameters.sampler).toEqual(expect.any(String));
    expect(parameters.model).not.toBe("default"); // the checkpoint WebUI really used
    expect(parameters.extra).toMatchObject({ Provider: "a1111" });
  });

  it("ComfyUI, with --ar 3:2 made exactly 3:2 in its 8-pixel step", async () => {
    const result = await runImage(
      ["generate", "a red lantern --seed 7 --ar 3:2", "--model", "comfyui:default"],
      { cwd: folder, env: { COMFYUI_URL: comfyui.url } },
    );
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    const { size, parameters } = await picture(result.stdout);
    expect([size.width, size.height]).toEqual([1248, 832]);
    expect(result.stderr).not.toMatch(/warning/);
    expect(parameters).toMatchObject({
      prompt: "a red lantern",
      seed: 7,
      width: 1248,
      height: 832,
    });
  });

  it("a Gradio app by URL", async () => {
    const result = await runImage(
      ["generate", "a red lantern --ar 1:1", "--model", `gradio:${gradio.url}`],
      { cwd: folder, env: {} },
    );
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    const { size } = await picture(result.stdout);
    expect(size.width).toBe(size.height);
  });
});
