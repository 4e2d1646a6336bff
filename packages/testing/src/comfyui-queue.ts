import { setImmediate, setTimeout as sleep } from "node:timers/promises";
import type { ComfyJobPlan } from "./comfyui-graph.js";

/** A queued prompt in the fake. `fail`/`hold` are set by the test's controls. */
export interface ComfyJob {
  id: string;
  number: number;
  clientId: string | undefined;
  graph: Record<string, { class_type: string; inputs: Record<string, unknown> }>;
  plan: ComfyJobPlan;
  /** The pictures, made when the prompt was queued (so a fault on /prompt can truncate them). */
  images: Buffer[];
  fail?: string;
  hold?: boolean;
}

type Send = (clientId: string | undefined, type: string, data: Record<string, unknown>) => void;
type SendBinary = (clientId: string | undefined, bytes: Buffer) => void;

/**
 * Runs prompts one at a time like ComfyUI's prompt worker, sending the socket messages of
 * `main.py`/`execution.py` and writing `/history` only when a prompt has finished.
 */
export class ComfyQueue {
  readonly pending: ComfyJob[] = [];
  running: ComfyJob | undefined;
  readonly history = new Map<string, Record<string, unknown>>();
  /** Saved files by `type/subfolder/filename`. */
  readonly files = new Map<string, Buffer>();
  private interrupted = false;
  private release: (() => void) | undefined;
  private fileCounter = 0;
  private working = false;

  constructor(
    private readonly send: Send,
    private readonly sendBinary: SendBinary,
    private readonly broadcastStatus: () => void,
    private readonly stepDelayMs: number,
  ) {}

  add(job: ComfyJob): void {
    this.pending.push(job);
    this.broadcastStatus();
    void this.work();
  }

  remaining(): number {
    return this.pending.length + (this.running ? 1 : 0);
  }

  delete(ids: string[]): void {
    for (let index = this.pending.length - 1; index >= 0; index--) {
      if (ids.includes(this.pending[index]!.id)) this.pending.splice(index, 1);
    }
    this.broadcastStatus();
  }

  /** `POST /interrupt`: stops the running prompt (only it, when a prompt_id is given). */
  interrupt(promptId?: string): void {
    if (!this.running || (promptId && this.running.id !== promptId)) return;
    this.interrupted = true;
    this.release?.();
  }

  queueItem(job: ComfyJob): unknown[] {
    return [job.number, job.id, job.graph, { client_id: job.clientId }, job.plan.outputNodes];
  }

  private async work(): Promise<void> {
    if (this.working) return;
    this.working = true;
    while (this.pending.length) {
      this.running = this.pending.shift()!;
      this.interrupted = false;
      await this.run(this.running);
      this.running = undefined;
      this.broadcastStatus();
    }
    this.working = false;
  }

  private async run(job: ComfyJob): Promise<void> {
    const messages: [string, Record<string, unknown>][] = [];
    const emit = (type: string, data: Record<string, unknown>, record = true) => {
      const payload = { ...data, prompt_id: job.id };
      if (record) messages.push([type, { ...payload, timestamp: Date.now() }]);
      this.send(job.clientId, type, payload);
    };
    await setImmediate();
    emit("execution_start", { timestamp: Date.now() });
    emit("execution_cached", { nodes: [] });
    const executed: string[] = [];
    for (const [id, node] of Object.entries(job.graph)) {
      if (job.plan.outputNodes.includes(id)) continue;
      emit("executing", { node: id, display_node: id }, false);
      if (node.class_type === "KSampler") {
        const outcome = await this.sample(job, id, emit);
        if (outcome !== "done") return this.finishFailed(job, id, messages, emit, outcome);
      }
      executed.push(id);
    }
    const outputs: Record<string, { images: unknown[] }> = {};
    for (const id of job.plan.outputNodes) {
      emit("executing", { node: id, display_node: id }, false);
      const type = job.graph[id]!.class_type === "SaveImage" ? "output" : "temp";
      const prefix = String(job.graph[id]!.inputs.filename_prefix ?? "ComfyUI");
      const images = job.images.map((bytes) => {
        this.fileCounter += 1;
        const filename = `${prefix}_${String(this.fileCounter).padStart(5, "0")}_.png`;
        this.files.set(`${type}//${filename}`, bytes);
        return { filename, subfolder: "", type };
      });
      outputs[id] = { images };
      emit("executed", { node: id, display_node: id, output: { images } }, false);
    }
    emit("execution_success", { timestamp: Date.now() });
    // The real worker writes history in task_done, after execution_success.
    await setImmediate();
    this.history.set(job.id, {
      prompt: this.queueItem(job),
      outputs,
      status: { status_str: "success", completed: true, messages },
      meta: Object.fromEntries(
        Object.keys(outputs).map((id) => [
          id,
          { node_id: id, display_node: id, parent_node: null, real_node_id: id },
        ]),
      ),
    });
    this.send(job.clientId, "executing", { node: null, prompt_id: job.id });
  }

  private async sample(
    job: ComfyJob,
    nodeId: string,
    emit: (type: string, data: Record<string, unknown>, record?: boolean) => void,
  ): Promise<"done" | "failed" | "interrupted"> {
    const steps = Math.max(1, job.plan.steps);
    for (let step = 1; step <= steps; step++) {
      if (this.stepDelayMs > 0) await sleep(this.stepDelayMs);
      else await setImmediate();
      if (this.interrupted) return "interrupted";
      emit("progress", { value: step, max: steps, node: nodeId }, false);
      if (step === 1) {
        // A preview frame: event 1 (PREVIEW_IMAGE), image type 2 (PNG), then the bytes.
        const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 2]);
        this.sendBinary(job.clientId, Buffer.concat([header, job.images[0] ?? Buffer.alloc(0)]));
        if (job.fail) return "failed";
        if (job.hold) {
          await new Promise<void>((resolve) => {
            this.release = resolve;
            if (this.interrupted) resolve();
          });
          this.release = undefined;
          return "interrupted";
        }
      }
    }
    return "done";
  }

  private finishFailed(
    job: ComfyJob,
    nodeId: string,
    messages: [string, Record<string, unknown>][],
    emit: (type: string, data: Record<string, unknown>, record?: boolean) => void,
    outcome: "failed" | "interrupted",
  ): void {
    const base = { node_id: nodeId, node_type: job.graph[nodeId]!.class_type, executed: [] };
    if (outcome === "failed") {
      emit("execution_error", {
        ...base,
        exception_message: job.fail,
        exception_type: "torch.OutOfMemoryError",
        traceback: ["Traceback (most recent call last):", "  ..."],
        current_inputs: {},
        current_outputs: {},
      });
    } else {
      emit("execution_interrupted", base);
    }
    this.history.set(job.id, {
      prompt: this.queueItem(job),
      outputs: {},
      status: { status_str: "error", completed: false, messages },
      meta: {},
    });
    this.send(job.clientId, "executing", { node: null, prompt_id: job.id });
  }
}
