import { afterEach, describe, expect, it, vi } from "vitest";
import { type Command, runCommand } from "./run-command.js";
import { UsageError } from "./usage-error.js";

afterEach(() => vi.restoreAllMocks());

const commands: Record<string, Command> = {
  search: { load: async () => ({ main: async (argv) => argv.length }) },
  get: { load: async () => ({ main: async () => 1 }) },
};

describe("runCommand", () => {
  it("runs the command asked for with the rest of the arguments", async () => {
    expect(await runCommand(["search", "pixel", "art"], commands, { help: "" })).toBe(2);
  });

  it("prints the help: on stdout when asked (0), on stderr when nothing was typed (2)", async () => {
    const stdout = vi.spyOn(process.stdout, "write").mockReturnValue(true);
    const stderr = vi.spyOn(process.stderr, "write").mockReturnValue(true);
    expect(await runCommand(["--help"], commands, { help: "Usage: …" })).toBe(0);
    expect(await runCommand([], commands, { help: "Usage: …" })).toBe(2);
    expect(stdout).toHaveBeenCalledWith("Usage: …\n");
    expect(stderr).toHaveBeenCalledWith("Usage: …\n");
  });

  it("names an unknown command and the ones there are", async () => {
    await expect(runCommand(["paint"], commands, { help: "" })).rejects.toThrow(
      new UsageError('unknown quest "paint"; the quests are search, get'),
    );
    await expect(
      runCommand(["toString"], commands, { help: "", noun: "command", parent: "models" }),
    ).rejects.toThrow('unknown command "models toString"; the commands are search, get');
  });

  it("suggests the command nearest to a typo", async () => {
    await expect(runCommand(["serch"], commands, { help: "" })).rejects.toThrow(
      new UsageError('unknown quest "serch"; did you mean "search"? the quests are search, get'),
    );
  });
});
