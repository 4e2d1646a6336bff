import { resolveModel, type TextModel } from "@path/core";
import { modelFlag, parseIntegerFlag, UsageError } from "@path/kit-cli";
import { contextTokensFor } from "../answer/context-window.js";
import { type Retriever, retrievers } from "../index/search.js";
import { indexFlags } from "./index-option.js";

/** Flags of the quests that retrieve and answer: ask and chat. */
export const answerFlags = {
  ...indexFlags,
  ...modelFlag,
  "embed-model": { type: "string" },
  retriever: { type: "string", short: "r" },
  top: { type: "string", short: "k" },
  rerank: { type: "boolean" },
  context: { type: "string" },
} as const;

export const answerHelp = `  -m, --model <provider:model>      the chat model (default: GENAI_TEXT_MODEL, else the default text model)
      --embed-model <provider:model> embeds the question (default: the model the index was built with)
  -r, --retriever <bm25|vector|hybrid>  how passages are found (default: hybrid)
  -k, --top <n>                     passages given to the model (default: 5)
      --rerank                      let the chat model reorder 3×top candidates first (one more call)
      --context <tokens>            the chat model's context, when it is not a model this kit knows`;

export function topFlag(value: string | undefined): number {
  return parseIntegerFlag("top", value, 1, 100) ?? 5;
}

export function retrieverFlag(value: string | undefined): Retriever {
  const retriever = (value ?? "hybrid") as Retriever;
  if (!retrievers.includes(retriever)) {
    throw new UsageError(`--retriever is bm25, vector or hybrid, not "${value}"`);
  }
  return retriever;
}

export interface ChatModel {
  model: TextModel;
  contextTokens: number;
}

/** The chat model named (or the default) and how much it reads at once. */
export async function chatModel(values: {
  model?: string | undefined;
  context?: string | undefined;
}): Promise<ChatModel> {
  const model = await resolveModel("text", values.model);
  const contextTokens =
    parseIntegerFlag("context", values.context, 256, 10_000_000) ?? contextTokensFor(model.modelId);
  return { model, contextTokens };
}
