import type { StreamTextFinal } from "@path/core";
import { roundCost } from "./cost.js";

/** The fields `--json` prints for one answer, the same for every quest. */
export function answerJson(answer: Omit<StreamTextFinal, "warnings"> & { object?: unknown }) {
  return {
    text: answer.text,
    ...(answer.object === undefined ? {} : { object: answer.object }),
    provider: answer.provider,
    modelId: answer.modelId,
    usage: answer.usage,
    cost: answer.cost ? roundCost(answer.cost) : null,
    durationMs: answer.durationMs,
    ...(answer.timeToFirstTokenMs === undefined
      ? {}
      : { timeToFirstTokenMs: answer.timeToFirstTokenMs }),
    finishReason: answer.finishReason,
  };
}
