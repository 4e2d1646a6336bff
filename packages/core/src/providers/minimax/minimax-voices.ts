/** MiniMax voices: system voices and the ones this account cloned, from `POST /v1/get_voice`. */
import type { Voice } from "../../spec/index.js";
import { type MiniMaxConnection, type MiniMaxReply, miniMaxPost } from "./minimax-client.js";

/** A 中文 voice, the one used when none is named. */
export const miniMaxDefaultVoice = "female-shaonv";

/** Some system voices, for messages when the list cannot be fetched. */
export const miniMaxWellKnownVoices = [
  "female-shaonv",
  "male-qn-qingse",
  "Chinese (Mandarin)_Lyrical_Voice",
  "English_expressive_narrator",
  "Cantonese_GentleLady",
  "Japanese_Whisper_Belle",
];

interface VoiceEntry {
  voice_id: string;
  voice_name?: string;
  description?: string[] | string;
}

interface VoiceList extends MiniMaxReply {
  system_voice?: VoiceEntry[] | null;
  voice_cloning?: VoiceEntry[] | null;
  voice_generation?: VoiceEntry[] | null;
}

export async function listMiniMaxVoices(
  connection: MiniMaxConnection,
  signal?: AbortSignal,
): Promise<Voice[]> {
  const list = await miniMaxPost<VoiceList>(
    connection,
    "/v1/get_voice",
    { voice_type: "all" },
    "voices",
    { signal },
  );
  const toVoice = (entry: VoiceEntry, cloned: boolean): Voice => {
    const description = [entry.description ?? []].flat().join(" ").trim();
    return {
      id: entry.voice_id,
      ...(entry.voice_name && entry.voice_name !== entry.voice_id
        ? { name: entry.voice_name }
        : {}),
      ...(description ? { description } : {}),
      ...(cloned ? { cloned } : {}),
    };
  };
  return [
    ...(list.system_voice ?? []).map((entry) => toVoice(entry, false)),
    ...(list.voice_generation ?? []).map((entry) => toVoice(entry, false)),
    ...(list.voice_cloning ?? []).map((entry) => toVoice(entry, true)),
  ];
}
