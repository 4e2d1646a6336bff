import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ApiCallError,
  InvalidInputError,
  ModelFileError,
  onEvent,
  type PathEvent,
} from "@path/core";
import { type FakeHub, startFakeHub } from "@path/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLocalProvider } from "./local-provider.js";

const q8 = randomBytes(120 * 1024);
const q4 = randomBytes(80 * 1024);
const files = {
  "owner/tiny-GGUF/tiny-q4_k_m.gguf": q4,
  "owner/tiny-GGUF/tiny-q8_0.gguf": q8,
  "owner/tiny-GGUF/README.md": Buffer.from("# tiny"),
  "Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf": q4,
};
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

let hub: FakeHub;
let cacheDir: string;

beforeAll(async () => {
  hub = await startFakeHub({ files });
});
afterAll(() => hub.close());
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), "local-cache-"));
  hub.requests.length = 0;
});
afterEach(async () => {
  delete process.env.GENAI_LOCAL_MODEL;
  await rm(cacheDir, { recursive: true, force: true });
});

const provider = (options = {}) =>
  createLocalProvider({ cacheDir, hfEndpoint: hub.url, ...options });

describe("local provider model files", () => {
  it("picks a quantisation from the hub's file list, verifies it and caches it", async () => {
    const events: PathEvent[] = [];
    const stop = onEvent((event) => events.push(event));
    try {
      const pulled = await provider().pull("hf:owner/tiny-GGUF:q8_0");
      expect(pulled).toMatchObject({ name: "hf:owner/tiny-GGUF:Q8_0", downloaded: true });
      expect(pulled.path).toBe(join(cacheDir, "hf", "owner", "tiny-GGUF", "tiny-q8_0.gguf"));
      expect(sha256(await readFile(pulled.path))).toBe(sha256(q8));
    } finally {
      stop();
    }
    expect(hub.requests.map((request) => request.path)).toEqual([
      "/api/models/owner/tiny-GGUF/tree/main",
      "/owner/tiny-GGUF/resolve/main/tiny-q8_0.gguf?download=true",
    ]);
    const progress = events.filter((event) => event.type === "progress");
    expect(progress.at(-1)).toMatchObject({
      job: "download",
      provider: "local",
      progress: { fraction: 1 },
    });
    expect(
      events
        .filter((event) => event.type === "notice")
        .map((event) => event.type === "notice" && event.message),
    ).toEqual([
      expect.stringMatching(
        /^Downloading hf:owner\/tiny-GGUF:Q8_0 \(123 KB\) from 127\.0\.0\.1:\d+ to /,
      ),
      expect.stringMatching(/is ready: 123 KB verified/),
    ]);
  });

  it("uses a cached file without any network request, so it works offline", async () => {
    await provider().pull("hf:owner/tiny-GGUF:Q8_0");
    hub.requests.length = 0;
    const offline = createLocalProvider({
      cacheDir,
      hfEndpoint: "http://127.0.0.1:1",
      download: false,
    });
    await expect(offline.pull("hf:owner/tiny-GGUF:Q8_0")).resolves.toMatchObject({
      downloaded: false,
    });
    await expect(offline.pull("hf:owner/tiny-GGUF/tiny-q8_0.gguf")).resolves.toMatchObject({
      downloaded: false,
    });
    expect(hub.requests).toEqual([]);
    expect(await offline.listModels()).toContain("hf:owner/tiny-GGUF/tiny-q8_0.gguf");
  });

  it("downloads a catalog model from its repository", async () => {
    const pulled = await provider().pull("qwen2.5-0.5b-instruct");
    expect(pulled.name).toBe("qwen2.5-0.5b-instruct");
    expect(sha256(await readFile(pulled.path))).toBe(sha256(q4));
  });

  it("maps default to GENAI_LOCAL_MODEL", async () => {
    process.env.GENAI_LOCAL_MODEL = "hf:owner/tiny-GGUF/tiny-q4_k_m.gguf";
    const pulled = await provider().pull("default");
    expect(pulled.path.endsWith("tiny-q4_k_m.gguf")).toBe(true);
  });

  it("takes the hash from a HEAD on the file when the mirror has no listing API", async () => {
    hub.inject({ path: /\/api\/models\//, status: 404 });
    hub.inject({ path: /tiny-q4_k_m\.gguf$/, corrupt: true, times: 2 });
    const error = await provider()
      .pull("hf:owner/tiny-GGUF/tiny-q4_k_m.gguf")
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ problem: "checksum-mismatch" });
    expect(hub.requests.map((request) => request.method)).toContain("HEAD");
  });

  it("names the quantisations a repository does have", async () => {
    const error = provider().pull("hf:owner/tiny-GGUF:Q5_K_M");
    await expect(error).rejects.toBeInstanceOf(InvalidInputError);
    await expect(error).rejects.toThrow(
      "owner/tiny-GGUF has no Q5_K_M GGUF file. Available: Q4_K_M, Q8_0.",
    );
  });

  it("says how to pull a model when downloads are off", async () => {
    const error = provider({ download: false })
      .textModel("hf:owner/tiny-GGUF/tiny-q8_0.gguf")
      .doGenerate({ messages: [{ role: "user", content: "hi" }] });
    await expect(error).rejects.toBeInstanceOf(ModelFileError);
    await expect(error).rejects.toThrow(
      /npm run local -- pull hf:owner\/tiny-GGUF\/tiny-q8_0\.gguf/,
    );
    expect(hub.requests).toEqual([]);
  });
});

