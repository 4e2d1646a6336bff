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
  // The vendors below do not publish a per-second API price page we could read; these are the
  // vendor's prices as quoted on the page named, at the default resolution. Check before relying.
  {
    // Alibaba Cloud Model Studio (international) Wan 2.6 at 720P, as quoted there.
    source: "https://lumenfall.ai/models/alibaba/wan-2.6",
    checked: "2026-12",
    models: { "qwen:wan2.6-t2v": 0.1, "qwen:wan2.6-i2v": 0.1 },
  },
  {
    // 0.14 元/s at 480P, the size picked by default, ≈ $0.02.
    source: "https://help.aliyun.com/zh/model-studio/text-to-video-api-reference",
    checked: "2026-12",
    models: { "qwen:wan2.2-t2v-plus": 0.02 },
  },
  {
    // MiniMax pay-as-you-go at 768P: Hailuo 02 ≈ $0.28 per 6 s clip, Hailuo 2.3 $0.0488/s, H3 $0.08/s.
    source:
      "https://docs.laozhang.ai (quoting https://platform.minimax.io/docs/guides/pricing-paygo)",
    checked: "2026-12",
    models: {
      "minimax:MiniMax-Hailuo-02": 0.047,
      "minimax:MiniMax-Hailuo-2.3": 0.0488,
      "minimax:MiniMax-H3": 0.08,
    },
  },
  {
    // Kling v2.5 turbo standard mode; Kling sells API resource packs at app.klingai.com/global/dev.
    source: "https://www.modellix.ai/blog/kling-api-pricing/",
    checked: "2026-12",
    models: {
      "kling:kling-v2-5-turbo": 0.05,
      "kling:kling-v2-1-master": 0.32,
      "kling:kling-v2-master": 0.32,
    },
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
