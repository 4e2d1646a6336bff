import type { ServerResponse } from "node:http";

interface Session {
  /** Messages waiting for the session's `/queue/data` stream to open. */
  buffered: string[];
  response: ServerResponse | undefined;
  /** Events joined but not yet completed (the real server's pending set). */
  pending: Set<string>;
}

/**
 * The SSE side of Gradio's queue (protocol `sse_v3`): one stream per `session_hash`, messages
 * buffered until it opens, and `close_stream` + end of response once nothing is pending.
 */
export class GradioSessions {
  private readonly sessions = new Map<string, Session>();

  private session(hash: string): Session {
    let session = this.sessions.get(hash);
    if (!session) {
      session = { buffered: [], response: undefined, pending: new Set() };
      this.sessions.set(hash, session);
    }
    return session;
  }

  join(hash: string, eventId: string): void {
    this.session(hash).pending.add(eventId);
  }

  isPending(hash: string, eventId: string): boolean {
    return this.session(hash).pending.has(eventId);
  }

  /** Sends (or buffers) one `data: <json>` record. */
  send(hash: string, message: Record<string, unknown>): void {
    const session = this.session(hash);
    const line = `data: ${JSON.stringify(message)}\n\n`;
    if (session.response && !session.response.writableEnded) session.response.write(line);
    else session.buffered.push(line);
  }

  /** The event is done; with nothing pending the stream is closed as the real server does. */
  finish(hash: string, eventId: string): void {
    const session = this.session(hash);
    session.pending.delete(eventId);
    if (session.pending.size > 0) return;
    this.send(hash, { msg: "close_stream", event_id: null });
    if (session.response) {
      session.response.end();
      session.response = undefined;
    }
  }

  /**
   * `GET /gradio_api/queue/data?session_hash=`: flush what is buffered, then stream live.
   * With `cutAfter`, the connection is dropped after that many records (no close_stream).
   */
  open(hash: string, response: ServerResponse, cutAfter?: number): void {
    const session = this.session(hash);
    response.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    response.flushHeaders();
    if (cutAfter !== undefined) {
      for (const line of session.buffered.splice(0, cutAfter)) response.write(line);
      response.destroy();
      return;
    }
    const buffered = session.buffered.splice(0);
    for (const line of buffered) response.write(line);
    if (buffered.some((line) => line.includes('"close_stream"'))) {
      response.end();
      return;
    }
    session.response = response;
    response.on("close", () => {
      if (session.response === response) session.response = undefined;
    });
  }

  clear(): void {
    for (const session of this.sessions.values()) session.response?.destroy();
    this.sessions.clear();
  }
}
