/**
 * Per-call overhead: sequential non-streamed calls of a short prompt. Contenders take turns in
 * blocks of calls (rotating order), so machine noise hits them alike; each round gives one
 * mean/p50/p95 per contender, and the report takes the median over rounds.
 */
import type { Contender } from "./contenders.js";
import type { RemoteContender } from "./remote-contender.js";
import { cpuMs, mean, median, percentile, rotated } from "./timing.js";

export interface CallsJob {
  kind: "calls";
  count: number;
  /** Answer from memory instead of the fake server (see in-memory-fetch.ts). */
  inMemory?: boolean;
}

interface CallsResult {
  latencies: number[];
  cpuMs: number;
}

const prompt = "Say hello in one short sentence.";

/** Runs in the contender's process: `count` calls, each timed. */
export async function runCalls(contender: Contender, job: CallsJob): Promise<CallsResult> {
  const latencies: number[] = [];
  const cpuStart = cpuMs();
  for (let index = 0; index < job.count; index++) {
    const start = performance.now();
    await contender.call(prompt);
    latencies.push(performance.now() - start);
  }
  return { latencies, cpuMs: cpuMs() - cpuStart };
}

export interface PerCallOptions {
  callsPerRound: number;
  blockSize: number;
  rounds: number;
  warmUp: number;
}

export interface PerCallResult {
  name: Contender["name"];
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  cpuMsPerCall: number;
  /** This contender's round mean (wall and CPU) over each other's, median over rounds. */
  wallRatio: Record<string, number>;
  cpuRatio: Record<string, number>;
  /** This contender's CPU ms per call minus each other's, per round, median over rounds. */
  cpuOverMs: Record<string, number>;
}

export async function measurePerCall(
  list: RemoteContender[],
  options: PerCallOptions,
  inMemory = false,
): Promise<PerCallResult[]> {
  for (const contender of list) {
    await contender.run({ kind: "calls", count: options.warmUp, inMemory });
  }
  const rounds: Map<string, CallsResult>[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const samples = new Map(list.map((c) => [c.name, { latencies: [] as number[], cpuMs: 0 }]));
    const blocks = Math.ceil(options.callsPerRound / options.blockSize);
    for (let block = 0; block < blocks; block++) {
      for (const contender of rotated(list, block + round)) {
        const job: CallsJob = { kind: "calls", count: options.blockSize, inMemory };
        const result = await contender.run<CallsResult>(job);
        const sample = samples.get(contender.name)!;
        sample.latencies.push(...result.latencies);
        sample.cpuMs += result.cpuMs;
      }
    }
    rounds.push(samples);
  }
  type Stat = (sample: CallsResult) => number;
  const overRounds = (name: string, stat: Stat) =>
    median(rounds.map((round) => stat(round.get(name)!)));
  const paired = (name: string, compare: (mine: number, theirs: number) => number, stat: Stat) =>
    Object.fromEntries(
      list.map((other) => [
        other.name,
        median(
          rounds.map((round) => compare(stat(round.get(name)!), stat(round.get(other.name)!))),
        ),
      ]),
    );
  const ratios = (name: string, stat: Stat) => paired(name, (mine, theirs) => mine / theirs, stat);
  const wall: Stat = (sample) => mean(sample.latencies);
  const cpu: Stat = (sample) => sample.cpuMs / sample.latencies.length;
  return list.map(({ name }) => ({
    name,
    meanMs: overRounds(name, wall),
    p50Ms: overRounds(name, (sample) => percentile(sample.latencies, 50)),
    p95Ms: overRounds(name, (sample) => percentile(sample.latencies, 95)),
    cpuMsPerCall: overRounds(name, cpu),
    wallRatio: ratios(name, wall),
    cpuRatio: ratios(name, cpu),
    cpuOverMs: paired(name, (mine, theirs) => mine - theirs, cpu),
  }));
}
