/**
 * build, check, cost and export as a person runs them: processes in a fresh folder, reading the
 * files they wrote back; --from-docs against the fake OpenAI server.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type FakeServer, runKitCli, startFakeOpenAI, useTempDir } from "@path/testing";
import { afterAll, describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const kit = fileURLToPath(new URL("..", import.meta.url));
const folder = useTempDir("finetune-dataset-");
const servers: FakeServer[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));

async function project(files: Record<string, string>): Promise<string> {
  const cwd = await mkdtemp(join(folder(), "run-"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(cwd, name, ".."), { recursive: true });
    await writeFile(join(cwd, name), text);
  }
  return cwd;
}

const run = (args: string[], cwd: string, env: Record<string, string> = {}) =>
  runKitCli(args, { entry: cli, cwd: kit, initCwd: cwd, env });

const readJsonl = async (path: string) =>
  (await readFile(path, "utf8"))
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));

const chat = (user: string, assistant: string) =>
  JSON.stringify({
    messages: [
      { role: "user", content: user },
      { role: "assistant", content: assistant },
    ],
  });

/** Twelve distinct examples: enough for OpenAI, no duplicates. */
const goodLines = [
  chat("What is LoRA?", "Small low-rank matrices trained beside a frozen model."),
  chat("退货期限是多久？", "收货后 30 天内可以退货。"),
  chat("Do you ship to Canada?", "Yes, in five to eight business days."),
  chat("运费谁出？", "质量问题由我们承担，其他情况由买家承担。"),
  chat("Can I change my address after ordering?", "Only before the parcel leaves the warehouse."),
  chat("支持哪些付款方式？", "支付宝、微信支付和银联卡。"),
  chat(
    "How do I reset my password?",
    "Use the link on the sign-in page; it expires after an hour.",
  ),
  chat("发票怎么开？", "在订单详情页申请电子发票。"),
  chat("Is there a warranty?", "Two years on every device we sell."),
  chat("可以货到付款吗？", "暂不支持货到付款。"),
  chat("Where is my order?", "The tracking link is in your confirmation email."),
  chat("会员有什么好处？", "免运费和生日优惠券。"),
];

