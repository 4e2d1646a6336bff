import { describeImageConformance, fakeImage, startFakeHuggingFace } from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../errors.js";
import { generateImage } from "../../image/generate-image.js";
import { createHuggingFace } from "./hf-provider.js";

describeImageConformance(
  "hf FLUX.1-schnell",
  {
    exactSize: true,
    seed: true,
    imageToImage: false,
    negativePrompt: true,
    steps: true,
    guidance: true,
  },
  async () => {
    const server = await startFakeHuggingFace({ token: "hf_test_image" });
    const provider = createHuggingFace({ token: "hf_test_image", fetch: server.fetch });
    return {
      server,
      imageModel: provider.imageModel!("black-forest-labs/FLUX.1-schnell"),
      // A text-to-image model; image-to-image needs an image-to-image model (tested below).
      generationPath: /^\/hf-inference\/models\/[^/]+\/[^/]+$/,
      close: () => server.close(),
    };
  },
);

describeImageConformance(
  "hf FLUX.1-Kontext-dev (image-to-image)",
  {
    exactSize: true,
    seed: true,
    imageToImage: true,
    negativePrompt: true,
    steps: true,
    guidance: true,
  },
  async () => {
    const server = await startFakeHuggingFace({ token: "hf_test_image" });
    const provider = createHuggingFace({ token: "hf_test_image", fetch: server.fetch });
    const kontext = provider.imageModel!("black-forest-labs/FLUX.1-Kontext-dev");
    const schnell = provider.imageModel!("black-forest-labs/FLUX.1-schnell");
    return {
      server,
      // Text-to-image checks go to schnell, image-to-image ones to Kontext, like a person would.
      imageModel: {
        ...schnell,
        modelId: "FLUX.1-schnell + FLUX.1-Kontext-dev",
        doGenerate: (options) =>
          options.image ? kontext.doGenerate(options) : schnell.doGenerate(options),
      },
      generationPath: /^\/hf-inference\/models\/[^/]+\/[^/]+$/,
      close: () => server.close(),
    };
  },
);

describe("hf image adapter on the wire", () => {
  let server: Awaited<ReturnType<typeof startFakeHuggingFace>>;
  let provider: ReturnType<typeof createHuggingFace>;
  beforeAll(async () => {
    server = await startFakeHuggingFace({ token: "hf_test_wire" });
    provider = createHuggingFace({ token: "hf_test_wire", fetch: server.fetch });
  });
  afterAll(() => server.close());

  it("sends textToImage with the parameters diffusion models take", async () => {
    server.reset();
    const result = await generateImage({
      model: provider.imageModel!("black-forest-labs/FLUX.1-schnell"),
      prompt: "舞龙, spring festival",
      negativePrompt: "text",
      size: "512x768",
      steps: 4,
      guidance: 3.5,
      seed: 42,
      n: 2,
    });
    const posts = server.requests.filter((request) => request.method === "POST");
    expect(posts).toHaveLength(2);
    expect(posts[0]!.path).toBe("/hf-inference/models/black-forest-labs/FLUX.1-schnell");
    expect(posts[0]!.headers.authorization).toBe("Bearer hf_test_wire");
    expect(posts[0]!.body).toEqual({
      inputs: "舞龙, spring festival",
      parameters: {
        negative_prompt: "text",
        num_inference_steps: 4,
        guidance_scale: 3.5,
        seed: 42,
        width: 512,
        height: 768,
      },
    });
    expect((posts[1]!.body as { parameters: { seed: number } }).parameters.seed).toBe(43);
    expect(result.images.map((image) => [image.width, image.height, image.seed])).toEqual([
      [512, 768, 42],
      [512, 768, 43],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it("chooses and reports a seed when none is given, so the picture can be made again", async () => {
    server.reset();
    const result = await generateImage({
      model: provider.imageModel!("black-forest-labs/FLUX.1-schnell"),
      prompt: "a lantern",
      size: "256x256",
    });
    const sent = (server.requests.at(-1)!.body as { parameters: { seed: number } }).parameters.seed;
    expect(Number.isInteger(sent)).toBe(true);
    expect(result.images[0]!.seed).toBe(sent);
    const again = await generateImage({
      model: provider.imageModel!("black-forest-labs/FLUX.1-schnell"),
      prompt: "a lantern",
      size: "256x256",
      seed: sent,
    });
    expect(Buffer.from(again.images[0]!.bytes).equals(Buffer.from(result.images[0]!.bytes))).toBe(
      true,
    );
  });

  it("sends imageToImage as JSON with the image in base64 and the prompt in parameters", async () => {
    server.reset();
    const init = fakeImage({ prompt: "init", width: 320, height: 256 });
    const result = await generateImage({
      model: provider.imageModel!("black-forest-labs/FLUX.1-Kontext-dev"),
      prompt: "make it snow",
      image: init,
      strength: 0.4,
      seed: 7,
    });
    const post = server.requests.find((request) => request.method === "POST")!;
    expect(post.path).toBe("/hf-inference/models/black-forest-labs/FLUX.1-Kontext-dev");
    expect(post.body).toEqual({
      inputs: init.toString("base64"),
      parameters: { prompt: "make it snow", strength: 0.4, seed: 7 },
    });
    expect([result.images[0]!.width, result.images[0]!.height]).toEqual([320, 256]);
    expect(result.request).toMatchObject({ strength: 0.4, initImage: true });
  });

  it("names an image-to-image model when a text-to-image one gets an init image", async () => {
    const error = await generateImage({
      model: provider.imageModel!("black-forest-labs/FLUX.1-schnell"),
      prompt: "x",
      image: fakeImage({ prompt: "init", width: 64, height: 64 }),
      maxRetries: 0,
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/FLUX\.1-Kontext-dev/);
  });
});
