import type { Finding } from "./finding.js";

export interface FirstStep {
  canRun: boolean;
  /** Which model the first step would use, or why it cannot run. */
  how: string;
}

/**
 * The first step is one chat call: it runs with Node ≥ 20.18 and either a configured text
 * provider or the embedded model (llama.cpp loads; the model downloads on first use).
 */
export function firstStep(findings: readonly Finding[]): FirstStep {
  const node = findings.find((f) => f.section === "machine" && f.name === "node");
  if (node?.state !== "ok") return { canRun: false, how: `Node.js: ${node?.detail ?? "unknown"}` };
  const provider = findings.find(
    (f) => f.section === "providers" && f.state === "ok" && /\btext\b/.test(f.detail),
  );
  if (provider) return { canRun: true, how: `with ${provider.name}` };
  const llama = findings.find((f) => f.section === "embedded" && f.name === "llama.cpp");
  if (llama?.state === "ok") {
    const model = findings.find((f) => f.name === "local text model");
    const note = model?.state === "ok" ? "" : " (downloads the model on first use)";
    return { canRun: true, how: `with the embedded model, no key${note}` };
  }
  return {
    canRun: false,
    how: "no text provider is configured and the embedded model cannot load: set a key (see the providers above) or fix llama.cpp",
  };
}
