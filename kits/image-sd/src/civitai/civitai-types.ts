/**
 * The parts of Civitai's public REST API replies this kit reads
 * (developer.civitai.com, "Models" and "Model versions"). Fields Civitai may leave out are optional.
 */

/** One downloadable file of a model version. */
export interface CivitaiFile {
  id: number;
  name: string;
  /** `Model`, `VAE`, `Config`, `Training Data`, … */
  type: string;
  /** Size in KiB, a float: `sizeKB * 1024` is close to, not exactly, the byte count. */
  sizeKB: number;
  metadata?: { format?: string; size?: string; fp?: string };
  /** `SHA256` is 64 uppercase hex characters; compare case-insensitively. */
  hashes?: { SHA256?: string; AutoV2?: string; CRC32?: string; BLAKE3?: string };
  downloadUrl: string;
  primary?: boolean;
  pickleScanResult?: string;
  virusScanResult?: string;
}

/** A version of a model, as `GET /api/v1/model-versions/{id}` (and search results) give it. */
export interface CivitaiModelVersion {
  id: number;
  modelId?: number;
  name: string;
  /** `SD 1.5`, `SDXL 1.0`, `Flux.1 D`, `Pony`, … */
  baseModel: string;
  trainedWords?: string[];
  stats?: { downloadCount?: number };
  files: CivitaiFile[];
  downloadUrl?: string;
  air?: string;
  /** Only in `model-versions/{id}` replies. */
  model?: { name: string; type: string; nsfw?: boolean };
}

/** One item of `GET /api/v1/models`. */
export interface CivitaiModel {
  id: number;
  name: string;
  /** `Checkpoint`, `LORA`, `TextualInversion`, … */
  type: string;
  nsfw?: boolean;
  creator?: { username?: string };
  tags?: string[];
  stats?: { downloadCount?: number; thumbsUpCount?: number };
  /** Newest first. */
  modelVersions: CivitaiModelVersion[];
}

export interface CivitaiSearchReply {
  items: CivitaiModel[];
  metadata?: { nextCursor?: string | number; nextPage?: string };
}
