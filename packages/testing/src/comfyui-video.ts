/**
 * Video prompts in the fake ComfyUI: a graph that ends in `SaveVideo` (core) or
 * `VHS_VideoCombine` (Video Helper Suite) becomes a job in a {@link VideoJobBook}, so it moves
 * from the pending queue to running (with `progress` on the socket) to a history entry over the
 * client's `/history/{id}` polls, and its MP4 is served by `/view` like a saved output.
 */

import type { ComfyInputSpec, ComfyNodeClass } from "./comfyui-nodes.js";
import type { FakeExchange } from "./fake-exchange.js";
import { sendRangedBytes } from "./ranged-bytes.js";
import type { FakeVideoJob, FakeVideoRequest, VideoJobBook } from "./video-job-book.js";

type Graph = Record<string, { class_type: string; inputs: Record<string, unknown> }>;
type Send = (clientId: string | undefined, type: string, data: Record<string, unknown>) => void;

/** The Wan 2.2 5B files a fresh ComfyUI install downloads for the official template. */
export const wanModelFiles = {
  unet: ["wan2.2_ti2v_5B_fp16.safetensors"],
  clip: ["umt5_xxl_fp8_e4m3fn_scaled.safetensors"],
  vae: ["wan2.2_vae.safetensors"],
};

const videoOutputs = new Set(["SaveVideo", "VHS_VideoCombine"]);
const int = (min: number, max: number, step = 1): ComfyInputSpec => ["INT", { min, max, step }];
const float = (min: number, max: number): ComfyInputSpec => ["FLOAT", { min, max }];

/** The node classes of Wan 2.2 workflows, as `nodes.py`, `nodes_wan.py` and `nodes_video.py` define them. */
export function comfyVideoNodeClasses(
  files: typeof wanModelFiles = wanModelFiles,
): Record<string, ComfyNodeClass> {
  return {
    UNETLoader: {
      required: {
        unet_name: [files.unet, {}],
        weight_dtype: [["default", "fp8_e4m3fn", "fp8_e4m3fn_fast", "fp8_e5m2"], {}],
      },
      output: ["MODEL"],
      category: "advanced/loaders",
    },
    CLIPLoader: {
      required: {
        clip_name: [files.clip, {}],
        type: [["stable_diffusion", "stable_cascade", "sd3", "wan", "hunyuan_video", "ltxv"], {}],
      },
      output: ["CLIP"],
      category: "advanced/loaders",
    },
    VAELoader: { required: { vae_name: [files.vae, {}] }, output: ["VAE"], category: "loaders" },
    ModelSamplingSD3: {
      required: { model: ["MODEL"], shift: float(0, 100) },
      output: ["MODEL"],
      category: "advanced/model",
    },
    Wan22ImageToVideoLatent: {
      required: {
        vae: ["VAE"],
        width: int(32, 16384, 32),
        height: int(32, 16384, 32),
        length: int(1, 16384, 4),
        batch_size: int(1, 4096),
      },
      output: ["LATENT"],
      category: "conditioning/inpaint",
    },
    CreateVideo: {
      required: { images: ["IMAGE"], fps: float(1, 120) },
      output: ["VIDEO"],
      category: "image/video",
    },
    SaveVideo: {
      required: {
        video: ["VIDEO"],
        filename_prefix: ["STRING", { default: "video/ComfyUI" }],
        format: [["auto", "mp4"], {}],
        codec: [["auto", "h264"], {}],
      },
      output: [],
      outputNode: true,
      category: "image/video",
    },
    VHS_VideoCombine: {
      required: {
        images: ["IMAGE"],
        frame_rate: float(1, 120),
        loop_count: int(0, 100),
        filename_prefix: ["STRING", { default: "AnimateDiff" }],
        format: [["image/gif", "image/webp", "video/h264-mp4", "video/webm"], {}],
        pingpong: ["BOOLEAN", {}],
        save_output: ["BOOLEAN", {}],
      },
      output: ["VHS_FILENAMES"],
      outputNode: true,
      category: "Video Helper Suite 🎥🅥🅗🅢",
    },
  };
}

/** True when the graph saves a video (and so runs as a video job). */
export function isVideoGraph(graph: unknown): graph is Graph {
  return Object.values((graph ?? {}) as Graph).some((node) => videoOutputs.has(node?.class_type));
}

