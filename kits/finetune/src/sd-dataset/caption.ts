import { generateText } from "@path/core";

const instruction =
  "Describe this photo for a Stable Diffusion training caption: one line of short, comma-separated phrases (subject, pose, clothing, background, lighting). No opinions, no full sentences.";

/** A caption from a vision model, or why there is none (the model cannot see images, say). */
export async function captionPicture(
  model: string,
  png: Uint8Array,
  signal?: AbortSignal,
): Promise<{ caption: string } | { failed: string }> {
  try {
    const result = await generateText({
      model,
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: instruction },
            { type: "image", image: { data: png, mediaType: "image/png" } },
          ],
        },
      ],
      temperature: 0,
      maxOutputTokens: 120,
      signal,
    });
    return { caption: result.text.replace(/\s+/g, " ").trim() };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { failed: error instanceof Error ? error.message : String(error) };
  }
}
