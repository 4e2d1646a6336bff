/** The benchmark's side of contender-process.ts: send a job, await its result. */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Contender } from "./contenders.js";
import type { FakeServerURLs } from "./fake-server.js";
import type { CallsJob } from "./per-call.js";
import type { StreamJob } from "./per-token.js";

export interface RemoteContender {
  name: Contender["name"];
  run<Result>(job: CallsJob | StreamJob): Promise<Result>;
  stop(): void;
}

type Reply = { ready: true } | { result: unknown } | { error: string };

export async function startContender(
  name: Contender["name"],
  urls: FakeServerURLs,
): Promise<RemoteContender> {
  const script = fileURLToPath(new URL("./contender-process.ts", import.meta.url));
  const child = fork(script, [name, urls.plain, urls.long]);
  let waiting: { resolve(reply: Reply): void; reject(error: Error): void } | undefined;
  child.on("message", (reply) => waiting?.resolve(reply as Reply));
  child.on("exit", (code) => waiting?.reject(new Error(`${name} process exited with ${code}`)));
  const next = () => new Promise<Reply>((resolve, reject) => (waiting = { resolve, reject }));
  await next();
  return {
    name,
    async run<Result>(job: CallsJob | StreamJob) {
      const reply = next();
      child.send(job);
      const answer = await reply;
      if ("error" in answer) throw new Error(`${name}: ${answer.error}`);
      return (answer as { result: Result }).result;
    },
    stop: () => child.disconnect(),
  };
}
