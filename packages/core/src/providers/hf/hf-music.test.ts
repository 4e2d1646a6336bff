import { type FakeHuggingFace, startFakeHuggingFace } from "@path/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  AbortedError,
  ApiCallError,
  ConnectionError,
  InvalidInputError,
  JobFailedError,
} from "../../errors.js";
import { generateMusic } from "../../music/generate-music.js";
import type { Progress } from "../../spec/index.js";
import { createHuggingFace } from "./hf-provider.js";

const token = "hf_test_music";
const stableAudio = "stabilityai/stable-audio-open-1.0";

let server: FakeHuggingFace;
let provider: ReturnType<typeof createHuggingFace>;
beforeAll(async () => {
  server = await startFakeHuggingFace({ token });
  provider = createHuggingFace({ token, fetch: server.fetch, pollIntervalMs: 5 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

const pathsOf = (fake: { requests: { method: string; path: string }[] }) =>
  fake.requests.map((request) => `${request.method} ${request.path}`);

describe("hf music on hf-inference (MusicGen)", () => {
  it("asks for the length in MusicGen's new tokens and gets a piece that long", async () => {
    const result = await generateMusic({
      model: provider.musicModel!("facebook/musicgen-small"),
      prompt: "lofi hip hop, 80 bpm, piano",
      durationSeconds: 8,
      seed: 3,
      lyrics: "[Verse] la la",
    });
    const post = server.requests.find((request) => request.method === "POST")!;
    expect(post.path).toBe("/hf-inference/models/facebook/musicgen-small");
    expect(post.headers.authorization).toBe(`Bearer ${token}`);
    expect(post.body).toEqual({
      inputs: "lofi hip hop, 80 bpm, piano",
      parameters: { generation_parameters: { max_new_tokens: 400 } },
    });
    expect(result.audio.durationSeconds).toBeCloseTo(8, 1);
    expect(result.warnings.map((warning) => warning.setting).sort()).toEqual(["lyrics", "seed"]);
  });

  it("is instrumental and refuses more than 30 s, with the numbers", async () => {
    const model = provider.musicModel!("facebook/musicgen-small");
    expect([model.sings, model.maxDurationSeconds]).toEqual([false, 30]);
    await expect(generateMusic({ model, prompt: "x", durationSeconds: 31 })).rejects.toThrow(
      /at most 30 s.*31 s was asked/,
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe("hf music on fal-ai's queue", () => {
  it("submits, follows the queue to COMPLETED, fetches the result and downloads the file", async () => {
    const progress: Progress[] = [];
    const result = await generateMusic({
      model: provider.musicModel!(stableAudio),
      prompt: "128 BPM tech house drum loop",
      durationSeconds: 12,
      seed: 42,
      onProgress: (report) => progress.push(report),
    });
    const paths = pathsOf(server);
    const submit = server.requests.find((request) => request.method === "POST")!;
    expect(submit.path).toBe("/fal-ai/fal-ai/stable-audio");
    expect(submit.query).toEqual({ _subdomain: "queue" });
    expect(submit.headers.authorization).toBe(`Bearer ${token}`);
    expect(submit.body).toEqual({
      prompt: "128 BPM tech house drum loop",
      seed: 42,
      seconds_total: 12,
    });
    const app = "/fal-ai/fal-ai/stable-audio/requests/";
    const statuses = paths.filter(
      (path) => path.startsWith(`GET ${app}`) && path.endsWith("/status"),
    );
    expect(statuses).toHaveLength(4);
    expect(paths.at(-1)).toMatch(new RegExp(`^GET ${app}[\\w-]+$`));
    expect(server.requests.at(-1)!.query).toEqual({ _subdomain: "queue" });
    expect(pathsOf(server.falFiles)).toEqual([expect.stringMatching(/^GET \/files\/[\w-]+\.wav$/)]);
    expect(progress.map((report) => report.message)).toEqual([
      "queued",
      "queued",
      "queued",
      "generating: sampling",
      "downloading",
    ]);
    expect(progress.map((report) => report.queuePosition).slice(0, 3)).toEqual([2, 1, 0]);
    expect(result.audio.durationSeconds).toBeCloseTo(12, 1);
    expect(result.seed).toBe(42);
    expect(result.response?.id).toMatch(/^[\w-]+$/);
    expect(result.warnings).toEqual([]);
  });

  it("sends a seed it chose when none is given, and reports it", async () => {
    const result = await generateMusic({
      model: provider.musicModel!(stableAudio),
      prompt: "rain",
    });
    const sent = (
      server.requests.find((request) => request.method === "POST")!.body as {
        seed: number;
      }
    ).seed;
    expect(Number.isInteger(sent)).toBe(true);
    expect(result.seed).toBe(sent);
  });

  it("sings with ACE-Step: style as tags, lyrics and duration sent, MP3 back", async () => {
    const model = provider.musicModel!("ACE-Step/ACE-Step-v1-3.5B");
    expect(model.sings).toBe(true);
    const result = await generateMusic({
      model,
      prompt: "c-pop, female vocal, 110 bpm",
      lyrics: "[Verse]\n春天来了",
      durationSeconds: 6,
      seed: 1,
    });
    const submit = server.requests.find((request) => request.method === "POST")!;
    expect(submit.path).toBe("/fal-ai/fal-ai/ace-step");
    expect(submit.body).toEqual({
      prompt: "c-pop, female vocal, 110 bpm",
      tags: "c-pop, female vocal, 110 bpm",
      lyrics: "[Verse]\n春天来了",
      duration: 6,
      seed: 1,
    });
    expect(result.audio.mediaType).toBe("audio/mpeg");
    expect(Math.abs(result.audio.durationSeconds - 6)).toBeLessThan(0.1);
    expect(result.warnings).toEqual([]);
  });

  it("stays alive past the silence timeout while the queue keeps answering", async () => {
    const fake = await startFakeHuggingFace({
      token,
      fal: { queuePosition: 12, progressPolls: 4 },
    });
    try {
      const slow = createHuggingFace({ token, fetch: fake.fetch, pollIntervalMs: 40 });
      const result = await generateMusic({
        model: slow.musicModel!(stableAudio),
        prompt: "ambient pad",
        durationSeconds: 2,
        timeoutMs: 300,
        maxRetries: 0,
      });
      expect(result.durationMs).toBeGreaterThan(600);
      expect(result.audio.durationSeconds).toBeCloseTo(2, 1);
    } finally {
      await fake.close();
    }
  });

  it("stops polling and cancels the queued request when the caller aborts", async () => {
    const fake = await startFakeHuggingFace({ token, fal: { queuePosition: 10_000 } });
    try {
      const slow = createHuggingFace({ token, fetch: fake.fetch, pollIntervalMs: 20 });
      const controller = new AbortController();
      const pending = generateMusic({
        model: slow.musicModel!(stableAudio),
        prompt: "ambient pad",
        signal: controller.signal,
        onProgress: (report) => {
          if (report.queuePosition === 9_997) controller.abort();
        },
      });
      await expect(pending).rejects.toBeInstanceOf(AbortedError);
      await fake.waitUntil(() => fake.requests.at(-1)?.method === "PUT");
      const polls = fake.requests.length;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(fake.requests.length).toBe(polls);
      expect(pathsOf(fake).filter((path) => path.endsWith("/status"))).toHaveLength(3);
      expect(pathsOf(fake).at(-1)).toMatch(
        /^PUT \/fal-ai\/fal-ai\/stable-audio\/requests\/[\w-]+\/cancel$/,
      );
    } finally {
      await fake.close();
    }
  });

  it("reports a task that fails (status ERROR) with fal's reason, without retrying it", async () => {
    server.inject({
      path: /\/status$/,
      status: 200,
      body: { status: "ERROR", error: "CUDA out of memory" },
    });
    const error = await generateMusic({
      model: provider.musicModel!(stableAudio),
      prompt: "x",
      maxRetries: 2,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as Error).message).toMatch(/CUDA out of memory; try again, or another model/);
    expect(server.requests.filter((request) => request.method === "POST")).toHaveLength(1);
  });

  it("retries a 429 on submit after its Retry-After, then succeeds", async () => {
    server.inject({
      path: "/fal-ai/fal-ai/stable-audio",
      method: "POST",
      status: 429,
      headers: { "retry-after": "0" },
      body: { detail: "Rate limit exceeded" },
    });
    const result = await generateMusic({
      model: provider.musicModel!(stableAudio),
      prompt: "x",
      durationSeconds: 1,
      maxRetries: 1,
    });
    expect(result.audio.durationSeconds).toBeCloseTo(1, 1);
    expect(server.requests.filter((request) => request.method === "POST")).toHaveLength(2);
  });

  it("cancels a request whose status failed before core sends a new one", async () => {
    server.inject({
      path: /\/status$/,
      status: 503,
      body: { detail: "runner_scheduling_failure" },
    });
    const result = await generateMusic({
      model: provider.musicModel!(stableAudio),
      prompt: "x",
      durationSeconds: 1,
      maxRetries: 1,
    });
    expect(result.audio.durationSeconds).toBeCloseTo(1, 1);
    await server.waitUntil(() => server.requests.some((request) => request.method === "PUT"));
    expect(server.requests.filter((request) => request.method === "POST")).toHaveLength(2);
    const cancel = server.requests.find((request) => request.method === "PUT")!;
    const firstStatus = server.requests.find((request) => request.path.endsWith("/status"))!;
    expect(cancel.path).toBe(firstStatus.path.replace(/\/status$/, "/cancel"));
  });

  it("says a status answer was an HTML page", async () => {
    server.inject({
      path: /\/status$/,
      status: 502,
      body: "<!doctype html><html><body>Bad gateway</body></html>",
      contentType: "text/html",
    });
    const error = await generateMusic({
      model: provider.musicModel!(stableAudio),
      prompt: "x",
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).status).toBe(502);
    expect((error as Error).message).toMatch(/HTML page instead of JSON/);
  });

  it("refuses a file cut off before its Content-Length, and a retry fetches it whole", async () => {
    server.falFiles.inject({ path: /^\/files\//, cutBodyAtFraction: 0.4 });
    const error = await generateMusic({
      model: provider.musicModel!(stableAudio),
      prompt: "x",
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/cut off before its end/);

    server.reset();
    server.falFiles.inject({ path: /^\/files\//, cutBodyAtFraction: 0.4 });
    const result = await generateMusic({
      model: provider.musicModel!(stableAudio),
      prompt: "x",
      durationSeconds: 3,
      maxRetries: 1,
    });
    expect(result.audio.durationSeconds).toBeCloseTo(3, 1);
    expect(server.falFiles.requests).toHaveLength(2);
  });
});

describe("hf music given a model that does something else", () => {
  it("says what the model does and names a text-to-audio model", async () => {
    const error = await generateMusic({
      model: provider.musicModel!("hexgrad/Kokoro-82M"),
      prompt: "x",
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe(
      "hf:hexgrad/Kokoro-82M cannot do text-to-audio (it does text-to-speech); use a text-to-audio model such as hf:facebook/musicgen-small.",
    );
  });
});
