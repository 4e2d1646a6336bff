import type { Progress } from "../../spec/index.js";
import type { ComfyUIClient } from "./comfyui-client.js";

/** The part of the `ws` package's WebSocket this adapter uses (the package ships no types). */
interface WebSocketLike {
  on(event: "open" | "close", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  on(event: "message", listener: (data: unknown, isBinary: boolean) => void): unknown;
  terminate(): void;
}
type WebSocketClass = new (
  url: string,
  options: { headers?: Record<string, string>; handshakeTimeout?: number },
) => WebSocketLike;

/** How a prompt ended, as the socket saw it; `lost` = the socket closed first. */
export type ComfyOutcome =
  | { kind: "done" }
  | { kind: "failed"; message: string }
  | { kind: "lost" };

interface ComfyMessage {
  type?: string;
  data?: Record<string, unknown>;
}

let webSocketClass: Promise<WebSocketClass> | undefined;

function loadWebSocket(): Promise<WebSocketClass> {
  // A variable specifier: `ws` is loaded only when ComfyUI is used, and needs no type package.
  const specifier = "ws";
  webSocketClass ??= import(specifier).then(
    (module: { WebSocket?: WebSocketClass; default: WebSocketClass }) =>
      module.WebSocket ?? module.default,
  );
  return webSocketClass;
}

/**
 * ComfyUI's `/ws?clientId=…`: the server sends this client's prompts' progress, node events and
 * the end (`executing` with `node: null`, `execution_success`, `execution_error`). Messages are
 * kept until the prompt id is known, since a fast prompt may finish before `/prompt` answers.
 */
export class ComfySocket {
  private readonly messages: ComfyMessage[] = [];
  private closed = false;
  private wake: (() => void) | undefined;

  private constructor(
    private readonly socket: WebSocketLike,
    private readonly onProgress?: (progress: Progress) => void,
  ) {
    socket.on("message", (data, isBinary) => {
      if (isBinary) return; // preview images
      let message: ComfyMessage;
      try {
        message = JSON.parse(String(data)) as ComfyMessage;
      } catch {
        return;
      }
      this.report(message);
      this.messages.push(message);
      this.wake?.();
    });
    const lost = () => {
      this.closed = true;
      this.wake?.();
    };
    socket.on("close", lost);
    socket.on("error", lost);
  }

  /** Connects; undefined when the socket cannot be opened (the caller then polls history). */
  static async open(
    client: ComfyUIClient,
    clientId: string,
    onProgress?: (progress: Progress) => void,
  ): Promise<ComfySocket | undefined> {
    const WebSocket = await loadWebSocket().catch(() => undefined);
    if (!WebSocket) return undefined;
    const url = `${client.baseURL.replace(/^http/, "ws")}/ws?clientId=${encodeURIComponent(clientId)}`;
    const socket = new WebSocket(url, { headers: client.headers, handshakeTimeout: 5000 });
    const opened = await new Promise<boolean>((resolve) => {
      socket.on("open", () => resolve(true));
      socket.on("error", () => resolve(false));
      socket.on("close", () => resolve(false));
    });
    if (!opened) {
      socket.terminate();
      return undefined;
    }
    return new ComfySocket(socket, onProgress);
  }

  /** Waits until the prompt ends or the socket closes; `signal` ends the wait early. */
  async outcome(promptId: string, signal?: AbortSignal): Promise<ComfyOutcome> {
    const onAbort = () => this.wake?.();
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      for (let seen = 0; ; ) {
        for (; seen < this.messages.length; seen++) {
          const outcome = endOf(this.messages[seen]!, promptId);
          if (outcome) return outcome;
        }
        if (this.closed || signal?.aborted) return { kind: "lost" };
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
      }
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  }

  close(): void {
    this.closed = true;
    this.socket.terminate();
  }

  /** Lets the process exit while this socket is open (for a socket nobody waits on). */
  unref(): void {
    (this.socket as { _socket?: { unref?: () => void } | null })._socket?.unref?.();
  }

  private report(message: ComfyMessage): void {
    const data = message.data ?? {};
    if (message.type === "execution_start") this.onProgress?.({ message: "running" });
    if (
      message.type === "progress" &&
      typeof data.value === "number" &&
      typeof data.max === "number"
    ) {
      this.onProgress?.({
        fraction: data.max > 0 ? Math.min(1, data.value / data.max) : undefined,
        message: `step ${data.value}/${data.max}`,
      });
    }
  }
}

function endOf(message: ComfyMessage, promptId: string): ComfyOutcome | undefined {
  const data = message.data ?? {};
  if (data.prompt_id !== promptId) return undefined;
  if (message.type === "execution_success") return { kind: "done" };
  if (message.type === "executing" && data.node === null) return { kind: "done" };
  if (message.type === "execution_error") {
    const where = typeof data.node_type === "string" ? `${data.node_type}: ` : "";
    return {
      kind: "failed",
      message: `${where}${String(data.exception_message ?? "error")}`.trim(),
    };
  }
  if (message.type === "execution_interrupted") {
    return { kind: "failed", message: "the prompt was interrupted on the server" };
  }
  return undefined;
}
