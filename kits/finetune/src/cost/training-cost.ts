import { InvalidInputError } from "@path/core";
import { countExampleTokens } from "../dataset/count-tokens.js";
import { readChatJsonl } from "../dataset/read-chat-jsonl.js";
import { trainingPricePerMillion } from "./training-price.js";

export interface TrainingCostEstimate {
  model: string;
  examples: number;
  tokensPerEpoch: number;
  epochs: number;
  trainedTokens: number;
  pricePerMillionUsd?: number;
  usd?: number;
  note?: string;
}

/** OpenAI picks the epochs itself unless told (`auto`); 3 is what it picks for most small sets. */
export const defaultEpochs = 3;

/** What training on a chat JSONL file would cost: tokens counted as OpenAI counts them, times epochs, times the price. */
export async function estimateTrainingCost(options: {
  file: string;
  model: string;
  epochs?: number;
}): Promise<TrainingCostEstimate> {
  let examples = 0;
  let tokensPerEpoch = 0;
  for await (const item of readChatJsonl(options.file)) {
    if ("error" in item) {
      throw new InvalidInputError(
        `${options.file} line ${item.line}: ${item.error}. Run npm run finetune -- check ${options.file}`,
      );
    }
    examples += 1;
    tokensPerEpoch += countExampleTokens(item.example);
  }
  const epochs = options.epochs ?? defaultEpochs;
  const trainedTokens = tokensPerEpoch * epochs;
  const price = trainingPricePerMillion(options.model);
  const notes = [
    options.epochs === undefined
      ? `${defaultEpochs} epochs assumed (the vendor picks them by data size unless you set --epochs)`
      : "",
    price === undefined
      ? `the training price of ${options.model} is not known here: multiply ${trainedTokens} training tokens by its price per token`
      : "",
  ].filter(Boolean);
  return {
    model: options.model,
    examples,
    tokensPerEpoch,
    epochs,
    trainedTokens,
    ...(price === undefined
      ? {}
      : { pricePerMillionUsd: price, usd: (trainedTokens / 1_000_000) * price }),
    ...(notes.length ? { note: notes.join("; ") } : {}),
  };
}