interface VideoPrompt {
  clientId: string | undefined;
  graph: Graph;
  number: number;
  outputNode: string;
  samplerNode: string;
  /** Set when the prompt was deleted from the pending queue: ComfyUI forgets it. */
  deleted?: boolean;
  startSent?: boolean;
  file?: { filename: string; subfolder: string };
}

/** The video side of the fake: jobs, their queue and history views, and their files. */
export class ComfyVideoJobs {
  private readonly prompts = new Map<string, VideoPrompt>();
  private readonly files = new Map<string, string>();
  private counter = 0;

  constructor(
    readonly book: VideoJobBook,
    private readonly send: Send,
  ) {}

  /** Books a validated video graph under the prompt id ComfyUI answers with. */
  add(
    id: string,
    number: number,
    graph: Graph,
    clientId: string | undefined,
    uploads: Set<string>,
  ) {
    const entries = Object.entries(graph);
    const outputNode = entries.find(([, node]) => videoOutputs.has(node.class_type))![0];
    const samplerNode =
      entries.find(([, node]) => /KSampler|SamplerCustom/.test(node.class_type))?.[0] ?? outputNode;
    this.book.create(videoRequest(graph, uploads), id);
    this.prompts.set(id, { clientId, graph, number, outputNode, samplerNode });
  }

  has(id: string): boolean {
    return this.prompts.has(id);
  }

  /** `GET /history/{id}`: the entry once the job has ended, else undefined. */
  history(id: string): Record<string, unknown> | undefined {
    const prompt = this.prompts.get(id);
    if (!prompt || prompt.deleted) return undefined;
    const job = this.book.jobs.get(id)!;
    const snapshot = this.book.snapshot(job);
    if (snapshot.state === "queued" || snapshot.state === "running") return undefined;
    if (snapshot.state === "expired") return undefined; // the server restarted: history is gone
    const base = { prompt: this.queueItem(id, prompt), meta: {} };
    const node = prompt.graph[prompt.samplerNode]!;
    if (snapshot.state === "succeeded") {
      return {
        ...base,
        outputs: this.outputs(job, prompt),
        status: status("success", true, [
          ["execution_start", { prompt_id: id }],
          ["execution_success", { prompt_id: id }],
        ]),
      };
    }
    const failure: [string, Record<string, unknown>] =
      snapshot.state === "cancelled"
        ? [
            "execution_interrupted",
            {
              prompt_id: id,
              node_id: prompt.samplerNode,
              node_type: node.class_type,
              executed: [],
            },
          ]
        : [
            "execution_error",
            {
              prompt_id: id,
              node_id: prompt.samplerNode,
              node_type: node.class_type,
              exception_message: snapshot.failure ?? "error",
              exception_type: "RuntimeError",
              traceback: [],
            },
          ];
    const word = snapshot.unknownStatus ?? "error";
    return {
      ...base,
      outputs: {},
      status: status(word, false, [["execution_start", { prompt_id: id }], failure]),
    };
  }

  /**
   * `GET /queue`, the status poll of a video client: every job that has not ended moves one step
   * on (running ones send a sampler `progress` to their socket) and the waiting and running are
   * listed.
   */
  queue(): { running: unknown[]; pending: unknown[] } {
    const running: unknown[] = [];
    const pending: unknown[] = [];
    for (const [id, prompt] of this.prompts) {
      const job = this.book.jobs.get(id)!;
      if (prompt.deleted || !["queued", "running"].includes(this.book.snapshot(job).state))
        continue;
      const snapshot = this.book.poll(id)!;
      if (snapshot.state === "running") this.sendProgress(id, prompt, snapshot.progress);
      if (snapshot.state === "running") running.push(this.queueItem(id, prompt));
      if (snapshot.state === "queued") pending.push(this.queueItem(id, prompt));
    }
    return { running, pending };
  }

  private sendProgress(id: string, prompt: VideoPrompt, fraction: number): void {
    if (!prompt.startSent) this.send(prompt.clientId, "execution_start", { prompt_id: id });
    prompt.startSent = true;
    const max = 20;
    this.send(prompt.clientId, "progress", {
      value: Math.round(fraction * max),
      max,
      prompt_id: id,
      node: prompt.samplerNode,
    });
  }

  /** `POST /interrupt`: a running video job ends interrupted. */
  interrupt(promptId?: string): void {
    for (const [id] of this.prompts) {
      const job = this.book.jobs.get(id)!;
      if (promptId && id !== promptId) continue;
      if (this.book.snapshot(job).state === "running") this.book.cancel(id);
    }
  }

