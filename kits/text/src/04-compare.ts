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
  printJson,
  readStdin,
  stdinIsPiped,
  UsageError,
} from "@path/kit-cli";
import { renderTable } from "./compare-table.js";
import { answerJson } from "./shared/answer-json.js";
import { parseQuestArgs, samplingFrom, samplingHelp } from "./shared/args.js";
import { formatCost } from "./shared/summary.js";
import { textHint } from "./shared/text-hint.js";

export const help = `Usage: npm run text -- compare "<prompt>" --model <a> --model <b> ... [options]
       npm run text -- compare "<prompt>" --models <a>,<b>,...

Options:
  -m, --model <provider:model>  a model to ask (repeat for each)
      --models <a,b,...>        the same, comma-separated
      --full                    show whole answers instead of one line each
${samplingHelp}`;

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
  const sampling = samplingFrom(values);
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
    printJson(
      rows.map((row) =>
        row.result
          ? { model: row.model, ...answerJson(row.result), latencyMs: row.latencyMs }
          : {
              model: row.model,
              error: errorMessage(row.error, textHint),
              latencyMs: row.latencyMs,
            },
      ),
    );
  } else {
    const table = rows.map((row) => [
      row.model,
      row.result ? row.result.text : `error: ${errorMessage(row.error, textHint)}`,
      formatDuration(row.latencyMs),
      row.result ? tokens(row.result) : "",
      row.result?.cost ? formatCost(row.result.cost) : "",
    ]);
    const headers = [
      { title: "model" },
      { title: "answer", flexible: true },
      { title: "latency", alignRight: true },
      { title: "tokens in/out", alignRight: true },
      { title: "cost" },
    ];
    const totalWidth = process.stdout.columns ?? 120;
    process.stdout.write(
      renderTable(headers, table, {
        totalWidth,
        full: values.full ?? false,
        wrapRow: (index) => rows[index]?.error !== undefined, // errors are shown whole
      }),
    );
  }
  if (cancel.signal.aborted) return 130;
  return rows.every((row) => row.error !== undefined) ? 1 : 0;
}

function tokens(result: GenerateTextResult): string {
  return `${result.usage.inputTokens ?? "?"}/${result.usage.outputTokens ?? "?"}`;
}
