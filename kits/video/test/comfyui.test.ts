/** `animate` on your own GPU: ComfyUI's Wan 2.2 image-to-video, free, so no price is asked. */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type FakeComfyUI, fakeImage, startFakeComfyUI, useTempDir } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectVideo, videosIn } from "./fixtures.js";
import { runVideo } from "./run-video.js";

const folder = useTempDir("video-comfyui-");
let comfy: FakeComfyUI;
beforeAll(async () => {
  comfy = await startFakeComfyUI();
});
afterAll(async () => {
  await comfy.close();
});

describe("ComfyUI (your own GPU)", { timeout: 120_000 }, () => {
  it("animates the image kit's picture with wan2.2-i2v without asking a price, and uploads the first frame", async () => {
    const dragon = join(folder(), "dragon.png");
    const png = fakeImage({ prompt: "a small red dragon", width: 1280, height: 704 });
    await writeFile(dragon, png);
    const out = join(folder(), "out");
    const result = await runVideo(
      [
        "animate",
        dragon,
        "the dragon flaps its wings",
        "--seconds",
        "5",
        "--model",
        "comfyui:wan2.2-i2v",
        "--out",
        out,
      ],
      {
        cwd: folder(),
        env: {
          COMFYUI_URL: comfy.url,
          GENAI_JOBS_DIR: join(folder(), "jobs"),
          GENAI_VIDEO_POLL_MS: "5",
        },
      },
    );
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/cost|\(y\/N\)/);
    expect(comfy.book.created).toBe(1);
    expect([...comfy.uploads.values()].some((upload) => upload.equals(png))).toBe(true);
    const [name] = await videosIn(out);
    const sidecar = JSON.parse(await readFile(join(out, name!.replace(".mp4", ".json")), "utf8"));
    expect(sidecar).toMatchObject({
      quest: "animate",
      provider: "comfyui",
      model: "wan2.2-i2v",
      cost: { amount: 0 },
    });
    // Wan 2.2 5B's 720p in the picture's shape: 1280x704.
    await expectVideo(join(out, name!), { seconds: 5, width: 1280, height: 704 });
  });
});
