import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type FakeServer,
  runKitCli,
  startFakeA1111,
  startFakeCivitai,
  startFakeHuggingFace,
  startFakeMiniMax,
  startFakeOpenAI,
} from "@path/testing";
import { previousFile, type Step } from "./steps.js";

export const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));

export interface StepRun {
  /** What the terminal shows: each command after `$ `, its output, then its dim summary lines (stderr). */
  text: string;
  /** The files named in the step's `media`, by their name under docs/path/media/. */
  media: Map<string, Uint8Array>;
}

/**
 * Runs a step's commands as a learner would: each kit's CLI as a process, in a fresh folder,
 * keys pointing at the project's fakes.
 */
export async function runStep(step: Step): Promise<StepRun> {
  const fakes: Array<{ close(): Promise<void> }> = [];
  const env: Record<string, string> = {};
  let openai: FakeServer | undefined;
  if (step.fakes.includes("openai")) {
    openai = await startFakeOpenAI();
    fakes.push(openai);
    Object.assign(env, { OPENAI_API_KEY: "sk-path-demo", OPENAI_BASE_URL: openai.url });
  }
  if (step.fakes.includes("hf")) {
    const hf = await startFakeHuggingFace({ token: "hf_path_demo" });
    fakes.push(hf);
    Object.assign(env, {
      HF_TOKEN: "hf_path_demo",
      HF_ROUTER_URL: hf.origin,
      HF_ENDPOINT: hf.origin,
    });
  }
  if (step.fakes.includes("minimax")) {
    const minimax = await startFakeMiniMax({ apiKey: "mm-path-demo" });
    fakes.push(minimax);
    Object.assign(env, { MINIMAX_API_KEY: "mm-path-demo", MINIMAX_BASE_URL: minimax.url });
  }
  if (step.fakes.includes("a1111")) {
    const a1111 = await startFakeA1111();
    fakes.push(a1111);
    env.A1111_URL = a1111.url;
  }
  if (step.fakes.includes("civitai")) {
    const civitai = await startFakeCivitai();
    fakes.push(civitai);
    Object.assign(env, { CIVITAI_BASE_URL: civitai.url, CIVITAI_TOKEN: "" });
  }
  const folder = await mkdtemp(join(tmpdir(), "path-step-"));
  env.GENAI_CACHE_DIR = join(folder, ".cache");
  // Video jobs are recorded beside the run, and the fake's jobs finish without long waits.
  Object.assign(env, {
    GENAI_JOBS_DIR: join(folder, ".jobs"),
    GENAI_VIDEO_POLL_MS: "5",
    GENAI_FINETUNE_POLL_MS: "5",
  });
  for (const [path, text] of Object.entries(step.files ?? {})) {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), text);
  }
  try {
    const parts: string[] = [];
    let previous = "";
    for (const command of step.commands) {
      for (const reply of command.replies ?? []) openai?.inject({ reply, times: 1 });
      const args = command.args.map((arg) => arg.replace(previousFile, previous));
      const result = await runKitCli(args, {
        entry: join(
          repositoryRoot,
          command.kit === "local" ? "packages" : "kits",
          command.kit,
          "src",
          "cli.ts",
        ),
        cwd: folder,
        env: { ...env, NO_COLOR: "1" },
        ...(command.input === undefined ? {} : { input: command.input }),
      });
      if (result.code !== 0) {
        throw new Error(
          `${command.shown} exited ${result.code}: ${result.stderr.trim()} ${result.stdout}`,
        );
      }
      previous = result.stdout.trim().split("\n").at(-1) ?? "";
      const printed = command.stderrFirst
        ? `${result.stderr}${result.stdout}`
        : `${result.stdout}${result.stderr}`;
      // The folder the commands ran in is where the learner types them.
      parts.push(
        `$ ${command.shown}\n${printed.replaceAll(env.GENAI_CACHE_DIR, "~/.cache/genai-path/models").replaceAll(folder, "~/genai-path")}`.trimEnd(),
      );
    }
    return { text: `${parts.join("\n\n")}\n`, media: await madeMedia(step, folder) };
  } finally {
    await Promise.all(fakes.map((fake) => fake.close()));
    await rm(folder, { recursive: true, force: true });
  }
}

async function madeMedia(step: Step, folder: string): Promise<Map<string, Uint8Array>> {
  const made = (await readdir(folder, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)));
  const media = new Map<string, Uint8Array>();
  for (const { made: pattern, name } of step.media ?? []) {
    const file = made.find((path) => pattern.test(path));
    if (!file)
      throw new Error(`${step.id}: no file made matches ${pattern} (made: ${made.join(", ")})`);
    media.set(name, await readFile(join(folder, file)));
  }
  return media;
}

/** What may differ between two honest runs: times, rates, progress part-way, folders, ports, dates. */
export function normalise(output: string): string {
  return output
    .replace(/^.*\[#*-+\].*\n/gm, "") // a progress bar part-way: how far it got depends on timing
    .replace(/\d+(\.\d+)? ?[KMG]?B\/s\b/g, "<rate>")
    .replace(/\d+(\.\d+)? ?(ms|s)\b/g, "<time>")
    .replace(/^\d\d:\d\d:\d\d(?= )/gm, "<clock>")
    .replace(/(\/tmp|\/var\/folders)\/[\w./-]+/g, "<folder>")
    .replace(/127\.0\.0\.1:\d+/g, "127.0.0.1:<port>")
    .replace(/\d{4}-\d{2}-\d{2}([T ]\d{2}[:-]\d{2}([:-]\d{2})?(\.\d+)?Z?)?/g, "<date>")
    .replace(/[ \t]+$/gm, "");
}
