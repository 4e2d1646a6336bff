import { Call, type CallOptions } from "../call.js";
import { AbortedError, StreamCutError } from "../errors.js";
import type { Cost } from "../events.js";
import { resolveModel } from "../registry.js";
import { withRetry } from "../retry.js";
import type { FinishReason, TextModel, TextStreamPart, Usage, Warning } from "../spec/index.js";
import { type PromptOptions, toMessages } from "./prompt.js";
import { type SamplingOptions, textRequest } from "./text-request.js";

export interface StreamTextOptions extends CallOptions, PromptOptions, SamplingOptions {
  model?: string | TextModel;
}

export interface StreamTextFinal {
  text: string;
  finishReason: FinishReason;
  usage: Usage;
  cost?: Cost;
  warnings: Warning[];
  provider: string;
  modelId: string;
  durationMs: number;
  /** From the start of the call to the first piece of text. */
  timeToFirstTokenMs?: number;
}

export interface StreamTextResult {
  /** Just the new text, piece by piece. */
  textStream: AsyncIterable<string>;
  /** Every part: start (with warnings), text deltas, finish (with usage). */
  fullStream: AsyncIterable<TextStreamPart>;
  /** Resolves when the stream ends. Rejects with StreamCutError / AbortedError, which keep the partial text. */
  final: Promise<StreamTextFinal>;
  text: Promise<string>;
  usage: Promise<Usage>;
}

const defaultTimeoutMs = 60_000;

/**
 * Ask a model and read the answer as it is written. The call starts at once; iterate
 * `textStream` (or `fullStream`), or just await `final`.
 */
export function streamText(options: StreamTextOptions): StreamTextResult {
  const parts: TextStreamPart[] = [];
  const waiting: (() => void)[] = [];
  let ended = false;
  let failure: Error | undefined;
  const wakeAll = () => {
    for (const wake of waiting.splice(0)) wake();
  };
  const push = (part: TextStreamPart) => {
    parts.push(part);
    wakeAll();
  };

  const final = run(options, push).catch((error: Error) => {
    failure = error;
    throw error;
  });
  final
    .finally(() => {
      ended = true;
      wakeAll();
    })
    .catch(() => {});

  /** Each iteration reads the parts from the start, so text and full streams can both be read. */
  function reader<T>(pick: (part: TextStreamPart) => T | undefined): AsyncIterableIterator<T> {
    let index = 0;
    const iterator: AsyncIterableIterator<T> = {
      async next(): Promise<IteratorResult<T>> {
        for (;;) {
          while (index < parts.length) {
            const value = pick(parts[index++]!);
            if (value !== undefined) return { value, done: false };
          }
          if (ended) {
            if (failure) throw failure;
            return { value: undefined, done: true };
          }
          await new Promise<void>((resolve) => waiting.push(resolve));
        }
      },
      async return(): Promise<IteratorResult<T>> {
        index = Number.POSITIVE_INFINITY;
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  const text = final.then((value) => value.text);
  const usage = final.then((value) => value.usage);
  for (const promise of [text, usage]) promise.catch(() => {});
  return {
    textStream: {
      [Symbol.asyncIterator]: () =>
        reader((part) => (part.type === "text-delta" ? part.delta : undefined)),
    },
    fullStream: { [Symbol.asyncIterator]: () => reader((part) => part) },
    final,
    text,
    usage,
  };
}

async function run(
  options: StreamTextOptions,
  push: (part: TextStreamPart) => void,
): Promise<StreamTextFinal> {
  const messages = toMessages(options);
  const model = await resolveModel("text", options.model);
  const call = new Call("text", model.provider, model.modelId, options, defaultTimeoutMs);

  // Failures before the first part are retried like any call; after it, text was shown and a
  // retry would repeat it, so the partial answer is kept and the error says it was cut.
  const opened = await withRetry(
    async () => {
      const deadline = call.deadline();
      try {
        const stream = await model.doStream(
          textRequest(messages, options, call.settings(deadline)),
        );
        const iterator = stream[Symbol.asyncIterator]();
        return { iterator, first: await iterator.next(), deadline };
      } catch (error) {
        deadline.clear();
        throw call.mapError(error, deadline);
      }
    },
    {
      maxRetries: options.maxRetries,
      signal: options.signal,
      onRetry: ({ attempt, delayMs, error }) =>
        call.emit({ type: "retry", attempt, delayMs, error }),
    },
  ).catch((error: Error) => {
    call.fail(error);
    throw error;
  });

  const { iterator, deadline } = opened;
  let next = opened.first;
  let text = "";
  let warnings: Warning[] = [];
  let finish: Extract<TextStreamPart, { type: "finish" }> | undefined;
  let timeToFirstTokenMs: number | undefined;
  try {
    while (!next.done) {
      const part = next.value;
      deadline.touch();
      if (part.type === "text-delta") {
        timeToFirstTokenMs ??= call.durationMs;
        text += part.delta;
      } else if (part.type === "start") warnings = part.warnings;
      else finish = part;
      push(part);
      next = await iterator.next();
    }
    if (!finish) throw new Error("the stream ended before the model finished");
  } catch (error) {
    const mapped = call.mapError(error, deadline);
    const kept =
      mapped instanceof AbortedError
        ? new AbortedError(text)
        : new StreamCutError(model.provider, text, mapped);
    call.fail(kept);
    throw kept;
  } finally {
    deadline.clear();
  }
  const cost = call.finish(finish.usage);
  return {
    text,
    finishReason: finish.finishReason,
    usage: finish.usage,
    cost,
    warnings,
    provider: model.provider,
    modelId: model.modelId,
    durationMs: call.durationMs,
    timeToFirstTokenMs,
  };
}
