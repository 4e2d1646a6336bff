import { UsageError } from "@path/kit-cli";

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
