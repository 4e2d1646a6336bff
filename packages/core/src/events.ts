/**
 * What happens during a call, for progress bars, cost summaries and logs. Library code emits;
 * kits decide what a person sees.
 */
import type { Job, Progress, Usage } from "./spec/index.js";

interface EventBase {
  /** Unique per call, so listeners can match start/finish of concurrent calls. */
  callId: string;
  job: Job | "download";
  provider: string;
  modelId: string;
}

export type PathEvent =
  | (EventBase & { type: "start" })
  | (EventBase & { type: "retry"; attempt: number; delayMs: number; error: Error })
  | (EventBase & { type: "progress"; progress: Progress })
  | (EventBase & { type: "usage"; usage: Usage; cost?: Cost })
  | (EventBase & { type: "finish"; durationMs: number })
  | (EventBase & { type: "error"; durationMs: number; error: Error })
  | (EventBase & { type: "notice"; message: string });

/** An estimated price of one call, from the price table. */
export interface Cost {
  amount: number;
  currency: "USD" | "CNY";
  /** The month the price was read (`YYYY-MM`) and the page it was read from, when known. */
  priceChecked?: string;
  priceSource?: string;
}

export type EventListener = (event: PathEvent) => void;

const listeners = new Set<EventListener>();

/** Listen to every call's events. Returns a function that stops listening. */
export function onEvent(listener: EventListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Send an event to every listener and to the call's own `onEvent`. A failing listener is ignored. */
export function emitEvent(event: PathEvent, callListener?: EventListener): void {
  for (const listener of [...listeners, ...(callListener ? [callListener] : [])]) {
    try {
      listener(event);
    } catch {
      // A broken progress bar must not break the call.
    }
  }
}

let counter = 0;
export function newCallId(): string {
  counter += 1;
  return `call-${Date.now().toString(36)}-${counter}`;
}
