import type { Cost } from "@path/core";

/** `≈ $0.00042`, `≈ ¥0.12`, or `free` for a model on this machine. */
export function costText(cost: Cost | undefined): string {
  if (!cost) return "unknown";
  if (cost.amount === 0) return "free";
  const symbol = cost.currency === "CNY" ? "¥" : "$";
  return `≈ ${symbol}${cost.amount.toLocaleString("en-US", { maximumSignificantDigits: 2 })}`;
}
