import type OpenAI from "openai";
import { InvalidInputError } from "../errors.js";
import { toPathError } from "../map-error.js";
import { OpenAIClientHolder } from "../providers/openai/openai-provider.js";
import { openAICompatiblePresets } from "../providers/openai/presets.js";

/** A fine-tuning job as the vendor reports it. */
export interface FineTuningJobView {
  id: string;
  status: "validating_files" | "queued" | "running" | "succeeded" | "failed" | "cancelled";
  model: string;
  fineTunedModel?: string;
  trainedTokens?: number;
  error?: { code: string; message: string };
}

export interface FineTuningEvent {
  id: string;
  createdAt: number;
  level: string;
  message: string;
  /** Training metrics (`step`, `train_loss`, …) on a `metrics` event. */
  data?: Record<string, unknown>;
}

/**
 * OpenAI's files and fine-tuning jobs API, through the real `openai` client, for OpenAI and any
 * OpenAI-compatible vendor that serves the same routes. Errors come back as core's errors.
 */
export class FineTuningApi {
  private constructor(
    readonly provider: string,
    private readonly holder: OpenAIClientHolder,
  ) {}

  static for(provider: string): FineTuningApi {
    const preset = openAICompatiblePresets.find((candidate) => candidate.id === provider);
    if (!preset) {
      const names = openAICompatiblePresets.map((p) => p.id).join(", ");
      throw new InvalidInputError(
        `${provider} has no OpenAI-style fine-tuning API here; use one of ${names} (OpenAI serves it; others only if the vendor does).`,
      );
    }
    return new FineTuningApi(provider, new OpenAIClientHolder(preset, {}));
  }

  private async call<T>(
    signal: AbortSignal | undefined,
    work: (client: OpenAI) => Promise<T>,
  ): Promise<T> {
    try {
      return await work(await this.holder.get());
    } catch (error) {
      throw toPathError(error, { provider: this.provider, signal });
    }
  }

  /** A file this account already holds with this name and size (an upload whose answer was lost). */
  findFile(filename: string, bytes: number, signal?: AbortSignal): Promise<string | undefined> {
    return this.call(signal, async (client) => {
      for await (const file of client.files.list({ purpose: "fine-tune" }, { signal })) {
        if (file.filename === filename && file.bytes === bytes && file.status !== "error")
          return file.id;
      }
      return undefined;
    });
  }

  upload(filename: string, bytes: Uint8Array, signal?: AbortSignal): Promise<string> {
    return this.call(signal, async (client) => {
      const { toFile } = await import("openai");
      const file = await client.files.create(
        { file: await toFile(bytes, filename), purpose: "fine-tune" },
        { signal },
      );
      return file.id;
    });
  }

  /** The job this project created for `tag` (kept in the job's metadata), if the vendor has one. */
  findJob(tag: string, signal?: AbortSignal): Promise<FineTuningJobView | undefined> {
    return this.call(signal, async (client) => {
      for await (const job of client.fineTuning.jobs.list(
        { metadata: { genai_path_key: tag } },
        { signal },
      )) {
        if (job.metadata?.genai_path_key === tag) return view(job);
      }
      return undefined;
    });
  }

  create(
    request: {
      model: string;
      trainingFile: string;
      validationFile?: string;
      epochs?: number;
      suffix?: string;
      tag: string;
    },
    signal?: AbortSignal,
  ): Promise<FineTuningJobView> {
    return this.call(signal, async (client) => {
      const job = await client.fineTuning.jobs.create(
        {
          model: request.model,
          training_file: request.trainingFile,
          ...(request.validationFile ? { validation_file: request.validationFile } : {}),
          ...(request.suffix ? { suffix: request.suffix } : {}),
          metadata: { genai_path_key: request.tag },
          method: {
            type: "supervised",
            supervised: { hyperparameters: { n_epochs: request.epochs ?? "auto" } },
          },
        },
        { signal },
      );
      return view(job);
    });
  }

  retrieve(id: string, signal?: AbortSignal): Promise<FineTuningJobView> {
    return this.call(signal, async (client) =>
      view(await client.fineTuning.jobs.retrieve(id, { signal })),
    );
  }

  /** The job's latest events, oldest first (the API lists them newest first). */
  events(id: string, signal?: AbortSignal): Promise<FineTuningEvent[]> {
    return this.call(signal, async (client) => {
      const page = await client.fineTuning.jobs.listEvents(id, { limit: 100 }, { signal });
      return page.data
        .map((event) => ({
          id: event.id,
          createdAt: event.created_at,
          level: event.level,
          message: event.message,
          ...(event.data && typeof event.data === "object"
            ? { data: event.data as Record<string, unknown> }
            : {}),
        }))
        .reverse();
    });
  }

  cancel(id: string, signal?: AbortSignal): Promise<FineTuningJobView> {
    return this.call(signal, async (client) =>
      view(await client.fineTuning.jobs.cancel(id, { signal })),
    );
  }
}

function view(job: OpenAI.FineTuning.FineTuningJob): FineTuningJobView {
  return {
    id: job.id,
    status: job.status,
    model: job.model,
    ...(job.fine_tuned_model ? { fineTunedModel: job.fine_tuned_model } : {}),
    ...(job.trained_tokens ? { trainedTokens: job.trained_tokens } : {}),
    ...(job.error?.message ? { error: { code: job.error.code, message: job.error.message } } : {}),
  };
}
