import { Client, handle_file } from "@gradio/client";
import { imageSize } from "@path/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGradio, startFakeGradio } from "./fake-gradio.js";
import { fakeImage } from "./fake-png.js";

let fake: FakeGradio;
beforeAll(async () => {
  fake = await startFakeGradio({ kind: "text-to-image" });
});
afterAll(() => fake.close());

async function download(data: unknown) {
  const file = data as { url: string };
  return new Uint8Array(await (await fetch(file.url)).arrayBuffer());
}

describe("startFakeGradio with the real @gradio/client", () => {
  it("serves three predictions in a row on one client, with the asked size and seed", async () => {
    const client = await Client.connect(fake.url, { record_history: false });
    const api = await client.view_api();
    expect(Object.keys(api.named_endpoints)).toEqual(["/infer"]);
    for (const width of [256, 320, 384]) {
      const result = await client.predict("/infer", {
        prompt: "a cat",
        seed: 7,
        randomize_seed: false,
        width,
        height: 128,
      });
      const [image, seed] = result.data as [unknown, number];
      expect(seed).toBe(7);
      expect(imageSize(await download(image))).toEqual({ width, height: 128 });
    }
    const join = fake.requests.find((request) => request.path === "/gradio_api/queue/join")!;
    expect(join.headers["x-gradio-user"]).toBe("api");
    expect(join.body).toMatchObject({
      fn_index: 0,
      data: ["a cat", "", 7, false, 256, 128, 3.5, 28],
    });
    client.close();
  });

  it("streams status events, uploads an init image, and reports a failed job", async () => {
    const img2img = await startFakeGradio({ kind: "image-to-image" });
    const client = await Client.connect(img2img.url, {
      record_history: false,
      events: ["data", "status"],
    });
    const init = fakeImage({ prompt: "init", width: 96, height: 64 });
    const stages: string[] = [];
    let output: unknown;
    for await (const event of client.submit("/img2img", [
      handle_file(init),
      "night",
      0.5,
      1,
      false,
    ])) {
      if (event.type === "status") stages.push(event.stage);
      if (event.type === "data") output = event.data[0];
    }
    expect(stages).toContain("complete");
    expect(imageSize(await download(output))).toEqual({ width: 96, height: 64 });
    const upload = img2img.requests.find((request) => request.path === "/gradio_api/upload")!;
    expect(upload.headers["content-type"]).toMatch(/^multipart\/form-data/);

    img2img.failNextJob("boom: CUDA OOM");
    await expect(
      client.predict("/img2img", [handle_file(init), "x", 0.5, 1, false]),
    ).rejects.toThrow("boom: CUDA OOM");
    client.close();
    await img2img.close();
  });
});
