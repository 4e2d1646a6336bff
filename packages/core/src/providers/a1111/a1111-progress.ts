import { setTimeout as sleep } from "node:timers/promises";
import type { Progress } from "../../spec/index.js";
import type { A1111Client } from "./a1111-client.js";

interface ProgressReply {
  progress?: number;
  eta_relative?: number;
  state?: { sampling_step?: number; sampling_steps?: number; job?: string };
}

/**
 * Asks `/sdapi/v1/progress` every `intervalMs` until `stop` aborts, reporting steps and ETA.
 * WebUI answers it while txt2img is still running. A failed poll is skipped: progress is extra.
 */
export async function pollA1111Progress(
  client: A1111Client,
  onProgress: (progress: Progress) => void,
  stop: AbortSignal,
): Promise<void> {
  let last = -1;
  while (!stop.aborted) {
    await sleep(client.progressIntervalMs, undefined, { signal: stop }).catch(() => {});
    if (stop.aborted) return;
    const reply = await client
      .get<ProgressReply>("/sdapi/v1/progress?skip_current_image=true", stop)
      .catch(() => undefined);
    if (!reply || stop.aborted) continue;
    const fraction = reply.progress ?? 0;
    const step = reply.state?.sampling_step ?? 0;
    const steps = reply.state?.sampling_steps ?? 0;
    if (fraction <= 0 || fraction === last) continue;
    last = fraction;
    onProgress({
      fraction: Math.min(1, fraction),
      etaSeconds: reply.eta_relative,
      message: steps ? `step ${step}/${steps}` : "generating",
    });
  }
}
