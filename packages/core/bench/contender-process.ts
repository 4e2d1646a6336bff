/**
 * Hosts one contender in a process of its own (started with `fork` by remote-contender.ts), so
 * nothing one client does (e.g. core's AsyncLocalStorage, which makes every promise in a
 * Node 20 process a little dearer) slows another, and CPU time is that client's alone.
 * Runs the jobs it is sent over IPC, timing them here, and sends the results back.
 */
import { type Contender, createContender } from "./contenders.js";
import { inMemoryFetch } from "./in-memory-fetch.js";
import { type CallsJob, runCalls } from "./per-call.js";
import { runStream, type StreamJob } from "./per-token.js";

const [name, plainURL, longURL] = process.argv.slice(2) as [Contender["name"], string, string];
const forCalls = createContender(name, plainURL);
const forStreams = createContender(name, longURL);
const inMemory = createContender(name, plainURL, inMemoryFetch);

process.on("message", async (job: CallsJob | StreamJob) => {
  try {
    const result =
      job.kind === "stream"
        ? await runStream(forStreams, job)
        : await runCalls(job.inMemory ? inMemory : forCalls, job);
    process.send?.({ result });
  } catch (error) {
    process.send?.({ error: error instanceof Error ? error.stack : String(error) });
  }
});
process.on("disconnect", () => process.exit(0));
process.send?.({ ready: true });
