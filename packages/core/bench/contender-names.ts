/**
 * The contenders' names, apart from contenders.ts: that file loads core's built output, which
 * does not exist until run-all.ts has built it.
 */
export const contenderNames = ["raw openai", "core", "ai-sdk"] as const;

export type ContenderName = (typeof contenderNames)[number];
