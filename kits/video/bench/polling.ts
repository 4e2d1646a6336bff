/**
 * Polling cost and core's overhead per video job, on the fake Sora (in its own process):
 *   raw:  the `openai` client — videos.create, videos.retrieve every `pollMs` until completed,
 *         videos.downloadContent — the loop a person writes by hand;
 *   core: generateVideo with a durable record in a temp FileJobStore (written before the
 *         submit, after it, on every change), the resumable download and the MP4 decoded.
 * Each fake job answers queued once and running twice before it completes, whatever the time,
 * so requests per finished job compare the loops, and the time difference is core's own cost.
 * Jobs alternate so drift hits both alike; medians.
 *
 *   npm run bench -w @path/kit-video -- [jobs=30] [pollMs=20]
 */
import { fork } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createOpenAICompatible,
  FileJobStore,
  generateVideo,
  openAICompatiblePresets,
} from "@path/core";
import OpenAI from "openai";

const jobs = Number(process.argv[2] ?? 30);
const pollMs = Number(process.argv[3] ?? 20);
const tsx = createRequire(import.meta.url).resolve("tsx");
const child = fork(fileURLToPath(new URL("./fake-sora-process.ts", import.meta.url)), {
  execArgv: ["--conditions=@path/source", "--import", tsx],
});
const { url } = await new Promise<{ url: string }>((resolve) =>
  child.once("message", resolve as never),
);

interface Counts {
  requests: number;
  created: number;
  routes: Record<string, number>;
}
function counts(): Promise<Counts> {
  return new Promise((resolve) => {
    child.once("message", resolve as never);
    child.send({ type: "count" });
  });
}

const raw = new OpenAI({ apiKey: "sk-bench", baseURL: url, maxRetries: 0 });
const preset = openAICompatiblePresets.find((candidate) => candidate.id === "openai")!;
const sora = createOpenAICompatible(preset, { apiKey: "sk-bench", baseURL: url }).videoModel!(
  "sora-2",
);
const folder = await mkdtemp(join(tmpdir(), "video-bench-"));
const store = new FileJobStore(join(folder, "jobs"));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Contender = (prompt: string) => Promise<number>;
const contenders: Record<"raw" | "core", Contender> = {
  raw: async (prompt) => {
    let video = await raw.videos.create({
      model: "sora-2",
      prompt,
      seconds: "4",
      size: "1280x720",
    });
    await sleep(pollMs);
    while (video.status === "queued" || video.status === "in_progress") {
      video = await raw.videos.retrieve(video.id);
      if (video.status === "completed") break;
      await sleep(pollMs);
    }
    if (video.status !== "completed") throw new Error(`raw job ended ${video.status}`);
    const response = await raw.videos.downloadContent(video.id);
    return (await response.arrayBuffer()).byteLength;
  },
  core: async (prompt) => {
    const result = await generateVideo({
      model: sora,
      prompt,
      seconds: 4,
      aspectRatio: "16:9",
      store,
      pollIntervalMs: pollMs,
    });
    return result.video.bytes.length;
  },
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const names = ["raw", "core"] as const;
const samples = { raw: [] as number[], core: [] as number[] };
const requests = { raw: 0, core: 0 };
const routes = { raw: {} as Record<string, number>, core: {} as Record<string, number> };
let bytes = 0;
for (let job = 0; job < jobs + 3; job++) {
  for (const name of job % 2 === 0 ? names : [...names].reverse()) {
    const before = await counts();
    const start = performance.now();
    const size = await contenders[name](`a paper boat drifting, take ${job} (${name})`);
    const elapsed = performance.now() - start;
    const after = await counts();
    if (after.created !== before.created + 1)
      throw new Error(`${name} created ${after.created - before.created} jobs`);
    if (bytes && size !== bytes) throw new Error(`${name} got ${size} bytes, not ${bytes}`);
    bytes = size;
    if (job < 3) continue; // warm-up
    samples[name].push(elapsed);
    requests[name] += after.requests - before.requests;
    for (const [route, count] of Object.entries(after.routes)) {
      const added = count - (before.routes[route] ?? 0);
      if (added) routes[name][route] = (routes[name][route] ?? 0) + added;
    }
  }
}

console.log(
  `video jobs on the fake Sora: ${jobs} each, ${bytes} bytes a video, first poll wait ${pollMs} ms`,
);
for (const name of names) {
  const perRoute = Object.entries(routes[name])
    .map(([route, count]) => `${route} ${(count / jobs).toFixed(2)}`)
    .join(", ");
  console.log(
    `  ${name.padEnd(5)} median ${median(samples[name]).toFixed(1)} ms a job   ${(requests[name] / jobs).toFixed(2)} requests a job (${perRoute})`,
  );
}
const overhead = median(samples.core) - median(samples.raw);
console.log(`  core's overhead: ${overhead.toFixed(1)} ms a job (median difference)`);
child.disconnect();
await rm(folder, { recursive: true, force: true });
