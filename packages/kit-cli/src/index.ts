export { acceptPrice, type PriceToAccept } from "./accept-price.js";
export { cancelOnCtrlC } from "./cancel-on-ctrl-c.js";
export { dateStamp, dateTimeStamp } from "./date-stamp.js";
export { dim } from "./dim.js";
export { displayWidth, padToWidth, truncateToWidth, wrapToWidth } from "./display-width.js";
export { type ErrorHint, errorMessage } from "./error-message.js";
export { exitCodeFor } from "./exit-code.js";
export { formatBytes } from "./format-bytes.js";
export { formatDuration, formatTimeLeft } from "./format-duration.js";
export { formatTable, type TableColumn, type TableOptions } from "./format-table.js";
export { parseIntegerFlag, parseNumberFlag } from "./number-flags.js";
export { outputDirectory } from "./output-directory.js";
export {
  type CommandFlags,
  commonFlags,
  type FlagsConfig,
  modelFlag,
  parseCommandArgs,
} from "./parse-command-args.js";
export { printEvents } from "./print-events.js";
export { printJson } from "./print-json.js";
export { formatGenerationProgress, formatProgressBar, progressFraction } from "./progress-bar.js";
export { type ProgressLine, progressLine } from "./progress-line.js";
export { readInputFile } from "./read-input-file.js";
export { readStdin, stdinIsPiped } from "./read-stdin.js";
export { reportError } from "./report-error.js";
export { type Command, type RunCommandOptions, runCommand } from "./run-command.js";
export { type RunKitOptions, runKit } from "./run-kit.js";
export {
  type FileToSave,
  type SavedOrRecovered,
  type SaveUnderFreeNameOptions,
  saveOrRecover,
  saveUnderFreeName,
} from "./save-under-free-name.js";
export { slugify } from "./slugify.js";
export { UsageError } from "./usage-error.js";
