/**
 * What a video job costs in requests and in client work: core's `generateVideo` (durable record,
 * polling with backoff, resumable download, decode) against the raw `openai` client driving the
 * same Sora job by hand (create, `retrieve` every interval until completed, `downloadContent`),
 * on the same fake (in its own process), in the same run. Both poll at the same interval; the
 * fake's jobs answer queued once, running twice, then completed. Each job must create exactly
 * one job on the fake; requests are also counted by route.
 *
 *   npm run bench -w @path/kit-video -- [jobs=30] [intervalMs=20]
 */
import { fork } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import {
  createOpenAICompatible,
  FileJobStore,
  generateVideo,
  openAICompatiblePresets,
} from "@path/core";
import OpenAI from "openai";

const jobs = Number(process.argv[2] ?? 30);
const intervalMs = Number(process.argv[3] ?? 20);
const tsx = createRequire(import.meta.url).resolve("tsx");
const child = fork(fileURLToPath(new URL("./fake-video-process.ts", import.meta.url)), {
  execArgv: ["--conditions=@path/source", "--import", tsx],
});
const { url } = await new Promise<{ url: string }>((resolve) =>
  child.once("message", resolve as never),
);
interface Counted {
  requests: number;
  routes: Record<string, number>;
  created: number;
}
const countRequests = () =>
  new Promise<Counted>((resolve) => {
    child.once("message", (message) => resolve(message as Counted));
    child.send("count");
  });

const raw = new OpenAI({ apiKey: "sk-bench", baseURL: url, maxRetries: 0 });
const preset = openAICompatiblePresets.find((candidate) => candidate.id === "openai")!;
const model = createOpenAICompatible(preset, { apiKey: "sk-bench", baseURL: url }).videoModel!(
  "sora-2",
);
const folder = await mkdtemp(join(tmpdir(), "video-bench-"));
const store = new FileJobStore(folder);
let counter = 0;

type Contender = () => Promise<number>;
const contenders: Record<"raw" | "core", Contender> = {
  raw: async () => {
    let video = await raw.videos.create({
      model: "sora-2",
      prompt: `a paper boat ${counter++}`,
      seconds: "4",
      size: "1280x720",
    });
    while (video.status !== "completed") {
      if (video.status === "failed") throw new Error(video.error?.message);
      await sleep(intervalMs);
      video = await raw.videos.retrieve(video.id);
    }
    const content = await raw.videos.downloadContent(video.id);
    return (await content.arrayBuffer()).byteLength;
  },
  core: async () => {
    const { video } = await generateVideo({
      model,
      prompt: `a paper boat ${counter++}`,
      seconds: 4,
      size: "1280x720",
      store,
      pollIntervalMs: intervalMs,
    });
    return video.bytes.length;
  },
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const names = ["raw", "core"] as const;
const sizes = await Promise.all(names.map((name) => contenders[name]()));
if (sizes[0] !== sizes[1]) throw new Error(`raw got ${sizes[0]} bytes, core ${sizes[1]}`);
let created = (await countRequests()).created;
const routes = { raw: {} as Record<string, number>, core: {} as Record<string, number> };
const samples = {
  raw: { wall: [] as number[], cpu: [] as number[], requests: [] as number[] },
  core: { wall: [] as number[], cpu: [] as number[], requests: [] as number[] },
};
for (let job = 0; job < jobs; job++) {
  for (const name of job % 2 === 0 ? names : [...names].reverse()) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await contenders[name]();
    samples[name].wall.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    samples[name].cpu.push((used.user + used.system) / 1000);
    const counted = await countRequests();
    if (counted.created !== created + 1) {
      throw new Error(`${name} created ${counted.created - created} jobs for one video`);
    }
    created = counted.created;
    samples[name].requests.push(counted.requests);
    for (const [route, count] of Object.entries(counted.routes)) {
      routes[name][route] = (routes[name][route] ?? 0) + count;
    }
  }
}
console.log(
  `${jobs} Sora jobs each (${sizes[0]} byte MP4), poll interval ${intervalMs} ms, fake in another process, alternating`,
);
for (const name of names) {
  const { wall, cpu, requests } = samples[name];
  console.log(
    `  ${name.padEnd(5)} requests/job ${median(requests)}   wall median ${median(wall).toFixed(1)} ms   client CPU median ${median(cpu).toFixed(2)} ms`,
  );
  const perRoute = Object.entries(routes[name])
    .map(([route, count]) => `${route} ${(count / jobs).toFixed(2)}`)
    .join(", ");
  console.log(`        per job: ${perRoute}`);
}
const cpuRatio = median(samples.core.cpu) / median(samples.raw.cpu);
const wallRatio = median(samples.core.wall) / median(samples.raw.wall);
console.log(
  `  core vs raw: ${wallRatio.toFixed(2)}x wall, ${cpuRatio.toFixed(2)}x client CPU (+${(median(samples.core.cpu) - median(samples.raw.cpu)).toFixed(2)} ms per job: records fsynced, download to disk, decode)`,
);
await rm(folder, { recursive: true, force: true });
child.disconnect();
