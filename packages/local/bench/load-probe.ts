/**
 * Run by the benchmark in a fresh process: load one side (raw node-llama-cpp or the local
 * provider) up to its first token, and report the time and the process's peak memory.
 *
 *   tsx --conditions=@path/source bench/load-probe.ts <raw|local> <model.gguf> <threads>
 */
import { getLlama, LlamaChatSession } from "node-llama-cpp";
import { createLocalProvider } from "../src/index.js";
import { contextSize, question, system } from "./bench-model.js";

const [side, modelPath, threadsText] = process.argv.slice(2) as [string, string, string];
const threads = Number(threadsText);
const started = performance.now();
if (side === "raw") {
  const llama = await getLlama({
    gpu: false,
    build: "never",
    maxThreads: threads,
    logger: () => {},
  });
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize, threads });
  const session = new LlamaChatSession({
    contextSequence: context.getSequence(),
    systemPrompt: system,
  });
  await session.prompt(question(0), { maxTokens: 1, temperature: 0 });
} else {
  const local = createLocalProvider({ threads, gpu: false, contextSize, download: false });
  await local.textModel(modelPath).doGenerate({
    messages: [
      { role: "system", content: system },
      { role: "user", content: question(0) },
    ],
    maxOutputTokens: 1,
    temperature: 0,
  });
}
const loadMs = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ loadMs, peakRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);
process.exit(0);
