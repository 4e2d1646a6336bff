/**
 * What a new user runs into, end to end: an --out that cannot be a folder, an init image that is
 * a folder, img2img on a Gradio app with no image input, settings a provider dropped, file names
 * of built prompts.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type FakeGradio, fakeImage, startFakeGradio } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useCloudFakes } from "./cloud-fakes.js";
import { runImage } from "./run-image.js";

const cloud = useCloudFakes("image-mistakes-");
let gradio: FakeGradio;
beforeAll(async () => {
  gradio = await startFakeGradio({ kind: "text-to-image" });
});
afterAll(() => gradio.close());

const run = (args: string[], env: Record<string, string> = cloud.openaiEnv()) =>
  runImage(args, { cwd: cloud.folder, env });

describe("--out that cannot be written", () => {
  it("refuses a file where the folder should be, with exit 2, before generating anything", async () => {
    await writeFile(join(cloud.folder, "pictures"), "not a folder");
    const result = await run([
      "generate",
      "a fox",
      "--model",
      "openai:gpt-image-1",
      "--out",
      "pictures",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--out pictures is a file, not a folder/);
    expect(cloud.openai.requests).toEqual([]);
    expect(await readdir(cloud.folder)).toEqual(["pictures"]);
  });

  it("refuses a folder under a file in grid too, before any cell is made", async () => {
    await writeFile(join(cloud.folder, "pictures"), "not a folder");
    const result = await run([
      ...["grid", "a fox", "--model", "openai:gpt-image-1", "--seeds", "1,2"],
      ...["--out", "pictures/today"],
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /cannot make the folder --out pictures\/today: .*pictures is a file/,
    );
    expect(cloud.openai.requests).toEqual([]);
  });
});

describe("init images", () => {
  it("says a folder given as the init image is a folder, with exit 2", async () => {
    await mkdir(join(cloud.folder, "sketches"));
    const result = await run([
      "img2img",
      "sketches",
      "watercolor",
      "--model",
      "openai:gpt-image-1",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/The init image sketches is a folder; give a picture file in it/);
    expect(result.stderr).not.toMatch(/EISDIR/);
    expect(cloud.openai.requests).toEqual([]);
  });

  it("refuses img2img on a Gradio app with no image input, with exit 2 and no file", async () => {
    await writeFile(
      join(cloud.folder, "sketch.png"),
      fakeImage({ prompt: "s", width: 64, height: 64 }),
    );
    const result = await run(
      ["img2img", "sketch.png", "watercolor", "--model", `gradio:${gradio.url}`],
      {},
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/takes no image, so it cannot do image-to-image/);
    expect(await readdir(cloud.folder)).toEqual(["sketch.png"]);
  });

  it("records in the sidecar only the settings the provider applied", async () => {
    await writeFile(
      join(cloud.folder, "sketch.png"),
      fakeImage({ prompt: "s", width: 64, height: 64 }),
    );
    const result = await run([
      ...["img2img", "sketch.png", "watercolor", "--model", "openai:gpt-image-1"],
      ...["--negative", "text", "--steps", "20", "--strength", "0.4"],
    ]);
    expect(result.code).toBe(0);
    const sidecar = JSON.parse(
      await readFile(result.stdout.trim().replace(/\.png$/, ".json"), "utf8"),
    );
    // gpt-image-1 takes the init image but no negative prompt, steps or strength: warned, not recorded.
    expect(sidecar).toMatchObject({
      initImage: "sketch.png",
      negativePrompt: null,
      steps: null,
      strength: null,
    });
    expect(sidecar.warnings.join("\n")).toMatch(/negative prompt/);
    expect(sidecar.parameters).not.toMatch(/Steps|Negative prompt|Denoising/);
  });
});

describe("prompt --generate", () => {
  it("names the files after the subject, not the quality tags", async () => {
    const result = await run(
      [
        "prompt",
        "a red fox",
        "--generate",
        "--model",
        "hf:black-forest-labs/FLUX.1-schnell",
        "--seed",
        "4",
      ],
      cloud.hfEnv(),
    );
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/\/output\/\d{4}-\d{2}-\d{2}-a-red-fox-1-seed4\.png$/);
  });
});