describe.concurrent("build", { timeout: 90_000 }, () => {
  it("turns a 中文 CSV into train and val chat JSONL, the same split every time, and lists left-out rows", async () => {
    const csv = `\uFEFF问题,答案,system\r\n${Array.from({ length: 20 }, (_, i) => `问题${i}：怎么退货？,答案${i}：在订单页申请。,`).join("\r\n")}\r\n空的答案,,\r\n`;
    const cwd = await project({ "qa.csv": csv });
    const result = await run(["build", "qa.csv", "--out", "data", "--system", "你是客服"], cwd);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("data/train.jsonl  18 examples");
    expect(result.stdout).toContain("data/val.jsonl  2 examples");
    expect(result.stderr).toContain("left out line 22: empty answer");
    const train = await readJsonl(join(cwd, "data/train.jsonl"));
    const val = await readJsonl(join(cwd, "data/val.jsonl"));
    expect(train[0].messages.map((m: { role: string }) => m.role)).toEqual([
      "system",
      "user",
      "assistant",
    ]);
    expect(train[0].messages[0].content).toBe("你是客服");
    const questions = [...train, ...val].map((e) => e.messages[1].content).sort();
    expect(questions).toEqual(Array.from({ length: 20 }, (_, i) => `问题${i}：怎么退货？`).sort());

    const again = await project({ "qa.csv": csv });
    await run(["build", "qa.csv", "--out", "data", "--system", "你是客服"], again);
    expect(await readFile(join(again, "data/val.jsonl"), "utf8")).toBe(
      await readFile(join(cwd, "data/val.jsonl"), "utf8"),
    );

    const refused = await run(["build", "qa.csv", "--out", "data"], cwd);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("data/train.jsonl exists; add --force");
  });

  it("reads Markdown Q&A in both shapes and JSONL rows of three kinds", async () => {
    const markdown =
      "# FAQ\n\n## 退货期限是多久？\n收货后 30 天内。\n\nQ: What is LoRA?\nA: Low-rank adapters.\n\n问：发票怎么开？\n答：在订单页申请。\n";
    const jsonl = [
      '{"prompt":"p1","completion":"c1"}',
      '{"instruction":"Translate","input":"你好","output":"Hello"}',
      '{"question":"q3","answer":"a3"}',
      chat("u4", "a4"),
    ].join("\n");
    const cwd = await project({ "faq.md": markdown, "rows.jsonl": jsonl });
    expect((await run(["build", "faq.md", "--out", "md", "--val", "0"], cwd)).code).toBe(0);
    const fromMarkdown = await readJsonl(join(cwd, "md/train.jsonl"));
    expect(
      fromMarkdown.map((e) => e.messages.map((m: { content: string }) => m.content)).sort(),
    ).toEqual([
      ["What is LoRA?", "Low-rank adapters."],
      ["发票怎么开？", "在订单页申请。"],
      ["退货期限是多久？", "收货后 30 天内。"],
    ]);
    expect(
      (await run(["build", "rows.jsonl", "--out", "rows", "--val", "0", "--json"], cwd)).stdout,
    ).toContain('"examples": 4');
    const rows = await readJsonl(join(cwd, "rows/train.jsonl"));
    expect(rows.map((e) => e.messages[0].content).sort()).toEqual([
      "Translate\n\n你好",
      "p1",
      "q3",
      "u4",
    ]);
  });

  it("says which columns a CSV has, which line is not JSON, and that an empty file is empty — writing nothing", async () => {
    const cwd = await project({
      "wrong.csv": "name,text\na,b\n",
      "bad.jsonl": `${chat("a", "b")}\n{oops\n`,
      "empty.csv": "",
    });
    const wrong = await run(["build", "wrong.csv"], cwd);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(
      /wrong\.csv has the columns "name", "text"; it needs a question column \(question, prompt/,
    );
    const bad = await run(["build", "bad.jsonl"], cwd);
    expect(bad.stderr).toContain("line 2 is not valid JSON. Nothing was written.");
    const empty = await run(["build", "empty.csv"], cwd);
    expect(empty.stderr).toContain("empty.csv is empty");
    expect(await readdir(cwd)).toEqual(expect.not.arrayContaining(["data"]));
  });

  it("--from-docs asks the model for pairs from each document, the document fenced as data, and writes a draft to review", async () => {
    const openai = await startFakeOpenAI();
    servers.push(openai);
    openai.inject({
      reply: JSON.stringify({
        pairs: [
          { question: "退货期限是多久？", answer: "收货后 30 天内。" },
          { question: "谁付运费？", answer: "质量问题由店铺承担。" },
        ],
      }),
    });
    const cwd = await project({
      "notes/policy.md": "# 退货\n\n收货后 30 天内可以退货。质量问题运费由店铺承担。\n",
      "notes/skip.png": "x",
    });
    const result = await run(
      [
        "build",
        "--from-docs",
        "notes",
        "--out",
        "data",
        "--model",
        "openai:gpt-4o-mini",
        "--per-part",
        "2",
      ],
      cwd,
      {
        OPENAI_API_KEY: "sk-test",
        OPENAI_BASE_URL: openai.url,
      },
    );
    expect(result.stderr).toContain("next: review them");
    expect(result.code).toBe(0);
    expect(openai.requests).toHaveLength(1);
    const body = JSON.stringify(openai.requests[0]?.body);
    expect(body).toContain("<document>");
    expect(body).toContain("收货后 30 天内可以退货");
    const draft = await readJsonl(join(cwd, "data/draft.jsonl"));
    expect(draft.map((row) => [row.source, row.messages[0].content])).toEqual([
      ["policy.md", "退货期限是多久？"],
      ["policy.md", "谁付运费？"],
    ]);
    expect(await readFile(join(cwd, "data/draft-review.md"), "utf8")).toContain("## 2. 谁付运费？");
    const built = await run(["build", "data/draft.jsonl", "--out", "reviewed", "--val", "0"], cwd);
    expect(built.stdout).toContain("2 examples");
  });
});

describe.concurrent("check", { timeout: 90_000 }, () => {
  it("passes a clean file with its token spread, and exits 0", async () => {
    const cwd = await project({ "train.jsonl": `${goodLines.join("\n")}\n` });
    const result = await run(["check", "train.jsonl"], cwd);
    expect(result.stdout).toMatch(
      /^train\.jsonl: 12 examples, \d+ tokens \(min \d+, median \d+, p95 \d+, max \d+\)$/m,
    );
    expect(result.stdout).toContain("ok: no errors, 0 warning(s)");
    expect(result.code).toBe(0);
  });

  it("names every problem by line, finds near duplicates in 中文 and leakage into val, and exits 1", async () => {
    const lines = [
      ...goodLines,
      goodLines[1] as string, // 13: the same as line 2
      chat("退货期限是多久呢？", "收货后 30 天内可以退货。"), // 14: nearly line 2
      JSON.stringify({ messages: [{ role: "user", content: "no answer" }] }), // 15
      JSON.stringify({
        messages: [
          { role: "robot", content: "x" },
          { role: "assistant", content: "y" },
        ],
      }), // 16
      chat("", "empty question"), // 17
      "{oops", // 18
      JSON.stringify({
        messages: [
          { role: "user", content: "q" },
          { role: "assistant", content: "a" },
          { role: "user", content: "dangling" },
        ],
      }), // 19
    ];
    const cwd = await project({
      "train.jsonl": `${lines.join("\n")}\n`,
      "val.jsonl": `${chat("Is there a warranty?", "Yes.")}\n${chat("新问题", "新答案")}\n`,
    });
    const result = await run(["check", "train.jsonl", "--val", "val.jsonl", "--json"], cwd);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    const lineOf = (kind: string, file = "train.jsonl") =>
      report.findings.find(
        (f: { kind: string; file: string }) => f.kind === kind && f.file === file,
      )?.lines;
    expect(lineOf("duplicate")).toEqual([{ line: 13, detail: "line 2" }]);
    expect(lineOf("near-duplicate")).toEqual([{ line: 14, detail: "line 2" }]);
    expect(lineOf("no-assistant")).toEqual([{ line: 15 }]);
    expect(lineOf("bad-line").map((l: { line: number }) => l.line)).toEqual([16, 18]);
    expect(lineOf("empty-turn")).toEqual([{ line: 17, detail: "message 1" }]);
    expect(lineOf("last-not-assistant")).toEqual([{ line: 19 }]);
    expect(lineOf("leaked-into-val", "val.jsonl")).toEqual([{ line: 1 }]);
    expect(report.files[1].examples).toBe(2);

    const text = await run(["check", "train.jsonl", "--max-tokens", "20"], cwd);
    expect(text.stdout).toMatch(
      /error: train\.jsonl: \d+ × longer than the model takes in one example — line \d+ \(\d+ tokens\)/,
    );
    expect(text.stdout).toMatch(/\d+ error\(s\), 2 warning\(s\): fix the errors before training/);
  });

  it("refuses fewer than 10 examples, and names a missing file", async () => {
    const cwd = await project({ "small.jsonl": `${goodLines.slice(0, 3).join("\n")}\n` });
    const small = await run(["check", "small.jsonl"], cwd);
    expect(small.code).toBe(1);
    expect(small.stdout).toContain("error: fewer than 10 training examples");
    const missing = await run(["check", "nope.jsonl"], cwd);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read nope.jsonl: no such file");
  });
});

describe.concurrent("cost and export", { timeout: 90_000 }, () => {
  it("estimates training cost from counted tokens, and says when a price is unknown", async () => {
    const cwd = await project({ "train.jsonl": `${goodLines.join("\n")}\n` });
    const known = JSON.parse(
      (
        await run(
          ["cost", "train.jsonl", "--model", "openai:gpt-4.1-mini", "--epochs", "2", "--json"],
          cwd,
        )
      ).stdout,
    );
    expect(known).toMatchObject({ examples: 12, epochs: 2, pricePerMillionUsd: 5 });
    expect(known.trainedTokens).toBe(known.tokensPerEpoch * 2);
    expect(known.usd).toBeCloseTo((known.trainedTokens / 1e6) * 5, 10);
    const unknown = await run(["cost", "train.jsonl", "--model", "deepseek:deepseek-chat"], cwd);
    expect(unknown.stdout).toMatch(/training cost\s+unknown/);
    expect(unknown.stderr).toContain("3 epochs assumed");
  });

  it("writes alpaca with history, sharegpt, and a LLaMA-Factory folder with dataset_info.json", async () => {
    const multi = JSON.stringify({
      messages: [
        { role: "system", content: "简短回答" },
        { role: "user", content: "你好" },
        { role: "assistant", content: "你好！" },
        { role: "user", content: "退货期限？" },
        { role: "assistant", content: "30 天。" },
      ],
    });
    const cwd = await project({ "data/train.jsonl": `${multi}\n${goodLines[0]}\n` });
    expect((await run(["export", "data/train.jsonl", "--format", "alpaca"], cwd)).code).toBe(0);
    expect(JSON.parse(await readFile(join(cwd, "data/train.alpaca.json"), "utf8"))).toEqual([
      {
        instruction: "退货期限？",
        input: "",
        output: "30 天。",
        system: "简短回答",
        history: [["你好", "你好！"]],
      },
      {
        instruction: "What is LoRA?",
        input: "",
        output: "Small low-rank matrices trained beside a frozen model.",
      },
    ]);
    await run(["export", "data/train.jsonl", "--format", "llama-factory", "--name", "shop"], cwd);
    const shareGpt = JSON.parse(await readFile(join(cwd, "data/llama-factory/train.json"), "utf8"));
    expect(shareGpt[0]).toEqual({
      conversations: [
        { from: "human", value: "你好" },
        { from: "gpt", value: "你好！" },
        { from: "human", value: "退货期限？" },
        { from: "gpt", value: "30 天。" },
      ],
      system: "简短回答",
    });
    const info = JSON.parse(
      await readFile(join(cwd, "data/llama-factory/dataset_info.json"), "utf8"),
    );
    expect(info.shop).toMatchObject({
      file_name: "train.json",
      formatting: "sharegpt",
      columns: { messages: "conversations" },
    });
  });

  it("stops at a bad line, naming it, and leaves no partial file", async () => {
    const cwd = await project({ "data/train.jsonl": `${goodLines[0]}\nnot json\n` });
    const result = await run(["export", "data/train.jsonl", "--format", "sharegpt"], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("data/train.jsonl line 2: not valid JSON; nothing was written");
    expect(await readdir(join(cwd, "data"))).toEqual(["train.jsonl"]);
  });
});
