/**
 * The models a fake Civitai knows, and how they look on the wire (`/api/v1/models` items,
 * `/api/v1/model-versions/{id}`), following developer.civitai.com's reference.
 */
import { createCipheriv, createHash } from "node:crypto";
import { crc32 } from "node:zlib";

export interface FakeCivitaiFile {
  name: string;
  data: Uint8Array;
  /** `Model` (default), `VAE`, `Config`, `Training Data`, … */
  type?: string;
  /** Default: the first `Model` file of its version. */
  primary?: boolean;
  metadata?: { format?: string; size?: string; fp?: string };
}

export interface FakeCivitaiVersion {
  id: number;
  name: string;
  /** `SD 1.5`, `SDXL 1.0`, `Flux.1 D`, `Pony`, … */
  baseModel: string;
  files: FakeCivitaiFile[];
  /** The creator requires a login: downloads answer 401 without the token. */
  loginRequired?: boolean;
  trainedWords?: string[];
  downloadCount?: number;
  publishedAt?: string;
}

export interface FakeCivitaiModel {
  id: number;
  name: string;
  /** `Checkpoint`, `LORA`, `TextualInversion`, `VAE`, … */
  type: string;
  nsfw?: boolean;
  creator?: string;
  tags?: string[];
  downloadCount?: number;
  thumbsUpCount?: number;
  /** Newest first, as Civitai lists them. */
  versions: FakeCivitaiVersion[];
}

/** Deterministic stand-in bytes for a model file (not a real safetensors file). */
export function fakeModelBytes(seed: string, size: number): Buffer {
  // AES-CTR over zeros: a fast, repeatable pseudo-random stream keyed by the seed.
  const key = createHash("sha256").update(seed).digest();
  const cipher = createCipheriv("aes-256-ctr", key, Buffer.alloc(16));
  return Buffer.concat([cipher.update(Buffer.alloc(size)), cipher.final()]);
}

const kib = 1024;

/** A small catalogue covering the filters: types, base models, NSFW, a login-required LoRA. */
export function defaultCivitaiModels(): FakeCivitaiModel[] {
  const file = (name: string, size: number, extra: Partial<FakeCivitaiFile> = {}) => ({
    name,
    data: fakeModelBytes(name, size),
    metadata: { format: "SafeTensor", size: "pruned", fp: "fp16" },
    ...extra,
  });
  return [
    {
      id: 4384,
      name: "DreamShaper",
      type: "Checkpoint",
      creator: "Lykon",
      tags: ["anime", "landscape", "general"],
      downloadCount: 1_250_000,
      thumbsUpCount: 41_000,
      versions: [
        {
          id: 128713,
          name: "8",
          baseModel: "SD 1.5",
          files: [
            file("dreamshaper_8.safetensors", 512 * kib),
            file("dreamshaper_8.vae.safetensors", 16 * kib, { type: "VAE" }),
          ],
          trainedWords: [],
        },
      ],
    },
    {
      id: 133005,
      name: "Juggernaut XL",
      type: "Checkpoint",
      creator: "KandooAI",
      tags: ["photorealistic", "general"],
      downloadCount: 980_000,
      thumbsUpCount: 52_000,
      versions: [
        {
          id: 782002,
          name: "Jugg_XI",
          baseModel: "SDXL 1.0",
          files: [file("juggernautXL_juggXIByRundiffusion.safetensors", 768 * kib)],
        },
        {
          id: 456194,
          name: "X",
          baseModel: "SDXL 1.0",
          files: [file("juggernautXL_v10.safetensors", 640 * kib)],
        },
      ],
    },
    {
      id: 120096,
      name: "Ink Wash Painting 水墨",
      type: "LORA",
      creator: "shanshui",
      tags: ["ink", "chinese", "style"],
      downloadCount: 61_000,
      thumbsUpCount: 7_400,
      versions: [
        {
          id: 130580,
          name: "v1.0",
          baseModel: "SD 1.5",
          loginRequired: true,
          trainedWords: ["shuimobysim", "ink wash painting"],
          files: [file("ink_wash_v10.safetensors", 144 * kib)],
        },
      ],
    },
    {
      id: 120097,
      name: "Pixel Art XL",
      type: "LORA",
      creator: "nerijs",
      tags: ["pixel art", "style"],
      downloadCount: 210_000,
      thumbsUpCount: 19_000,
      versions: [
        {
          id: 135931,
          name: "v1.1",
          baseModel: "SDXL 1.0",
          trainedWords: ["pixel art"],
          files: [file("pixel-art-xl.safetensors", 96 * kib)],
        },
      ],
    },
    {
      id: 7808,
      name: "EasyNegative",
      type: "TextualInversion",
      creator: "gsdf",
      tags: ["negative", "embedding"],
      downloadCount: 1_900_000,
      thumbsUpCount: 60_000,
      versions: [
        {
          id: 9208,
          name: "EasyNegative",
          baseModel: "SD 1.5",
          files: [file("easynegative.safetensors", 24 * kib)],
        },
      ],
    },
    {
      id: 900001,
      name: "After Dark Mix",
      type: "Checkpoint",
      nsfw: true,
      creator: "someone",
      tags: ["nsfw"],
      downloadCount: 300_000,
      thumbsUpCount: 9_000,
      versions: [
        {
          id: 900002,
          name: "v2",
          baseModel: "SD 1.5",
          files: [file("afterdark_v2.safetensors", 32 * kib)],
        },
      ],
    },
  ];
}

