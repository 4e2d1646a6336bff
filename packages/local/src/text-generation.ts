/**
 * One chat generation on a pooled model: history conversion and fitting, JSON grammar,
 * sampling settings, then `LlamaChat.generateResponse` on the model's queue. Everything that
 * can fail for a bad request fails in `prepareGeneration`, before any text is produced.
 */
import { AbortedError, InvalidInputError } from "@path/core";
import type { FinishReason, TextCallOptions, Usage, Warning } from "@path/core/spec";
import type { ChatHistoryItem, LlamaChat, LlamaGrammar } from "node-llama-cpp";
import { toChatHistory } from "./chat-history.js";
import { fitToContext } from "./fit-context.js";
import { grammarFor } from "./grammar-cache.js";
import { readLocalCallOptions } from "./local-call-options.js";
import type { PooledModel } from "./model-pool.js";

export interface PreparedGeneration {
  warnings: Warning[];
  /** Runs on the model's queue; `onDelta` gets each piece of text as it is written. */
  run(onDelta: (delta: string) => void, signal: AbortSignal | undefined): Promise<GenerationResult>;
}

export interface GenerationResult {
  text: string;
  finishReason: FinishReason;
  usage: Usage;
}

/** Room for an answer when the caller sets no maxOutputTokens. */
const defaultAnswerReserve = 1024;

export async function prepareGeneration(
  pooled: PooledModel,
  options: TextCallOptions,
  modelName: string,
): Promise<PreparedGeneration> {
  if (options.messages.length === 0)
    throw new InvalidInputError("messages is empty: give at least one message.");
  const { sampling, warnings: optionWarnings } = readLocalCallOptions(options);
  const { history, warnings: historyWarnings } = toChatHistory(options.messages);
  const chat = await pooled.chat();
  const grammar = options.responseFormat
    ? await grammarFor(pooled.llama, options.responseFormat)
    : undefined;
  const contextSize = chat.context.contextSize;
  const fitted = fitToContext(history, {
    countTokens: (items) => promptTokens(chat, items),
    contextSize,
    reserveForOutput: options.maxOutputTokens ?? defaultAnswerReserve,
    modelName,
  });
  const room = contextSize - fitted.inputTokens;
  const maxTokens = Math.min(options.maxOutputTokens ?? room, room);

  return {
    warnings: [
      ...optionWarnings,
      ...historyWarnings,
      ...(grammar?.warnings ?? []),
      ...fitted.warnings,
    ],
    run: (onDelta, signal) =>
      pooled.queue.run(
        () =>
          generate(chat, [...fitted.history, { type: "model", response: [] }], {
            onDelta,
            signal,
            maxTokens,
            grammar: grammar?.grammar,
            options,
            sampling,
            inputTokens: fitted.inputTokens,
          }),
        signal,
        () => new AbortedError(),
      ),
  };
}

function promptTokens(chat: LlamaChat, history: ChatHistoryItem[]): number {
  const { contextText } = chat.chatWrapper.generateContextState({
    chatHistory: [...history, { type: "model", response: [] }],
  });
  return contextText.tokenize(chat.model.tokenizer).length;
}

interface GenerateSettings {
  onDelta: (delta: string) => void;
  signal: AbortSignal | undefined;
  maxTokens: number;
  grammar: LlamaGrammar | undefined;
  options: TextCallOptions;
  sampling: ReturnType<typeof readLocalCallOptions>["sampling"];
  inputTokens: number;
}

async function generate(
  chat: LlamaChat,
  history: ChatHistoryItem[],
  settings: GenerateSettings,
): Promise<GenerationResult> {
  const { options, sampling } = settings;
  const meter = chat.sequence.tokenMeter;
  const outputBefore = meter.usedOutputTokens;
  let written = "";
  try {
    const response = await chat.generateResponse(history, {
      onTextChunk: (text) => {
        written += text;
        settings.onDelta(text);
      },
      signal: settings.signal,
      maxTokens: settings.maxTokens,
      temperature: options.temperature,
      topP: options.topP,
      topK: sampling.topK,
      minP: sampling.minP,
      repeatPenalty:
        sampling.repeatPenalty === undefined ? undefined : { penalty: sampling.repeatPenalty },
      seed: options.seed,
      grammar: settings.grammar,
      customStopTriggers: options.stopSequences?.filter((stop) => stop !== ""),
    });
    const outputTokens = meter.usedOutputTokens - outputBefore;
    return {
      text: response.response,
      finishReason: finishReasonOf(response.metadata.stopReason),
      usage: {
        inputTokens: settings.inputTokens,
        outputTokens,
        totalTokens: settings.inputTokens + outputTokens,
      },
    };
  } catch (error) {
    if (settings.signal?.aborted) throw new AbortedError(written);
    throw error;
  }
}

function finishReasonOf(stopReason: string): FinishReason {
  if (stopReason === "maxTokens") return "length";
  if (stopReason === "functionCalls") return "tool-calls";
  if (stopReason === "abort") return "other";
  return "stop";
}
