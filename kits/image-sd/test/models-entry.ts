/** Runs `models …` as the kit's CLI would, for end-to-end tests (until cli.ts routes it). */
import { runModels } from "../src/quests/models.js";

const code = await runModels(process.argv.slice(2));
process.stdout.write("", () => process.exit(code));
