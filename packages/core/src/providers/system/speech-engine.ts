/** The speech engines the system provider runs. */
export type SpeechEngine = "espeak-ng" | "say";

/** Words per minute at speed 1, and the range each engine accepts. */
export const wordsPerMinute: Record<SpeechEngine, { normal: number; min: number; max: number }> = {
  "espeak-ng": { normal: 175, min: 80, max: 450 },
  say: { normal: 175, min: 90, max: 720 },
};

/** The engine this machine has by default: `say` on macOS, `espeak-ng` elsewhere. */
export function defaultSpeechEngine(): SpeechEngine {
  return process.platform === "darwin" ? "say" : "espeak-ng";
}

/** How to install an engine, for the error when it is missing. */
export const installHint =
  process.platform === "darwin"
    ? "`say` is part of macOS; if it is missing, install espeak-ng with `brew install espeak-ng`"
    : "install espeak-ng: `sudo apt-get install espeak-ng` (Debian/Ubuntu), `sudo dnf install espeak-ng` (Fedora)";
