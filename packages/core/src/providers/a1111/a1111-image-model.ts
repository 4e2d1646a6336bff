import type { ImageCallOptions, ImageGenerateResult, ImageModel } from "../../spec/index.js";
import { type A1111Checkpoint, checkpointTitle, listCheckpoints } from "./a1111-checkpoints.js";
import type { A1111Client } from "./a1111-client.js";
import { pollA1111Progress } from "./a1111-progress.js";
import { a1111RequestBody } from "./a1111-request-body.js";
import { type A1111Response, a1111Result } from "./a1111-result.js";

/** Stable Diffusion through an AUTOMATIC1111 / Forge WebUI: txt2img and img2img. */
export class A1111ImageModel implements ImageModel {
  readonly specVersion = "v1";
  readonly provider = "a1111";
  /** A batch shares the GPU; WebUI seeds image i with seed + i, so each stays reproducible. */
  readonly maxImagesPerCall = 4;
  /** Stable Diffusion works on 8x8 latent cells: sizes made from a ratio keep it exactly at step 8. */
  readonly sizeStep = 8;
  private checkpoints: Promise<A1111Checkpoint[]> | undefined;

  constructor(
    readonly modelId: string,
    private readonly client: A1111Client,
  ) {}

  async doGenerate(options: ImageCallOptions): Promise<ImageGenerateResult> {
    const checkpoint = await this.checkpoint(options.signal);
    const { path, body, warnings } = a1111RequestBody(options, checkpoint);
    const stopPolling = new AbortController();
    const polling = options.onProgress
      ? pollA1111Progress(this.client, options.onProgress, stopPolling.signal)
      : Promise.resolve();
    try {
      const reply = await this.client.post<A1111Response>(path, body, {
        signal: options.signal,
        headers: options.headers,
      });
      return { ...a1111Result(reply, options.n), warnings };
    } finally {
      stopPolling.abort();
      await polling;
    }
  }

  /** `default` keeps the loaded checkpoint; any other id is matched against sd-models once. */
  private async checkpoint(signal?: AbortSignal): Promise<string | undefined> {
    if (this.modelId === "default") return undefined;
    this.checkpoints ??= listCheckpoints(this.client, signal);
    this.checkpoints.catch(() => {
      this.checkpoints = undefined;
    });
    return checkpointTitle(await this.checkpoints, this.modelId);
  }
}
