/**
 * The shape of a fake Gradio app: its endpoints, and the `/config` and `/gradio_api/info`
 * answers built from them the way `blocks.py` does.
 */

/** One input of an endpoint, as a Gradio component. */
export interface FakeGradioParameter {
  /** The Python parameter name (`parameter_name` in `/info`). */
  name: string;
  label?: string;
  /** `Textbox`, `Number`, `Slider`, `Checkbox`, `Dropdown`, `Image`, `Audio`, … */
  component: string;
  /** A default makes the parameter optional (`parameter_has_default`). */
  default?: unknown;
}

/** One named endpoint: `/infer`, `/predict`, … */
export interface FakeGradioEndpoint {
  name: string;
  parameters: FakeGradioParameter[];
  /** Outputs: `Image`, `Gallery`, `Number` (a label with "seed" reports the seed), `Audio`, `Textbox`, … */
  returns: { label: string; component: string }[];
}

/** Ready-made apps, modelled on common Spaces. */
export type FakeGradioKind =
  | "text-to-image"
  | "image-to-image"
  | "minimal"
  | "text-to-audio"
  | "text-to-music"
  | "voice-clone"
  | "text-to-video"
  | "image-to-video";

const slider = (name: string, value: number): FakeGradioParameter => ({
  name,
  label: name.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase()),
  component: "Slider",
  default: value,
});

/** The Wan 2.2 video demos end alike: steps, seed and its switch in; [video, seed] out. */
const wanSteps: FakeGradioParameter[] = [
  slider("num_inference_steps", 4),
  slider("seed", 42),
  { name: "randomize_seed", label: "Randomize seed", component: "Checkbox", default: true },
];
const wanReturns = [
  { label: "Generated video", component: "Video" },
  { label: "Seed", component: "Number" },
];

export const fakeGradioKinds: Record<FakeGradioKind, FakeGradioEndpoint[]> = {
  // Like black-forest-labs/FLUX.1-dev and the SDXL demos: `/infer` returns [image, seed].
  "text-to-image": [
    {
      name: "/infer",
      parameters: [
        { name: "prompt", label: "Prompt", component: "Textbox" },
        { name: "negative_prompt", label: "Negative prompt", component: "Textbox", default: "" },
        slider("seed", 0),
        { name: "randomize_seed", label: "Randomize seed", component: "Checkbox", default: true },
        slider("width", 1024),
        slider("height", 1024),
        slider("guidance_scale", 3.5),
        slider("num_inference_steps", 28),
      ],
      returns: [
        { label: "Result", component: "Image" },
        { label: "Seed", component: "Number" },
      ],
    },
  ],
  "image-to-image": [
    {
      name: "/img2img",
      parameters: [
        { name: "input_image", label: "Input image", component: "Image" },
        { name: "prompt", label: "Prompt", component: "Textbox" },
        slider("strength", 0.8),
        slider("seed", 0),
        { name: "randomize_seed", label: "Randomize seed", component: "Checkbox", default: true },
      ],
      returns: [{ label: "Output", component: "Image" }],
    },
  ],
  // The recipe's minimal app: one textbox in, one image out.
  minimal: [
    {
      name: "/predict",
      parameters: [{ name: "text", label: "text", component: "Textbox" }],
      returns: [{ label: "output", component: "Image" }],
    },
  ],
  "text-to-audio": [
    {
      name: "/chat",
      parameters: [{ name: "message", label: "Message", component: "Textbox" }],
      returns: [{ label: "Chatbot", component: "Chatbot" }],
    },
    {
      name: "/speak",
      parameters: [{ name: "text", label: "Text", component: "Textbox" }],
      returns: [{ label: "Audio", component: "Audio" }],
    },
  ],
  // Like ACE-Step/ACE-Step (the first of its inputs, in order): tags, lyrics, length and seeds in,
  // [audio, params JSON] out.
  "text-to-music": [
    {
      name: "/__call__",
      parameters: [
        { name: "format", label: "Format", component: "Dropdown", default: "wav" },
        slider("audio_duration", 60),
        { name: "prompt", label: "Tags", component: "Textbox" },
        { name: "lyrics", label: "Lyrics", component: "Textbox", default: "" },
        slider("infer_step", 60),
        slider("guidance_scale", 15),
        { name: "manual_seeds", label: "manual seeds", component: "Textbox", default: null },
      ],
      returns: [
        { label: "Generated Audio", component: "Audio" },
        { label: "Parameters", component: "JSON" },
      ],
    },
  ],
  // Like F5-TTS's /basic_tts: a reference clip and its transcript, the text to say in that voice.
  "voice-clone": [
    {
      name: "/basic_tts",
      parameters: [
        { name: "ref_audio_input", label: "Reference Audio", component: "Audio" },
        { name: "ref_text_input", label: "Reference Text", component: "Textbox", default: "" },
        { name: "gen_text_input", label: "Text to Generate", component: "Textbox" },
        { name: "remove_silence", label: "Remove Silences", component: "Checkbox", default: false },
        { name: "randomize_seed", label: "Randomize Seed", component: "Checkbox", default: true },
        slider("seed_input", 0),
        slider("speed_slider", 1),
      ],
      returns: [
        { label: "Synthesized Audio", component: "Audio" },
        { label: "Spectrogram", component: "Image" },
        { label: "Reference Text", component: "Textbox" },
        { label: "Seed", component: "Number" },
      ],
    },
  ],
  // Like the Wan 2.2 text-to-video demos: prompt, length in seconds, size and seed in, [video, seed] out.
  "text-to-video": [
    {
      name: "/generate_video",
      parameters: [
        { name: "prompt", label: "Prompt", component: "Textbox" },
        { name: "negative_prompt", label: "Negative prompt", component: "Textbox", default: "" },
        slider("duration_seconds", 2),
        slider("width", 832),
        slider("height", 480),
        ...wanSteps,
      ],
      returns: wanReturns,
    },
  ],
  // Like the Wan 2.2 image-to-video Spaces: a first frame (its size kept unless asked), prompt, length.
  "image-to-video": [
    {
      name: "/generate_video",
      parameters: [
        { name: "input_image", label: "Input image", component: "Image" },
        { name: "prompt", label: "Prompt", component: "Textbox" },
        slider("duration_seconds", 2),
        ...wanSteps,
      ],
      returns: wanReturns,
    },
  ],
};

