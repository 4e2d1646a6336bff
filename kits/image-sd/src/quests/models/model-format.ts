/** `980`, `61k`, `1.3M`. */
export function formatCount(count: number | undefined): string {
  if (count === undefined) return "-";
  if (count < 1000) return String(count);
  if (count < 1_000_000) return `${Math.round(count / 1000)}k`;
  return `${(count / 1_000_000).toFixed(1).replace(/\.0$/, "")}M`;
}

/** Where a file of this Civitai type goes in AUTOMATIC1111/Forge WebUI and in ComfyUI. */
export function uiFolders(type: string): { webui: string; comfyui: string } | undefined {
  const folders: Record<string, { webui: string; comfyui: string }> = {
    Checkpoint: { webui: "models/Stable-diffusion/", comfyui: "models/checkpoints/" },
    LORA: { webui: "models/Lora/", comfyui: "models/loras/" },
    LoCon: { webui: "models/Lora/", comfyui: "models/loras/" },
    DoRA: { webui: "models/Lora/", comfyui: "models/loras/" },
    TextualInversion: { webui: "embeddings/", comfyui: "models/embeddings/" },
    VAE: { webui: "models/VAE/", comfyui: "models/vae/" },
    Controlnet: { webui: "models/ControlNet/", comfyui: "models/controlnet/" },
    Upscaler: { webui: "models/ESRGAN/", comfyui: "models/upscale_models/" },
    Hypernetwork: { webui: "models/hypernetworks/", comfyui: "models/hypernetworks/" },
  };
  return folders[type];
}

/** The "where it goes" table of `models get --help`. */
export const placementHelp = `Where the file goes for your UI (copy it there, or download straight into it with --into):
  type               AUTOMATIC1111 / Forge WebUI     ComfyUI
  Checkpoint         models/Stable-diffusion/         models/checkpoints/
  LORA, LoCon, DoRA  models/Lora/                     models/loras/
  TextualInversion   embeddings/                      models/embeddings/
  VAE                models/VAE/                      models/vae/
  Controlnet         models/ControlNet/               models/controlnet/
  Upscaler           models/ESRGAN/                   models/upscale_models/
  e.g. --into ~/stable-diffusion-webui/models/Lora    --into ~/ComfyUI/models/checkpoints`;
