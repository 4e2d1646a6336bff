import type { Progress } from "../../spec/index.js";

/** The parts of a `@gradio/client` status event that say how far a job is. */
export interface GradioStatus {
  stage: string;
  position?: number;
  size?: number;
  eta?: number;
  original_msg?: string;
  progress_data?: {
    progress: number | null;
    index: number | null;
    length: number | null;
    unit: string | null;
    desc: string | null;
  }[];
}

/**
 * A status event as a Progress: queue rank and ETA from `estimation`, "running" from
 * `process_starts`, steps from `progress` (gr.Progress / tqdm). Rank 0 is first in line.
 */
export function progressFromStatus(status: GradioStatus): Progress | undefined {
  const step = status.progress_data?.[0];
  if (step) {
    const fraction =
      step.progress ??
      (step.index !== null && step.length ? (step.index + 1) / step.length : undefined);
    const counted =
      step.index !== null && step.length
        ? `${step.index + 1}/${step.length} ${step.unit ?? ""}`.trim()
        : undefined;
    return {
      fraction: fraction === undefined ? undefined : Math.min(1, fraction),
      message: step.desc ?? counted ?? "running",
      etaSeconds: status.eta,
    };
  }
  if (status.original_msg === "process_starts")
    return { message: "running", etaSeconds: status.eta };
  if (status.stage === "pending" && status.position !== undefined) {
    return {
      message: "queued",
      queuePosition: status.position + 1,
      etaSeconds: status.eta ?? undefined,
    };
  }
  if (status.stage === "generating") return { message: "generating" };
  return undefined;
}