function wireType(component: string): { type: unknown; python: string } {
  if (/^(Number|Slider)$/.test(component)) return { type: { type: "number" }, python: "float" };
  if (component === "Checkbox") return { type: { type: "boolean" }, python: "bool" };
  if (/Image|Audio|File|Video/.test(component)) {
    const properties = {
      path: { type: "string" },
      url: { type: "string" },
      meta: { type: "object" },
    };
    return { type: { type: "object", properties, title: "FileData" }, python: "filepath" };
  }
  return { type: { type: "string" }, python: "str" };
}

/** `GET /config`: components plus one dependency per endpoint (ids are array indexes). */
export function gradioConfig(endpoints: FakeGradioEndpoint[], root: string) {
  const components: { id: number; type: string; props: Record<string, unknown> }[] = [];
  const add = (component: string, label: string) => {
    components.push({ id: components.length + 1, type: component.toLowerCase(), props: { label } });
    return components.length;
  };
  const dependencies = endpoints.map((endpoint, index) => ({
    id: index,
    inputs: endpoint.parameters.map((parameter) =>
      add(parameter.component, parameter.label ?? parameter.name),
    ),
    outputs: endpoint.returns.map((output) => add(output.component, output.label)),
    api_name: endpoint.name.replace(/^\//, ""),
    queue: null,
    api_visibility: "public",
    types: { generator: false, cancel: false },
    targets: [],
  }));
  return {
    version: "5.49.1",
    protocol: "sse_v3",
    api_prefix: "/gradio_api",
    root,
    mode: "blocks",
    app_id: 1234567890,
    enable_queue: true,
    connect_heartbeat: false,
    space_id: null,
    title: "Gradio",
    components,
    dependencies,
  };
}

/** `GET /gradio_api/info`. */
export function gradioInfo(endpoints: FakeGradioEndpoint[]) {
  const named = Object.fromEntries(
    endpoints.map((endpoint) => [
      endpoint.name,
      {
        parameters: endpoint.parameters.map((parameter) => {
          const { type, python } = wireType(parameter.component);
          return {
            label: parameter.label ?? parameter.name,
            parameter_name: parameter.name,
            parameter_has_default: "default" in parameter,
            parameter_default: parameter.default ?? null,
            type,
            python_type: { type: python, description: "" },
            component: parameter.component,
            example_input: parameter.default ?? "Hello!!",
          };
        }),
        returns: endpoint.returns.map((output) => {
          const { type, python } = wireType(output.component);
          return {
            label: output.label,
            type,
            python_type: { type: python, description: "" },
            component: output.component,
          };
        }),
        api_visibility: "public",
        description: "",
      },
    ]),
  );
  return { named_endpoints: named, unnamed_endpoints: {} };
}
