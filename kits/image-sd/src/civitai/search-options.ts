/**
 * What a person types (`lora`, `sdxl`, `downloads`) turned into the exact values Civitai's
 * `/api/v1/models` accepts (`LORA`, `SDXL 1.0`, `Most Downloaded`).
 */
import { InvalidInputError } from "@path/core";

/** Civitai's model types, by the lowercase word a person may type. */
const modelTypes: Record<string, string> = {
  checkpoint: "Checkpoint",
  lora: "LORA",
  locon: "LoCon",
  lycoris: "LoCon",
  dora: "DoRA",
  embedding: "TextualInversion",
  textualinversion: "TextualInversion",
  ti: "TextualInversion",
  hypernetwork: "Hypernetwork",
  controlnet: "Controlnet",
  upscaler: "Upscaler",
  vae: "VAE",
  motionmodule: "MotionModule",
  poses: "Poses",
  wildcards: "Wildcards",
  workflows: "Workflows",
  other: "Other",
};

/** Short names for the common base models; anything else is passed on as typed. */
const baseModelAliases: Record<string, string> = {
  "sd1.5": "SD 1.5",
  sd15: "SD 1.5",
  "sd 1.5": "SD 1.5",
  "1.5": "SD 1.5",
  sdxl: "SDXL 1.0",
  "sdxl 1.0": "SDXL 1.0",
  xl: "SDXL 1.0",
  pony: "Pony",
  illustrious: "Illustrious",
  flux: "Flux.1 D",
  "flux.1 d": "Flux.1 D",
  "flux dev": "Flux.1 D",
  "flux.1 s": "Flux.1 S",
  "flux schnell": "Flux.1 S",
  "sd3.5": "SD 3.5",
  "sd 3.5": "SD 3.5",
};

const sorts: Record<string, string> = {
  "highest rated": "Highest Rated",
  rated: "Highest Rated",
  "most downloaded": "Most Downloaded",
  downloads: "Most Downloaded",
  downloaded: "Most Downloaded",
  newest: "Newest",
  new: "Newest",
};

export const typeChoices = Object.keys(modelTypes).filter(
  (name) => !["lycoris", "textualinversion", "ti"].includes(name),
);
export const sortChoices = ["Highest Rated", "Most Downloaded", "Newest"];

export function civitaiModelType(value: string): string {
  const type = modelTypes[value.toLowerCase().replace(/[\s_-]/g, "")];
  if (!type) {
    throw new InvalidInputError(
      `unknown model type "${value}"; use one of: ${typeChoices.join(", ")}`,
    );
  }
  return type;
}

export function civitaiBaseModel(value: string): string {
  return baseModelAliases[value.trim().toLowerCase()] ?? value.trim();
}

export function civitaiSort(value: string): string {
  const sort = sorts[value.trim().toLowerCase()];
  if (!sort) {
    throw new InvalidInputError(`unknown sort "${value}"; use one of: ${sortChoices.join(", ")}`);
  }
  return sort;
}
