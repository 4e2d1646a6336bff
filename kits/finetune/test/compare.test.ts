/**
 * `compare` as a person runs it: a process against fake Ollama (the base model), a fake OpenAI
 * serving a fine-tuned model and a second one playing DeepSeek as the judge.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type FakeServer,
  type KitCliResult,
  type RunKitCliOptions,
  runKitCli,
  startFakeOllama,
  startFakeOpenAI,
  useTempDir,
} from "@path/testing";
import { afterAll, describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const kit = fileURLToPath(new URL("..", import.meta.url));
const folder = useTempDir("finetune-compare-");
const processTimeout = 90_000;

const base = "ollama:qwen2.5:0.5b";
const tuned = "openai:ft:gpt-4o-mini-2024-07-18:acme::abc123";
const judge = "deepseek:deepseek-chat";

const valLines = [
  {
    messages: [
      { role: "system", content: "You answer in one short sentence." },
      { role: "user", content: "What is LoRA?" },
      { role: "assistant", content: "A small set of low-rank weights added to a frozen model." },
    ],
  },
  {
    messages: [
      { role: "user", content: "退货期限是多久？" },
      { role: "assistant", content: "收货后 30 天内可以退货。" },
    ],
  },
  {
    messages: [
      { role: "user", content: "Capital of France?" },
      { role: "assistant", content: "Paris" },
    ],
  },
];
// Spacing and case differ from the reference in the first: exact match still counts it.
const tunedReplies = [
  "a small set of low-rank  weights added to a frozen model.",
  "收货后 30 天内可以退货。",
  "Lyon",
];

const servers: FakeServer[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));

/** Fakes of a test's own (tests run at once): Ollama serves the base model, OpenAI the tuned one. */
async function fakes(): Promise<{ ollama: FakeServer; openai: FakeServer }> {
  const [ollama, openai] = await Promise.all([startFakeOllama(), startFakeOpenAI()]);
  servers.push(ollama, openai);
  return { ollama, openai };
}

async function fakeOpenAI(): Promise<FakeServer> {
  const server = await startFakeOpenAI();
  servers.push(server);
  return server;
}

/** A folder to run from, holding data/val.jsonl. */
async function project(lines: string[] = valLines.map((line) => JSON.stringify(line))) {
  const cwd = await mkdtemp(join(folder(), "run-"));
  await mkdir(join(cwd, "data"));
  await writeFile(join(cwd, "data", "val.jsonl"), `${lines.join("\n")}\n`);
  return cwd;
}

function env(
  { ollama, openai }: { ollama: FakeServer; openai: FakeServer },
  judgeServer?: FakeServer,
): Record<string, string> {
  return {
    OLLAMA_HOST: ollama.origin,
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: openai.url,
    ...(judgeServer ? { DEEPSEEK_API_KEY: "sk-judge", DEEPSEEK_BASE_URL: judgeServer.url } : {}),
  };
}

function compare(
  args: string[],
  cwd: string,
  options: Pick<RunKitCliOptions, "env" | "onStderr"> = {},
): Promise<KitCliResult> {
  return runKitCli(["compare", ...args], { ...options, entry: cli, cwd: kit, initCwd: cwd });
}

const models = ["--base", base, "--tuned", tuned, "--on", "data/val.jsonl"];

async function savedReport(cwd: string, name = "compare-") {
  const files = (await readdir(join(cwd, "output"))).sort();
  const json = files.find((file) => file.startsWith(name) && file.endsWith(".json"));
  const markdown = files.find((file) => file.startsWith(name) && file.endsWith(".md"));
  return {
    files,
    json: JSON.parse(await readFile(join(cwd, "output", json!), "utf8")),
    markdown: await readFile(join(cwd, "output", markdown!), "utf8"),
  };
}

