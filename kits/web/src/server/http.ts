import type { IncomingMessage, ServerResponse } from "node:http";

/** A request refused with a status and one line that says what to do. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  response.end(body);
}

export function sendError(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  sendJson(response, status, { error: { message } });
}

/** The body as JSON, refused past `limitBytes` (413) or when it is not JSON (400). */
export async function readJson<T>(request: IncomingMessage, limitBytes: number): Promise<T> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return {} as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new HttpError(400, "The request body is not JSON.");
  }
}

function tooLarge(limitBytes: number): HttpError {
  return new HttpError(
    413,
    `The request is larger than ${Math.round(limitBytes / 2 ** 20)} MB: send less text (attach long documents through the rag kit instead).`,
  );
}

/** Server-sent events: one `event:` and one JSON `data:` line per message. */
export function startEvents(response: ServerResponse): (event: string, data: unknown) => void {
  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    connection: "keep-alive",
  });
  return (event, data) => {
    if (!response.writableEnded)
      response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
}

/** Aborted when the client goes away (a closed tab, the stop button). */
export function disconnectSignal(request: IncomingMessage, response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.on("close", () => {
    if (!response.writableFinished) controller.abort();
  });
  request.on("aborted", () => controller.abort());
  return controller.signal;
}
