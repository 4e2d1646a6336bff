export { modelCacheDir } from "./cache-dir.js";
export { type DownloadHints, defaultOfflineHint } from "./download-errors.js";
export {
  type DownloadFileOptions,
  type DownloadFileResult,
  downloadFile,
} from "./download-file.js";
export { sha256OfFile } from "./file-sha256.js";
export { type OpenResponseOptions, openResponse } from "./open-response.js";
export type { DownloadProgress } from "./progress-meter.js";
