import { randomInt } from "node:crypto";
import { readFile } from "node:fs/promises";
import { InvalidInputError } from "../../errors.js";
import { imageSize } from "../../media/image-size.js";
import type { ImageCallOptions, Warning } from "../../spec/index.js";
import { latentSize } from "../latent-size.js";
import { imageToImageWorkflow, textToImageWorkflow } from "./comfyui-builtin-workflows.js";
import { placeholdersIn } from "./comfyui-placeholders.js";

/** `providerOptions.comfyui`. */
export interface ComfyUIOptions {
  /** An API-format workflow (object or path to its JSON) with `{{prompt}}`, `{{seed}}`, … */
  workflow?: string | Record<string, unknown>;
  /** For the built-in workflows: KSampler's sampler and scheduler. Default euler / normal. */
  sampler_name?: string;
  scheduler?: string;
  /** Values for any other placeholders in a workflow. */
  values?: Record<string, string | number>;
}

export type ApiWorkflow = Record<string, { class_type: string; inputs: Record<string, unknown> }>;

/** A workflow ready to fill, the placeholders it uses and what it cannot honour. */
export interface WorkflowPlan {
  template: ApiWorkflow;
  uses: Set<string>;
  warnings: Warning[];
}

export async function planWorkflow(
  options: ImageCallOptions,
  comfy: ComfyUIOptions,
): Promise<WorkflowPlan> {
  const template = comfy.workflow
    ? await loadUserWorkflow(comfy.workflow)
    : ((options.image ? imageToImageWorkflow : textToImageWorkflow) as ApiWorkflow);
  const uses = placeholdersIn(template);
  const name = typeof comfy.workflow === "string" ? comfy.workflow : "given";
  if (!uses.has("prompt")) {
    throw new InvalidInputError(
      `The ComfyUI workflow ${name} has no {{prompt}} placeholder: write "{{prompt}}" as the text of its positive CLIPTextEncode node.`,
    );
  }
  if (uses.has("image") && !options.image) {
    throw new InvalidInputError(
      `The ComfyUI workflow ${name} has an {{image}} placeholder: give an init image (image: "photo.png").`,
    );
  }
  const asked: [keyof ImageCallOptions, string, string][] = [
    ["negativePrompt", "negative_prompt", "negative prompt"],
    ["seed", "seed", "seed"],
    ["size", "width", "size"],
    ["steps", "steps", "step count"],
    ["guidance", "cfg", "guidance (CFG)"],
    ["strength", "denoise", "strength (denoise)"],
    ["image", "image", "init image"],
  ];
  const warnings: Warning[] = [];
  for (const [setting, placeholder, label] of asked) {
    if (options[setting] === undefined || uses.has(placeholder)) continue;
    const message =
      setting === "strength" && !options.image
        ? "strength applies only with an init image; it was ignored."
        : `The ComfyUI workflow has no {{${placeholder}}} placeholder, so the ${label} was ignored.`;
    warnings.push({ type: "unsupported-setting", setting, message });
  }
  return { template, uses, warnings };
}

/** Values for every placeholder the adapter knows, from the call's options. */
export function workflowValues(
  options: ImageCallOptions,
  comfy: ComfyUIOptions,
): { values: Record<string, string | number>; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const initSize = options.image ? imageSize(options.image.data) : undefined;
  const size = latentSize(options.size ?? initSize ?? { width: 512, height: 512 });
  if (size.warning && options.size) warnings.push(size.warning);
  const values: Record<string, string | number> = {
    prompt: options.prompt,
    negative_prompt: options.negativePrompt ?? "",
    seed: options.seed ?? randomInt(0, 2 ** 32),
    width: size.width,
    height: size.height,
    steps: options.steps ?? 20,
    cfg: options.guidance ?? 7,
    denoise: options.strength ?? (options.image ? 0.75 : 1),
    batch_size: options.n,
    sampler_name: comfy.sampler_name ?? "euler",
    scheduler: comfy.scheduler ?? "normal",
    ...comfy.values,
  };
  return { values, warnings };
}

export async function loadUserWorkflow(
  source: string | Record<string, unknown>,
): Promise<ApiWorkflow> {
  let workflow: unknown = source;
  if (typeof source === "string") {
    const text = await readFile(source, "utf8").catch(() => {
      throw new InvalidInputError(`Cannot read the ComfyUI workflow ${source}: no such file.`);
    });
    try {
      workflow = JSON.parse(text);
    } catch {
      throw new InvalidInputError(`The ComfyUI workflow ${source} is not valid JSON.`);
    }
  }
  const name = typeof source === "string" ? source : "given";
  if (!workflow || typeof workflow !== "object" || Array.isArray(workflow)) {
    throw new InvalidInputError(`The ComfyUI workflow ${name} is not a JSON object.`);
  }
  if (Array.isArray((workflow as { nodes?: unknown }).nodes)) {
    throw new InvalidInputError(
      `The ComfyUI workflow ${name} is in the UI format; in ComfyUI use Workflow → Export (API) and pass that file.`,
    );
  }
  for (const [id, node] of Object.entries(workflow)) {
    const ok =
      node &&
      typeof node === "object" &&
      typeof (node as { class_type?: unknown }).class_type === "string";
    if (!ok)
      throw new InvalidInputError(
        `The ComfyUI workflow ${name} is not in API format: node "${id}" has no class_type.`,
      );
  }
  return workflow as ApiWorkflow;
}