  /** `POST /queue {delete}`: a waiting video job is dropped and forgotten. */
  delete(ids: string[]): void {
    for (const id of ids) {
      const prompt = this.prompts.get(id);
      const job = this.book.jobs.get(id);
      if (!prompt || !job || this.book.snapshot(job).state !== "queued") continue;
      this.book.cancel(id);
      prompt.deleted = true;
    }
  }

  /** `GET /view` for a saved video; false when the file is not one of ours. */
  async view(exchange: FakeExchange): Promise<boolean> {
    const {
      filename = "",
      subfolder = "",
      type = "output",
    } = exchange.request.query as Record<string, string>;
    const id = this.files.get(`${type}/${subfolder}/${filename}`);
    const job = id ? this.book.jobs.get(id) : undefined;
    if (!job) return false;
    await sendRangedBytes(exchange, this.book.video(job), {
      headers: {
        "content-type": "video/mp4",
        "content-disposition": `filename="${filename}"`,
      },
      bytesPerSecond: job.plan.bytesPerSecond,
    });
    return true;
  }

  private outputs(job: FakeVideoJob, prompt: VideoPrompt): Record<string, unknown> {
    const node = prompt.graph[prompt.outputNode]!;
    const prefix = String(node.inputs.filename_prefix ?? "ComfyUI");
    if (!prompt.file) {
      this.counter += 1;
      const slash = prefix.lastIndexOf("/");
      const subfolder = slash === -1 ? "" : prefix.slice(0, slash);
      const stem = prefix.slice(slash + 1);
      const number = String(this.counter).padStart(5, "0");
      const filename =
        node.class_type === "SaveVideo" ? `${stem}_${number}_.mp4` : `${stem}_${number}.mp4`;
      prompt.file = { filename, subfolder };
      this.files.set(`output/${subfolder}/${filename}`, job.id);
    }
    const file = { ...prompt.file, type: "output" };
    if (node.class_type === "SaveVideo") {
      return { [prompt.outputNode]: { images: [file], animated: [true] } };
    }
    return {
      [prompt.outputNode]: {
        gifs: [
          {
            ...file,
            format: "video/h264-mp4",
            frame_rate: Number(node.inputs.frame_rate ?? 8),
            workflow: file.filename.replace(/\.mp4$/, ".png"),
            fullpath: `/ComfyUI/output/${file.subfolder}/${file.filename}`,
          },
        ],
      },
    };
  }

  private queueItem(id: string, prompt: VideoPrompt): unknown[] {
    return [prompt.number, id, prompt.graph, { client_id: prompt.clientId }, [prompt.outputNode]];
  }
}

function status(word: string, completed: boolean, messages: [string, Record<string, unknown>][]) {
  return {
    status_str: word,
    completed,
    messages: messages.map(([type, data]) => [type, { ...data, timestamp: Date.now() }]),
  };
}

/** What the graph asks for: the positive prompt, frames ÷ fps, size, a loaded first frame. */
function videoRequest(graph: Graph, uploads: Set<string>): FakeVideoRequest {
  const nodes = Object.values(graph);
  const node = (link: unknown) =>
    Array.isArray(link) && typeof link[0] === "string" ? graph[link[0]] : undefined;
  const sampler = nodes.find((each) => /KSampler/.test(each.class_type));
  const positive =
    node(sampler?.inputs.positive) ?? nodes.find((each) => each.class_type === "CLIPTextEncode");
  const latent = nodes.find((each) =>
    ["width", "height", "length"].every((key) => Number.isFinite(Number(each.inputs[key]))),
  );
  const fpsNode = nodes.find(
    (each) => each.class_type === "CreateVideo" || each.class_type === "VHS_VideoCombine",
  );
  const fps = Number(fpsNode?.inputs.fps ?? fpsNode?.inputs.frame_rate ?? 24);
  const even = (value: number) => Math.max(2, Math.round(value / 2) * 2);
  const loaded = nodes.find((each) => each.class_type === "LoadImage");
  return {
    prompt: String(positive?.inputs.text ?? ""),
    seconds: latent ? (Number(latent.inputs.length) - 1) / fps : undefined,
    width: latent ? even(Number(latent.inputs.width)) : undefined,
    height: latent ? even(Number(latent.inputs.height)) : undefined,
    image: loaded ? uploads.has(String(loaded.inputs.image)) : false,
    model: nodes.find((each) => each.class_type === "UNETLoader")?.inputs.unet_name as
      | string
      | undefined,
  };
}
