import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { DurableJob, InterruptedSubmitError } from "./durable-job.js";
import type { JobRecord } from "./job-record.js";
import { FileJobStore, JobStoreError } from "./job-store.js";
import { requestKey } from "./request-key.js";

const root = useTempDir("durable-job-");
let folders = 0;
/** A folder of its own for each test: the store is one folder of records. */
const tempDir = () => join(root(), String(folders++));

function openOptions(
  store: FileJobStore,
  extra: Partial<Parameters<typeof DurableJob.open>[0]> = {},
) {
  return {
    store,
    key: "a".repeat(64),
    job: "video" as const,
    provider: "fake",
    modelId: "clip-1",
    request: { prompt: "a paper boat", seconds: 5 },
    ...extra,
  };
}

/** Make the stored record look as if it was last written `ms` ago. */
async function age(store: FileJobStore, key: string, ms: number): Promise<void> {
  const record = (await store.get(key)) as JobRecord;
  await store.put({ ...record, updatedAt: new Date(Date.now() - ms).toISOString() });
}

describe("requestKey", () => {
  it("is the same for the same request whatever the order of settings, and differs by input bytes", () => {
    const base = { provider: "p", modelId: "m", inputs: [new Uint8Array([1, 2, 3])] };
    const one = requestKey({ ...base, settings: { prompt: "x", seconds: 5, seed: undefined } });
    const two = requestKey({ ...base, settings: { seconds: 5, prompt: "x" } });
    const other = requestKey({
      ...base,
      settings: { seconds: 5, prompt: "x" },
      inputs: [new Uint8Array([1, 2, 4])],
    });
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(one).toBe(two);
    expect(other).not.toBe(one);
    // Two inputs never run together into one.
    const split = requestKey({
      ...base,
      settings: {},
      inputs: [new Uint8Array([1]), new Uint8Array([2, 3])],
    });
    const joined = requestKey({
      ...base,
      settings: {},
      inputs: [new Uint8Array([1, 2]), new Uint8Array([3])],
    });
    expect(split).not.toBe(joined);
  });
});

describe("DurableJob", () => {
  it("records the job before the submit and the provider's id right after, then resumes it", async () => {
    const store = new FileJobStore(tempDir());
    const job = await DurableJob.open(openOptions(store));
    expect(job.resumed).toBe(false);
    expect(job.needsSubmit).toBe(true);
    expect((await store.get(job.record.key))?.state).toBe("submitting");
    await job.submitted("task-42");
    const again = await DurableJob.open(openOptions(store));
    expect(again.resumed).toBe(true);
    expect(again.needsSubmit).toBe(false);
    expect(again.record).toMatchObject({ providerJobId: "task-42", state: "queued" });
    await again.update({ state: "succeeded", resultUrl: "http://x/y.mp4" });
    expect(again.finished).toBe(true);
    expect(await store.list()).toHaveLength(1);
  });

  it("refuses to submit again after a submit that was cut off, unless --new or the provider is idempotent", async () => {
    const store = new FileJobStore(tempDir());
    const first = await DurableJob.open(openOptions(store));
    await age(store, first.record.key, 5 * 60_000);
    const error = await DurableJob.open(openOptions(store)).catch((caught) => caught);
    expect(error).toBeInstanceOf(InterruptedSubmitError);
    expect(error.message).toMatch(/may have been created and charged.*--new/);

    const idempotent = await DurableJob.open(openOptions(store, { idempotent: true }));
    expect(idempotent).toMatchObject({ resumed: true, needsSubmit: true });

    const fresh = await DurableJob.open(openOptions(store, { fresh: true }));
    expect(fresh.resumed).toBe(false);
    const records = await store.list();
    expect(records).toHaveLength(2);
    expect(records.map((record) => record.key).filter((key) => key.includes("@"))).toHaveLength(1);
  });

  it("says another process is submitting when the submitting record is fresh", async () => {
    const store = new FileJobStore(tempDir());
    await DurableJob.open(openOptions(store));
    await expect(DurableJob.open(openOptions(store))).rejects.toThrow(
      /being submitted .* by another process/,
    );
  });

  it("lets exactly one of many racing opens create the job", async () => {
    const store = new FileJobStore(tempDir());
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () => DurableJob.open(openOptions(store))),
    );
    const created = outcomes.filter(
      (outcome) => outcome.status === "fulfilled" && !outcome.value.resumed,
    );
    expect(created).toHaveLength(1);
    expect(await store.list()).toHaveLength(1);
  });

  it("keeps a damaged record where it is and names it; --new sets it aside, never deleting it", async () => {
    const directory = tempDir();
    const store = new FileJobStore(directory);
    const key = "b".repeat(64);
    await mkdir(directory, { recursive: true });
    await writeFile(join(directory, `${key}.json`), '{"version":1,"key":');
    const error = await DurableJob.open(openOptions(store, { key })).catch((caught) => caught);
    expect(error).toBeInstanceOf(JobStoreError);
    expect(error.message).toContain(join(directory, `${key}.json`));
    expect(await store.unreadable()).toEqual([join(directory, `${key}.json`)]);

    const fresh = await DurableJob.open(openOptions(store, { key, fresh: true }));
    expect(fresh.resumed).toBe(false);
    const names = await readdir(directory);
    expect(names.filter((name) => name.includes(".unreadable-"))).toHaveLength(1);
    expect(
      await readFile(join(directory, names.find((n) => n.includes(".unreadable-"))!), "utf8"),
    ).toBe('{"version":1,"key":');
  });

  it("leaves a whole record when the process is killed while writing it", async () => {
    const directory = tempDir();
    const module = fileURLToPath(new URL("./durable-job.ts", import.meta.url));
    const script = `
      import { DurableJob } from ${JSON.stringify(module)};
      import { FileJobStore } from ${JSON.stringify(module.replace("durable-job.ts", "job-store.ts"))};
      const job = await DurableJob.open({ store: new FileJobStore(${JSON.stringify(directory)}), key: "c".repeat(64),
        job: "video", provider: "fake", modelId: "m", request: { prompt: "x".repeat(20000) } });
      await job.submitted("task-1");
      process.stdout.write("ready\\n");
      for (let i = 0; ; i++) await job.update({ progress: (i % 100) / 100, state: "running" });
    `;
    for (let trial = 0; trial < 3; trial++) {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "--input-type=module", "-e", script],
        {
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 50 + trial * 70));
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
      const record = await new FileJobStore(directory).get("c".repeat(64));
      expect(record).toMatchObject({ providerJobId: "task-1", state: "running" });
    }
  });
});
