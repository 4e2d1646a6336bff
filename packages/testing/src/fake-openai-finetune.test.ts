import OpenAI, { toFile } from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI } from "./fake-openai.js";

let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: "sk-test" });
  client = new OpenAI({ apiKey: "sk-test", baseURL: fake.url, maxRetries: 0 });
});
afterEach(() => {
  fake.fineTuning.files.clear();
  fake.fineTuning.jobs.clear();
});
afterAll(() => fake.close());

const line = JSON.stringify({
  messages: [
    { role: "user", content: "你好" },
    { role: "assistant", content: "你好！有什么可以帮你？" },
  ],
});

async function upload(text: string, name = "train.jsonl") {
  return client.files.create({
    file: await toFile(Buffer.from(text), name),
    purpose: "fine-tune",
  });
}

async function createJob(trainingFile: string, tag = "k1") {
  return client.fineTuning.jobs.create({
    model: "gpt-4.1-mini",
    training_file: trainingFile,
    suffix: "notes",
    metadata: { genai_path_key: tag },
    method: { type: "supervised", supervised: { hyperparameters: { n_epochs: 2 } } },
  });
}

describe("fake OpenAI fine-tuning with the real openai client", () => {
  it("uploads, creates, moves on with each look and ends with the tuned model's name", async () => {
    const file = await upload(`${line}\n${line}\n`);
    expect(file).toMatchObject({
      purpose: "fine-tune",
      status: "processed",
      filename: "train.jsonl",
    });
    expect(fake.fineTuning.files.get(file.id)?.content.toString()).toContain("你好！");
    const job = await createJob(file.id);
    expect(job).toMatchObject({ status: "validating_files", model: "gpt-4.1-mini-2025-04-14" });
    const seen: string[] = [];
    let now = job;
    while (!["succeeded", "failed", "cancelled"].includes(now.status)) {
      now = await client.fineTuning.jobs.retrieve(job.id);
      seen.push(now.status);
    }
    expect(seen).toEqual(["queued", "running", "running", "running", "succeeded"]);
    expect(now.fine_tuned_model).toMatch(/^ft:gpt-4\.1-mini-2025-04-14:fake-org:notes:/);
    const events = await client.fineTuning.jobs.listEvents(job.id, { limit: 100 });
    expect(events.data[0]?.message).toBe("The job has successfully completed");
    const metrics = events.data.filter((event) => event.type === "metrics");
    expect(metrics.map((event) => event.message)).toContain("Step 3/3: training loss=0.5429");
  });

  it("pages events and jobs as a CursorPage and filters jobs by metadata", async () => {
    const file = await upload(`${line}\n`);
    const first = await createJob(file.id, "mine");
    await createJob(file.id, "other");
    for (let look = 0; look < 5; look += 1) await client.fineTuning.jobs.retrieve(first.id);
    const all = await client.fineTuning.jobs.listEvents(first.id, { limit: 100 });
    const page = await client.fineTuning.jobs.listEvents(first.id, { limit: 2 });
    expect(page.data.map((event) => event.id)).toEqual(all.data.slice(0, 2).map((e) => e.id));
    expect(page.hasNextPage()).toBe(true);
    const walked: string[] = [];
    for await (const event of client.fineTuning.jobs.listEvents(first.id, { limit: 2 }))
      walked.push(event.id);
    expect(walked).toEqual(all.data.map((event) => event.id));
    const mine: string[] = [];
    for await (const job of client.fineTuning.jobs.list({ metadata: { genai_path_key: "mine" } }))
      mine.push(job.id);
    expect(mine).toEqual([first.id]);
  });

  it("refuses what OpenAI refuses, in OpenAI's error shape", async () => {
    await expect(upload(line, "train.csv")).rejects.toMatchObject({
      status: 400,
      error: { message: "Invalid file format for Fine-Tuning API. Must be .jsonl" },
    });
    const file = await upload(`${line}\n`);
    await expect(
      client.fineTuning.jobs.create({ model: "gpt-3.5-nope", training_file: file.id }),
    ).rejects.toMatchObject({ status: 400, code: "model_not_available", param: "model" });
    await expect(
      client.fineTuning.jobs.create({ model: "gpt-4.1-mini", training_file: "file-missing" }),
    ).rejects.toMatchObject({ status: 400, param: "training_file" });
  });

  it("fails a job on a bad training line, or with the error it was told to give", async () => {
    const bad = await upload(`${line}\nnot json\n`);
    const job = await createJob(bad.id);
    const failed = await client.fineTuning.jobs.retrieve(job.id);
    expect(failed.status).toBe("failed");
    expect(failed.error?.message).toContain("Line 2");
    fake.fineTuning.failNext = { code: "quota_exceeded", message: "You have hit your quota." };
    const good = await upload(`${line}\n`);
    const told = await createJob(good.id, "k2");
    let now = told;
    while (now.status !== "failed") now = await client.fineTuning.jobs.retrieve(told.id);
    expect(now.error).toMatchObject({ code: "quota_exceeded" });
  });

  it("cancels a running job, and refuses to cancel a finished one", async () => {
    const file = await upload(`${line}\n`);
    const job = await createJob(file.id);
    expect((await client.fineTuning.jobs.cancel(job.id)).status).toBe("cancelled");
    await expect(client.fineTuning.jobs.cancel(job.id)).rejects.toMatchObject({ status: 400 });
    await expect(client.fineTuning.jobs.retrieve("ftjob-none")).rejects.toMatchObject({
      status: 404,
    });
  });

  it("restarts in the middle: the upload and the job are kept, the answer is lost", async () => {
    fake.fineTuning.dropAnswerOf = "upload";
    await expect(upload(`${line}\n`)).rejects.toThrow(/Connection error/);
    expect(fake.fineTuning.files.size).toBe(1);
    const [kept] = fake.fineTuning.files.keys();
    fake.fineTuning.dropAnswerOf = "create";
    await expect(createJob(kept as string)).rejects.toThrow(/Connection error/);
    expect(fake.fineTuning.jobs.size).toBe(1);
    const found = await client.fineTuning.jobs.list({ metadata: { genai_path_key: "k1" } });
    expect(found.data).toHaveLength(1);
  });
});
