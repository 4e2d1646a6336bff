/**
 * Quest: the video jobs this computer started.
 *
 *   npm run video -- jobs
 *
 * One row a job: short key, model, state (queued / running 45% / succeeded / failed / saved),
 * age, estimated cost, the prompt's start and where it was saved. Record files that cannot be
 * read are listed with where they are: they are kept, never deleted.
 */
import { formatTable, parseCommandArgs, printJson } from "@path/kit-cli";
import { videoJobs } from "../shared/job-store.js";
import { ageText, recordCost, recordPrompt, shortKey, stateText } from "../shared/job-view.js";

export const help = `Usage: npm run video -- jobs [--json]

Lists the video jobs started from this computer, newest first: key, model, state, age, estimated
cost, prompt and saved file. \`npm run video -- resume <key>\` picks up one that is not saved.
Jobs are kept in GENAI_JOBS_DIR (default: ~/.local/share/genai-path/jobs).`;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, {});
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const { directory, jobs: records, unreadable } = await videoJobs();
  if (values.json) {
    printJson({
      directory,
      jobs: records.map((record) => ({
        shortKey: shortKey(record.key),
        ...record,
      })),
      unreadable,
    });
    return 0;
  }
  if (records.length === 0 && unreadable.length === 0) {
    process.stdout.write(
      `no video jobs yet (in ${directory}); start one with npm run video -- make "<prompt>"\n`,
    );
    return 0;
  }
  if (records.length > 0) {
    const rows = records.map((record) => [
      shortKey(record.key) + (record.key.includes("@") ? "*" : ""),
      `${record.provider}:${record.modelId}`,
      stateText(record),
      ageText(record.createdAt),
      recordCost(record),
      recordPrompt(record),
      record.outputPath ?? (record.state === "failed" ? (record.error ?? "") : ""),
    ]);
    const table = formatTable(rows, {
      header: ["key", "model", "state", "age", "cost", "prompt", "saved / why"],
      columns: [{}, {}, {}, { alignRight: true }, { alignRight: true }, {}, {}],
      maxCellWidth: 32,
    });
    process.stdout.write(`${table}\n`);
    if (records.some((record) => record.key.includes("@"))) {
      process.stdout.write("* an earlier job of the same request, kept when --new made another\n");
    }
  }
  for (const path of unreadable) {
    process.stdout.write(
      `unreadable: ${path} (damaged record, kept where it is; look at it, then run its request again with --new)\n`,
    );
  }
  return 0;
}
