/**
 * Serves a file the way storage hosts and the Hugging Face hub do: `Accept-Ranges: bytes`,
 * `206` with `Content-Range` for `Range: bytes=N-[M]`, `416` past the end. A test may cut the
 * body short or flip its bytes, to prove resume and hash checks.
 */
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

export interface RangedBytesOptions {
  /** Extra response headers (e.g. `content-disposition`, `etag`, a `content-type`). */
  headers?: Record<string, string>;
  /** Slow the body down to roughly this rate, so progress and Ctrl-C can be watched. */
  bytesPerSecond?: number;
  /** Destroy the connection after this fraction of the body. */
  cutAtFraction?: number;
  /** Send every byte flipped, so a hash check fails. */
  corrupt?: boolean;
}

const chunkSize = 16 * 1024;

/** Answers with `data`, or the range of it the request asks for. */
export async function sendRangedBytes(
  exchange: {
    request: { method?: string; headers: IncomingHttpHeaders };
    response: ServerResponse;
  },
  data: Uint8Array,
  options: RangedBytesOptions = {},
): Promise<void> {
  const { request, response } = exchange;
  const total = data.length;
  let start = 0;
  let end = total - 1;
  const header = request.headers.range;
  const range = /^bytes=(\d+)-(\d*)$/.exec(typeof header === "string" ? header.trim() : "");
  if (range) {
    start = Number(range[1]);
    end = range[2] ? Math.min(Number(range[2]), total - 1) : total - 1;
    if (start >= total || end < start) {
      response.writeHead(416, { ...options.headers, "content-range": `bytes */${total}` });
      return void response.end();
    }
  }
  response.writeHead(range ? 206 : 200, {
    "content-type": "application/octet-stream",
    ...options.headers,
    "content-length": String(end - start + 1),
    "accept-ranges": "bytes",
    ...(range ? { "content-range": `bytes ${start}-${end}/${total}` } : {}),
  });
  if (request.method === "HEAD") return void response.end();

  let body = Buffer.from(data.buffer, data.byteOffset, data.byteLength).subarray(start, end + 1);
  if (options.corrupt) body = Buffer.from(body.map((byte) => byte ^ 0xff));
  const cutAt =
    options.cutAtFraction === undefined
      ? undefined
      : Math.floor(body.length * options.cutAtFraction);
  for (let offset = 0; offset < body.length; offset += chunkSize) {
    if (response.destroyed) return;
    const chunkEnd = Math.min(offset + chunkSize, body.length, cutAt ?? Number.POSITIVE_INFINITY);
    if (chunkEnd > offset) {
      await new Promise<void>((resolve) =>
        response.write(body.subarray(offset, chunkEnd), () => resolve()),
      );
    }
    if (cutAt !== undefined && chunkEnd >= cutAt) {
      // Let the bytes reach the client before the connection drops, as a real cut does.
      await sleep(20);
      response.destroy();
      return;
    }
    if (options.bytesPerSecond) await sleep(((chunkEnd - offset) / options.bytesPerSecond) * 1000);
  }
  response.end();
}
