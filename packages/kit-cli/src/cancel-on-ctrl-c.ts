/**
 * Ctrl-C cancels the running call instead of killing the process at once, so the partial
 * answer stays on screen and the exit is clean (code 130). A second Ctrl-C quits immediately.
 */
export function cancelOnCtrlC(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on("SIGINT", onInterrupt);
  return { signal: controller.signal, dispose: () => process.off("SIGINT", onInterrupt) };
}
