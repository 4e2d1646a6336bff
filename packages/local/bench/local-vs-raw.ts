/**
 * The local provider against node-llama-cpp called directly, on the same synthesised model
 * file and settings: load time to the first token and peak memory (each side in a fresh
 * process), then time to first token and tokens per second (both sides in one process,
 * interleaved round by round). Ratios near 1.00 mean the provider adds nothing measurable.
 *
 *   npm run bench -- [--size tiny|small|medium] [--threads N] [--rounds N] [--tokens N]
 */

import { execFile } from "node:child_process";
import { parseArgs, promisify } from "node:util";
import { getLlama, LlamaChatSession } from "node-llama-cpp";
import { createLocalProvider } from "../src/index.js";
import { defaultThreads } from "../src/llama-runtime.js";
import { benchModel, contextSize, question, system } from "./bench-model.js";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "medium" },
    threads: { type: "string", default: String(defaultThreads()) },
    rounds: { type: "string", default: "5" },
    tokens: { type: "string", default: "64" },
  },
});
const threads = Number(values.threads);
const rounds = Number(values.rounds);
const maxTokens = Number(values.tokens);
const model = await benchModel(values.size);
const median = (numbers: number[]) =>
  [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

// --- load and memory: a fresh process per side, alternating, three times each ----------
const probe = async (side: "raw" | "local") => {
  const probePath = new URL("./load-probe.ts", import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--conditions=@path/source", "--import", "tsx", probePath, side, model.path, String(threads)],
    { cwd: new URL("..", import.meta.url).pathname },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as { loadMs: number; peakRssBytes: number };
};
const loads = {
  raw: [] as number[],
  local: [] as number[],
  rawRss: [] as number[],
  localRss: [] as number[],
};
for (const side of ["raw", "local", "local", "raw", "raw", "local"] as const) {
  const result = await probe(side);
  loads[side].push(result.loadMs);
  loads[side === "raw" ? "rawRss" : "localRss"].push(result.peakRssBytes);
}

// --- speed: both sides in this process -------------------------------------------------
const llama = await getLlama({ gpu: false, build: "never", maxThreads: threads, logger: () => {} });
const rawContext = await (await llama.loadModel({ modelPath: model.path })).createContext({
  contextSize,
  threads,
});
const session = new LlamaChatSession({
  contextSequence: rawContext.getSequence(),
  systemPrompt: system,
});
const local = createLocalProvider({ threads, gpu: false, contextSize, download: false });
const textModel = local.textModel(model.path);
const messages = (round: number) => [
  { role: "system" as const, content: system },
  { role: "user" as const, content: question(round) },
];

interface Sample {
  ttftMs: number;
  tokensPerSecond: number;
}

async function rawRun(round: number, stream: boolean): Promise<Sample> {
  session.setChatHistory([{ type: "system", text: system }]);
  const meter = session.sequence.tokenMeter;
  const outputBefore = meter.usedOutputTokens;
  const start = performance.now();
  let first = 0;
  const onTextChunk = stream
    ? () => {
        first ||= performance.now();
      }
    : undefined;
  await session.prompt(question(round), { maxTokens, temperature: 0, onTextChunk });
  return sample(start, first, performance.now(), meter.usedOutputTokens - outputBefore, stream);
}

async function localRun(round: number, stream: boolean): Promise<Sample> {
  const options = { messages: messages(round), maxOutputTokens: maxTokens, temperature: 0 };
  const start = performance.now();
  if (!stream) {
    const result = await textModel.doGenerate(options);
    return sample(start, 0, performance.now(), result.usage.outputTokens ?? 0, false);
  }
  let first = 0;
  let tokens = 0;
  for await (const part of await textModel.doStream(options)) {
    if (part.type === "text-delta") first ||= performance.now();
    if (part.type === "finish") tokens = part.usage.outputTokens ?? 0;
  }
  return sample(start, first, performance.now(), tokens, true);
}

/** Streamed: rate after the first token (decode speed). Whole answer: tokens over the whole call. */
function sample(
  start: number,
  first: number,
  end: number,
  tokens: number,
  stream: boolean,
): Sample {
  return stream
    ? { ttftMs: first - start, tokensPerSecond: (tokens - 1) / ((end - first) / 1000) }
    : { ttftMs: Number.NaN, tokensPerSecond: tokens / ((end - start) / 1000) };
}

await rawRun(1000, true);
await localRun(1000, true);
const runs = {
  rawStream: [] as Sample[],
  localStream: [] as Sample[],
  rawWhole: [] as Sample[],
  localWhole: [] as Sample[],
};
for (let round = 0; round < rounds; round++) {
  // Alternate who goes first, so neither side always meets a warmer cache.
  const order = round % 2 === 0 ? (["raw", "local"] as const) : (["local", "raw"] as const);
  for (const side of order) {
    const run = side === "raw" ? rawRun : localRun;
    runs[`${side}Stream`].push(await run(round, true));
    runs[`${side}Whole`].push(await run(round + 100, false));
  }
}

// --- report ----------------------------------------------------------------------------
const pick = (samples: Sample[], key: keyof Sample) => median(samples.map((entry) => entry[key]));
const row = (label: string, raw: number, local: number, unit: string, digits = 1) => [
  label,
  `${raw.toFixed(digits)} ${unit}`,
  `${local.toFixed(digits)} ${unit}`,
  (local / raw).toFixed(2),
];
const table = [
  ["", "raw node-llama-cpp", "@path/local", "local/raw"],
  row("load to first token (fresh process)", median(loads.raw), median(loads.local), "ms", 0),
  row(
    "time to first token",
    pick(runs.rawStream, "ttftMs"),
    pick(runs.localStream, "ttftMs"),
    "ms",
  ),
  row(
    "tokens/s after the first (stream)",
    pick(runs.rawStream, "tokensPerSecond"),
    pick(runs.localStream, "tokensPerSecond"),
    "tok/s",
  ),
  row(
    "tokens/s, whole call (generate)",
    pick(runs.rawWhole, "tokensPerSecond"),
    pick(runs.localWhole, "tokensPerSecond"),
    "tok/s",
  ),
  [
    "peak RSS (fresh process)",
    megabytes(Math.max(...loads.rawRss)),
    megabytes(Math.max(...loads.localRss)),
    (Math.max(...loads.localRss) / Math.max(...loads.rawRss)).toFixed(2),
  ],
];
const widths = table[0]!.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
console.log(
  `model: synthetic llama "${values.size}", ${(model.parameters / 1e6).toFixed(1)} M parameters, ${megabytes(model.bytes)}; context ${contextSize}; ${threads} thread(s); ${maxTokens} tokens; medians of ${rounds} rounds`,
);
for (const line of table)
  console.log(line.map((cell, column) => cell.padEnd(widths[column]!)).join("  "));

await local.dispose();
await llama.dispose();
