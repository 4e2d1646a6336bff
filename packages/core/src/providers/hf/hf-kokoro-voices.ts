import type { Voice } from "../../spec/index.js";

/**
 * The voices of Kokoro-82M as fal-ai serves it for Hugging Face (`fal-ai/kokoro/american-english`,
 * from fal's model page). The prefix says the accent and voice: `af` American female, `am` male.
 */
const names = [
  "af_heart",
  "af_alloy",
  "af_aoede",
  "af_bella",
  "af_jessica",
  "af_kore",
  "af_nicole",
  "af_nova",
  "af_river",
  "af_sarah",
  "af_sky",
  "am_adam",
  "am_echo",
  "am_eric",
  "am_fenrir",
  "am_liam",
  "am_michael",
  "am_onyx",
  "am_puck",
  "am_santa",
];

export function kokoroVoices(): Voice[] {
  return names.map((id) => ({
    id,
    name: id.slice(3).replace(/^./, (first) => first.toUpperCase()),
    languages: ["en-US"],
    gender: id.startsWith("af_") ? "female" : "male",
  }));
}
