/** Talking to the web kit's server (see the HTTP contract in the kit README). */

export interface ModelEntry {
  id: string;
  provider: string;
  kind: string;
  ready: boolean;
  why?: string;
}

export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
}

export interface Message {
  id: string;
  role: "user" | "assistant" | "system";
  content: string;
  model?: string;
  usage?: Usage;
  costUsd?: number | null;
  error?: string;
  stopped?: boolean;
  createdAt: string;
}

export interface ConversationSummary {
  id: string;
  title: string;
  model: string;
  updatedAt: string;
  messageCount: number;
}

export interface Conversation extends ConversationSummary {
  system?: string;
  messages: Message[];
}

export interface GalleryItem {
  path: string;
  kind: "image" | "audio" | "video";
  bytes: number;
  mtime: string | number;
  params: Record<string, unknown>;
  remake?: string;
}

export interface Source {
  n: number;
  path: string;
  lines: string;
  score: number;
  text: string;
}

/** The server's one-line error message, or the status when the body is not JSON. */
async function failure(response: Response): Promise<Error> {
  const body = (await response.json().catch(() => undefined)) as
    | { error?: { message?: string } }
    | undefined;
  return new Error(body?.error?.message ?? `${response.status} ${response.statusText}`);
}

export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** POST/PUT/DELETE with a JSON body: the server refuses state changes without this content type. */
export async function sendJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) throw await failure(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export interface StreamEvent {
  event: string;
  data: unknown;
}

/**
 * POST JSON and read the `text/event-stream` answer with a stream reader (EventSource cannot
 * POST). Yields each event as it arrives; aborting `signal` closes the request, which the server
 * takes as "stop the model".
 */
export async function* postEvents(
  path: string,
  body: unknown,
  signal: AbortSignal,
): AsyncGenerator<StreamEvent> {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok || !response.body) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n/g, "\n");
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const parsed = parseEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (parsed) yield parsed;
      end = buffer.indexOf("\n\n");
    }
  }
}

function parseEvent(block: string): StreamEvent | undefined {
  let event = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) event = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  if (data.length === 0) return undefined;
  const text = data.join("\n");
  try {
    return { event, data: JSON.parse(text) };
  } catch {
    return { event, data: text };
  }
}
