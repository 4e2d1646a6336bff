import type { Step } from "./steps.js";

export const mediaFolder = "docs/path/media";

/** The page's media block: a picture shown in the page, a sound or video as a link to open. */
export function mediaBlock(step: Step, language: "en" | "zh"): string {
  // The 中文 pages sit two folders deeper than docs/path/ and share its media.
  const folder = language === "en" ? "media/" : "../../path/media/";
  const lines = (step.media ?? []).map(({ name, caption }) =>
    name.endsWith(".png")
      ? `<img src="${folder}${name}" alt="${caption[language]}" width="360">`
      : `▶ [${caption[language]}](${folder}${name})`,
  );
  return `${lines.join("\n\n")}\n`;
}
