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
