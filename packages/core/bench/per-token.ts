/**
 * Per-token streaming overhead: one long streamed answer (`tokens` chunks) per contender per
 * round, in rotating order. Wall time runs from the first text delta to the last: the fake
 * server prepares the whole answer before its first byte, and that time is the server's, not
 * the client's. CPU is the client process's over the whole call (the server runs elsewhere).
 */
import type { Contender } from "./contenders.js";
import type { RemoteContender } from "./remote-contender.js";
import { cpuMs, median, rotated } from "./timing.js";

export interface StreamJob {
  kind: "stream";
  tokens: number;
}

interface StreamResult {
  firstToLastMs: number;
  cpuMs: number;
}

const prompt = "Write a very long answer.";

/** Runs in the contender's process: one stream, checked to bring exactly `tokens` deltas. */
export async function runStream(contender: Contender, job: StreamJob): Promise<StreamResult> {
  let deltas = 0;
  let firstAt = 0;
  let lastAt = 0;
  const cpuStart = cpuMs();
  await contender.stream(prompt, () => {
    lastAt = performance.now();
    if (deltas === 0) firstAt = lastAt;
    deltas += 1;
  });
  const cpu = cpuMs() - cpuStart;
  if (deltas !== job.tokens) throw new Error(`${deltas} deltas, not ${job.tokens}`);
  return { firstToLastMs: lastAt - firstAt, cpuMs: cpu };
}

export interface PerTokenOptions {
  tokens: number;
  rounds: number;
  warmUp: number;
}

export interface PerTokenResult {
  name: Contender["name"];
  firstToLastMs: number;
  wallUsPerToken: number;
  cpuUsPerToken: number;
  /** This contender's wall and CPU time over each other's, per round, median over rounds. */
  wallRatio: Record<string, number>;
  cpuRatio: Record<string, number>;
}

export async function measurePerToken(
  list: RemoteContender[],
  options: PerTokenOptions,
): Promise<PerTokenResult[]> {
  const job: StreamJob = { kind: "stream", tokens: options.tokens };
  for (let index = 0; index < options.warmUp; index++) {
    for (const contender of list) await contender.run(job);
  }
  const rounds: Map<string, StreamResult>[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const samples = new Map<string, StreamResult>();
    for (const contender of rotated(list, round)) {
      samples.set(contender.name, await contender.run<StreamResult>(job));
    }
    rounds.push(samples);
  }
  type Key = keyof StreamResult;
  const ratio = (name: string, other: string, key: Key) =>
    median(rounds.map((round) => round.get(name)![key] / round.get(other)![key]));
  const middle = (name: string, key: Key) => median(rounds.map((round) => round.get(name)![key]));
  return list.map(({ name }) => ({
    name,
    firstToLastMs: middle(name, "firstToLastMs"),
    wallUsPerToken: (middle(name, "firstToLastMs") * 1000) / (options.tokens - 1),
    cpuUsPerToken: (middle(name, "cpuMs") * 1000) / options.tokens,
    wallRatio: Object.fromEntries(list.map((o) => [o.name, ratio(name, o.name, "firstToLastMs")])),
    cpuRatio: Object.fromEntries(list.map((o) => [o.name, ratio(name, o.name, "cpuMs")])),
  }));
}
