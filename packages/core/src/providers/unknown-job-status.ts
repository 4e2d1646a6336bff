import { InvalidResponseError } from "../errors.js";

/**
 * A status word the adapter does not know. The wait stops: guessing it means "still running"
 * could poll a finished (and paid) job forever.
 */
export function unknownJobStatus(
  provider: string,
  status: unknown,
  job: string,
  known: readonly string[],
  advice = "update @path/core, or report it if this is the newest version",
): InvalidResponseError {
  return new InvalidResponseError(
    provider,
    `unknown job status "${String(status)}" for ${job} (known: ${known.join(", ")}); ${advice}`,
  );
}
