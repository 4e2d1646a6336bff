import { InvalidInputError, InvalidResponseError, PathError } from "../../errors.js";
import { readBytes, type ServerConnection, serverFetch } from "../server-http.js";
import { type GradioCallContext, gradioCall } from "./gradio-call-context.js";
import { type GradioClient, gradioClientClass } from "./gradio-client-class.js";
import { gradioError } from "./gradio-errors.js";
import type { GradioStatus } from "./gradio-progress.js";
import { isSpaceId, resolveSpaceHost } from "./gradio-space-url.js";

export interface GradioSessionSettings {
  /** `HF_TOKEN`; sent only to Hugging Face Spaces, never to other URLs. */
  token?: string;
  /** The Hub that resolves Space ids; default `HF_ENDPOINT`, then https://huggingface.co. */
  hubURL: string;
  headers: Record<string, string>;
  fetch: typeof globalThis.fetch;
}

/** A file in a job's output: Gradio's FileData, or a plain URL / data URL. */
export interface GradioFile {
  url?: string;
  path?: string;
}

/**
 * One Gradio app (a Space or any URL): connects once through `@gradio/client`, runs jobs on it
 * and downloads their files. Each call's signal and headers reach every request it makes.
 */
export class GradioSession {
  readonly isSpace: boolean;
  /** The app's URL once known (a Space id until it is resolved). */
  appURL: string;
  private client: Promise<GradioClient> | undefined;
  private readonly files: ServerConnection;

  constructor(
    readonly reference: string,
    private readonly settings: GradioSessionSettings,
  ) {
    this.isSpace = isSpaceId(reference) || /\.hf\.space(\/|$)/.test(reference);
    this.appURL = reference.replace(/\/+$/, "");
    this.files = {
      provider: "gradio",
      fetch: settings.fetch,
      unreachableHint: `the files of ${this.appURL} cannot be downloaded`,
    };
  }

  /** Runs `work` as one call, with its signal and headers on every request. */
  within<T>(
    options: { signal?: AbortSignal; headers?: Record<string, string> },
    work: (context: GradioCallContext) => Promise<T>,
  ): Promise<T> {
    const context: GradioCallContext = { signal: options.signal, headers: options.headers };
    return gradioCall.run(context, () => work(context));
  }

  async connect(context: GradioCallContext): Promise<GradioClient> {
    this.client ??= this.open(context);
    this.client.catch(() => {
      this.client = undefined;
    });
    return this.client;
  }

  /** Submits one job, reporting its status; resolves with the output data. */
  async run(
    client: GradioClient,
    endpoint: string,
    data: unknown[],
    context: GradioCallContext,
    onStatus: (status: GradioStatus) => void,
  ): Promise<unknown[]> {
    const { signal } = context;
    signal?.throwIfAborted();
    // submit() would print and throw for a name missing from the app's config.
    if (client.api_map[endpoint.replace(/^\//, "")] === undefined) {
      throw new InvalidInputError(
        `${endpoint} is in the API of ${this.appURL} but cannot be called.`,
      );
    }
    const job = client.submit(endpoint, data, undefined, undefined, true);
    const stop = () => {
      const eventId = job.event_id();
      if (eventId) void this.cancel(client, endpoint, eventId);
      void job.return?.();
    };
    signal?.addEventListener("abort", stop, { once: true });
    let output: unknown[] | undefined;
    try {
      for await (const event of job) {
        if (event.type === "data") output = event.data as unknown[];
        if (event.type !== "status") continue;
        if (event.stage === "error") {
          signal?.throwIfAborted();
          const message =
            typeof event.message === "string"
              ? event.message
              : JSON.stringify(event.message ?? "failed");
          throw gradioError({
            message,
            failure: context.failure,
            appURL: this.appURL,
            eventId: job.event_id() || endpoint,
          });
        }
        onStatus(event as GradioStatus);
      }
    } finally {
      signal?.removeEventListener("abort", stop);
    }
    signal?.throwIfAborted();
    if (!output)
      throw new InvalidResponseError("gradio", `${endpoint} finished without any output`);
    return output;
  }

  /**
   * Tells the app to drop an abandoned job (`/cancel`, then `/reset`), as the client's own
   * `cancel()` does but without printing when the app is gone. Best effort, a few seconds.
   */
  private async cancel(client: GradioClient, endpoint: string, eventId: string): Promise<void> {
    const base = `${client.config?.root ?? this.appURL}${client.api_prefix}`;
    const fnIndex = client.api_map[endpoint.replace(/^\//, "")];
    const post = (path: string, body: unknown) =>
      this.settings.fetch(`${base}/${path}`, {
        method: "POST",
        headers: {
          ...this.settings.headers,
          ...this.tokenHeader(),
          "content-type": "application/json",
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(3000),
      });
    try {
      await post("cancel", {
        event_id: eventId,
        session_hash: client.session_hash,
        fn_index: fnIndex,
      });
      await post("reset", { event_id: eventId });
    } catch {
      // The app is gone or busy: nothing more to do.
    }
  }

  /** The bytes of an output file; the token goes only to the Space's own host. */
  async download(file: GradioFile, context: GradioCallContext): Promise<Uint8Array> {
    const given = file.url ?? `/gradio_api/file=${file.path}`;
    const dataUrl = /^data:[^,]*;base64,(.*)$/s.exec(given);
    if (dataUrl) return new Uint8Array(Buffer.from(dataUrl[1]!, "base64"));
    // Older apps give URLs relative to their root.
    const url = /^https?:/.test(given) ? given : `${this.appURL}/${given.replace(/^\/+/, "")}`;
    const sameHost = new URL(url).host === new URL(this.appURL).host;
    const response = await serverFetch(this.files, url, {
      headers: {
        ...this.settings.headers,
        ...context.headers,
        ...(sameHost ? this.tokenHeader() : {}),
      },
      signal: context.signal,
    });
    return readBytes(this.files, response);
  }

  /** The token goes to Hugging Face Spaces only, never to other URLs. */
  private tokenHeader(): Record<string, string> {
    const { token } = this.settings;
    return this.isSpace && token ? { authorization: `Bearer ${token}` } : {};
  }

  private async open(context: GradioCallContext): Promise<GradioClient> {
    const token = this.isSpace ? this.settings.token : undefined;
    try {
      if (isSpaceId(this.reference)) {
        this.appURL = await resolveSpaceHost(this.reference, {
          hubURL: this.settings.hubURL,
          token,
          fetch: this.settings.fetch,
          signal: context.signal,
        });
      }
      const ClientClass = await gradioClientClass(this.settings.fetch, this.settings.headers);
      const client = await ClientClass.connect(this.appURL, {
        token,
        headers: this.settings.headers,
        events: ["data", "status"],
        record_history: false,
      });
      if (!client.api_info) {
        const cause = client.apiInfoError;
        throw gradioError({
          message: `${this.appURL} has no API description (/gradio_api/info): ${(cause as Error)?.message ?? "unknown"}`,
          failure: context.failure,
          appURL: this.appURL,
          cause,
        });
      }
      return client;
    } catch (error) {
      context.signal?.throwIfAborted();
      if (PathError.isInstance(error)) throw error;
      throw gradioError({
        message: error instanceof Error ? error.message : String(error),
        failure: context.failure,
        appURL: this.appURL,
        cause: error,
      });
    }
  }
}
