import type { ComfyNodeClass } from "./comfyui-nodes.js";

type Graph = Record<string, { class_type?: unknown; inputs?: Record<string, unknown> }>;

interface NodeError {
  type: string;
  message: string;
  details: string;
  extra_info: Record<string, unknown>;
}

/** ComfyUI's 400 body for a refused prompt (`execution.validate_prompt`). */
export type PromptRefusal = {
  error: NodeError;
  node_errors: Record<
    string,
    { errors: NodeError[]; dependent_outputs: string[]; class_type: string }
  >;
};

/** What the fake will draw for a valid prompt. */
export interface ComfyJobPlan {
  outputNodes: string[];
  prompt: string;
  seed: number;
  steps: number;
  width: number;
  height: number;
  batch: number;
  /** The uploaded file a LoadImage node reads, for image-to-image. */
  initImage?: string;
}

const isLink = (value: unknown): value is [string, number] =>
  Array.isArray(value) && value.length === 2 && typeof value[1] === "number";

function refusal(type: string, message: string, details = ""): PromptRefusal {
  return { error: { type, message, details, extra_info: {} }, node_errors: {} };
}

/** Checks a prompt as ComfyUI does; returns the refusal, or the plan for the fake to draw. */
export function validatePrompt(
  prompt: unknown,
  classes: Record<string, ComfyNodeClass>,
  imageSize: (file: string) => { width: number; height: number } | undefined,
): PromptRefusal | ComfyJobPlan {
  if (!prompt || typeof prompt !== "object" || Array.isArray(prompt))
    return refusal("no_prompt", "No prompt provided");
  const graph = prompt as Graph;
  for (const [id, node] of Object.entries(graph)) {
    if (typeof node?.class_type !== "string" || !classes[node.class_type]) {
      return refusal(
        "invalid_prompt",
        `Cannot execute because node ${String(node?.class_type)} does not exist.`,
        `Node ID '#${id}'`,
      );
    }
  }
  const outputNodes = Object.keys(graph).filter(
    (id) => classes[graph[id]!.class_type as string]!.outputNode,
  );
  if (outputNodes.length === 0) return refusal("prompt_no_outputs", "Prompt has no outputs");
  const nodeErrors: PromptRefusal["node_errors"] = {};
  for (const [id, node] of Object.entries(graph)) {
    const type = node.class_type as string;
    const errors = inputErrors(graph, node.inputs ?? {}, classes[type]!);
    if (errors.length)
      nodeErrors[id] = { errors, dependent_outputs: outputNodes, class_type: type };
  }
  if (Object.keys(nodeErrors).length) {
    return {
      error: {
        type: "prompt_outputs_failed_validation",
        message: "Prompt outputs failed validation",
        details: "",
        extra_info: {},
      },
      node_errors: nodeErrors,
    };
  }
  return plan(graph, outputNodes, imageSize);
}

function inputErrors(
  graph: Graph,
  inputs: Record<string, unknown>,
  spec: ComfyNodeClass,
): NodeError[] {
  const errors: NodeError[] = [];
  const error = (type: string, message: string, details: string) =>
    errors.push({ type, message, details, extra_info: {} });
  for (const [name, [kind]] of Object.entries(spec.required)) {
    const value = inputs[name];
    if (value === undefined) error("required_input_missing", "Required input is missing", name);
    else if (isLink(value)) {
      if (!graph[value[0]])
        error("bad_linked_input", "Bad linked input", `${name}: node ${value[0]} does not exist`);
    } else if (Array.isArray(kind) && !kind.includes(value)) {
      error(
        "value_not_in_list",
        "Value not in list",
        `${name}: '${String(value)}' not in ${JSON.stringify(kind)}`,
      );
    } else if ((kind === "INT" || kind === "FLOAT") && !Number.isFinite(Number(value))) {
      error(
        "invalid_input_type",
        `Failed to convert an input value to a ${kind} value`,
        `${name}, ${String(value)}`,
      );
    }
  }
  return errors;
}

function plan(
  graph: Graph,
  outputNodes: string[],
  imageSize: (file: string) => { width: number; height: number } | undefined,
): ComfyJobPlan {
  const node = (link: unknown) => (isLink(link) ? graph[link[0]] : undefined);
  const sampler = Object.values(graph).find((each) => each.class_type === "KSampler");
  const inputs = sampler?.inputs ?? {};
  const positive = node(inputs.positive)?.inputs ?? {};
  const result: ComfyJobPlan = {
    outputNodes,
    prompt: String(positive.text ?? ""),
    seed: Number(inputs.seed ?? 0),
    steps: Number(inputs.steps ?? 20),
    width: 512,
    height: 512,
    batch: 1,
  };
  // Follow the latent back: EmptyLatentImage, or VAEEncode ← [ImageScale ←] LoadImage.
  let source = node(inputs.latent_image);
  let scaled = false;
  while (source) {
    const fields = source.inputs ?? {};
    if (source.class_type === "EmptyLatentImage") {
      Object.assign(result, { width: Number(fields.width), height: Number(fields.height) });
      result.batch = Number(fields.batch_size ?? 1);
      break;
    }
    if (source.class_type === "ImageScale" && Number(fields.width) > 0 && !scaled) {
      Object.assign(result, { width: Number(fields.width), height: Number(fields.height) });
      scaled = true;
    }
    if (source.class_type === "LoadImage") {
      result.initImage = String(fields.image);
      if (!scaled) Object.assign(result, imageSize(result.initImage));
      break;
    }
    source = node(fields.pixels ?? fields.image);
  }
  result.width = Math.floor(result.width / 8) * 8;
  result.height = Math.floor(result.height / 8) * 8;
  return result;
}
