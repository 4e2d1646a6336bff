/** `jobs` lists recorded video jobs (and damaged record files) from GENAI_JOBS_DIR. */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { FileJobStore, type JobRecord } from "@path/core";
import { useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";
import { runVideo } from "./run-video.js";

const folder = useTempDir("video-jobs-");

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function record(key: string, change: Partial<JobRecord>): JobRecord {
  return {
    version: 1,
    key: key.padEnd(64, "0"),
    job: "video",
    provider: "openai",
    modelId: "sora-2",
    state: "queued",
    request: { prompt: "a paper boat drifting down a rainy street", seconds: 4 },
    createdAt: minutesAgo(1),
    updatedAt: minutesAgo(1),
    ...change,
  };
}

describe("jobs", { timeout: 120_000 }, () => {
  it("shows key, model, state with percent, age, cost, prompt and saved path; damaged records by path", async () => {
    const directory = join(folder(), "jobs");
    const store = new FileJobStore(directory);
    await store.put(
      record("aaaa1111", { state: "running", progress: 0.45, estimatedCostUsd: 0.4 }),
    );
    await store.put(
      record("bbbb2222", {
        state: "saved",
        createdAt: minutesAgo(180),
        outputPath: "/home/me/output/boat.mp4",
        provider: "kling",
        modelId: "kling-v2-master",
        estimatedCostUsd: 1.4,
      }),
    );
    await store.put(
      record("cccc3333", {
        state: "failed",
        createdAt: minutesAgo(3),
        error: "The prompt was flagged by moderation.",
      }),
    );
    // Not a video job: music tasks share the store and are not listed here.
    await store.put(record("dddd4444", { job: "music" }));
    await mkdir(directory, { recursive: true });
    const damaged = join(directory, `${"eeee5555".padEnd(64, "0")}.json`);
    await writeFile(damaged, '{"version":1,"ke');

    const env = { GENAI_JOBS_DIR: directory };
    const result = await runVideo(["jobs"], { cwd: folder(), env });
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toMatch(/^key\s+model\s+state\s+age\s+cost\s+prompt\s+saved \/ why$/);
    expect(result.stdout).toMatch(
      /^aaaa1111 +openai:sora-2 +running 45% +1 min +\$0\.40 +a paper boat/m,
    );
    expect(result.stdout).toMatch(
      /^bbbb2222 +kling:kling-v2-master +saved +3 h +\$1\.40 +a paper boat.* \/home\/me\/output\/boat\.mp4$/m,
    );
    expect(result.stdout).toMatch(/^cccc3333 .*failed +3 min .*flagged by moderation/m);
    expect(result.stdout).not.toMatch(/dddd4444/);
    expect(result.stdout).toContain(`unreadable: ${damaged} (damaged record, kept where it is`);
    // Newest first.
    expect(result.stdout.indexOf("aaaa1111")).toBeLessThan(result.stdout.indexOf("cccc3333"));
    expect(result.stdout.indexOf("cccc3333")).toBeLessThan(result.stdout.indexOf("bbbb2222"));

    const json = JSON.parse((await runVideo(["jobs", "--json"], { cwd: folder(), env })).stdout);
    expect(json.directory).toBe(directory);
    expect(json.unreadable).toEqual([damaged]);
    expect(json.jobs.map((job: { shortKey: string }) => job.shortKey)).toEqual([
      "aaaa1111",
      "cccc3333",
      "bbbb2222",
    ]);
    expect(json.jobs[0]).toMatchObject({ state: "running", progress: 0.45, provider: "openai" });
  });

  it("says there are none yet, and where it looked", async () => {
    const directory = join(folder(), "empty");
    const result = await runVideo(["jobs"], { cwd: folder(), env: { GENAI_JOBS_DIR: directory } });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `no video jobs yet (in ${directory}); start one with npm run video -- make "<prompt>"\n`,
    );
  });
});
