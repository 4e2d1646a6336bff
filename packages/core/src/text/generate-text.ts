import { Call, type CallOptions } from "../call.js";
import { SchemaValidationError } from "../errors.js";
import type { Cost } from "../events.js";
import { resolveModel } from "../registry.js";
import type {
  FinishReason,
  Message,
  ResponseInfo,
  TextModel,
  Usage,
  Warning,
} from "../spec/index.js";
import { type PromptOptions, toMessages } from "./prompt.js";
import { type OutputSchema, parseAndValidate, toJsonSchema } from "./schema.js";
import { addUsage, type SamplingOptions, textRequest } from "./text-request.js";

export interface GenerateTextOptions<T = unknown>
  extends CallOptions,
    PromptOptions,
    SamplingOptions {
  /** `"provider:modelId"` or a model object; omitted → the default text model. */
  model?: string | TextModel;
  /** A zod schema or JSON Schema: the answer is parsed, validated and returned as `object`. */
  schema?: OutputSchema<T>;
}

export interface GenerateTextResult<T = unknown> {
  text: string;
  /** The validated object, when a schema was given. */
  object: T;
  finishReason: FinishReason;
  usage: Usage;
  /** Estimated from the price table; undefined when the model's price is unknown. */
  cost?: Cost;
  warnings: Warning[];
  provider: string;
  modelId: string;
  durationMs: number;
  response?: ResponseInfo;
}

const defaultTimeoutMs = 120_000;

/** Ask a model once and get the whole answer. */
export async function generateText<T = unknown>(
  options: GenerateTextOptions<T>,
): Promise<GenerateTextResult<T>> {
  const messages = toMessages(options);
  const model = await resolveModel("text", options.model);
  const call = new Call("text", model.provider, model.modelId, options, defaultTimeoutMs);
  const jsonSchema = options.schema ? await toJsonSchema(options.schema) : undefined;
  const ask = (conversation: Message[]) =>
    call.run((settings) =>
      model.doGenerate(textRequest(conversation, options, settings, jsonSchema)),
    );

  let result = await ask(messages);
  let usage = result.usage;
  let object: unknown;
  if (options.schema) {
    let validation = await parseAndValidate(result.text, options.schema);
    if (!validation.ok) {
      // One more try, telling the model exactly what was wrong.
      result = await ask([
        ...messages,
        { role: "assistant", content: result.text },
        {
          role: "user",
          content: `Your answer did not match the required JSON schema: ${validation.issues.join("; ")}. Reply again with only the corrected JSON.`,
        },
      ]);
      usage = addUsage(usage, result.usage);
      validation = await parseAndValidate(result.text, options.schema);
      if (!validation.ok) {
        const error = new SchemaValidationError(result.text, validation.issues);
        call.fail(error);
        throw error;
      }
    }
    object = validation.value;
  }
  const cost = call.finish(usage);
  return {
    text: result.text,
    object: object as T,
    finishReason: result.finishReason,
    usage,
    cost,
    warnings: result.warnings,
    provider: model.provider,
    modelId: model.modelId,
    durationMs: call.durationMs,
    response: result.response,
  };
}
