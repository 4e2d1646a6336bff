/**
 * Kling's API token: a JWT signed HS256 with the secret key, issued by the access key, valid
 * 30 minutes from 5 seconds ago. Kept and re-signed a few minutes before it runs out, so a long
 * poll never sends a token that expires on the way.
 */
import { createHmac } from "node:crypto";

export interface KlingKeys {
  accessKey: string;
  secretKey: string;
}

/** How long a token is valid, as Kling's own samples sign it. */
export const klingTokenSeconds = 1800;
/** Re-sign when less than this is left. */
const renewBeforeSeconds = 300;

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString("base64url");
}

/** A fresh token for `keys`, issued at `nowSeconds` (Unix seconds). */
export function signKlingToken(keys: KlingKeys, nowSeconds: number): string {
  // `typ` matters: tokens without it are reported to be refused.
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(
    JSON.stringify({
      iss: keys.accessKey,
      exp: nowSeconds + klingTokenSeconds,
      nbf: nowSeconds - 5,
    }),
  );
  const signature = createHmac("sha256", keys.secretKey)
    .update(`${header}.${payload}`)
    .digest("base64url");
  return `${header}.${payload}.${signature}`;
}

/** Hands out the current token, signing a new one when it is near its end or the keys changed. */
export class KlingTokenSource {
  private cached?: { token: string; expiresAt: number; keys: string };

  constructor(
    private readonly keys: () => KlingKeys,
    private readonly nowMs: () => number = Date.now,
  ) {}

  token(): string {
    const keys = this.keys();
    const now = Math.floor(this.nowMs() / 1000);
    const id = `${keys.accessKey}\n${keys.secretKey}`;
    const cached = this.cached;
    if (cached && cached.keys === id && cached.expiresAt - now > renewBeforeSeconds) {
      return cached.token;
    }
    const token = signKlingToken(keys, now);
    this.cached = { token, expiresAt: now + klingTokenSeconds, keys: id };
    return token;
  }
}
