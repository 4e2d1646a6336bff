/**
 * Quest: what made this picture?
 *
 *   npm run image -- info output/2026-01-31-chinese-dragon-1-seed42.png
 *
 * Reads the "parameters" text inside the PNG (written here, by Stable Diffusion WebUI, or by
 * anything else that follows WebUI) and the .json beside it, if there is one.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import {
  imageSize,
  type ParsedWebuiParameters,
  parseWebuiParameters,
  readPngText,
  sniffMediaType,
} from "@path/core";
import { printJson, readInputFile, UsageError } from "@path/kit-cli";
import { parseImageArgs } from "../shared/image-args.js";

export const help = `Usage: npm run image -- info <picture.png> [--json]

Shows the prompt, seed, size, model and settings a picture was made with: from the
"parameters" text inside the PNG and from the .json file saved beside it.`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseImageArgs(argv, {});
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const [file] = positionals;
  if (!file) throw new UsageError("give a picture: npm run image -- info output/picture.png");
  const bytes = await readInputFile(file);
  const mediaType = sniffMediaType(bytes);
  if (!mediaType?.startsWith("image/")) throw new UsageError(`${file} is not a picture`);
  const text = mediaType === "image/png" ? readPngText(bytes) : {};
  const parameters = text.parameters;
  const sidecarPath = `${file.slice(0, file.length - extname(file).length)}.json`;
  const sidecar = existsSync(sidecarPath)
    ? (JSON.parse(await readFile(sidecarPath, "utf8")) as Record<string, unknown>)
    : undefined;
  const parameterText = parameters ?? (sidecar?.parameters as string | undefined);
  if (!parameterText) {
    process.stderr.write(
      `error: ${basename(file)} carries no generation parameters (no "parameters" text in it and no .json beside it)\n`,
    );
    return 1;
  }
  const parsed = parseWebuiParameters(parameterText);
  const size = imageSize(bytes);
  const grid = gridOf(text.grid, sidecar);
  if (values.json) {
    printJson({
      file,
      mediaType,
      width: size?.width ?? null,
      height: size?.height ?? null,
      parameters: parameterText,
      parsed: { ...parsed, fields: undefined },
      textChunks: text,
      sidecar: sidecar ?? null,
      sidecarPath: sidecar ? sidecarPath : null,
      grid: grid ?? null,
    });
    return 0;
  }
  process.stdout.write(
    describe(file, mediaType, size, parsed, sidecar, sidecar ? sidecarPath : undefined),
  );
  if (grid) process.stdout.write(describeGrid(grid));
  process.stdout.write(
    `\nparameters (WebUI's "PNG Info" text${grid ? ", of the first picture" : ""}):\n${parameterText}\n`,
  );
  return 0;
}

interface GridCell {
  row: number;
  column: number;
  label: string;
  file: string | null;
  error: string | null;
}

interface Grid {
  rows: number;
  columns: number;
  cells: GridCell[];
}

/** A contact sheet's cells: from its "grid" text, else from the .json beside it. */
function gridOf(text: string | undefined, sidecar: Record<string, unknown> | undefined) {
  const grid = (text ? JSON.parse(text) : sidecar) as Partial<Grid> | undefined;
  return Array.isArray(grid?.cells) ? (grid as Grid) : undefined;
}

function describeGrid(grid: Grid): string {
  const lines = grid.cells.map((cell) => {
    const where = cell.file ?? `(no file: ${cell.error ?? "not made"})`;
    return `  ${`${cell.row},${cell.column}`.padEnd(6)}${cell.label.padEnd(24)} ${where}`;
  });
  return `${"cells".padEnd(10)}${grid.rows} row${grid.rows === 1 ? "" : "s"} x ${grid.columns} column${grid.columns === 1 ? "" : "s"} (row,column  label  file)\n${lines.join("\n")}\n`;
}

function describe(
  file: string,
  mediaType: string,
  size: { width: number; height: number } | undefined,
  parsed: ParsedWebuiParameters,
  sidecar: Record<string, unknown> | undefined,
  sidecarPath: string | undefined,
): string {
  const rows: [string, unknown][] = [
    ["file", `${file}  (${size ? `${size.width}x${size.height} ` : ""}${mediaType})`],
    ["prompt", parsed.prompt],
    ["negative", parsed.negativePrompt || undefined],
    ["seed", parsed.seed],
    ["size", parsed.width ? `${parsed.width}x${parsed.height}` : undefined],
    ["steps", parsed.steps],
    ["sampler", parsed.sampler],
    ["cfg scale", parsed.cfgScale],
    ["strength", parsed.denoisingStrength],
    ["model", parsed.model],
    ...Object.entries(parsed.extra ?? {}).map(([key, value]): [string, unknown] => [
      key.toLowerCase(),
      value,
    ]),
    ["revised", sidecar?.revisedPrompt ?? undefined],
    [
      "made",
      sidecar?.createdAt
        ? `${sidecar.createdAt} in ${Number(sidecar.durationMs) / 1000} s`
        : undefined,
    ],
    ["sidecar", sidecarPath],
  ];
  const shown = rows.filter(([, value]) => value !== undefined && value !== null && value !== "");
  // Labels line up, however long an extra WebUI key is ("schedule type").
  const width = Math.max(10, ...shown.map(([key]) => key.length + 1));
  const lines = shown.map(
    ([key, value]) =>
      `${key.padEnd(width)}${String(value).replaceAll("\n", `\n${" ".repeat(width)}`)}`,
  );
  const warnings = (sidecar?.warnings as string[] | undefined) ?? [];
  for (const warning of warnings) lines.push(`${"warning".padEnd(width)}${warning}`);
  return `${lines.join("\n")}\n`;
}
