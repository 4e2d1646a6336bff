/**
 * `npm run doctor`: what this machine and configuration can do, and what to do about the rest.
 * Each line says ok / missing / broken and, when not ok, the exact thing to do. Exit 0 when the
 * first step of the learning path (`npm start -- "…"`) can run, 1 when it cannot.
 */
import { parseCommandArgs, printJson, reportError } from "@path/kit-cli";
import { checkEmbedded } from "./check-embedded.js";
import { checkMachine } from "./check-machine.js";
import { checkOnline } from "./check-online.js";
import { checkNetworkSettings, checkProviders } from "./check-providers.js";
import { checkProxyReachable, checkServers } from "./check-reachable.js";
import { checkDotenv } from "./check-settings.js";
import { checkTools } from "./check-tools.js";
import { firstStep } from "./first-step.js";
import { formatReport } from "./format-report.js";

const help = `Usage: npm run doctor [-- --online] [--json]

Checks Node and npm, your .env, each provider's settings (keys are never printed), the embedded
models and what llama.cpp sees (GPU or CPU), ffmpeg / espeak-ng / chromium, and the local
servers you configured (Ollama, Stable Diffusion WebUI, ComfyUI).

Options:
      --online     also make one minimal call per configured provider (costs a token or so)
      --json       print the findings as JSON
  -h, --help       this help

Exit code: 0 when the first step (npm start -- "…") can run, 1 when it cannot.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { online: { type: "boolean" } });
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const findings = [
    ...checkMachine(),
    ...checkDotenv(),
    ...checkNetworkSettings(),
    ...(await checkProxyReachable()),
    ...checkProviders(),
    ...(await checkEmbedded()),
    ...checkTools(),
    ...(await checkServers()),
    ...(values.online ? await checkOnline() : []),
  ];
  const first = firstStep(findings);
  if (values.json) printJson({ firstStep: first, findings });
  else process.stdout.write(formatReport(findings, first));
  return first.canRun ? 0 : 1;
}

if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
const argv = process.argv.slice(2);
const code = await main(argv).catch((error: unknown) =>
  reportError(error, { debug: argv.includes("--debug") }),
);
process.stdout.write("", () => process.exit(code));
