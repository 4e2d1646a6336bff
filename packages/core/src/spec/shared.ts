/**
 * Types every job shares. Provider adapters and the generate* functions both speak these.
 */

/** A setting the provider could not honour. Returned to the caller, never silently dropped. */
export interface Warning {
  /** `unsupported-setting` for a known option the provider ignores; `other` for anything else. */
  type: "unsupported-setting" | "other";
  /** The option's name as the caller wrote it, e.g. `"seed"`. */
  setting?: string;
  /** One sentence a person can act on. */
  message: string;
}

/** Token counts as the provider reported them. Missing numbers stay undefined, never guessed. */
export interface Usage {
  /** Tokens in the prompt (system, history and the new message). */
  inputTokens?: number;
  /** Tokens the model generated. */
  outputTokens?: number;
  /** inputTokens + outputTokens, or the provider's own total. */
  totalTokens?: number;
}

/** Why a text generation stopped. */
export type FinishReason = "stop" | "length" | "content-filter" | "tool-calls" | "error" | "other";

/**
 * Vendor-only knobs, keyed by provider id: `{ openai: { user: "abc" }, ollama: { keep_alive: "1h" } }`.
 * An adapter reads only its own key and passes the values to the wire as they are.
 */
export type ProviderOptions = Record<string, Record<string, unknown>>;

/** What every adapter call receives besides its job's own options. */
export interface CallSettings {
  /** Aborts the call. Core combines the caller's signal with its timeout into this one. */
  signal?: AbortSignal;
  /** Extra HTTP headers for this call. */
  headers?: Record<string, string>;
  /** See {@link ProviderOptions}. */
  providerOptions?: ProviderOptions;
  /**
   * Call while work visibly progresses before any result exists (a model download, a long
   * prompt being read): core's timeout measures silence, and this tells it the call is alive.
   */
  onActivity?: () => void;
}

/** Metadata about the provider's response, for logs and debugging. Never holds secrets. */
export interface ResponseInfo {
  /** The provider's id for this response or request, if it sends one. */
  id?: string;
  /** The model that actually answered (providers may resolve aliases). */
  modelId?: string;
}

/** Bytes of generated or input media. The media type is sniffed from the bytes by core. */
export interface MediaData {
  data: Uint8Array;
  /** What the provider claimed. Core checks it against the bytes and trusts the bytes. */
  mediaType?: string;
}

/** A progress report from a long-running call (image steps, a video job, a download). */
export interface Progress {
  /** 0..1 when known. */
  fraction?: number;
  /** Short status text from the provider: `"queued"`, `"step 12/25"`, … */
  message?: string;
  /** Seconds the provider expects the rest to take, when it says. */
  etaSeconds?: number;
  /** Place in a queue, when the provider says. */
  queuePosition?: number;
  /** Bytes so far, for downloads and uploads. */
  downloadedBytes?: number;
  /** Bytes in all, when known. */
  totalBytes?: number;
  /** Current transfer speed. */
  bytesPerSecond?: number;
}
