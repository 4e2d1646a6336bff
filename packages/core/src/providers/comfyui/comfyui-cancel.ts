import type { ComfyUIClient } from "./comfyui-client.js";

type QueueItem = [number, string, ...unknown[]];

/**
 * Takes an abandoned prompt off the server: interrupted if it is running (only ours — another
 * person's prompt is never touched), deleted from the queue if it is waiting. Best effort,
 * bounded to a few seconds, never throws.
 */
export async function cancelPrompt(client: ComfyUIClient, promptId: string): Promise<void> {
  const signal = AbortSignal.timeout(3000);
  try {
    const queue = await client.get<{ queue_running?: QueueItem[] }>("/queue", signal);
    const running = (queue.queue_running ?? []).some((item) => item[1] === promptId);
    if (running) await client.send("/interrupt", { prompt_id: promptId }, signal);
    else await client.send("/queue", { delete: [promptId] }, signal);
  } catch {
    // The server is gone or busy: nothing more to do.
  }
}
