import { InvalidInputError } from "../../errors.js";

/** A parameter or return value as `view_api()` describes it. */
export interface GradioParameter {
  label?: string;
  parameter_name?: string | null;
  parameter_has_default?: boolean;
  parameter_default?: unknown;
  component?: string;
  type?: string;
}

export interface GradioEndpointInfo {
  parameters: GradioParameter[];
  returns: GradioParameter[];
}

export interface GradioApi {
  named_endpoints: Record<string, GradioEndpointInfo>;
}

const isImage = (item: GradioParameter) => /image|gallery/i.test(item.component ?? "");
const isText = (item: GradioParameter) =>
  /textbox|text/i.test(item.component ?? "") || item.type === "string";

/** `/infer (prompt, seed → Image, Number)`: how an endpoint is shown in errors. */
export function describeEndpoint(name: string, info: GradioEndpointInfo): string {
  const inputs = info.parameters.map((item) => item.parameter_name ?? item.label ?? "?").join(", ");
  const outputs = info.returns.map((item) => item.component ?? item.label ?? "?").join(", ");
  return `${name} (${inputs} → ${outputs})`;
}

/** Every named endpoint of the app, described, for an error that lists them. */
export function endpointListing(api: GradioApi): string {
  const endpoints = Object.entries(api.named_endpoints);
  return endpoints.map(([name, info]) => describeEndpoint(name, info)).join("; ") || "none";
}

/**
 * The endpoint a person named (with or without its leading slash). One the app lacks is an error
 * listing those it has; so is one whose outputs hold no `output` (e.g. `{ is: isImage, noun: "image" }`).
 */
export function namedEndpoint(
  api: GradioApi,
  wanted: string,
  appURL: string,
  output?: { is: (item: GradioParameter) => boolean; noun: string },
): { name: string; info: GradioEndpointInfo } {
  const name = wanted.startsWith("/") ? wanted : `/${wanted}`;
  const info = api.named_endpoints[name];
  if (!info) {
    throw new InvalidInputError(
      `The Gradio app at ${appURL} has no endpoint ${name}. Its endpoints: ${endpointListing(api)}.`,
    );
  }
  if (output && !info.returns.some(output.is)) {
    throw new InvalidInputError(
      `The endpoint ${describeEndpoint(name, info)} of ${appURL} returns no ${output.noun}.`,
    );
  }
  return { name, info };
}

/**
 * The endpoint that makes the image: the one asked for (`providerOptions.gradio.endpoint` or a
 * `#/name` suffix on the model id), else the best named endpoint that takes text and returns an
 * image, preferring one with an image input when there is an init image.
 */
export function pickEndpoint(
  api: GradioApi,
  options: { wanted?: string; wantsImageInput: boolean; appURL: string },
): { name: string; info: GradioEndpointInfo } {
  if (options.wanted) {
    return namedEndpoint(api, options.wanted, options.appURL, { is: isImage, noun: "image" });
  }
  const endpoints = Object.entries(api.named_endpoints);
  const score = ([name, info]: [string, GradioEndpointInfo]) => {
    const imageInput = info.parameters.some(isImage);
    const imageRequired = info.parameters.some(
      (item) => isImage(item) && !item.parameter_has_default,
    );
    let points = 0;
    if (options.wantsImageInput && imageInput) points += 4;
    if (!options.wantsImageInput && imageRequired) points -= 4;
    if (/infer|generat|predict|run|txt2img|text2img|text_to_image/i.test(name)) points += 1;
    return points;
  };
  const candidates = endpoints
    .filter(([, info]) => info.returns.some(isImage) && info.parameters.some(isText))
    .sort((a, b) => score(b) - score(a));
  const best = candidates[0];
  if (!best) {
    throw new InvalidInputError(
      `The Gradio app at ${options.appURL} has no endpoint that takes a prompt and returns an image. Its endpoints: ${endpointListing(api)}. Pick another Space, or name one with providerOptions.gradio.endpoint.`,
    );
  }
  return { name: best[0], info: best[1] };
}
