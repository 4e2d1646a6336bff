/**
 * `npm run bench -w @path/core`: core's overhead per call, per streamed token and at import,
 * each against the raw `openai` client and the Vercel AI SDK in the same run, all against the
 * fake OpenAI server from @path/testing. The per-call calls run once more against an in-memory
 * fetch, which isolates each client's own work from the sockets and the machine's load.
 * Prints tables; asserts nothing.
 */
import { buildCore } from "./build-core.js";
import { type ImportTarget, measureColdImports } from "./cold-import.js";
import { contenderNames } from "./contender-names.js";
import { startFakeServer } from "./fake-server.js";
import { measurePerCall } from "./per-call.js";
import { measurePerToken } from "./per-token.js";
import { startContender } from "./remote-contender.js";
import { fixed, printTable, times } from "./table.js";

const settings = {
  perCall: { callsPerRound: 300, blockSize: 25, rounds: 9, warmUp: 100 },
  inMemory: { callsPerRound: 2000, blockSize: 200, rounds: 9, warmUp: 2000 },
  perToken: { tokens: 10_000, rounds: 5, warmUp: 1 },
  coldImportRuns: 15,
};

const inMicroseconds = (ms: number) => fixed(ms * 1000, 1);
const elapsed = () => `${(performance.now() / 1000).toFixed(0)} s`;
/** "wall / CPU" ratios of one result against another contender. */
const ratios = (
  result: { wallRatio: Record<string, number>; cpuRatio: Record<string, number> },
  other: string,
) => `${times(result.wallRatio[other]!)} / ${times(result.cpuRatio[other]!)}`;

console.log(
  `@path/core bench, node ${process.version}; the fake server and each client run in a process of their own`,
);
const server = startFakeServer(settings.perToken.tokens);
const complaints = await buildCore();
if (complaints)
  console.log(`\ntsc complained building core (benchmarking its output anyway):\n${complaints}`);
const urls = await server.urls;
const contenders = await Promise.all(contenderNames.map((name) => startContender(name, urls)));
console.log(`ready after ${elapsed()}`);

const perCall = await measurePerCall(contenders, settings.perCall);
const { callsPerRound, blockSize, rounds } = settings.perCall;
printTable(
  `Per call: ${callsPerRound} sequential non-streamed calls (turns of ${blockSize}) x ${rounds} rounds, median of rounds; ratios wall / CPU [${elapsed()}]`,
  ["client", "mean ms", "p50 ms", "p95 ms", "CPU ms/call", "CPU µs over raw", "÷ raw", "÷ ai-sdk"],
  perCall.map((result) => [
    result.name,
    fixed(result.meanMs, 3),
    fixed(result.p50Ms, 3),
    fixed(result.p95Ms, 3),
    fixed(result.cpuMsPerCall, 3),
    inMicroseconds(result.cpuOverMs["raw openai"]!),
    ratios(result, "raw openai"),
    ratios(result, "ai-sdk"),
  ]),
);

const inMemory = await measurePerCall(contenders, settings.inMemory, true);
printTable(
  `Per call in memory: the same calls answered by an in-memory fetch (no sockets), ${settings.inMemory.callsPerRound} x ${settings.inMemory.rounds} rounds; the client's own work [${elapsed()}]`,
  ["client", "mean µs", "CPU µs/call", "CPU µs over raw", "÷ raw", "÷ ai-sdk"],
  inMemory.map((result) => [
    result.name,
    inMicroseconds(result.meanMs),
    inMicroseconds(result.cpuMsPerCall),
    inMicroseconds(result.cpuOverMs["raw openai"]!),
    ratios(result, "raw openai"),
    ratios(result, "ai-sdk"),
  ]),
);

const perToken = await measurePerToken(contenders, settings.perToken);
for (const contender of contenders) contender.stop();
server.stop();
printTable(
  `Per token: a ${settings.perToken.tokens}-chunk stream x ${settings.perToken.rounds} rounds, median; wall = first to last delta; ratios wall / CPU [${elapsed()}]`,
  ["client", "wall ms", "µs/token", "CPU µs/token", "÷ raw", "÷ ai-sdk"],
  perToken.map((result) => [
    result.name,
    fixed(result.firstToLastMs, 1),
    fixed(result.wallUsPerToken, 2),
    fixed(result.cpuUsPerToken, 2),
    ratios(result, "raw openai"),
    ratios(result, "ai-sdk"),
  ]),
);

const imports = measureColdImports(settings.coldImportRuns);
const importMs = (name: ImportTarget) => imports.get(name)!;
printTable(
  `Cold import: a fresh node process per import, median of ${settings.coldImportRuns} [${elapsed()}]`,
  ["import", "ms", "÷ openai", "÷ ai-sdk"],
  [...imports].map(([name, ms]) => [
    name,
    fixed(ms, 1),
    times(ms / importMs("openai")),
    times(ms / importMs("ai + @ai-sdk/openai-compatible")),
  ]),
);