/** The file Civitai marks `primary`: an explicit one, else the first `Model` file, else the first. */
export function primaryFakeFile(version: FakeCivitaiVersion): FakeCivitaiFile | undefined {
  return (
    version.files.find((file) => file.primary) ??
    version.files.find((file) => (file.type ?? "Model") === "Model") ??
    version.files[0]
  );
}

function fileJson(origin: string, version: FakeCivitaiVersion, file: FakeCivitaiFile) {
  const sha256 = createHash("sha256").update(file.data).digest("hex").toUpperCase();
  const type = file.type ?? "Model";
  const primary = file === primaryFakeFile(version);
  const query = new URLSearchParams({
    type,
    ...(file.metadata?.format ? { format: file.metadata.format } : {}),
  });
  return {
    id: version.id * 10 + version.files.indexOf(file),
    name: file.name,
    type,
    sizeKB: Math.round((file.data.length / 1024) * 100) / 100,
    metadata: file.metadata ?? {},
    pickleScanResult: "Success",
    virusScanResult: "Success",
    scannedAt: "2024-05-01T12:00:00.000Z",
    hashes: {
      AutoV2: sha256.slice(0, 10),
      SHA256: sha256,
      CRC32: crc32(file.data).toString(16).toUpperCase().padStart(8, "0"),
    },
    downloadUrl: `${origin}/api/download/models/${version.id}${primary ? "" : `?${query}`}`,
    ...(primary ? { primary: true } : {}),
  };
}

function versionBody(origin: string, model: FakeCivitaiModel, version: FakeCivitaiVersion) {
  return {
    id: version.id,
    modelId: model.id,
    name: version.name,
    baseModel: version.baseModel,
    baseModelType: "Standard",
    status: "Published",
    availability: "Public",
    publishedAt: version.publishedAt ?? "2024-05-01T12:00:00.000Z",
    trainedWords: version.trainedWords ?? [],
    stats: { downloadCount: version.downloadCount ?? model.downloadCount ?? 0 },
    files: version.files.map((file) => fileJson(origin, version, file)),
    images: [],
    downloadUrl: `${origin}/api/download/models/${version.id}`,
  };
}

/** One item of `GET /api/v1/models`. */
export function modelJson(origin: string, model: FakeCivitaiModel) {
  return {
    id: model.id,
    name: model.name,
    description: `<p>${model.name}, a fake model for tests.</p>`,
    type: model.type,
    nsfw: model.nsfw ?? false,
    poi: false,
    allowNoCredit: true,
    allowCommercialUse: ["Image"],
    allowDerivatives: true,
    allowDifferentLicense: true,
    stats: {
      downloadCount: model.downloadCount ?? 0,
      thumbsUpCount: model.thumbsUpCount ?? 0,
      commentCount: 0,
    },
    creator: { username: model.creator ?? "fake", image: null },
    tags: model.tags ?? [],
    modelVersions: model.versions.map((version) => versionBody(origin, model, version)),
  };
}

/** The body of `GET /api/v1/model-versions/{id}`. */
export function modelVersionJson(
  origin: string,
  model: FakeCivitaiModel,
  version: FakeCivitaiVersion,
) {
  const baseKey = version.baseModel.toLowerCase().replace(/[^a-z0-9]+/g, "");
  return {
    ...versionBody(origin, model, version),
    air: `urn:air:${baseKey}:${model.type.toLowerCase()}:civitai:${model.id}@${version.id}`,
    nsfwLevel: model.nsfw ? 4 : 1,
    model: { name: model.name, type: model.type, nsfw: model.nsfw ?? false, poi: false },
  };
}
