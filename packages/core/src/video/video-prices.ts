/**
 * Estimated video prices, per second of video, for the price a kit shows before a paid job and
 * the daily cap `GENAI_VIDEO_BUDGET`. Vendors price by second, clip or credit and change it
 * often: each list carries the month it was written and the page to check. A model missing here
 * gets no estimate (and the kit says so) rather than a wrong one.
 */
import { readSetting } from "../config.js";
import { PathError } from "../errors.js";
import type { Cost } from "../events.js";
import type { JobRecord } from "../jobs/job-record.js";

interface VideoPriceList {
  source: string;
  checked: string;
  /** `"provider:modelId"` → USD per second of video at the default resolution. */
  models: Record<string, number>;
}

// Written in December 2026 (git log -- this file), as listed on these pages.
const lists: VideoPriceList[] = [
  {
    source: "https://openai.com/api/pricing/",
    checked: "2026-12",
    models: { "openai:sora-2": 0.1, "openai:sora-2-pro": 0.3 },
  },
  {
    // Credits at $0.01 each: gen4_turbo 5 credits/s, gen4.5 12, veo3.1 up to 40 (with audio),
    // veo3.1_fast up to 15; the higher figure where audio changes it.
    source: "https://docs.dev.runwayml.com/guides/pricing/",
    checked: "2026-12",
    models: {
      "runway:gen4_turbo": 0.05,
      "runway:gen4.5": 0.12,
      "runway:veo3.1": 0.4,
      "runway:veo3.1_fast": 0.15,
    },
  },
  {
    // fal's price for Wan 2.2 A14B at 720p, its default (480p: $0.04/s).
    source: "https://fal.ai/models/fal-ai/wan/v2.2-a14b/image-to-video",
    checked: "2026-12",
    models: { "hf:Wan-AI/Wan2.2-T2V-A14B": 0.08, "hf:Wan-AI/Wan2.2-I2V-A14B": 0.08 },
  },
];

const prices = new Map<string, { perSecond: number; source: string; checked: string }>(
  lists.flatMap((list) =>
    Object.entries(list.models).map(([model, perSecond]) => [
      model,
      { perSecond, source: list.source, checked: list.checked },
    ]),
  ),
);

/** Providers that run on the user's own machine or GPU. */
const freeProviders = new Set(["comfyui", "gradio", "local"]);

/** Add or replace per-second prices (`"provider:modelId"` → USD per second). */
export function setVideoPrices(perSecond: Record<string, number>, source = "set by the app"): void {
  for (const [model, price] of Object.entries(perSecond)) {
    prices.set(model, { perSecond: price, source, checked: new Date().toISOString().slice(0, 7) });
  }
}

/** The estimated price of `seconds` of video, or undefined when the price is not known. */
export function estimateVideoCost(
  provider: string,
  modelId: string,
  seconds: number,
): Cost | undefined {
  if (freeProviders.has(provider)) return { amount: 0, currency: "USD" };
  const price = prices.get(`${provider}:${modelId}`);
  if (!price) return undefined;
  return {
    amount: Math.round(price.perSecond * seconds * 10_000) / 10_000,
    currency: "USD",
    priceChecked: price.checked,
    priceSource: price.source,
  };
}

/**
 * Refuses a job that would take today's estimated video spend over `GENAI_VIDEO_BUDGET` (USD).
 * Today's spend is the estimates of the jobs submitted since local midnight.
 */
export function checkVideoBudget(records: readonly JobRecord[], cost: Cost | undefined): void {
  const setting = readSetting("GENAI_VIDEO_BUDGET");
  if (setting === undefined || !cost?.amount) return;
  const budget = Number(setting);
  if (!(budget >= 0)) {
    throw new PathError(
      "invalid-setting",
      `GENAI_VIDEO_BUDGET is "${setting}"; set it to a number of US dollars per day, e.g. 5.`,
    );
  }
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  const spent = records
    .filter((record) => record.job === "video" && record.providerJobId !== undefined)
    .filter((record) => Date.parse(record.createdAt) >= midnight.getTime())
    .reduce((sum, record) => sum + (record.estimatedCostUsd ?? 0), 0);
  if (spent + cost.amount > budget + 1e-9) {
    throw new PathError(
      "video-budget",
      `This video's estimated $${cost.amount.toFixed(2)} would take today's video spend to $${(spent + cost.amount).toFixed(2)}, over GENAI_VIDEO_BUDGET=${budget}. Raise the budget or wait until tomorrow.`,
    );
  }
}
