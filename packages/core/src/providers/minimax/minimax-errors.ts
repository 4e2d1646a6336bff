/**
 * MiniMax reports most failures with HTTP 200 and a code in `base_resp`; these become the same
 * errors a real HTTP status would (codes from MiniMax's error-code page).
 */
import { InvalidInputError, PathError } from "../../errors.js";

export interface BaseResp {
  status_code?: number;
  status_msg?: string;
}

/** What the caller was doing, so a refusal can say what to use instead. */
export type MiniMaxJob = "speech" | "clone" | "music" | "voices" | "video";

const authCodes = new Set([1004, 2049]);
const rateCodes = new Set([1002, 1039, 1041, 2045]);
const serverCodes = new Set([1000, 1001, 1013, 1024, 1033]);
const quotaCodes = new Set([1008, 1028, 1030, 2056]);
const inputCodes = new Set([1026, 1027, 1042, 1043, 1044, 2013, 20132, 2037, 2039, 2042, 2048]);

export const miniMaxKeyHint =
  "keys are per region: a key from platform.minimaxi.com (中国大陆) needs MINIMAX_BASE_URL=https://api.minimaxi.com, one from platform.minimax.io the default https://api.minimax.io";

/** Music is closed to new accounts on the mainland service since 2026-08. */
export const noMusicAccessMessage =
  "minimax: this account has no access to MiniMax music (not in its plan, or closed to new accounts since 2026-08); make music with another provider, e.g. hf:facebook/musicgen-small.";

/** The error for a non-zero `base_resp`, or undefined when it says success. */
export function baseRespError(base: BaseResp | undefined, job: MiniMaxJob): PathError | undefined {
  const code = base?.status_code ?? 0;
  if (code === 0) return undefined;
  const said = `${base?.status_msg ?? "no message"} (code ${code})`;
  if (job === "music" && (code === 2061 || (code === 1004 && !/login|api key/i.test(said)))) {
    return new PathError("no-access", noMusicAccessMessage);
  }
  if (authCodes.has(code)) {
    return new PathError(
      "unauthorized",
      `minimax refused the key: ${said}. Check MINIMAX_API_KEY; ${miniMaxKeyHint}.`,
    );
  }
  if (rateCodes.has(code)) {
    return new PathError(
      "rate-limited",
      `minimax is rate-limiting this account: ${said}. Wait a minute or lower the request rate.`,
      { isRetryable: true },
    );
  }
  if (serverCodes.has(code)) {
    return new PathError("server-error", `minimax had an internal error: ${said}.`, {
      isRetryable: true,
    });
  }
  if (quotaCodes.has(code)) {
    return new PathError(
      "insufficient-balance",
      `minimax: the account's balance or quota is used up: ${said}. Top it up at the MiniMax platform (Billing), or use another provider.`,
    );
  }
  if (code === 2061) {
    return new PathError(
      "no-access",
      `minimax: this model is not in the account's plan: ${said}. Use another model or upgrade the plan.`,
    );
  }
  if (code === 2038) {
    return new PathError(
      "no-access",
      `minimax: voice cloning needs a verified account (real-name or enterprise verification on the MiniMax platform): ${said}.`,
    );
  }
  if (inputCodes.has(code)) return new InvalidInputError(`minimax refused the request: ${said}.`);
  return new PathError("provider-error", `minimax: ${said}.`);
}
