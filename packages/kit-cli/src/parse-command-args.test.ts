import { describe, expect, it } from "vitest";
import { parseIntegerFlag, parseNumberFlag } from "./number-flags.js";
import { modelFlag, parseCommandArgs } from "./parse-command-args.js";
import { UsageError } from "./usage-error.js";

describe("parseCommandArgs", () => {
  it("takes the common flags, a command's own and positionals", () => {
    const { values, positionals } = parseCommandArgs(
      ["a", "fox", "--json", "-m", "openai:gpt-image-1", "--seed", "7"],
      { ...modelFlag, seed: { type: "string" } },
    );
    expect(values).toEqual({ json: true, model: "openai:gpt-image-1", seed: "7" });
    expect(positionals).toEqual(["a", "fox"]);
  });

  it("lets a command's own flag replace a common one", () => {
    const { values } = parseCommandArgs(["-h", "x"], {
      help: { type: "string", short: "h" },
    });
    expect(values.help).toBe("x");
  });

  it("turns a wrong command line into a UsageError that points to --help", () => {
    expect(() => parseCommandArgs(["--colour"], {})).toThrow(
      new UsageError("unknown option --colour (see --help)"),
    );
    expect(() => parseCommandArgs(["--seed"], { seed: { type: "string" } })).toThrow(
      /--seed.*argument missing \(see --help\)$/,
    );
    expect(() => parseCommandArgs(["--json=yes"], {})).toThrow(UsageError);
  });

  it("suggests the flag nearest to a mistyped one, and nothing when none is near", () => {
    const flags = { temperature: { type: "string" }, "max-tokens": { type: "string" } } as const;
    expect(() => parseCommandArgs(["--temprature", "1"], flags)).toThrow(
      new UsageError("unknown option --temprature; did you mean --temperature? (see --help)"),
    );
    expect(() => parseCommandArgs(["--max-token=5"], flags)).toThrow(
      "unknown option --max-token; did you mean --max-tokens? (see --help)",
    );
    expect(() => parseCommandArgs(["--colour"], flags)).toThrow(
      new UsageError("unknown option --colour (see --help)"),
    );
  });

  it("reads a negative number after a flag as its value, long or short", () => {
    const flags = {
      seed: { type: "string" },
      temperature: { type: "string", short: "t" },
    } as const;
    const { values, positionals } = parseCommandArgs(
      ["--seed", "-5", "-t", "-0.5", "a", "--", "--seed", "-1"],
      flags,
    );
    expect(values).toEqual({ seed: "-5", temperature: "-0.5" });
    expect(positionals).toEqual(["a", "--seed", "-1"]);
    expect(parseCommandArgs(["--temperature", "-.5"], flags).values.temperature).toBe("-.5");
  });

  it("still refuses a flag where a value should be", () => {
    expect(() => parseCommandArgs(["--seed", "--json"], { seed: { type: "string" } })).toThrow(
      new UsageError(
        "--seed needs a value; for a value that starts with a dash write --seed=-value (see --help)",
      ),
    );
  });
});

describe("number flags", () => {
  it("reads numbers in range and leaves a flag not given undefined", () => {
    expect(parseIntegerFlag("seed", "42", 0, 100)).toBe(42);
    expect(parseIntegerFlag("seed", undefined, 0, 100)).toBeUndefined();
    expect(parseNumberFlag("strength", "0.6", 0, 1)).toBe(0.6);
  });

  it("says what it takes when the value is wrong", () => {
    expect(() => parseIntegerFlag("steps", "2.5", 1, 1000)).toThrow(
      new UsageError('--steps takes a whole number from 1 to 1000, not "2.5"'),
    );
    expect(() => parseIntegerFlag("limit", "101", 1, 100)).toThrow(UsageError);
    expect(() => parseNumberFlag("strength", "", 0, 1)).toThrow(
      new UsageError('--strength takes a number from 0 to 1, not ""'),
    );
    expect(() => parseNumberFlag("guidance", "lots", 0, 100)).toThrow(UsageError);
  });
});
