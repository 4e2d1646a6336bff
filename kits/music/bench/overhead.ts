/**
 * Per-call overhead of core's `generateSpeech` and `generateMusic` against the same request
 * made directly, on the same fakes (in their own process), in the same run:
 *   speech: openai gpt-4o-mini-tts, WAV, vs the raw `openai` client's `audio.speech.create`;
 *   music:  hf facebook/musicgen-small on hf-inference, 5 s, vs a raw `fetch` of that request.
 * Calls alternate so drift hits both alike; medians. Core's side includes decoding the audio.
 *
 *   npm run bench -w @path/kit-music -- [calls=60]
 */
import { fork } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import {
  createHuggingFace,
  createOpenAICompatible,
  generateMusic,
  generateSpeech,
  openAICompatiblePresets,
} from "@path/core";
import OpenAI from "openai";

const calls = Number(process.argv[2] ?? 60);
const tsx = createRequire(import.meta.url).resolve("tsx");
const child = fork(fileURLToPath(new URL("./fake-audio-process.ts", import.meta.url)), {
  execArgv: ["--conditions=@path/source", "--import", tsx],
});
const fakes = await new Promise<{ openai: string; hf: string }>((resolve) =>
  child.once("message", resolve as never),
);
// The HF client's hosts are moved to the fake the way a person would move them to a gateway.
process.env.HF_ROUTER_URL = fakes.hf;
process.env.HF_ENDPOINT = fakes.hf;

const text = "欢迎来到生成式 AI 的世界。Welcome to the world of generative AI.";
const prompt = "lofi hip hop for studying, 80 bpm";
const musicSeconds = 5;
const rawOpenAI = new OpenAI({ apiKey: "sk-bench", baseURL: fakes.openai, maxRetries: 0 });
const preset = openAICompatiblePresets.find((candidate) => candidate.id === "openai")!;
const speechModel = createOpenAICompatible(preset, {
  apiKey: "sk-bench",
  baseURL: fakes.openai,
}).speechModel!("gpt-4o-mini-tts");
const musicModel = createHuggingFace({ token: "hf_bench" }).musicModel!("facebook/musicgen-small");

type Contenders = Record<"raw" | "core", () => Promise<number>>;
const speech: Contenders = {
  raw: async () => {
    const response = await rawOpenAI.audio.speech.create({
      model: "gpt-4o-mini-tts",
      input: text,
      voice: "alloy",
      response_format: "wav",
    });
    return (await response.arrayBuffer()).byteLength;
  },
  core: async () => {
    const result = await generateSpeech({
      model: speechModel,
      text,
      voice: "alloy",
      format: "wav",
    });
    return result.audio.bytes.length;
  },
};
const music: Contenders = {
  raw: async () => {
    const response = await fetch(`${fakes.hf}/hf-inference/models/facebook/musicgen-small`, {
      method: "POST",
      headers: { authorization: "Bearer hf_bench", "content-type": "application/json" },
      body: JSON.stringify({
        inputs: prompt,
        parameters: { generation_parameters: { max_new_tokens: musicSeconds * 50 } },
      }),
    });
    if (!response.ok) throw new Error(`raw music call failed: ${response.status}`);
    return (await response.arrayBuffer()).byteLength;
  },
  core: async () => {
    const result = await generateMusic({
      model: musicModel,
      prompt,
      durationSeconds: musicSeconds,
    });
    return result.audio.bytes.length;
  },
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const p90 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.9) - 1]!;

async function measure(label: string, contenders: Contenders) {
  const names = ["raw", "core"] as const;
  const sizes = await Promise.all(names.map((name) => contenders[name]()));
  if (sizes[0] !== sizes[1])
    throw new Error(`${label}: raw got ${sizes[0]} bytes, core ${sizes[1]}`);
  for (let warm = 0; warm < 10; warm++) for (const name of names) await contenders[name]();
  const samples = { raw: [] as number[], core: [] as number[] };
  for (let call = 0; call < calls; call++) {
    for (const name of call % 2 === 0 ? names : [...names].reverse()) {
      const start = performance.now();
      await contenders[name]();
      samples[name].push(performance.now() - start);
    }
  }
  const raw = median(samples.raw);
  const core = median(samples.core);
  console.log(`${label} (${sizes[0]} bytes a call)`);
  for (const name of names) {
    const values = samples[name];
    console.log(
      `  ${name.padEnd(5)} median ${median(values).toFixed(2)} ms   p90 ${p90(values).toFixed(2)} ms`,
    );
  }
  console.log(
    `  core overhead per call: ${(core - raw).toFixed(2)} ms (${(core / raw).toFixed(3)}x raw)`,
  );
}

console.log(`${calls} calls each, fakes in another process, alternating`);
await measure("speech: openai gpt-4o-mini-tts WAV, raw = openai audio.speech.create", speech);
await measure(`music: hf musicgen-small ${musicSeconds} s WAV, raw = fetch`, music);
child.disconnect();
