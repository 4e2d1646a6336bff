import {
  describeImageConformance,
  fakeImage,
  multipartField,
  parseMultipart,
  startFakeOpenAI,
} from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../errors.js";
import { generateImage } from "../../image/generate-image.js";
import { imageSize } from "../../media/image-size.js";
import { createOpenAICompatible } from "./openai-provider.js";
import { openAICompatiblePresets } from "./presets.js";

const preset = openAICompatiblePresets.find((candidate) => candidate.id === "openai")!;

for (const modelId of ["gpt-image-1", "dall-e-3"]) {
  describeImageConformance(
    `openai ${modelId}`,
    {
      exactSize: false,
      seed: false,
      imageToImage: modelId !== "dall-e-3",
      negativePrompt: false,
      steps: false,
      guidance: false,
    },
    async () => {
      const server = await startFakeOpenAI();
      const provider = createOpenAICompatible(preset, {
        apiKey: "sk-test-image",
        baseURL: server.url,
      });
      return {
        server,
        imageModel: provider.imageModel!(modelId),
        generationPath: "/v1/images/generations",
        close: () => server.close(),
      };
    },
  );
}

describe("openai image adapter on the wire", () => {
  let server: Awaited<ReturnType<typeof startFakeOpenAI>>;
  let provider: ReturnType<typeof createOpenAICompatible>;
  beforeAll(async () => {
    server = await startFakeOpenAI();
    provider = createOpenAICompatible(preset, { apiKey: "sk-test-wire", baseURL: server.url });
  });
  afterAll(() => server.close());

  it("sends images.generate with the nearest size gpt-image-1 accepts, and says so", async () => {
    server.reset();
    const result = await generateImage({
      model: provider.imageModel!("gpt-image-1"),
      prompt: "a red lantern",
      size: "512x768",
      n: 2,
    });
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0]!;
    expect(request.path).toBe("/v1/images/generations");
    expect(request.headers.authorization).toBe("Bearer sk-test-wire");
    expect(request.body).toEqual({
      model: "gpt-image-1",
      prompt: "a red lantern",
      n: 2,
      size: "1024x1536",
    });
    expect(result.images.map((image) => `${image.width}x${image.height}`)).toEqual([
      "1024x1536",
      "1024x1536",
    ]);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        setting: "size",
        message: expect.stringMatching(/became 1024x1536/),
      }),
    );
    expect(result.parameters).toEqual({ quality: "high" });
  });

  it("asks dall-e-3 for base64 one image per call, and keeps its revised prompt", async () => {
    server.reset();
    const result = await generateImage({
      model: provider.imageModel!("dall-e-3"),
      prompt: "春节的红灯笼",
      aspectRatio: "16:9",
      n: 2,
    });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.body).toEqual({
      model: "dall-e-3",
      prompt: "春节的红灯笼",
      n: 1,
      size: "1792x1024",
      response_format: "b64_json",
    });
    expect(result.images).toHaveLength(2);
    expect(result.revisedPrompt).toBe("A detailed picture of 春节的红灯笼");
  });

  it("downloads a url answer without sending the API key there", async () => {
    server.reset();
    const result = await generateImage({
      model: provider.imageModel!("dall-e-2"),
      prompt: "a lantern",
      size: "256x256",
      providerOptions: { openai: { response_format: "url" } },
    });
    expect(imageSize(result.images[0]!.bytes)).toEqual({ width: 256, height: 256 });
    const download = server.requests[1]!;
    expect(download.method).toBe("GET");
    expect(download.path).toMatch(/^\/fake-images\/img-\d+\.png$/);
    expect(download.headers.authorization).toBeUndefined();
  });

  it("sends images.edit as multipart with the init image as a file part", async () => {
    server.reset();
    const init = fakeImage({ prompt: "init", width: 256, height: 256 });
    const result = await generateImage({
      model: provider.imageModel!("gpt-image-1"),
      prompt: "make it night",
      image: init,
      strength: 0.5,
      size: "1024x1024",
    });
    const request = server.requests[0]!;
    expect(request.path).toBe("/v1/images/edits");
    expect(request.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const parts = await parseMultipart(request);
    expect(multipartField(parts, "model")).toBe("gpt-image-1");
    expect(multipartField(parts, "prompt")).toBe("make it night");
    expect(multipartField(parts, "n")).toBe("1");
    expect(multipartField(parts, "size")).toBe("1024x1024");
    const image = parts.find((part) => part.name === "image")!;
    expect(image.filename).toBe("image.png");
    expect(image.contentType).toBe("image/png");
    expect(image.data.equals(init)).toBe(true);
    expect(result.images[0]!.width).toBe(1024);
    expect(result.warnings.map((warning) => warning.setting)).toContain("strength");
  });

  it("refuses image-to-image on dall-e-3 and names the models that can", async () => {
    const error = await generateImage({
      model: provider.imageModel!("dall-e-3"),
      prompt: "x",
      image: fakeImage({ prompt: "init", width: 64, height: 64 }),
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/gpt-image-1.*dall-e-2/);
  });

  it("applies prompt flags: --ar to the size, --q to quality, and warns about --seed", async () => {
    server.reset();
    const result = await generateImage({
      model: provider.imageModel!("gpt-image-1"),
      prompt: "chinese dragon, cute --ar 3:4 --seed 42 --q .5 --chaos 20",
    });
    expect(server.requests[0]!.body).toEqual({
      model: "gpt-image-1",
      prompt: "chinese dragon, cute",
      n: 1,
      size: "1024x1536",
      quality: "medium",
    });
    const messages = result.warnings.map((warning) => warning.message).join("\n");
    expect(messages).toMatch(/takes no seed.*\(from "--seed 42" in the prompt\)/);
    expect(messages).toMatch(/"--chaos 20" is a Midjourney setting/);
    expect(result.images[0]!.seed).toBeUndefined();
    expect(result.request).toMatchObject({ prompt: "chinese dragon, cute", aspectRatio: "3:4" });
  });

  it("reports a 400 from the API with its message", async () => {
    server.reset();
    const error = await generateImage({
      model: provider.imageModel!("dall-e-2"),
      prompt: "x",
      size: "256x256",
      providerOptions: { openai: { style: "vivid" } },
    }).catch((caught) => caught);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/Unknown parameter: 'style'/);
  });
});
