import { InferenceClient, setLogger } from "@huggingface/inference";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type FakeHuggingFace, startFakeHuggingFace } from "./fake-hf.js";
import { encodePng } from "./fake-png.js";

let fake: FakeHuggingFace;
let client: InferenceClient;
const token = "hf_test_video";
const t2v = "Wan-AI/Wan2.2-T2V-A14B";
const auth = { authorization: `Bearer ${token}` };

beforeAll(async () => {
  const quiet = () => {};
  setLogger({ debug: quiet, info: quiet, log: quiet, warn: quiet, error: quiet });
  fake = await startFakeHuggingFace({ token });
  client = new InferenceClient(token, { fetch: fake.fetch, retry_on_error: false });
});
afterEach(() => {
  fake.reset();
  vi.unstubAllGlobals();
});
afterAll(() => fake.close());

/** The client polls and downloads with the global fetch (protocols-a §3.3): point it here too. */
function routeGlobalFetch() {
  const original = globalThis.fetch;
  vi.stubGlobal("fetch", (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const local = url
      .replace(/^https:\/\/router\.huggingface\.co/, fake.origin)
      .replace(/^https:\/\/(v\d+\.)?fal\.media/, fake.falFiles.origin);
    return original(local, init);
  });
}

async function submit(body: Record<string, unknown>, app = "wan/v2.2-a14b/text-to-video") {
  const response = await fake.fetch(
    `https://router.huggingface.co/fal-ai/fal-ai/${app}?_subdomain=queue`,
    {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify(body),
    },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const queueUrl = (responseUrl: string, tail = "") =>
  `https://router.huggingface.co/fal-ai${new URL(responseUrl).pathname}${tail}?_subdomain=queue`;

describe("fake fal video with the real @huggingface/inference client", () => {
  it("runs textToVideo to an MP4 as long as num_frames at 16 fps", async () => {
    routeGlobalFetch();
    const blob = await client.textToVideo({
      model: t2v,
      provider: "fal-ai",
      inputs: "a paper boat",
      parameters: { num_frames: 49 },
    });
    const bytes = Buffer.from(await blob.arrayBuffer());
    expect(bytes.toString("latin1", 4, 8)).toBe("ftyp");
    expect(blob.type).toBe("video/mp4");
    const job = [...fake.book.jobs.values()][0]!;
    expect(job.request).toMatchObject({
      prompt: "a paper boat",
      seconds: 3,
      width: 64,
      height: 36,
    });
  });

  it("runs imageToVideo with the picture as image_url", async () => {
    routeGlobalFetch();
    const png = encodePng(4, 4, new Uint8Array(4 * 4 * 3));
    const blob = await client.imageToVideo({
      model: "Wan-AI/Wan2.2-I2V-A14B",
      provider: "fal-ai",
      inputs: new Blob([png], { type: "image/png" }),
      parameters: { prompt: "it moves" },
    });
    expect(blob.size).toBeGreaterThan(100);
    const job = [...fake.book.jobs.values()][0]!;
    expect(job.request).toMatchObject({ image: true, width: 48, height: 48 });
  });
});

describe("fake fal video on the wire", () => {
  it("answers status 202 while queued or in progress and 200 once COMPLETED", async () => {
    fake.book.planNext({ queuedPolls: 1, runningPolls: 1 });
    const { body } = await submit({ prompt: "x" });
    const statuses: [number, unknown][] = [];
    for (let poll = 0; poll < 3; poll += 1) {
      const response = await fake.fetch(queueUrl(body.response_url as string, "/status"), {
        headers: auth,
      });
      statuses.push([response.status, ((await response.json()) as { status: unknown }).status]);
    }
    expect(statuses).toEqual([
      [202, "IN_QUEUE"],
      [202, "IN_PROGRESS"],
      [200, "COMPLETED"],
    ]);
  });

  it("refuses a result before the end, then hands out the same link every time", async () => {
    fake.book.planNext({ queuedPolls: 0, runningPolls: 0 });
    const { body } = await submit({ prompt: "x" });
    const result = () =>
      fake.fetch(queueUrl(body.response_url as string), { headers: auth }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { video?: { url: string; file_size: number } },
      }));
    expect((await result()).status).toBe(400);
    await fake.fetch(queueUrl(body.response_url as string, "/status"), { headers: auth });
    const [first, second] = [await result(), await result()];
    expect(first.body.video?.url).toBe(second.body.video?.url);
    const file = await fake.fetch(first.body.video!.url);
    expect((await file.arrayBuffer()).byteLength).toBe(first.body.video!.file_size);
  });

  it("validates like fal: 422 with a detail array naming each field", async () => {
    const bad = await submit({ num_frames: 400, aspect_ratio: "4:3" });
    expect(bad.status).toBe(422);
    expect((bad.body.detail as { loc: string[] }[]).map((entry) => entry.loc.at(-1))).toEqual([
      "prompt",
      "num_frames",
      "aspect_ratio",
    ]);
    const noImage = await submit({ prompt: "x" }, "wan/v2.2-a14b/image-to-video");
    expect(noImage.body.detail).toEqual([
      { loc: ["body", "image_url"], msg: "Field required", type: "missing" },
    ]);
    expect(fake.book.created).toBe(0);
  });

  it("cancels a queued request and refuses one already running", async () => {
    fake.book.planNext({ queuedPolls: 2 });
    const queued = await submit({ prompt: "x" });
    const cancel = (responseUrl: string) =>
      fake.fetch(queueUrl(responseUrl, "/cancel"), { method: "PUT", headers: auth });
    expect((await cancel(queued.body.response_url as string)).status).toBe(202);
    fake.book.planNext({ queuedPolls: 0 });
    const running = await submit({ prompt: "y" });
    await fake.fetch(queueUrl(running.body.response_url as string, "/status"), { headers: auth });
    const refused = await cancel(running.body.response_url as string);
    expect([refused.status, await refused.json()]).toEqual([400, { status: "ALREADY_COMPLETED" }]);
  });
});
