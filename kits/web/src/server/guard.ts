import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { HttpError } from "./http.js";

/**
 * What every request must pass: a request from another origin is refused (a page elsewhere must
 * not drive your models or read your chats); a state change must be JSON, which a plain HTML form
 * on another site cannot send without a preflight we never grant; with a key, the bearer must match.
 */
export function checkRequest(request: IncomingMessage, key: string | undefined): void {
  checkOrigin(request);
  if (key !== undefined && !hasKey(request, key)) {
    throw new HttpError(
      401,
      "This server needs its key: send Authorization: Bearer <GENAI_WEB_KEY>, or open /?key=<GENAI_WEB_KEY> once in the browser.",
    );
  }
}

function checkOrigin(request: IncomingMessage): void {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${request.headers.host}`) {
    throw new HttpError(
      403,
      `Requests from ${origin} are refused: open the page from this server.`,
    );
  }
  const changes = request.method !== "GET" && request.method !== "HEAD";
  const type = request.headers["content-type"] ?? "";
  if (changes && !type.startsWith("application/json")) {
    throw new HttpError(415, "Send JSON (content-type: application/json).");
  }
}

/** The key as a bearer token (API clients) or as the cookie `/?key=` set (the page). */
function hasKey(request: IncomingMessage, key: string): boolean {
  const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? "")?.[1];
  const cookie = /(?:^|;\s*)genai_web_key=([^;]+)/.exec(request.headers.cookie ?? "")?.[1];
  return [bearer, cookie && decodeURIComponent(cookie)].some((given) => given && same(given, key));
}

export function same(given: string, key: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}
