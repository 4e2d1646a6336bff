import { type FakeGradio, fakeImage, startFakeGradio } from "@path/testing";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../errors.js";
import { generateImage } from "../../image/generate-image.js";
import type { Progress } from "../../spec/index.js";
import { createGradio } from "./gradio-provider.js";

const servers: FakeGradio[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function fake(options: Parameters<typeof startFakeGradio>[0] = {}) {
  const server = await startFakeGradio(options);
  servers.push(server);
  return server;
}

const joins = (server: FakeGradio) =>
  server.requests.filter((request) => request.path === "/gradio_api/queue/join");

describe("gradio adapter through the real @gradio/client", () => {
  it("maps the options onto the endpoint's named inputs and reports queue and steps", async () => {
    const server = await fake({ kind: "text-to-image" });
    const reports: Progress[] = [];
    const provider = createGradio({ token: "hf_never_sent_to_urls_0001" });
    const result = await generateImage({
      model: provider.imageModel(server.url),
      prompt: "熊猫 in the snow",
      negativePrompt: "blurry",
      size: "320x192",
      seed: 11,
      steps: 4,
      guidance: 2.5,
      onProgress: (progress) => reports.push(progress),
    });
    const [join] = joins(server);
    expect(join!.headers["x-gradio-user"]).toBe("api");
    expect(join!.body).toMatchObject({
      fn_index: 0,
      data: ["熊猫 in the snow", "blurry", 11, false, 320, 192, 2.5, 4],
      session_hash: expect.any(String),
    });
    // A plain URL is not a Hugging Face Space: the token is never sent there.
    expect(server.requests.every((request) => request.headers.authorization === undefined)).toBe(
      true,
    );
    const image = result.images[0]!;
    expect([image.width, image.height, image.seed]).toEqual([320, 192, 11]);
    expect(result.warnings).toEqual([]);
    expect(result.parameters).toEqual({ endpoint: "/infer" });
    expect(reports[0]).toEqual({ message: "queued", queuePosition: 1, etaSeconds: 1.5 });
    expect(reports).toContainEqual({ message: "running", etaSeconds: 1.5 });
    const steps = reports.filter((report) => report.fraction !== undefined);
    expect(steps.map((report) => report.fraction)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(steps[0]!.message).toBe("1/4 steps");
  });

  it("uses the seed the Space reports when it picked one itself", async () => {
    const server = await fake({ kind: "text-to-image" });
    const result = await generateImage({
      model: createGradio().imageModel(server.url),
      prompt: "x",
      size: "64x64",
    });
    expect((joins(server)[0]!.body as { data: unknown[] }).data[3]).toBe(true);
    expect(result.images[0]!.seed).toEqual(expect.any(Number));
  });

  it("resolves a Space id through the Hub (HF_ENDPOINT) and sends HF_TOKEN to it", async () => {
    const server = await fake({ kind: "text-to-image", token: "hf_space_token_0123456789" });
    const provider = createGradio({ hubURL: server.origin, token: "hf_space_token_0123456789" });
    const result = await generateImage({
      model: provider.imageModel("acme/flux-demo"),
      prompt: "x",
      size: "64x64",
    });
    expect(result.images).toHaveLength(1);
    expect(server.requests[0]!.path).toBe("/api/spaces/acme/flux-demo/host");
    const paths = new Set(server.requests.map((request) => request.path.replace(/=.*/, "=")));
    expect(paths).toEqual(
      new Set([
        "/api/spaces/acme/flux-demo/host",
        "/config",
        "/gradio_api/info",
        "/gradio_api/queue/join",
        "/gradio_api/queue/data",
        "/gradio_api/file=",
      ]),
    );
    for (const request of server.requests) {
      expect(request.headers.authorization).toBe("Bearer hf_space_token_0123456789");
    }
  });

  it("uploads the init image and passes it as FileData", async () => {
    const server = await fake({ kind: "image-to-image" });
    const init = fakeImage({ prompt: "init", width: 160, height: 96 });
    const result = await generateImage({
      model: createGradio().imageModel(server.url),
      prompt: "autumn",
      image: init,
      strength: 0.3,
      seed: 5,
    });
    const upload = server.requests.find((request) => request.path === "/gradio_api/upload")!;
    const form = await new Response(upload.rawBody, {
      headers: { "content-type": String(upload.headers["content-type"]) },
    }).formData();
    const file = form.get("files") as File;
    expect(file.name).toBe("init.png");
    expect(Buffer.from(await file.arrayBuffer()).equals(init)).toBe(true);
    const data = (joins(server)[0]!.body as { data: unknown[] }).data;
    expect(data).toEqual([
      {
        path: expect.stringMatching(/^\/tmp\/gradio\/.+\/init\.png$/),
        orig_name: "init.png",
        meta: { _type: "gradio.FileData" },
      },
      "autumn",
      0.3,
      5,
      false,
    ]);
    expect([result.images[0]!.width, result.images[0]!.height]).toEqual([160, 96]);
  });

  it("warns about every option a minimal app has no input for", async () => {
    const server = await fake({ kind: "minimal" });
    const result = await generateImage({
      model: createGradio().imageModel(server.url),
      prompt: "x",
      negativePrompt: "y",
      seed: 1,
      steps: 3,
      guidance: 4,
      size: "128x128",
    });
    expect(result.images[0]!.mediaType).toBe("image/png");
    expect(result.images[0]!.seed).toBeUndefined();
    expect(result.warnings.map((warning) => warning.setting).sort()).toEqual([
      "guidance",
      "negativePrompt",
      "seed",
      "size",
      "steps",
    ]);
  });

  it("refuses an init image when the app has no image input, before calling it", async () => {
    const server = await fake({ kind: "minimal" });
    const refused = await generateImage({
      model: createGradio().imageModel(server.url),
      prompt: "x",
      image: fakeImage({ prompt: "init", width: 64, height: 64 }),
    }).catch((caught) => caught);
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect(refused.message).toMatch(/takes no image, so it cannot do image-to-image/);
    const calls = server.requests.filter((request) => /queue\/join|upload/.test(request.path));
    expect(calls).toEqual([]);
  });

  it("takes an endpoint from the model id and inputs from providerOptions", async () => {
    const server = await fake({
      endpoints: [
        {
          name: "/caption",
          parameters: [{ name: "text", component: "Textbox" }],
          returns: [{ label: "out", component: "Textbox" }],
        },
        {
          name: "/draw",
          parameters: [
            { name: "text", component: "Textbox" },
            { name: "style", component: "Dropdown" },
            { name: "width", component: "Slider", default: 256 },
            { name: "height", component: "Slider", default: 256 },
          ],
          returns: [{ label: "Gallery", component: "Gallery" }],
        },
      ],
    });
    const model = createGradio().imageModel(`${server.url}#/draw`);
    const missing = await generateImage({ model, prompt: "x", maxRetries: 0 }).catch(
      (caught) => caught,
    );
    expect(missing).toBeInstanceOf(InvalidInputError);
    expect(missing.message).toMatch(/needs "style".*providerOptions\.gradio\.inputs\.style/);
    const result = await generateImage({
      model,
      prompt: "x",
      size: "96x64",
      providerOptions: { gradio: { inputs: { style: "anime" } } },
    });
    expect((joins(server)[0]!.body as { data: unknown[]; fn_index: number }).fn_index).toBe(1);
    expect((joins(server)[0]!.body as { data: unknown[] }).data).toEqual(["x", "anime", 96, 64]);
    expect([result.images[0]!.width, result.images[0]!.height]).toEqual([96, 64]);
  });

  it("names the endpoints an app has when none makes images", async () => {
    const server = await fake({ kind: "text-to-audio" });
    const model = createGradio().imageModel(server.url);
    const error = await generateImage({ model, prompt: "x" }).catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/no endpoint that takes a prompt and returns an image/);
    expect(error.message).toMatch(/\/chat \(message → Chatbot\); \/speak \(text → Audio\)/);
    const wrong = createGradio().imageModel(`${server.url}#/nope`);
    const unknown = await generateImage({ model: wrong, prompt: "x" }).catch((caught) => caught);
    expect(unknown.message).toMatch(/has no endpoint \/nope\. Its endpoints: \/chat/);
  });
});