describe.concurrent("compare", { timeout: processTimeout }, () => {
  it("asks both models every example at temperature 0 with one seed, and scores exact matches", async () => {
    const { ollama, openai } = await fakes();
    openai.inject(...tunedReplies.map((reply) => ({ reply })));
    const cwd = await project();
    const result = await compare([...models, "--seed", "7"], cwd, { env: env({ ollama, openai }) });
    expect(result.stderr).toContain("compared 3/3");
    expect(result.code).toBe(0);

    const lines = result.stdout.split("\n");
    expect(lines[0]).toMatch(/^line │ base\s+│ tuned\s+│ exact\s+│ judge$/);
    expect(lines[2]).toMatch(/^ {3}1 │ Echo: What is LoRA\?\s+│ a small set of low-rank weights/);
    expect(lines[2]).toMatch(/│ tuned\s+│$/);
    expect(lines[3]).toMatch(
      /^ {3}2 │ Echo: 退货期限是多久？\s+│ 收货后 30 天内可以退货。\s+│ tuned/,
    );
    expect(lines[4]).toMatch(/^ {3}3 │ Echo: Capital of France\?\s+│ Lyon\s+│ neither/);
    expect(result.stdout).toMatch(/^exact match\s+0\/3 \(0%\)\s+2\/3 \(67%\)$/m);
    expect(result.stdout).toMatch(/^cost\s+free\s+unknown$/m);
    expect(result.stdout).toMatch(/^saved .*output\/compare-\d{4}-\d\d-\d\d\.md$/m);

    // Both models got the example's turns up to its answer, not the answer itself.
    const asked = openai.requests.map((request) => request.body as Record<string, unknown>);
    expect(asked).toHaveLength(3);
    expect(asked[0]).toMatchObject({
      model: "ft:gpt-4o-mini-2024-07-18:acme::abc123",
      temperature: 0,
      seed: 7,
      messages: valLines[0]!.messages.slice(0, 2),
    });
    const ollamaAsked = ollama.requests
      .map((request) => request.body as { messages?: unknown[]; options?: object })
      .filter((body) => JSON.stringify(body.messages).includes("What is LoRA?"));
    expect(ollamaAsked.at(-1)?.options).toMatchObject({ temperature: 0, seed: 7 });
    expect(ollamaAsked.at(-1)?.messages).toEqual(valLines[0]!.messages.slice(0, 2));

    const { json, markdown } = await savedReport(cwd);
    expect(json.models).toEqual({ base, tuned });
    expect(json.sampling).toEqual({ temperature: 0, seed: 7 });
    expect(json.interrupted).toBe(false);
    expect(json.rows.map((row: { line: number }) => row.line)).toEqual([1, 2, 3]);
    expect(json.rows[0].reference).toBe(valLines[0]!.messages[2]!.content);
    expect(json.rows[0].tuned.text).toBe(tunedReplies[0]);
    expect(json.rows[0].exactMatch).toEqual({ base: false, tuned: true });
    expect(json.totals.base).toMatchObject({ exactMatches: 0, failed: 0, cost: { amount: 0 } });
    expect(json.totals.tuned).toMatchObject({ exactMatches: 2, exactMatchRate: 2 / 3, failed: 0 });
    expect(json.totals.tuned.inputTokens).toBeGreaterThan(0);
    expect(json.totals.tuned.cost).toBeUndefined(); // no price is known for a fine-tuned model
    expect(json.totals.judge).toBeUndefined();
    expect(markdown).toContain(`# base vs tuned on data/val.jsonl`);
    expect(markdown).toContain("| exact match | 0/3 (0%) | 2/3 (67%) |");
    expect(markdown).toContain("> **user:** 退货期限是多久？");
    expect(markdown).toContain("| Echo: Capital of France? | Lyon |");
    expect(markdown).not.toContain("How the judge was asked");
  });

  it("asks a judge which answer is closer, taking turns on which is A, and shows its prompt", async () => {
    const { ollama, openai } = await fakes();
    openai.inject(...tunedReplies.map((reply) => ({ reply })));
    const deepseek = await fakeOpenAI();
    deepseek.inject(
      { reply: JSON.stringify({ closer: "B", reason: "B says what the reference says." }) },
      { reply: JSON.stringify({ closer: "A", reason: "A is the reference word for word." }) },
      { reply: JSON.stringify({ closer: "tie", reason: "Both name the wrong city." }) },
    );
    const cwd = await project();
    const result = await compare([...models, "--judge", judge, "--json"], cwd, {
      env: env({ ollama, openai }, deepseek),
    });
    expect(result.code).toBe(0);
    // DeepSeek takes no seed: said once, not once a row.
    expect(result.stderr.match(/^note: .*$/gm)).toEqual([
      "note: deepseek:deepseek-chat: deepseek ignores seed.",
    ]);
    const printed = JSON.parse(result.stdout);
    expect(printed.totals.judge).toMatchObject({ baseWins: 0, tunedWins: 2, ties: 1, failed: 0 });
    // Row 1 showed the base answer as A, row 2 the tuned one: both verdicts favour tuned.
    expect(printed.rows.map((row: { verdict: object }) => row.verdict)).toMatchObject([
      { closer: "tuned", answerA: "base", reason: "B says what the reference says." },
      { closer: "tuned", answerA: "tuned" },
      { closer: "tie", answerA: "base" },
    ]);
    expect(printed.judge.instructions).toMatch(/^You compare two answers/);

    const judged = deepseek.requests.map(
      (request) => request.body as { messages: { role: string; content: string }[] },
    );
    expect(judged).toHaveLength(3);
    expect(judged[0]!.messages).toContainEqual({
      role: "system",
      content: printed.judge.instructions,
    });
    const question = judged[1]!.messages.find((message) => message.role === "user")!.content;
    expect(question).toContain("Conversation:\nuser: 退货期限是多久？");
    expect(question).toContain("Reference answer:\n收货后 30 天内可以退货。");
    expect(question).toMatch(
      /Answer A:\n收货后 30 天内可以退货。\n\nAnswer B:\nEcho: 退货期限是多久？/,
    );

    const { json, markdown } = await savedReport(cwd);
    expect(json.totals).toEqual(printed.totals);
    expect(printed.saved.json).toMatch(/compare-\d{4}-\d\d-\d\d\.json$/);
    expect(markdown).toContain("| closer to the reference (judge) | 0 | 2 |");
    expect(markdown).toContain(
      "**Judge:** tuned is closer (A was base): B says what the reference says.",
    );
    expect(markdown).toContain("## How the judge was asked");
    expect(markdown).toContain(printed.judge.instructions);
    expect(markdown).toContain('"enum": [\n        "A",\n        "B",\n        "tie"\n      ]');
    expect(markdown).toContain(
      "> **system:** You answer in one short sentence.\n>\n> **user:** What is LoRA?",
    );
  });

  it("puts a judge's answer that breaks its schema on that row, and still judges the rest", async () => {
    const { ollama, openai } = await fakes();
    const deepseek = await fakeOpenAI();
    // Core asks once more with the schema's issues; both answers miss it.
    deepseek.inject(
      { reply: "The second one, clearly." },
      { reply: JSON.stringify({ closer: "second" }) },
      { reply: JSON.stringify({ closer: "tie", reason: "Both equally far." }) },
    );
    const cwd = await project();
    const result = await compare([...models, "--judge", judge, "--limit", "2"], cwd, {
      env: env({ ollama, openai }, deepseek),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {3}1 │ .*│ failed$/m);
    expect(result.stdout).toMatch(/^line 1: the judge failed: .+$/m);
    const { json } = await savedReport(cwd);
    expect(json.rows[0].verdict.error).toMatch(/^the judge failed: /);
    expect(json.rows[1].verdict).toMatchObject({ closer: "tie", answerA: "tuned" });
    expect(json.totals.judge).toMatchObject({ ties: 1, failed: 1, baseWins: 0, tunedWins: 0 });
  });

  it("keeps comparing when a model fails mid-run, the error on its row", async () => {
    const { ollama, openai } = await fakes();
    openai.inject(
      { reply: tunedReplies[0]! },
      {
        status: 400,
        body: {
          error: {
            message: "This model is still being deployed.",
            type: "invalid_request_error",
            param: null,
            code: null,
          },
        },
      },
      { reply: tunedReplies[2]! },
    );
    const cwd = await project();
    const result = await compare(models, cwd, { env: env({ ollama, openai }) });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {3}2 │ Echo: 退货期限是多久？\s+│ \(failed, see below\)/m);
    expect(result.stdout).toMatch(/^line 2: tuned failed: .*HTTP 400.*still being deployed/m);
    expect(result.stdout).toMatch(/^failed\s+0\s+1$/m);
    const { json, markdown } = await savedReport(cwd);
    expect(json.rows).toHaveLength(3);
    expect(json.rows[1].tuned.error).toMatch(/HTTP 400.*still being deployed/);
    expect(json.rows[2].tuned.text).toBe("Lyon");
    expect(json.totals.tuned).toMatchObject({ answered: 2, failed: 1, exactMatches: 1 });
    expect(markdown).toMatch(/\| Echo: 退货期限是多久？ \| \*\*failed:\*\* .*still being deployed/);
  });

  it("names every bad line of the held-out file and asks no model (exit 2)", async () => {
    const { ollama, openai } = await fakes();
    const cwd = await project([
      JSON.stringify(valLines[0]),
      "{not json",
      JSON.stringify({ messages: [{ role: "user", content: "no answer here" }] }),
      JSON.stringify({ messages: [{ role: "bot", content: "hi" }] }),
    ]);
    const result = await compare(models, cwd, { env: env({ ollama, openai }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: data/val.jsonl has 3 bad lines: line 2 is not JSON; line 3 has no assistant turn to compare against; line 4 message 1 has role "bot" (system, user or assistant). Fix them and run again: no model was asked.\n',
    );
    expect(openai.requests).toHaveLength(0);
  });

  it("saves the rows finished before Ctrl-C and exits 130", async () => {
    const { ollama, openai } = await fakes();
    openai.inject({ reply: tunedReplies[0]! }, { hang: true });
    const cwd = await project();
    let pressed = false;
    const result = await compare(models, cwd, {
      env: env({ ollama, openai }),
      onStderr: (stderr, child) => {
        if (pressed || !stderr.includes("compared 1/3")) return;
        pressed = true;
        // Ctrl-C once the tuned model is stuck on the second example.
        void openai.waitUntil(() => openai.requests.length === 2).then(() => child.kill("SIGINT"));
      },
    });
    expect(result.code).toBe(130);
    expect(result.stdout).toContain("stopped after 1 of 3 examples (Ctrl-C)");
    const { json, markdown } = await savedReport(cwd);
    expect(json.interrupted).toBe(true);
    expect(json.examples).toBe(3);
    expect(json.rows).toHaveLength(1);
    expect(json.totals.tuned.exactMatches).toBe(1);
    expect(markdown).toContain("- examples: 1 of 3 (stopped with Ctrl-C; the rest were not asked)");
    await openai.waitUntil(() => openai.abortedRequests === 1);
  });

  it("never overwrites a report: a second run on the same day gets -2, and --limit asks fewer", async () => {
    const { ollama, openai } = await fakes();
    const cwd = await project();
    const first = await compare([...models, "--limit", "1"], cwd, { env: env({ ollama, openai }) });
    const second = await compare([...models, "--limit", "2"], cwd, {
      env: env({ ollama, openai }),
    });
    expect([first.code, second.code]).toEqual([0, 0]);
    const { files } = await savedReport(cwd);
    expect(files).toHaveLength(4);
    expect(
      files.filter((file) => /^compare-\d{4}-\d\d-\d\d-2\.(md|json)$/.test(file)),
    ).toHaveLength(2);
    const again = await savedReport(
      cwd,
      files.find((file) => file.includes("-2."))!.replace(/\.\w+$/, ""),
    );
    expect(again.json.rows).toHaveLength(2);
    expect(openai.requests).toHaveLength(3);
  });

  it("checks its flags and the models' keys before asking anything", async () => {
    const cwd = await project();
    const missing = await compare(["--base", base, "--on", "data/val.jsonl"], cwd);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      "error: --tuned is needed: npm run finetune -- compare --base <model> --tuned <model> --on data/val.jsonl\n",
    );
    const { ollama } = await fakes();
    const noKey = await compare(models, cwd, { env: { OLLAMA_HOST: ollama.origin } });
    expect(noKey.code).toBe(1);
    // One error, asked once: the first example's missing key ends the run, no row repeats it.
    const errors = noKey.stderr.split("\n").filter((line) => line.startsWith("error:"));
    expect(errors).toEqual([
      expect.stringMatching(/^error: openai needs an API key: set OPENAI_API_KEY/),
    ]);
    expect(noKey.stdout).toBe("");
    const help = await compare(["--help"], cwd);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--judge <provider:model>");
  });
});
