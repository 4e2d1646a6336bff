import { generateText, type ProviderEntry, providerEntries } from "@path/core";
import { type Finding, notOk, ok, oneLine } from "./finding.js";

/**
 * With --online: one minimal call (a one-token answer) per configured provider that serves
 * text, timed. A refused key or an unreachable server is reported on its line.
 */
export async function checkOnline(
  entries: ProviderEntry[] = providerEntries(),
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const entry of entries) {
    if (entry.fallback || !entry.isConfigured()) continue;
    const model = entry.defaultModels.text;
    if (!entry.jobs.includes("text") || !model) {
      findings.push(ok("online", entry.id, "configured; no cheap call to try (it serves no text)"));
      continue;
    }
    const began = performance.now();
    try {
      await generateText({
        model: `${entry.id}:${model}`,
        prompt: "Reply with the word ok.",
        maxOutputTokens: 1,
        maxRetries: 0,
        timeoutMs: 30_000,
      });
      findings.push(
        ok("online", entry.id, `${model} answered in ${Math.round(performance.now() - began)} ms`),
      );
    } catch (error) {
      const status = (error as { status?: number }).status;
      const keys = entry.variables?.keys?.join(" / ") ?? "the key";
      const fix =
        status === 401 || status === 403
          ? `the provider refused the key: check ${keys} (a new key at its console), then run npm run doctor -- --online again`
          : "fix what the message says, then run npm run doctor -- --online again";
      findings.push(notOk("online", entry.id, "broken", `${model}: ${oneLine(error)}`, fix));
    }
  }
  return findings;
}
