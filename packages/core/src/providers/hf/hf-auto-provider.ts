/**
 * `auto` resolved the way the client resolves it (the first Inference Provider the Hub lists
 * for the model), before the client sees it. Given `auto`, the client's image and embedding
 * tasks log "Auto selected provider: …" through its logger, and that logger is one
 * process-wide setting (`setLogger`): silencing it would silence the host app's own use of the
 * client too. Given a provider by name, they log nothing. Chat needs none of this: there `auto`
 * goes to the router, quietly.
 */
const hubHost = "https://huggingface.co";

interface ProviderMapping {
  provider?: string;
}

/** The first provider listed for `modelId`, or undefined when the Hub did not say (the client then reports why). */
export async function firstListedProvider(
  modelId: string,
  token: string,
  fetch: typeof globalThis.fetch,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  try {
    const response = await fetch(
      `${hubHost}/api/models/${modelId}?expand[]=inferenceProviderMapping`,
      { headers: token.startsWith("hf_") ? { authorization: `Bearer ${token}` } : {}, signal },
    );
    if (!response.ok) {
      await response.body?.cancel();
      return undefined;
    }
    const { inferenceProviderMapping: mapping } = (await response.json()) as {
      inferenceProviderMapping?: ProviderMapping[] | Record<string, unknown>;
    };
    // The Hub has answered with an array and, earlier, an object keyed by provider.
    if (Array.isArray(mapping)) return mapping[0]?.provider;
    return mapping ? Object.keys(mapping)[0] : undefined;
  } catch {
    return undefined;
  }
}
