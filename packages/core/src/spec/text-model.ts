import type {
  CallSettings,
  FinishReason,
  MediaData,
  ResponseInfo,
  Usage,
  Warning,
} from "./shared.js";

/** One part of a message's content: text, or an image for vision models. */
export type ContentPart = { type: "text"; text: string } | { type: "image"; image: MediaData };

/** A chat message. `content` is a plain string for text-only messages. */
export interface Message {
  role: "system" | "user" | "assistant";
  content: string | ContentPart[];
}

/** A JSON Schema object (draft 2020-12 subset that providers understand). */
export type JsonSchema = Record<string, unknown>;

/** Ask for JSON output, optionally constrained by a schema. */
export interface JsonResponseFormat {
  type: "json";
  /** The schema the answer must match. Providers that support it enforce it on the wire. */
  schema?: JsonSchema;
  /** A short name for the schema (OpenAI requires one). */
  name?: string;
}

/** Everything a text model is asked to do in one call. */
export interface TextCallOptions extends CallSettings {
  /** The conversation, system message first when there is one. */
  messages: Message[];
  /** 0 = deterministic, higher = more varied. */
  temperature?: number;
  /** Upper bound on generated tokens. */
  maxOutputTokens?: number;
  /** Nucleus sampling. */
  topP?: number;
  /** Stop generating at any of these strings. */
  stopSequences?: string[];
  /** Sampling seed, for providers that support reproducible output. */
  seed?: number;
  /** Ask for JSON (see {@link JsonResponseFormat}). */
  responseFormat?: JsonResponseFormat;
}

/** The result of a non-streamed text call. */
export interface TextGenerateResult {
  text: string;
  finishReason: FinishReason;
  usage: Usage;
  warnings: Warning[];
  response?: ResponseInfo;
}

/** The parts of a streamed answer, in order: `start`, any number of `text-delta`, `finish`. */
export type TextStreamPart =
  | { type: "start"; warnings: Warning[]; response?: ResponseInfo }
  | { type: "text-delta"; delta: string }
  | { type: "finish"; finishReason: FinishReason; usage: Usage };

/**
 * A model that writes text. Adapters translate these calls to one provider's wire format;
 * they do not retry, time out or validate: core does that for every provider the same way.
 */
export interface TextModel {
  readonly specVersion: "v1";
  /** Provider id, e.g. `"openai"`, `"deepseek"`, `"ollama"`. */
  readonly provider: string;
  /** The model id as the provider knows it. */
  readonly modelId: string;
  /** The whole answer in one response. */
  doGenerate(options: TextCallOptions): Promise<TextGenerateResult>;
  /**
   * The answer as it is written. Errors before the first part reject the promise (so core
   * can retry them); errors after it are thrown from the iterator.
   */
  doStream(options: TextCallOptions): Promise<AsyncIterable<TextStreamPart>>;
}
