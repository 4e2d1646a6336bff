import { InvalidInputError } from "../../errors.js";
import { sniffMediaType } from "../../media/sniff.js";
import type { ImageCallOptions, Warning } from "../../spec/index.js";
import type { GradioParameter } from "./gradio-endpoint.js";

type Role =
  | "prompt"
  | "negativePrompt"
  | "seed"
  | "randomizeSeed"
  | "width"
  | "height"
  | "steps"
  | "guidance"
  | "strength"
  | "image";

/** What a parameter is for, judged by its component and its name or label. */
function roleOf(parameter: GradioParameter): Role | undefined {
  const name = `${parameter.parameter_name ?? ""} ${parameter.label ?? ""}`.toLowerCase();
  const component = (parameter.component ?? "").toLowerCase();
  if (component.includes("image")) return "image";
  if (component === "checkbox" || parameter.type === "boolean")
    return /random/.test(name) && /seed/.test(name) ? "randomizeSeed" : undefined;
  if (/negative/.test(name)) return "negativePrompt";
  if (component === "textbox" || parameter.type === "string")
    return /prompt|text|caption|description|input|query|message/.test(name) ? "prompt" : undefined;
  if (/seed/.test(name)) return "seed";
  if (/width/.test(name)) return "width";
  if (/height/.test(name)) return "height";
  if (/steps|inference/.test(name)) return "steps";
  if (/guidance|cfg/.test(name)) return "guidance";
  if (/strength|denois/.test(name)) return "strength";
  return undefined;
}

const settingOf: Partial<Record<Role, keyof ImageCallOptions>> = {
  negativePrompt: "negativePrompt",
  seed: "seed",
  width: "size",
  steps: "steps",
  guidance: "guidance",
  strength: "strength",
  image: "image",
};

/**
 * The positional data for an endpoint: the call's options on the parameters whose names fit,
 * `providerOptions.gradio.inputs` by parameter name, the API's defaults for the rest; plus a
 * warning for every option the endpoint has no input for.
 */
export function gradioInputs(
  endpoint: string,
  parameters: GradioParameter[],
  options: ImageCallOptions,
  explicit: Record<string, unknown> = {},
): { data: unknown[]; warnings: Warning[] } {
  const roles = new Map<number, Role>();
  const taken = new Set<Role>();
  parameters.forEach((parameter, index) => {
    const role = roleOf(parameter);
    if (role && !taken.has(role)) {
      roles.set(index, role);
      taken.add(role);
    }
  });
  if (!taken.has("prompt")) {
    const text = parameters.findIndex(
      (parameter, index) =>
        !roles.has(index) && (parameter.component ?? "").toLowerCase() === "textbox",
    );
    if (text === -1)
      throw new InvalidInputError(`The Gradio endpoint ${endpoint} takes no text prompt.`);
    roles.set(text, "prompt");
  }
  // An init image dropped with a warning would make a text-to-image picture that looks like an
  // answer: refuse, as the hf provider does for a model without image-to-image.
  if (options.image && !taken.has("image")) {
    throw new InvalidInputError(
      `The Gradio endpoint ${endpoint} takes no image, so it cannot do image-to-image; use an app (or an endpoint, "gradio:<app>#/<endpoint>") with an image input.`,
    );
  }
  const { size } = options;
  const given: Record<Role, unknown> = {
    prompt: options.prompt,
    negativePrompt: options.negativePrompt,
    seed: options.seed,
    randomizeSeed: options.seed === undefined ? undefined : false,
    width: size?.width,
    height: size?.height,
    steps: options.steps,
    guidance: options.guidance,
    strength: options.strength,
    image: options.image
      ? new File([Buffer.from(options.image.data)], "init.png", {
          type: sniffMediaType(options.image.data) ?? "image/png",
        })
      : undefined,
  };
  const data = parameters.map((parameter, index) => {
    const name = parameter.parameter_name ?? "";
    if (name && name in explicit) return explicit[name];
    const role = roles.get(index);
    const value = role ? given[role] : undefined;
    if (value !== undefined) return value;
    if (parameter.parameter_has_default) return parameter.parameter_default;
    throw new InvalidInputError(
      `The Gradio endpoint ${endpoint} needs "${name || parameter.label}", which has no default; pass it as providerOptions.gradio.inputs.${name || "<name>"}.`,
    );
  });
  const warnings: Warning[] = [];
  const present = new Set(roles.values());
  for (const [role, setting] of Object.entries(settingOf) as [Role, keyof ImageCallOptions][]) {
    if (options[setting] === undefined || present.has(role)) continue;
    warnings.push({
      type: "unsupported-setting",
      setting,
      message: `The Gradio endpoint ${endpoint} has no input for ${setting}; it was ignored.`,
    });
  }
  return { data, warnings };
}
