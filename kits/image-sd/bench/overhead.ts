/**
 * Per-image overhead of core's `generateImage` against calling the raw `openai` client's
 * `images.generate` directly, on the same fake server (in its own process) and the same
 * request: dall-e-2, 256x256, base64. Calls alternate so drift hits both alike; medians.
 *
 *   npm run bench -w @path/kit-image-sd -- [calls=100]
 */
import { fork } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { createOpenAICompatible, generateImage, openAICompatiblePresets } from "@path/core";
import OpenAI from "openai";

const calls = Number(process.argv[2] ?? 100);
const tsx = createRequire(import.meta.url).resolve("tsx");
const child = fork(fileURLToPath(new URL("./fake-openai-process.ts", import.meta.url)), {
  execArgv: ["--conditions=@path/source", "--import", tsx],
});
const { url } = await new Promise<{ url: string }>((resolve) =>
  child.once("message", resolve as never),
);

const prompt = "a red lantern, spring festival";
const raw = new OpenAI({ apiKey: "sk-bench", baseURL: url, maxRetries: 0 });
const preset = openAICompatiblePresets.find((candidate) => candidate.id === "openai")!;
const model = createOpenAICompatible(preset, { apiKey: "sk-bench", baseURL: url }).imageModel!(
  "dall-e-2",
);

const contenders = {
  "raw openai": async () => {
    const response = await raw.images.generate({
      model: "dall-e-2",
      prompt,
      n: 1,
      size: "256x256",
      response_format: "b64_json",
    });
    return Buffer.from(response.data![0]!.b64_json!, "base64").length;
  },
  core: async () => {
    const result = await generateImage({ model, prompt, size: "256x256" });
    return result.images[0]!.bytes.length;
  },
};
type Name = keyof typeof contenders;
const names = Object.keys(contenders) as Name[];

const samples = new Map<Name, number[]>(names.map((name) => [name, []]));
for (let warm = 0; warm < 10; warm++) for (const name of names) await contenders[name]();
for (let call = 0; call < calls; call++) {
  const order = call % 2 === 0 ? names : [...names].reverse();
  for (const name of order) {
    const start = performance.now();
    await contenders[name]();
    samples.get(name)!.push(performance.now() - start);
  }
}
child.disconnect();

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const p90 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.9) - 1]!;
const rawMedian = median(samples.get("raw openai")!);
const coreMedian = median(samples.get("core")!);
console.log(
  `${calls} calls each, 256x256 dall-e-2 b64 from a fake in another process, alternating`,
);
for (const name of names) {
  const values = samples.get(name)!;
  console.log(
    `${name.padEnd(11)} median ${median(values).toFixed(2)} ms   p90 ${p90(values).toFixed(2)} ms`,
  );
}
console.log(
  `core overhead per image: ${(coreMedian - rawMedian).toFixed(2)} ms (${(coreMedian / rawMedian).toFixed(3)}x raw)`,
);
