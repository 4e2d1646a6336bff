import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "../../../../text/src/shared/usage-error.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

const common = {
  json: { type: "boolean" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies Options;

/**
 * Parses one `models` subcommand's flags (strict: an unknown flag is a UsageError, exit 2).
 * The text kit's parseQuestArgs carries text-model flags (--model, --temperature), so this
 * is the same thing without them.
 */
export function parseModelsArgs<const Extra extends Options>(argv: string[], extra: Extra) {
  try {
    return parseArgs({
      args: argv,
      options: { ...common, ...extra } as typeof common & Extra,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message);
    throw new UsageError(
      unknown ? `unknown option ${unknown[1]} (see --help)` : `${message} (see --help)`,
    );
  }
}

/**
 * A version id from what a person pastes: `128713`, a model page address with
 * `?modelVersionId=128713`, a download address, or an AIR (`urn:air:…:civitai:4384@128713`).
 */
export function parseVersionId(value: string | undefined, command: string): number {
  if (value === undefined) {
    throw new UsageError(`give a model version id: models ${command} <versionId> (see --help)`);
  }
  const text = value.trim();
  const fromUrl =
    /[?&]modelVersionId=(\d+)/.exec(text) ?? /\/api\/download\/models\/(\d+)/.exec(text);
  const fromAir = /^urn:air:.*@(\d+)$/.exec(text);
  const digits = /^\d+$/.test(text) ? text : (fromUrl?.[1] ?? fromAir?.[1]);
  if (digits && Number(digits) > 0 && Number.isSafeInteger(Number(digits))) return Number(digits);
  if (/\/models\/\d+/.test(text)) {
    throw new UsageError(
      `${text} is a model page, not a version: pick a version on the page (its address then ends in ?modelVersionId=<id>) or run models search`,
    );
  }
  throw new UsageError(`"${text}" is not a model version id (a number like 128713)`);
}
