import type { Warning } from "../spec/index.js";

/** The warning for a setting this model does not take, with what happened instead. */
export function unsupportedSetting(setting: string, message: string): Warning {
  return { type: "unsupported-setting", setting, message };
}
