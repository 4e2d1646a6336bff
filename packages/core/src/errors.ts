/**
 * One error tree for every provider. Adapters let client errors escape; core maps them with
 * `toPathError` so callers only ever catch these. Messages say what to do next and never
 * contain secrets.
 */
import { durationText } from "./duration-text.js";
import { redactSecrets } from "./redact.js";

const marker = Symbol.for("genai-path.error");

export class PathError extends Error {
  readonly [marker] = true;
  /** Stable machine-readable kind, e.g. `"missing-api-key"`. */
  readonly code: string;
  /** True when trying the same call again later may succeed. */
  readonly isRetryable: boolean;

  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; isRetryable?: boolean } = {},
  ) {
    super(redactSecrets(message), options.cause === undefined ? {} : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.isRetryable = options.isRetryable ?? false;
  }

  /** Works across package copies, unlike `instanceof`. */
  static isInstance(error: unknown): error is PathError {
    return typeof error === "object" && error !== null && marker in error;
  }
}

/** A required key or setting is missing. Names the variable and where to get a value. */
export class MissingApiKeyError extends PathError {
  constructor(
    readonly provider: string,
    readonly variable: string,
    where?: string,
  ) {
    super(
      "missing-api-key",
      `${provider} needs an API key: set ${variable} in your environment or in a .env file` +
        (where ? ` (get one at ${where})` : "") +
        ".",
    );
  }
}

/** The model string names a provider nobody registered. */
export class UnknownProviderError extends PathError {
  constructor(
    readonly provider: string,
    readonly known: string[],
    suggestion?: string,
  ) {
    super(
      "unknown-provider",
      `Unknown provider "${provider}".` +
        (suggestion ? ` Did you mean "${suggestion}"?` : "") +
        ` Known providers: ${known.join(", ")}. Write models as "provider:model", e.g. "openai:gpt-4o-mini".`,
    );
  }
}

/** The provider exists but does not serve this job (e.g. images from `ollama`). */
export class UnsupportedJobError extends PathError {
  constructor(
    readonly provider: string,
    readonly job: string,
    readonly providersThatCan: string[],
  ) {
    super(
      "unsupported-job",
      `${provider} does not do ${job}. Providers that do: ${providersThatCan.join(", ") || "none registered"}.`,
    );
  }
}

/** No model was named and nothing is configured that could serve the job. */
export class NoProviderError extends PathError {
  constructor(
    readonly job: string,
    readonly howTo: string[],
  ) {
    super(
      "no-provider",
      howTo.length === 0
        ? `No provider here does ${job} yet.`
        : `No provider is configured for ${job}. Any one of these will do:\n${howTo.map((line) => `  - ${line}`).join("\n")}`,
    );
  }
}

/** The caller's input is unusable: an empty prompt, an over-sized one, a bad option. */
export class InvalidInputError extends PathError {
  constructor(message: string) {
    super("invalid-input", message);
  }
}

/** The provider answered with an HTTP error. The body is kept, redacted and cut short. */
export class ApiCallError extends PathError {
  readonly status: number;
  readonly provider: string;
  readonly url: string | undefined;
  readonly responseBody: string | undefined;
  /** From `Retry-After` / `retry-after-ms`, when the server sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(options: {
    provider: string;
    status: number;
    message: string;
    url?: string;
    responseBody?: string;
    retryAfterMs?: number;
    cause?: unknown;
  }) {
    const { status } = options;
    super(apiErrorCode(status), `${options.provider} returned HTTP ${status}: ${options.message}`, {
      cause: options.cause,
      isRetryable: status === 408 || status === 409 || status === 429 || status >= 500,
    });
    this.status = status;
    this.provider = options.provider;
    this.url = options.url;
    this.responseBody =
      options.responseBody === undefined
        ? undefined
        : redactSecrets(options.responseBody).slice(0, 2000);
    this.retryAfterMs = options.retryAfterMs;
  }
}

function apiErrorCode(status: number): string {
  if (status === 401 || status === 403) return "unauthorized";
  if (status === 404) return "not-found";
  if (status === 429) return "rate-limited";
  if (status >= 500) return "server-error";
  return "bad-request";
}

/** The server could not be reached (refused, DNS, reset). */
export class ConnectionError extends PathError {
  constructor(
    readonly provider: string,
    message: string,
    cause?: unknown,
  ) {
    super("connection-failed", `Could not reach ${provider}: ${message}`, {
      cause,
      isRetryable: true,
    });
  }
}

/** The call took longer than its timeout. */
export class TimeoutError extends PathError {
  constructor(
    readonly provider: string,
    readonly timeoutMs: number,
  ) {
    super(
      "timeout",
      `${provider} did not answer within ${durationText(timeoutMs)}. Raise the timeout (timeoutMs) or try a smaller request.`,
      { isRetryable: true },
    );
  }
}

/** The caller aborted (Ctrl-C, an AbortSignal). */
export class AbortedError extends PathError {
  /** @param partialText what a stream had written before it was cancelled */
  constructor(readonly partialText = "") {
    super("aborted", "The request was cancelled.");
  }
}

/** The answer was not what the protocol promises (malformed JSON, HTML instead of JSON, …). */
export class InvalidResponseError extends PathError {
  constructor(
    readonly provider: string,
    message: string,
    cause?: unknown,
  ) {
    super("invalid-response", `${provider} sent a response that could not be read: ${message}`, {
      cause,
    });
  }
}

/** A stream stopped before the model finished. The text received so far is kept. */
export class StreamCutError extends PathError {
  constructor(
    readonly provider: string,
    readonly partialText: string,
    cause?: unknown,
  ) {
    super(
      "stream-cut",
      `The answer from ${provider} was cut off after ${partialText.length} characters; the partial text is kept.`,
      { cause },
    );
  }
}

/** The model's JSON did not match the schema, even after one retry with the validation error. */
export class SchemaValidationError extends PathError {
  constructor(
    readonly rawText: string,
    readonly issues: string[],
  ) {
    super(
      "schema-mismatch",
      `The model's answer did not match the schema: ${issues.slice(0, 5).join("; ")}`,
    );
  }
}

/** Generated or input media is not what it claims (truncated PNG, HTML saved as .mp4, …). */
export class MediaError extends PathError {
  constructor(message: string) {
    super("invalid-media", message);
  }
}

/** A long job (video, fine-tuning) ended in failure on the provider's side. */
export class JobFailedError extends PathError {
  constructor(
    readonly provider: string,
    readonly jobId: string,
    message: string,
  ) {
    super("job-failed", `${provider} job ${jobId} failed: ${message}`);
  }
}

/** Why a model file cannot be used; see {@link ModelFileError}. */
export type ModelFileProblem =
  | "missing"
  | "not-gguf"
  | "truncated"
  | "too-large"
  | "size-mismatch"
  | "checksum-mismatch"
  | "load-failed";

/**
 * A model file is missing, corrupt, not what it claims to be, failed its size or SHA-256
 * check after a download, or is too large for this machine. The message names the file.
 */
export class ModelFileError extends PathError {
  constructor(
    readonly path: string,
    readonly problem: ModelFileProblem,
    message: string,
    cause?: unknown,
  ) {
    super("model-file", message, { cause });
  }
}
