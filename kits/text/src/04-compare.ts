/**
 * Quest 4 — one prompt, several models.
 *
 *   npm run text -- compare "用一句话解释量子计算" --models openai:gpt-4o-mini,deepseek:deepseek-chat
 *   npm run text -- compare "Write a haiku" -m ollama:qwen2.5:0.5b -m qwen:qwen-plus --full
 *
 * All models are asked at once; the table shows each answer with its latency, tokens and
 * estimated cost. A model that fails shows its error in its row; the others carry on.
 */
import { type GenerateTextResult, generateText } from "@path/core";
import {
  cancelOnCtrlC,
  dim,
  errorMessage,
  formatDuration,
  formatTable,
  printJson,
  readStdin,
  stdinIsPiped,
  UsageError,
} from "@path/kit-cli";
import { answerJson } from "./shared/answer-json.js";
import { callSettingsFrom, parseQuestArgs, samplingHelp } from "./shared/args.js";
import { formatCost } from "./shared/cost.js";
import { textHint } from "./shared/text-hint.js";

export const help = `Usage: npm run text -- compare "<prompt>" --model <a> --model <b> ... [options]
       npm run text -- compare "<prompt>" --models <a>,<b>,...

Options:
  -m, --model <provider:model>  a model to ask (repeat for each)
      --models <a,b,...>        the same, comma-separated
      --full                    show whole answers instead of one line each
${samplingHelp}

With --json: { "prompt": "…", "answers": [ { "model", "text", "usage", "cost", …, "latencyMs" }
or { "model", "error", "latencyMs" } for a model that failed ] }`;

interface Row {
  model: string;
  latencyMs: number;
  result?: GenerateTextResult;
  error?: unknown;
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseQuestArgs(argv, {
    model: { type: "string", short: "m", multiple: true },
    models: { type: "string" },
    full: { type: "boolean" },
  });
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const named = [...(values.model ?? []), ...(values.models?.split(",") ?? [])];
  const models = [...new Set(named.map((model) => model.trim()).filter(Boolean))];
  const sampling = callSettingsFrom(values); // a wrong value stops here, before any call
  if (models.length === 0)
    throw new UsageError("name the models: --models openai:gpt-4o-mini,ollama:qwen2.5:0.5b");
  let prompt: string;
  if (positionals.length > 0) prompt = positionals.join(" ");
  else if (stdinIsPiped()) prompt = await readStdin();
  else throw new UsageError('give a prompt: npm run text -- compare "your question" --models a,b');

  if (!values.json)
    process.stderr.write(
      dim(`asking ${models.length === 1 ? "1 model" : `${models.length} models at once`}…\n`),
    );
  const cancel = cancelOnCtrlC();
  const rows = await Promise.all(
    models.map(async (model): Promise<Row> => {
      const startedAt = performance.now();
      const latency = () => Math.round(performance.now() - startedAt);
      try {
        const result = await generateText({ model, prompt, ...sampling, signal: cancel.signal });
        return { model, result, latencyMs: latency() };
      } catch (error) {
        return { model, error, latencyMs: latency() };
      }
    }),
  ).finally(() => cancel.dispose());

  if (values.json) {
    const answers = rows.map((row) =>
      row.result
        ? { model: row.model, ...answerJson(row.result), latencyMs: row.latencyMs }
        : { model: row.model, error: errorMessage(row.error, textHint), latencyMs: row.latencyMs },
    );
    printJson({ prompt, answers });
  } else {
    const table = rows.map((row) => [
      row.model,
      row.result ? row.result.text : `error: ${errorMessage(row.error, textHint)}`,
      formatDuration(row.latencyMs),
      row.result ? tokens(row.result) : "",
      row.result?.cost ? formatCost(row.result.cost) : "",
    ]);
    const lines = formatTable(table, {
      header: ["model", "answer", "latency", "tokens in/out", "cost"],
      columns: [{}, { flexible: true }, { alignRight: true }, { alignRight: true }],
      separator: " │ ",
      rule: true,
      totalWidth: process.stdout.columns ?? 120,
      // An answer fits on one line unless --full; an error is always shown whole.
      wrapRow: (index) => values.full === true || rows[index]?.error !== undefined,
    });
    process.stdout.write(`${lines}\n`);
  }
  if (cancel.signal.aborted) return 130;
  return rows.every((row) => row.error !== undefined) ? 1 : 0;
}

function tokens(result: GenerateTextResult): string {
  return `${result.usage.inputTokens ?? "?"}/${result.usage.outputTokens ?? "?"}`;
}
