/**
 * `check` on a 100k-example file: examples a second and peak memory, against two peers in the
 * same run — a loop that only parses each line (the floor for any streaming reader) and a
 * script that loads the whole file (what streaming saves).
 *
 *   npm run bench -w @path/kit-finetune -- [--examples 100000]
 */
import { execFileSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { examples: { type: "string", default: "100000" } } });
const count = Number(values.examples);
const folder = await mkdtemp(join(tmpdir(), "check-bench-"));
const file = join(folder, "train.jsonl");
// The first quarter again, alone: how check's memory grows with the file shows whether it streams.
const quarterFile = join(folder, "quarter.jsonl");
const quarter = Math.floor(count / 4);

// A support bot's data in both languages; every 50th example repeats an earlier one.
const topics = ["退货", "运费", "发票", "warranty", "shipping", "password", "会员", "付款方式"];
const out = createWriteStream(file);
const quarterOut = createWriteStream(quarterFile);
for (let i = 0; i < count; i++) {
  const n = i % 50 === 49 ? i - 7 : i;
  const topic = topics[n % topics.length];
  const zh = n % 2 === 0;
  const user = zh
    ? `关于${topic}的问题 ${n}：我的订单 ${n * 7919} 怎么处理？`
    : `Question ${n} about ${topic}: what happens to order ${n * 7919}?`;
  const assistant = zh
    ? `订单 ${n * 7919} 的${topic}问题：请在订单页提交申请，我们会在 ${(n % 5) + 1} 个工作日内处理。`.repeat(
        1 + (n % 4),
      )
    : `For order ${n * 7919}, ${topic} is handled from the order page within ${(n % 5) + 1} business days. `.repeat(
        1 + (n % 4),
      );
  const line = JSON.stringify({
    messages: [
      { role: "system", content: "You are a helpful shop assistant." },
      { role: "user", content: user },
      { role: "assistant", content: assistant },
    ],
  });
  if (i < quarter) quarterOut.write(`${line}\n`);
  if (!out.write(`${line}\n`)) await new Promise<void>((done) => out.once("drain", () => done()));
}
await new Promise((done) => out.end(done));
await new Promise((done) => quarterOut.end(done));
const size = (await stat(file)).size;
const sizeMb = size / 1024 / 1024;
const quarterSize = (await stat(quarterFile)).size;

const child = fileURLToPath(new URL("check-child.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url));
const measure = (mode: string, input = file) =>
  JSON.parse(
    execFileSync(tsx, ["--conditions=@path/source", child, mode, input], { encoding: "utf8" }),
  ) as {
    examples: number;
    ms: number;
    maxRssMb: number;
  };

const baseline = measure("parse-lines");
const whole = measure("load-whole");
const check = measure("check");
const checkQuarter = measure("check", quarterFile);
const row = (name: string, r: typeof check) =>
  `${name.padEnd(28)} ${String(Math.round(r.examples / (r.ms / 1000))).padStart(9)} ex/s ${(r.ms / 1000).toFixed(1).padStart(7)} s ${r.maxRssMb.toFixed(0).padStart(6)} MB peak`;
console.log(`${count} examples, ${sizeMb.toFixed(0)} MB of chat JSONL`);
console.log(row("parse each line (peer)", baseline));
console.log(row("load the whole file (peer)", whole));
console.log(row("finetune check", check));
console.log(row(`finetune check, ${quarter} ex`, checkQuarter));
const keptPerExample = ((check.maxRssMb - checkQuarter.maxRssMb) * 1024 * 1024) / (count - quarter);
const filePerExample = (size - quarterSize) / (count - quarter);
console.log(
  `check: ${(check.ms / baseline.ms).toFixed(1)}× the time of parsing alone; peak memory ${(check.maxRssMb / sizeMb).toFixed(2)}× the file size (loading it whole: ${(whole.maxRssMb / sizeMb).toFixed(2)}×)`,
);
console.log(
  `check keeps ~${Math.round(keptPerExample)} bytes per extra example (peak ${checkQuarter.maxRssMb.toFixed(0)} → ${check.maxRssMb.toFixed(0)} MB for ${quarter} → ${count} examples), the same however long the example (hashes, a MinHash signature, a token count); each example here is ~${Math.round(filePerExample)} bytes of file`,
);
await rm(folder, { recursive: true, force: true });
