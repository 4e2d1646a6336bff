/** `img2img` end to end against fake OpenAI (multipart edit) and Hugging Face (image-to-image). */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseWebuiParameters, readPngText } from "@path/core";
import {
  type FakeHuggingFace,
  type FakeServer,
  fakeImage,
  multipartField,
  parseMultipart,
  startFakeHuggingFace,
  startFakeOpenAI,
} from "@path/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decodePng } from "../src/png/decode-png.js";
import { runImage } from "./run-image.js";

let openai: FakeServer;
let hf: FakeHuggingFace;
let folder: string;
const init = fakeImage({ prompt: "a sketch", width: 320, height: 256 });

beforeAll(async () => {
  openai = await startFakeOpenAI({ apiKey: "sk-test" });
  hf = await startFakeHuggingFace({ token: "hf_test" });
});
afterAll(async () => {
  await openai.close();
  await hf.close();
});
beforeEach(async () => {
  openai.reset();
  hf.reset();
  folder = await mkdtemp(join(tmpdir(), "image-img2img-"));
  await writeFile(join(folder, "sketch.png"), init);
  return () => rm(folder, { recursive: true, force: true });
});

describe("img2img", () => {
  it("sends the init image to openai as a multipart edit", async () => {
    const result = await runImage(
      ["img2img", "sketch.png", "watercolor, spring festival", "--model", "openai:gpt-image-1"],
      { cwd: folder, env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: openai.url } },
    );
    expect(result.code).toBe(0);
    const parts = parseMultipart(openai.requests[0]!);
    expect(openai.requests[0]!.path).toBe("/v1/images/edits");
    expect(multipartField(parts, "prompt")).toBe("watercolor, spring festival");
    expect(parts.find((part) => part.name === "image")!.data.equals(init)).toBe(true);
    const path = result.stdout.trim();
    const sidecar = JSON.parse(await readFile(path.replace(/\.png$/, ".json"), "utf8"));
    expect(sidecar).toMatchObject({ initImage: "sketch.png", provider: "openai" });
  });

  it("keeps the init image's size with hf and records the strength as WebUI does", async () => {
    const result = await runImage(
      [
        "img2img",
        "sketch.png",
        "make it snow --seed 9",
        "--model",
        "hf:black-forest-labs/FLUX.1-Kontext-dev",
        "--strength",
        "0.6",
      ],
      {
        cwd: folder,
        env: { HF_TOKEN: "hf_test", HF_ROUTER_URL: hf.origin, HF_ENDPOINT: hf.origin },
      },
    );
    expect(result.code).toBe(0);
    const bytes = await readFile(result.stdout.trim());
    expect(decodePng(bytes)).toMatchObject({ width: 320, height: 256 });
    expect(parseWebuiParameters(readPngText(bytes).parameters!)).toMatchObject({
      prompt: "make it snow",
      seed: 9,
      denoisingStrength: 0.6,
    });
    const post = hf.requests.find((request) => request.method === "POST")!;
    expect(post.body).toMatchObject({
      inputs: init.toString("base64"),
      parameters: { prompt: "make it snow", strength: 0.6, seed: 9 },
    });
  });

  it("refuses --strength outside 0..1 and a missing prompt with exit 2", async () => {
    const strength = await runImage(["img2img", "sketch.png", "x", "--strength", "1.5"], {
      cwd: folder,
    });
    expect(strength.code).toBe(2);
    expect(strength.stderr).toMatch(/--strength takes a number from 0 to 1, not "1.5"/);
    const missing = await runImage(["img2img", "sketch.png"], { cwd: folder });
    expect(missing.code).toBe(2);
  });
});
