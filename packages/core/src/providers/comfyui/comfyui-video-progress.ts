import type { ComfyUIClient } from "./comfyui-client.js";
import { ComfySocket } from "./comfyui-socket.js";

/** A socket listening for one video prompt's sampler steps. */
export interface Watch {
  socket: ComfySocket | undefined;
  fraction?: number;
  idle?: NodeJS.Timeout;
}

/** A socket nobody has asked about for this long is closed. */
const idleMs = 120_000;

/**
 * Sampler progress of video prompts from ComfyUI's `/ws`, which sends a prompt's `progress`
 * only to the socket whose id is the prompt's `client_id`. `doStart` opens the socket before
 * queueing; in a later process the socket is opened again with the `client_id` the queue shows,
 * so a resumed job reports a percent from its next step on. Without a socket there is no percent.
 */
export class ComfyVideoProgress {
  private readonly watches = new Map<string, Watch>();

  constructor(private readonly client: ComfyUIClient) {}

  /** Opens a socket for a new client id; undefined when sockets are off or fail. */
  async open(clientId: string): Promise<Watch | undefined> {
    if (!this.client.settings.webSocket) return undefined;
    const watch: Watch = { socket: undefined };
    watch.socket = await ComfySocket.open(this.client, clientId, (progress) => {
      if (progress.fraction !== undefined) watch.fraction = progress.fraction;
    });
    // Nobody waits on this socket: it must not keep a finished run's process alive.
    watch.socket?.unref();
    return watch.socket ? watch : undefined;
  }

  /** Files a socket opened by `open` under the prompt id ComfyUI gave. */
  attach(promptId: string, watch: Watch | undefined): void {
    if (!watch) return;
    this.watches.set(promptId, watch);
    this.touch(promptId, watch);
  }

  /** The last reported fraction of a running prompt, watching it from now on when not yet. */
  async fraction(promptId: string, clientId: string | undefined): Promise<number | undefined> {
    let watch = this.watches.get(promptId);
    if (!watch && clientId) {
      // Marked first, so a socket that cannot open is tried once, not on every poll.
      this.watches.set(promptId, { socket: undefined });
      watch = await this.open(clientId);
      if (watch) this.watches.set(promptId, watch);
    }
    if (!watch?.socket) return undefined;
    this.touch(promptId, watch);
    return watch.fraction;
  }

  /** The prompt has ended: its socket is closed. */
  forget(promptId: string): void {
    const watch = this.watches.get(promptId);
    if (!watch) return;
    clearTimeout(watch.idle);
    watch.socket?.close();
    this.watches.delete(promptId);
  }

  private touch(promptId: string, watch: Watch): void {
    clearTimeout(watch.idle);
    watch.idle = setTimeout(() => this.forget(promptId), idleMs);
    watch.idle.unref();
  }
}
