import type { RecordedRequest } from "./recorded-request.js";

/** One part of a `multipart/form-data` body. */
export interface MultipartPart {
  /** The form field name, e.g. `image` or `image[]` (arrays arrive as repeated `key[]` parts). */
  name: string;
  /** Present on file parts. */
  filename?: string;
  /** The part's own `Content-Type`, when it has one. */
  contentType?: string;
  data: Buffer;
}

/**
 * Parses a recorded `multipart/form-data` request. Works for both encodings the openai client
 * uses (undici `FormData` with a content length, and its own chunked `openai-<rand>` boundary):
 * Node has already removed the chunked framing, so only the boundary differs. Part order is not
 * stable between client versions; look parts up by name.
 */
export function parseMultipart(
  request: Pick<RecordedRequest, "headers" | "rawBody">,
): MultipartPart[] {
  const contentType = request.headers["content-type"] ?? "";
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!contentType.startsWith("multipart/form-data") || !boundary) return [];
  const body = request.rawBody;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    let cursor = start + delimiter.length;
    if (body.subarray(cursor, cursor + 2).toString() === "--") break; // closing delimiter
    cursor += 2; // CRLF after the delimiter
    const headerEnd = body.indexOf("\r\n\r\n", cursor);
    if (headerEnd === -1) break;
    const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delimiter]), headerEnd);
    if (next === -1) break;
    const headers = body.subarray(cursor, headerEnd).toString("utf8");
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? "";
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    const partType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim();
    if (name !== undefined) {
      parts.push({
        name,
        ...(filename === undefined ? {} : { filename }),
        ...(partType === undefined ? {} : { contentType: partType }),
        data: body.subarray(headerEnd + 4, next),
      });
    }
    start = next + 2;
  }
  return parts;
}

/** The text of the first part named `name`, if any. */
export function multipartField(parts: MultipartPart[], name: string): string | undefined {
  return parts.find((part) => part.name === name)?.data.toString("utf8");
}
