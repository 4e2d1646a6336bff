import type { RecordedRequest } from "./recorded-request.js";

/** One part of a `multipart/form-data` body. */
export interface MultipartPart {
  /** The form field name, e.g. `image` or `image[]` (arrays arrive as repeated `key[]` parts). */
  name: string;
  /** Present on file parts. */
  filename?: string;
  /** A file part's own `Content-Type`, when it has one. */
  contentType?: string;
  data: Buffer;
}

/**
 * Parses a recorded `multipart/form-data` request with the platform's own parser
 * (`Response.formData()`); anything else gives no parts. Part order is not stable between
 * client versions; look parts up by name.
 */
export async function parseMultipart(
  request: Pick<RecordedRequest, "headers" | "rawBody">,
): Promise<MultipartPart[]> {
  const contentType = request.headers["content-type"] ?? "";
  if (!contentType.startsWith("multipart/form-data")) return [];
  const form = await new Response(request.rawBody, { headers: { "content-type": contentType } })
    .formData()
    .catch(() => undefined);
  const parts: MultipartPart[] = [];
  for (const [name, value] of form ?? []) {
    if (typeof value === "string") parts.push({ name, data: Buffer.from(value, "utf8") });
    else {
      const data = Buffer.from(await value.arrayBuffer());
      parts.push({
        name,
        filename: value.name,
        ...(value.type ? { contentType: value.type } : {}),
        data,
      });
    }
  }
  return parts;
}

/** The text of the first part named `name`, if any. */
export function multipartField(parts: MultipartPart[], name: string): string | undefined {
  return parts.find((part) => part.name === name)?.data.toString("utf8");
}
