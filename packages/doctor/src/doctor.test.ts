import { writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type FakeServer,
  runKitCli,
  startFakeOllama,
  startFakeOpenAI,
  useTempDir,
} from "@path/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTools } from "./check-tools.js";
import type { Finding } from "./finding.js";
import { firstStep } from "./first-step.js";

const entry = fileURLToPath(new URL("./cli.ts", import.meta.url));
const temp = useTempDir("doctor-");
let openai: FakeServer;
let ollama: FakeServer;

beforeAll(async () => {
  openai = await startFakeOpenAI();
  ollama = await startFakeOllama();
});
afterAll(async () => {
  await openai.close();
  await ollama.close();
});

interface Report {
  firstStep: { canRun: boolean; how: string };
  findings: Finding[];
}

async function doctor(args: string[], env: Record<string, string> = {}, envFile?: string) {
  const cwd = temp();
  if (envFile !== undefined) await writeFile(join(cwd, ".env"), envFile);
  const result = await runKitCli(["--json", ...args], {
    entry,
    cwd,
    env: { GENAI_CACHE_DIR: join(cwd, "cache"), ...env },
  });
  expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack traces
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

const find = (report: Report, section: string, name: string) =>
  report.findings.find((f) => f.section === section && f.name === name);

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("npm run doctor", () => {
  it("with no settings: providers missing with what to set, the embedded model to download, exit 0", async () => {
    const { code, report } = await doctor([]);
    expect(code).toBe(0);
    expect(find(report, "providers", "openai")).toMatchObject({
      state: "missing",
      fix: expect.stringContaining("set OPENAI_API_KEY"),
    });
    expect(find(report, "embedded", "local text model")).toMatchObject({
      state: "missing",
      fix: expect.stringContaining("npm run local -- pull qwen2.5-0.5b-instruct"),
    });
    expect(find(report, "embedded", "llama.cpp")?.state).toBe("ok");
    expect(report.firstStep).toEqual({
      canRun: true,
      how: "with the embedded model, no key (downloads the model on first use)",
    });
  }, 60_000);

  it("with a key and --online: the provider answers through the real client, timed; the key is never printed", async () => {
    const env = { OPENAI_API_KEY: "sk-doctor-secret-1234", OPENAI_BASE_URL: openai.url };
    const { code, report } = await doctor(["--online"], env);
    expect(code).toBe(0);
    expect(find(report, "providers", "openai")).toMatchObject({ state: "ok" });
    expect(find(report, "providers", "openai")?.detail).toContain("OPENAI_API_KEY set");
    expect(find(report, "online", "openai")?.detail).toMatch(/answered in \d+ ms/);
    expect(JSON.stringify(report)).not.toContain("sk-doctor-secret-1234");
    expect(report.firstStep).toEqual({ canRun: true, how: "with openai" });
  }, 60_000);

  it("reports a key the provider rejects on its line, and still prints the rest", async () => {
    openai.inject({ path: "/chat/completions", status: 401, times: 10 });
    const env = { OPENAI_API_KEY: "sk-wrong", OPENAI_BASE_URL: openai.url };
    const { report } = await doctor(["--online"], env);
    openai.reset();
    expect(find(report, "online", "openai")).toMatchObject({ state: "broken" });
    expect(find(report, "online", "openai")?.detail).toContain("HTTP 401");
    expect(find(report, "online", "openai")?.fix).toContain(
      "refused the key: check OPENAI_API_KEY",
    );
    expect(find(report, "tools", "ffmpeg")).toBeDefined();
  }, 60_000);

  it("names a malformed .env line by number, a base URL that is not a URL, and a proxy that refuses connections", async () => {
    const port = await closedPort();
    const { report } = await doctor(
      [],
      { HTTPS_PROXY: `http://127.0.0.1:${port}` },
      "# keys\nDEEPSEEK_API_KEY=sk-x\nDEEPSEEK_BASE_URL=not a url\nthis line is wrong\n",
    );
    expect(find(report, "settings", ".env line 4")).toMatchObject({
      state: "broken",
      fix: expect.stringContaining("line 4 of .env"),
    });
    expect(find(report, "providers", "deepseek")).toMatchObject({
      state: "broken",
      detail: 'DEEPSEEK_BASE_URL="not a url" is not a URL',
    });
    expect(find(report, "settings", "proxy")).toMatchObject({
      state: "broken",
      fix: "start the proxy, or unset HTTPS_PROXY / HTTP_PROXY",
    });
  }, 60_000);

  it("reaches Ollama at OLLAMA_HOST (no scheme needed) and says when ComfyUI does not answer", async () => {
    const port = await closedPort();
    const { report } = await doctor([], {
      OLLAMA_HOST: openaiHost(ollama.url),
      COMFYUI_URL: `http://127.0.0.1:${port}`,
    });
    expect(find(report, "servers", "Ollama")?.state).toBe("ok");
    expect(find(report, "servers", "ComfyUI")).toMatchObject({
      state: "broken",
      fix: expect.stringContaining("COMFYUI_URL"),
    });
    expect(find(report, "servers", "Stable Diffusion WebUI")?.state).toBe("missing");
  }, 60_000);

  it("prints one readable line per finding with --help and without --json", async () => {
    const help = await runKitCli(["--help"], { entry, cwd: temp() });
    expect(help.stdout).toContain("Usage: npm run doctor");
    const text = await runKitCli([], { entry, cwd: temp(), env: { GENAI_CACHE_DIR: temp() } });
    expect(text.stdout).toMatch(/^ {2}missing {2}openai +not configured/m);
    expect(text.stdout).toContain("The first step can run with the embedded model");
  }, 60_000);
});

describe("the doctor's verdicts", () => {
  it("says the first step cannot run when no text provider is set and llama.cpp cannot load", () => {
    const findings: Finding[] = [
      { section: "machine", name: "node", state: "ok", detail: "v20.20.2" },
      {
        section: "embedded",
        name: "llama.cpp",
        state: "broken",
        detail: "no binary",
        fix: "npm ci",
      },
    ];
    expect(firstStep(findings).canRun).toBe(false);
    const oldNode: Finding[] = [
      {
        section: "machine",
        name: "node",
        state: "broken",
        detail: "v18.0.0 is older than 20.18",
        fix: "install",
      },
    ];
    expect(firstStep(oldNode)).toEqual({
      canRun: false,
      how: "Node.js: v18.0.0 is older than 20.18",
    });
  });

  it("says how to install a missing tool", () => {
    const [ffmpeg] = checkTools(() => undefined);
    expect(ffmpeg).toMatchObject({
      state: "missing",
      fix: expect.stringContaining("apt-get install ffmpeg"),
    });
  });
});

/** OLLAMA_HOST is usually written as host:port. */
function openaiHost(url: string): string {
  return url.replace(/^http:\/\//, "");
}
