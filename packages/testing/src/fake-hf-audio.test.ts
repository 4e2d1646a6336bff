import { InferenceClient, setLogger } from "@huggingface/inference";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeHuggingFace, startFakeHuggingFace } from "./fake-hf.js";

let fake: FakeHuggingFace;
let client: InferenceClient;
const token = "hf_test_audio";

beforeAll(async () => {
  const quiet = () => {};
  setLogger({ debug: quiet, info: quiet, log: quiet, warn: quiet, error: quiet });
  fake = await startFakeHuggingFace({ token, fal: { queuePosition: 1, progressPolls: 1 } });
  client = new InferenceClient(token, { fetch: fake.fetch, retry_on_error: false });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

async function wavSeconds(blob: Blob): Promise<number> {
  const bytes = Buffer.from(await blob.arrayBuffer());
  expect(bytes.toString("ascii", 0, 4)).toBe("RIFF");
  return bytes.readUInt32LE(40) / bytes.readUInt32LE(28);
}

describe("fake Hugging Face audio with the real @huggingface/inference client", () => {
  it("answers hf-inference textToSpeech with WAV bytes as long as the text", async () => {
    const blob = await client.textToSpeech({
      model: "facebook/mms-tts-eng",
      provider: "hf-inference",
      inputs: "Hello there, this is a test.",
    });
    expect(blob.type).toBe("audio/wav");
    expect(await wavSeconds(blob)).toBeCloseTo(28 / 15, 2);
    expect(fake.requests.at(-1)?.path).toBe("/hf-inference/models/facebook/mms-tts-eng");
  });

  it("answers hf-inference textToAudio for MusicGen, max_new_tokens / 50 seconds long", async () => {
    const blob = await client.textToAudio({
      model: "facebook/musicgen-small",
      provider: "hf-inference",
      inputs: "jazz trio",
      parameters: { generation_parameters: { max_new_tokens: 100 } },
    });
    expect(await wavSeconds(blob)).toBe(2);
  });

  it("answers fal-ai textToSpeech (Kokoro) with a file URL the client downloads", async () => {
    const blob = await client.textToSpeech({
      model: "hexgrad/Kokoro-82M",
      provider: "fal-ai",
      inputs: "Hi.",
      parameters: { voice: "af_sky" },
    } as never);
    expect(blob.type).toBe("audio/wav");
    expect(await wavSeconds(blob)).toBeGreaterThan(0);
    expect(fake.requests.at(-1)?.body).toEqual({ text: "Hi.", voice: "af_sky" });
    expect(fake.falFiles.requests).toHaveLength(1);
  });

  it("runs fal-ai textToAudio through the client's own queue loop to the downloaded file", async () => {
    const blob = await client.textToAudio({
      model: "stabilityai/stable-audio-open-1.0",
      provider: "fal-ai",
      inputs: "rain on a tin roof",
      parameters: { seconds_total: 3 },
      // The client polls with the global fetch; point its URLs at the fake from the start.
      urlTransform: (url: string) => url.replace("https://router.huggingface.co", fake.origin),
    } as never);
    expect(await wavSeconds(blob)).toBe(3);
    const statuses = fake.requests.filter((request) => request.path.endsWith("/status"));
    expect(statuses.map((request) => request.path)).toEqual([
      expect.stringMatching(/^\/fal-ai\/stable-audio\/requests\/[\w-]+\/status$/),
      expect.stringMatching(/^\/fal-ai\/stable-audio\/requests\/[\w-]+\/status$/),
      expect.stringMatching(/^\/fal-ai\/stable-audio\/requests\/[\w-]+\/status$/),
    ]);
    expect(statuses[0]?.headers.authorization).toBe(`Bearer ${token}`);
  });
});

describe("fake fal queue on the wire", () => {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const submit = async (body: object) => {
    const response = await fetch(`${fake.origin}/fal-ai/fal-ai/stable-audio?_subdomain=queue`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  it("answers 202 with the queue position while waiting, 200 once COMPLETED, then the result", async () => {
    const { json } = await submit({ prompt: "drums", seconds_total: 1 });
    expect(json).toMatchObject({ status: "IN_QUEUE", queue_position: 1 });
    const path = new URL(json.response_url as string).pathname;
    const poll = async () => {
      const response = await fetch(`${fake.origin}/fal-ai${path}/status`, { headers });
      return [response.status, ((await response.json()) as { status: string }).status];
    };
    const early = await fetch(`${fake.origin}/fal-ai${path}`, { headers });
    expect(early.status).toBe(400);
    expect([await poll(), await poll(), await poll()]).toEqual([
      [202, "IN_QUEUE"],
      [202, "IN_PROGRESS"],
      [200, "COMPLETED"],
    ]);
    const result = (await (await fetch(`${fake.origin}/fal-ai${path}`, { headers })).json()) as {
      audio_file: { url: string; content_type: string };
    };
    expect(result.audio_file.content_type).toBe("audio/wav");
    expect(new URL(result.audio_file.url).origin).toBe(fake.falFiles.origin);
  });

  it("refuses an out-of-range length with fal's 422 detail list", async () => {
    const { status, json } = await submit({ prompt: "drums", seconds_total: 90 });
    expect(status).toBe(422);
    expect(json.detail).toEqual([
      expect.objectContaining({ loc: ["body", "seconds_total"], input: 90 }),
    ]);
  });

  it("cuts a file short under cutBodyAtFraction, Content-Length promising more", async () => {
    const { json } = await submit({ prompt: "drums", seconds_total: 1 });
    for (let poll = 0; poll < 3; poll++) {
      await fetch(`${fake.origin}/fal-ai${new URL(json.response_url as string).pathname}/status`, {
        headers,
      });
    }
    const path = new URL(json.response_url as string).pathname;
    const result = (await (await fetch(`${fake.origin}/fal-ai${path}`, { headers })).json()) as {
      audio_file: { url: string; file_size: number };
    };
    fake.falFiles.inject({ cutBodyAtFraction: 0.5 });
    const response = await fetch(result.audio_file.url);
    expect(response.headers.get("content-length")).toBe(String(result.audio_file.file_size));
    await expect(response.arrayBuffer()).rejects.toThrow();
    const whole = await fetch(result.audio_file.url);
    expect((await whole.arrayBuffer()).byteLength).toBe(result.audio_file.file_size);
  });
});
