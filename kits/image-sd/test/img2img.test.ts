/** `img2img` end to end against fake OpenAI (multipart edit) and Hugging Face (image-to-image). */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseWebuiParameters, readPngText } from "@path/core";
import { fakeImage, multipartField, parseMultipart } from "@path/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { decodePng } from "../src/png/decode-png.js";
import { useCloudFakes } from "./cloud-fakes.js";
import { runImage } from "./run-image.js";

const cloud = useCloudFakes("image-img2img-");
const init = fakeImage({ prompt: "a sketch", width: 320, height: 256 });

beforeEach(() => writeFile(join(cloud.folder, "sketch.png"), init));

describe("img2img", () => {
  it("sends the init image to openai as a multipart edit", async () => {
    const result = await runImage(
      ["img2img", "sketch.png", "watercolor, spring festival", "--model", "openai:gpt-image-1"],
      { cwd: cloud.folder, env: cloud.openaiEnv() },
    );
    expect(result.code).toBe(0);
    const parts = await parseMultipart(cloud.openai.requests[0]!);
    expect(cloud.openai.requests[0]!.path).toBe("/v1/images/edits");
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
      { cwd: cloud.folder, env: cloud.hfEnv() },
    );
    expect(result.code).toBe(0);
    const bytes = await readFile(result.stdout.trim());
    expect(decodePng(bytes)).toMatchObject({ width: 320, height: 256 });
    expect(parseWebuiParameters(readPngText(bytes).parameters!)).toMatchObject({
      prompt: "make it snow",
      seed: 9,
      denoisingStrength: 0.6,
    });
    const post = cloud.hf.requests.find((request) => request.method === "POST")!;
    expect(post.body).toMatchObject({
      inputs: init.toString("base64"),
      parameters: { prompt: "make it snow", strength: 0.6, seed: 9 },
    });
  });

  it("refuses --strength outside 0..1 and a missing prompt with exit 2", async () => {
    const strength = await runImage(["img2img", "sketch.png", "x", "--strength", "1.5"], {
      cwd: cloud.folder,
    });
    expect(strength.code).toBe(2);
    expect(strength.stderr).toMatch(/--strength takes a number from 0 to 1, not "1.5"/);
    const missing = await runImage(["img2img", "sketch.png"], { cwd: cloud.folder });
    expect(missing.code).toBe(2);
  });
});
