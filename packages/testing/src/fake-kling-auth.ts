/**
 * Checks a Kling API token the way the service does: an HS256 JWT with header
 * `{alg: "HS256", typ: "JWT"}`, signed with the secret key, `iss` the access key, inside its
 * `nbf`..`exp` window. Each refusal carries the code from Kling's error table (1000-1004).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export interface KlingAuthFailure {
  code: number;
  message: string;
}

function decodePart(part: string | undefined): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Undefined when the `Authorization` header holds a valid token for these keys. */
export function checkKlingToken(
  authorization: string | undefined,
  keys: { accessKey: string; secretKey: string },
  nowSeconds: number = Math.floor(Date.now() / 1000),
): KlingAuthFailure | undefined {
  if (!authorization) return { code: 1001, message: "Authorization is empty" };
  const match = /^Bearer (\S+)$/.exec(authorization);
  const parts = match?.[1]?.split(".") ?? [];
  const header = decodePart(parts[0]);
  const payload = decodePart(parts[1]);
  if (parts.length !== 3 || !header || !payload) {
    return { code: 1002, message: "Authorization is invalid" };
  }
  if (header.alg !== "HS256" || header.typ !== "JWT") {
    return { code: 1002, message: "Authorization is invalid: unsupported token header" };
  }
  const expected = createHmac("sha256", keys.secretKey).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2] ?? "", "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { code: 1000, message: "Auth failed: signature mismatch" };
  }
  if (payload.iss !== keys.accessKey) {
    return { code: 1000, message: "Auth failed: access key not found" };
  }
  if (typeof payload.nbf === "number" && nowSeconds < payload.nbf) {
    return { code: 1003, message: "Authorization is not yet valid" };
  }
  if (typeof payload.exp !== "number" || nowSeconds >= payload.exp) {
    return { code: 1004, message: "Authorization has expired" };
  }
  return undefined;
}