describe("local provider and gated repositories", () => {
  let gated: FakeHub;
  beforeAll(async () => {
    gated = await startFakeHub({
      files,
      requiredToken: "hf_gatedtokenvalue123",
      redirectToCdn: true,
    });
  });
  afterAll(() => gated.close());

  it("sends HF_TOKEN to the hub but not to the CDN it redirects to", async () => {
    const local = createLocalProvider({
      cacheDir,
      hfEndpoint: gated.url,
      hfToken: "hf_gatedtokenvalue123",
    });
    await local.pull("hf:owner/tiny-GGUF/tiny-q8_0.gguf");
    const download = gated.requests.filter((request) => request.path.includes("tiny-q8_0"));
    expect(download.map((request) => [request.origin, request.headers.authorization])).toEqual([
      ["hub", "Bearer hf_gatedtokenvalue123"],
      ["cdn", undefined],
    ]);
  });

  it("says to set HF_TOKEN when the hub refuses, without leaking a token", async () => {
    const local = createLocalProvider({
      cacheDir,
      hfEndpoint: gated.url,
      hfToken: "hf_wrongtokenvalue999",
    });
    const error = await local.pull("hf:owner/tiny-GGUF:Q8_0").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as Error).message).toMatch(/401.*set HF_TOKEN/);
    expect(JSON.stringify(error)).not.toContain("hf_wrongtokenvalue999");
    expect(existsSync(join(cacheDir, "hf", "owner", "tiny-GGUF", "tiny-q8_0.gguf"))).toBe(false);
  });
});

describe("local provider downloads inside a call", () => {
  it("keeps the call alive while the first download makes progress", async () => {
    const { makeTinyGguf } = await import("@path/testing");
    const { generateText } = await import("@path/core");
    const modelPath = join(cacheDir, "source.gguf");
    await makeTinyGguf(modelPath);
    const model = await readFile(modelPath);
    const bytesPerSecond = 140 * 1024;
    const timeoutMs = 2000;
    // The server cannot send the model within the timeout (about 5 s for ~0.7 MB): only the
    // activity the download reports can keep the call alive. Known from sizes, not measured.
    expect((model.length / bytesPerSecond) * 1000).toBeGreaterThan(2 * timeoutMs);
    const slowHub = await startFakeHub({
      files: { "owner/slow-GGUF/slow-q8_0.gguf": model },
      bytesPerSecond,
    });
    const downloadProgress: number[] = [];
    const stopListening = onEvent((event) => {
      if (event.type === "progress" && event.job === "download") {
        downloadProgress.push(event.progress.downloadedBytes ?? 0);
      }
    });
    try {
      const local = createLocalProvider({
        cacheDir,
        hfEndpoint: slowHub.url,
        threads: 1,
        gpu: false,
      });
      const result = await generateText({
        model: local.textModel("hf:owner/slow-GGUF/slow-q8_0.gguf"),
        prompt: "hi",
        maxOutputTokens: 4,
        timeoutMs,
        maxRetries: 0,
      });
      expect(result.usage.outputTokens).toBeGreaterThan(0);
      expect(result.modelId).toBe("hf:owner/slow-GGUF/slow-q8_0.gguf");
      // The whole model came down, in steps reported along the way, within the one call.
      expect(downloadProgress.length).toBeGreaterThan(2);
      expect(downloadProgress.at(-1)).toBe(model.length);
    } finally {
      stopListening();
      await slowHub.close();
    }
  });
});
