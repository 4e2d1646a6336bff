import type { Cost } from "@path/core";

/**
 * A cost with its amount at 4 significant digits: prices times token counts carry binary float
 * noise (`0.0000057000000000000005`), and an estimate is not worth more digits than that.
 */
export function roundCost(cost: Cost): Cost {
  return { ...cost, amount: Number(cost.amount.toPrecision(4)) };
}

/** An estimate from core's price table: `≈ $0.000026`, `≈ ¥0.0031`, `≈ $12`, or `free` for local models. */
export function formatCost(cost: Cost): string {
  if (cost.amount === 0) return "free";
  const symbol = cost.currency === "CNY" ? "¥" : "$";
  if (cost.amount < 0.000001) return `< ${symbol}0.000001`;
  const digits = cost.amount < 0.01 ? 6 : 4;
  return `≈ ${symbol}${cost.amount.toFixed(digits).replace(/\.?0+$/, "")}`;
}
