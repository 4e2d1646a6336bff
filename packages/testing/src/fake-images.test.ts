import { createReadStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InferenceClient, setLogger } from "@huggingface/inference";
import { imageSize } from "@path/core";
import OpenAI, { toFile } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeHuggingFace, startFakeHuggingFace } from "./fake-hf.js";
import { startFakeOpenAI } from "./fake-openai.js";
import { fakeImage } from "./fake-png.js";
import type { FakeServer } from "./fake-server.js";
import { multipartField, parseMultipart } from "./multipart.js";
import { useTempDir } from "./use-temp-dir.js";

const init = fakeImage({ prompt: "init", width: 96, height: 64 });
const size = (b64: string | undefined) => imageSize(Buffer.from(b64 ?? "", "base64"));
const folder = useTempDir("fake-images-");

describe("fake OpenAI images with the real openai client", () => {
  let fake: FakeServer;
  let client: OpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ apiKey: "sk-test" });
    client = new OpenAI({ apiKey: "sk-test", baseURL: fake.url, maxRetries: 0 });
  });
  afterAll(() => fake.close());

  it("answers images.generate with base64 PNGs of the requested size", async () => {
    const response = await client.images.generate({
      model: "gpt-image-1",
      prompt: "a lantern",
      size: "1536x1024",
      n: 2,
    });
    expect(response.data).toHaveLength(2);
    expect(size(response.data?.[0]?.b64_json)).toEqual({ width: 1536, height: 1024 });
    expect(response.usage?.total_tokens).toBeGreaterThan(0);
    expect(response.data?.[0]?.b64_json).not.toBe(response.data?.[1]?.b64_json);
  });

  it("answers dall-e with a URL by default, served without auth", async () => {
    const response = await client.images.generate({
      model: "dall-e-2",
      prompt: "a lantern",
      size: "256x256",
    });
    const url = response.data?.[0]?.url ?? "";
    const image = await fetch(url);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(imageSize(new Uint8Array(await image.arrayBuffer()))).toEqual({
      width: 256,
      height: 256,
    });
  });

  it("refuses what the real API refuses", async () => {
    const badSize = await client.images
      .generate({ model: "gpt-image-1", prompt: "x", size: "512x512" })
      .catch((error) => error);
    expect(badSize.status).toBe(400);
    expect(badSize.message).toMatch(/Invalid value: '512x512'/);
    const tooMany = await client.images
      .generate({ model: "dall-e-3", prompt: "x", n: 2 })
      .catch((error) => error);
    expect(tooMany.message).toMatch(/Expected a value <= 1/);
  });

  it("parses images.edit sent with FormData (toFile) and with the SDK's chunked encoding", async () => {
    fake.reset();
    await client.images.edit({
      model: "gpt-image-1",
      prompt: "snow",
      image: await toFile(init, "a.png", { type: "image/png" }),
      size: "1024x1024",
    });
    await writeFile(join(folder(), "b.png"), init);
    const streamed = await client.images.edit({
      model: "gpt-image-1",
      prompt: "snow",
      image: [createReadStream(join(folder(), "b.png")), await toFile(init, "c.png")],
    });
    expect(size(streamed.data?.[0]?.b64_json)).toEqual({ width: 1024, height: 1024 });
    const [formData, chunked] = fake.requests;
    expect(formData!.headers["content-type"]).toMatch(/boundary=-+formdata-undici/);
    expect(chunked!.headers["transfer-encoding"]).toBe("chunked");
    expect(chunked!.headers["content-type"]).toMatch(/boundary=openai-/);
    const parts = await parseMultipart(chunked!);
    expect(multipartField(parts, "prompt")).toBe("snow");
    const files = parts.filter((part) => part.name === "image[]");
    expect(files.map((part) => part.filename)).toEqual(["b.png", "c.png"]);
    expect(files.every((part) => part.data.equals(init))).toBe(true);
  });

  it("refuses an edit whose image is not an image", async () => {
    const error = await client.images
      .edit({
        model: "gpt-image-1",
        prompt: "x",
        image: await toFile(Buffer.from("<html>nope</html>"), "x.png", { type: "image/png" }),
      })
      .catch((caught) => caught);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/Invalid input image/);
  });
});

describe("fake Hugging Face images with the real @huggingface/inference client", () => {
  let fake: FakeHuggingFace;
  let client: InferenceClient;
  beforeAll(async () => {
    const quiet = () => {};
    setLogger({ debug: quiet, info: quiet, log: quiet, warn: quiet, error: quiet });
    fake = await startFakeHuggingFace({ token: "hf_test" });
    client = new InferenceClient("hf_test", { fetch: fake.fetch, retry_on_error: false });
  });
  afterAll(() => fake.close());

  it("answers textToImage with raw PNG bytes of the requested size", async () => {
    const blob = await client.textToImage(
      {
        model: "black-forest-labs/FLUX.1-schnell",
        inputs: "a lantern",
        parameters: { width: 320, height: 192, seed: 1 },
      },
      { outputType: "blob" },
    );
    expect(blob.type).toBe("image/png");
    expect(imageSize(new Uint8Array(await blob.arrayBuffer()))).toEqual({
      width: 320,
      height: 192,
    });
    const mapping = fake.requests.find((request) => request.method === "GET")!;
    expect(mapping.path).toBe("/api/models/black-forest-labs/FLUX.1-schnell");
  });

  it("answers imageToImage sent as a raw image or as JSON with parameters", async () => {
    const model = "black-forest-labs/FLUX.1-Kontext-dev";
    const raw = await client.imageToImage({
      model,
      inputs: new Blob([init], { type: "image/png" }),
    });
    expect(imageSize(new Uint8Array(await raw.arrayBuffer()))).toEqual({ width: 96, height: 64 });
    const json = await client.imageToImage({
      model,
      inputs: new Blob([init], { type: "image/png" }),
      parameters: { prompt: "snow", target_size: { width: 128, height: 128 } },
    });
    expect(imageSize(new Uint8Array(await json.arrayBuffer()))).toEqual({
      width: 128,
      height: 128,
    });
  });
});
