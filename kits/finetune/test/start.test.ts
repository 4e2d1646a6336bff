/**
 * Hosted fine-tuning as a person runs it: start, status, events and cancel as processes, the real
 * `openai` client against the fake OpenAI files and fine-tuning routes. The kill trials kill -9
 * `start` while its upload, its create or its following is in flight, run it again, and count
 * what the fake holds: one training file and one job, every time.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type FakeOpenAI,
  openAIError,
  runKitCli,
  startFakeOpenAI,
  useTempDir,
} from "@path/testing";
import { afterAll, describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const kit = fileURLToPath(new URL("..", import.meta.url));
const folder = useTempDir("finetune-start-");
const fakes: FakeOpenAI[] = [];
afterAll(() => Promise.all(fakes.map((fake) => fake.close())));

const examples = Array.from({ length: 12 }, (_, i) =>
  JSON.stringify({
    messages: [
      { role: "user", content: `退货问题 ${i}：订单 ${i * 7919} 怎么退？` },
      {
        role: "assistant",
        content: `订单 ${i * 7919} 请在 ${i + 1} 天内于订单页申请，编号 ${i * i}。`,
      },
    ],
  }),
).join("\n");

async function setup() {
  const fake = await startFakeOpenAI();
  fakes.push(fake);
  const cwd = await mkdtemp(join(folder(), "run-"));
  await writeFile(join(cwd, "train.jsonl"), `${examples}\n`);
  const env = {
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: fake.url,
    GENAI_JOBS_DIR: join(cwd, "jobs"),
    GENAI_FINETUNE_POLL_MS: "20",
  };
  const run = (args: string[], onStderr?: (stderr: string, child: ChildProcess) => void) =>
    runKitCli(args, { entry: cli, cwd: kit, initCwd: cwd, env, ...(onStderr ? { onStderr } : {}) });
  return { fake, cwd, run };
}

const start = [
  "start",
  "train.jsonl",
  "--model",
  "openai:gpt-4.1-mini",
  "--suffix",
  "shop",
  "--yes",
];
const tuned = /^ft:gpt-4\.1-mini-2025-04-14:fake-org:shop:\S+$/;

describe.concurrent("start, status, events, cancel", { timeout: 120_000 }, () => {
  it("uploads, creates, follows the events to the tuned model's name; run again, it finds the same job", async () => {
    const { fake, run } = await setup();
    const first = await run(start);
    expect(first.stderr).toContain("cost: about $0.00");
    expect(first.stderr).toMatch(/Step 3\/3: training loss=/);
    expect(first.stderr).toContain(
      "next: npm run finetune -- compare --base openai:gpt-4.1-mini --tuned openai:ft:",
    );
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toMatch(tuned);
    const created = fake.requests.find(
      (r) => r.method === "POST" && r.path === "/v1/fine_tuning/jobs",
    );
    expect(created?.body).toMatchObject({
      model: "gpt-4.1-mini",
      suffix: "shop",
      method: { type: "supervised" },
    });
    const metadata = (created?.body as { metadata?: Record<string, string> } | undefined)?.metadata;
    expect(metadata?.genai_path_key).toMatch(/^[0-9a-z]{32}$/);

    const again = await run(start);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(fake.fineTuning.files.size).toBe(1);
    expect(fake.fineTuning.jobs.size).toBe(1);

    const status = await run(["status"]);
    expect(status.stdout).toMatch(
      /ftjob-fake\d+\s+openai:gpt-4\.1-mini\s+succeeded\s+ft:gpt-4\.1-mini/,
    );
    const id = [...fake.fineTuning.jobs.keys()][0] as string;
    const events = await run(["events", id]);
    expect(events.stdout.split("\n")[0]).toMatch(
      /^\d\d:\d\d:\d\d {2}Validating training file: file-fake\d+$/,
    );
    expect(events.stdout).toContain("The job has successfully completed");
  });

  it("asks before paying: without --yes and without a terminal, nothing is sent", async () => {
    const { fake, run } = await setup();
    const result = await run(start.filter((arg) => arg !== "--yes"));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /this fine-tuning job costs about \$0\.\d+ \(\d+ training tokens = 12 examples × 3 epochs at \$5\/1M\); add --yes/,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it("shows the vendor's error when the job fails, and when an upload is refused", async () => {
    const { fake, run } = await setup();
    fake.fineTuning.failNext = {
      code: "quota_exceeded",
      message: "Fine-tuning quota reached for this organization.",
    };
    const failed = await run(start);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /job ftjob-fake\d+ failed: quota_exceeded: Fine-tuning quota reached/,
    );

    fake.inject({
      path: "/v1/files",
      method: "POST",
      status: 400,
      body: openAIError("File too large.", "invalid_request_error", null),
    });
    const refused = await run([...start, "--new"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("File too large.");
  });

  it("events --follow picks up a job left running and prints each event once", async () => {
    const { fake, run } = await setup();
    fake.fineTuning.steps = 100_000;
    let pressed = false;
    await run(start, (stderr, child) => {
      if (pressed || !stderr.includes("Step 1/")) return;
      pressed = true;
      child.kill("SIGINT");
    });
    fake.fineTuning.steps = 4;
    const id = [...fake.fineTuning.jobs.keys()][0] as string;
    const followed = await run(["events", id, "--follow"]);
    expect(followed.code).toBe(0);
    const lines = followed.stdout.trim().split("\n");
    expect(lines.at(-1)).toMatch(/The job has successfully completed$/);
    expect(lines.filter((line) => line.includes("Step 4/4")).length).toBe(1);
    expect(new Set(lines).size).toBe(lines.length);
    const unknown = await run(["events", "ftjob-nothing"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("cancels a running job by its vendor id", async () => {
    const { fake, run } = await setup();
    fake.fineTuning.steps = 100_000;
    let pressed = false;
    const following = await run(start, (stderr, child) => {
      if (pressed || !stderr.includes("Step 2/")) return;
      pressed = true;
      child.kill("SIGINT");
    });
    expect(following.stderr).toContain("stopped watching; the job goes on");
    expect(following.code).toBe(130);
    const id = [...fake.fineTuning.jobs.keys()][0] as string;
    const cancelled = await run(["cancel", id]);
    expect(cancelled.stdout.trim()).toBe(`${id} cancelled`);
    expect(fake.fineTuning.jobs.get(id)?.status).toBe("cancelled");
    expect((await run(["status"])).stdout).toMatch(/cancelled/);
  });
});

describe.concurrent("the vendor restarts mid-request: the work is kept, the answer lost", {
  timeout: 120_000,
}, () => {
  for (const route of ["upload", "create"] as const) {
    it(`${route}: one clear error, and the same command again finds what was made`, async () => {
      const { fake, run } = await setup();
      fake.fineTuning.dropAnswerOf = route;
      const dropped = await run(start);
      expect(dropped.code).toBe(1);
      expect(dropped.stderr.trim().split("\n").at(-1)).toMatch(
        /reach openai.*the same start command again picks up where this stopped/,
      );
      expect(dropped.stderr).not.toMatch(/\n\s+at /);
      const again = await run(start);
      expect(again.code).toBe(0);
      expect(again.stdout.trim()).toMatch(tuned);
      expect(fake.fineTuning.files.size).toBe(1);
      expect(fake.fineTuning.jobs.size).toBe(1);
    });
  }
});

describe.concurrent("kill -9 during start, then the same command again", {
  timeout: 120_000,
}, () => {
  const trials: Array<
    [string, (fake: FakeOpenAI) => void, (fake: FakeOpenAI, stderr: string) => boolean]
  > = [
    [
      "during the upload",
      (fake) => {
        fake.fineTuning.uploadDelayMs = 1500;
      },
      (fake) => fake.requests.some((r) => r.method === "POST" && r.path === "/v1/files"),
    ],
    [
      "after the create was sent, before its answer",
      (fake) => {
        fake.fineTuning.createDelayMs = 1500;
      },
      (fake) => fake.requests.some((r) => r.method === "POST" && r.path === "/v1/fine_tuning/jobs"),
    ],
    [
      "while following the job",
      (fake) => {
        fake.fineTuning.steps = 100_000;
      },
      (_fake, stderr) => stderr.includes("Step 2/"),
    ],
  ];
  for (const [when, slow, ready] of trials) {
    it(`${when}: one uploaded file and one job on the fake`, async () => {
      const { fake, run } = await setup();
      slow(fake);
      let killed = false;
      const first = await run(start, (stderr, child) => {
        if (killed) return;
        const poll = setInterval(() => {
          if (!ready(fake, stderr)) return;
          clearInterval(poll);
          killed = true;
          child.kill("SIGKILL");
        }, 5);
      });
      expect(first.signal).toBe("SIGKILL");
      // Let a delayed answer land on the fake, as it would at the vendor.
      await new Promise((done) => setTimeout(done, 1600));
      fake.fineTuning.uploadDelayMs = 0;
      fake.fineTuning.createDelayMs = 0;
      fake.fineTuning.steps = 3;
      const again = await run(start);
      expect(again.stderr).toMatch(
        /following job ftjob-fake\d+|found the job this request created|started job/,
      );
      expect(again.code).toBe(0);
      expect(again.stdout.trim()).toMatch(tuned);
      expect(fake.fineTuning.files.size).toBe(1);
      expect(fake.fineTuning.jobs.size).toBe(1);
    });
  }
});
