/**
 * Core's call timeout measures silence, to catch a stuck network call. Work in this process
 * (loading a model, reading a long prompt, generating) is not stuck even when it reports
 * nothing for seconds, so a local call says it is alive until it ends; Ctrl-C still stops it.
 */
export function keepAlive(onActivity: (() => void) | undefined): () => void {
  if (!onActivity) return () => {};
  const timer = setInterval(onActivity, 200);
  return () => clearInterval(timer);
}
