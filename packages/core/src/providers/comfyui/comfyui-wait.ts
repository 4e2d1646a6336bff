import { setTimeout as sleep } from "node:timers/promises";
import { JobFailedError, TimeoutError } from "../../errors.js";
import type { ComfyFileRef, ComfyUIClient } from "./comfyui-client.js";
import type { ComfySocket } from "./comfyui-socket.js";

/** `/history/{id}`'s entry for a finished prompt. */
export interface HistoryEntry {
  outputs?: Record<string, { images?: ComfyFileRef[] }>;
  status?: {
    status_str?: string;
    completed?: boolean;
    messages?: [string, Record<string, unknown>][];
  };
}

/**
 * Waits for a queued prompt: over the WebSocket when there is one, else (or when it drops) by
 * polling `/history/{id}`, which stays `{}` until the prompt has finished. Bounded by
 * `maxWaitMs` and the caller's signal; a failed prompt is a JobFailedError.
 */
export async function waitForPrompt(
  client: ComfyUIClient,
  socket: ComfySocket | undefined,
  promptId: string,
  signal?: AbortSignal,
): Promise<HistoryEntry> {
  const { maxWaitMs, pollIntervalMs } = client.settings;
  const deadline = AbortSignal.timeout(maxWaitMs);
  const wait = signal ? AbortSignal.any([signal, deadline]) : deadline;
  const stopped = () => {
    signal?.throwIfAborted();
    if (deadline.aborted) throw new TimeoutError("comfyui", maxWaitMs);
  };
  if (socket) {
    const outcome = await socket.outcome(promptId, wait);
    stopped();
    if (outcome.kind === "failed") throw new JobFailedError("comfyui", promptId, outcome.message);
  }
  for (;;) {
    const entry = await fetchEntry(client, promptId, wait).catch((error: unknown) => {
      stopped();
      throw error;
    });
    if (entry) return checked(entry, promptId);
    await sleep(pollIntervalMs, undefined, { signal: wait }).catch(() => {});
    stopped();
  }
}

async function fetchEntry(
  client: ComfyUIClient,
  promptId: string,
  signal: AbortSignal,
): Promise<HistoryEntry | undefined> {
  const history = await client.get<Record<string, HistoryEntry>>(
    `/history/${encodeURIComponent(promptId)}`,
    signal,
  );
  return history[promptId];
}

function checked(entry: HistoryEntry, promptId: string): HistoryEntry {
  if (entry.status?.status_str !== "error") return entry;
  const failure = entry.status.messages?.find(
    ([type]) => type === "execution_error" || type === "execution_interrupted",
  );
  const data = failure?.[1] ?? {};
  const message =
    failure?.[0] === "execution_interrupted"
      ? "the prompt was interrupted on the server"
      : `${data.node_type ? `${data.node_type}: ` : ""}${String(data.exception_message ?? "failed")}`;
  throw new JobFailedError("comfyui", promptId, message);
}

/** The saved pictures of a finished prompt (SaveImage's `output`; previews only if none). */
export function outputImages(entry: HistoryEntry): ComfyFileRef[] {
  const all = Object.values(entry.outputs ?? {}).flatMap((output) => output.images ?? []);
  const saved = all.filter((image) => image.type === "output");
  return saved.length ? saved : all;
}
