/** How a recorded video job is shown: short key, state, age, cost. Used by jobs, resume and info. */
import type { JobRecord } from "@path/core";

/** The first 8 hex of the request key: enough to name a job on the command line. */
export { shortKey } from "@path/core";

/** `queued`, `running 45%`, `succeeded`, `failed`, `saved`, `submitting`. */
export function stateText(record: JobRecord): string {
  if (record.state === "running" && record.progress !== undefined) {
    return `running ${Math.round(record.progress * 100)}%`;
  }
  return record.state;
}

/** `12 s`, `3 min`, `2 h`, `4 d`: how long ago the job was started. */
export function ageText(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(seconds)) return "?";
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

/** `$0.50`, `¥1.20`, `free`; "" when the price is not known. */
export function costText(cost: { amount: number; currency: string } | undefined): string {
  if (!cost) return "";
  if (cost.amount === 0) return "free";
  const symbol = cost.currency === "CNY" ? "¥" : "$";
  return `${symbol}${cost.amount < 0.01 ? Number(cost.amount.toPrecision(2)) : cost.amount.toFixed(2)}`;
}

/** The record's estimated cost, in USD as the store keeps it. */
export function recordCost(record: JobRecord): string {
  return record.estimatedCostUsd === undefined
    ? ""
    : costText({ amount: record.estimatedCostUsd, currency: "USD" });
}

/** What was asked, from the record: the prompt (or the input image's name when it had none). */
export function recordPrompt(record: JobRecord): string {
  const prompt = record.request.prompt;
  if (typeof prompt === "string" && prompt.trim()) return prompt;
  const image = record.request.image;
  return typeof image === "string" ? `(animate ${image})` : "";
}
