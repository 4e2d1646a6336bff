import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Finding, notOk, ok } from "./finding.js";

const assignment = /^\s*(export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=/;

/**
 * The `.env` file in the folder the command runs from: each line that is neither blank, a
 * comment, an assignment nor the continuation of a quoted value is named by its number.
 */
export function checkDotenv(folder = process.cwd()): Finding[] {
  let text: string;
  try {
    text = readFileSync(join(folder, ".env"), "utf8").replace(/^\uFEFF/, "");
  } catch {
    return [
      ok(
        "settings",
        ".env",
        "none here (settings come from the shell; copy .env.example to .env to keep keys)",
      ),
    ];
  }
  const findings: Finding[] = [];
  let openQuote: string | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    if (openQuote) {
      if (line.includes(openQuote)) openQuote = undefined;
      return;
    }
    if (line.trim() === "" || line.trimStart().startsWith("#")) return;
    if (!assignment.test(line)) {
      findings.push(
        notOk(
          "settings",
          `.env line ${i + 1}`,
          "broken",
          `"${line.slice(0, 40)}" is not NAME=value`,
          `fix or delete line ${i + 1} of .env (NAME=value, # for comments)`,
        ),
      );
      return;
    }
    const value = line.slice(line.indexOf("=") + 1).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.indexOf(quote, 1) < 0) openQuote = quote;
  });
  return findings.length > 0 ? findings : [ok("settings", ".env", "every line reads")];
}
