/**
 * MiniMax's v1 error envelope: HTTP 200 with a non-zero `base_resp.status_code`. Inject one as
 * a fault on a fake MiniMax with {@link miniMaxFault}.
 */
import type { FaultMatch, StatusFault } from "./fault.js";

/** A business error the way MiniMax sends it (codes from its error-code page). */
export function miniMaxEnvelope(statusCode: number, statusMsg: string) {
  return {
    trace_id: "0".repeat(32),
    base_resp: { status_code: statusCode, status_msg: statusMsg },
  };
}

/** The refusals a MiniMax account meets, each as MiniMax words it. */
export const miniMaxErrors = {
  "bad-key": [2049, "invalid api key"],
  "login-failed": [
    1004,
    "login fail: Please carry the API secret key in the 'Authorization' field of the request header",
  ],
  "rate-limit": [1002, "rate limit exceeded(RPM)"],
  "insufficient-balance": [1008, "insufficient balance"],
  "no-music-access": [2061, "your current token plan not support model, music-2.6"],
  "sensitive-input": [1026, "input new_sensitive"],
  "sensitive-output": [1027, "output new_sensitive"],
  "invalid-params": [2013, "invalid params"],
  "server-error": [1013, "internal service error"],
} as const satisfies Record<string, readonly [number, string]>;

export type MiniMaxErrorKind = keyof typeof miniMaxErrors;

/**
 * A fault that answers the next matching request with HTTP 200 and this error in `base_resp`,
 * e.g. `fake.api.inject(miniMaxFault("rate-limit", { path: "/v1/t2a_v2" }))`.
 */
export function miniMaxFault(kind: MiniMaxErrorKind, match: FaultMatch = {}): StatusFault {
  const [code, message] = miniMaxErrors[kind];
  return { ...match, status: 200, body: miniMaxEnvelope(code, message) };
}
