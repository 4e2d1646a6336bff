/**
 * Quest: compare on one sheet.
 *
 *   npm run image -- grid "a lighthouse at dusk" --seeds 1,2,3,4
 *   npm run image -- grid "a lighthouse at dusk" --models openai:gpt-image-1,hf:black-forest-labs/FLUX.1-schnell --seed 7
 *
 * One prompt, several seeds (how much does chance change the picture?) or several models (which
 * one suits this prompt?), or both: one row per model, one column per seed. Every picture is
 * saved on its own, then pasted into one contact sheet PNG with a label under each cell (the
 * model, and the seed the provider used); the sheet's .json and its "grid" text list every cell.
 */
import { randomInt } from "node:crypto";
import {
  addPngText,
  type GenerateImageResult,
  parseAspectRatio,
  parsePromptFlags,
  parseSize,
} from "@path/core";
import {
  dateStamp,
  dim,
  errorMessage,
  outputDirectory,
  parseIntegerFlag,
  printJson,
  saveOrRecover,
  UsageError,
} from "@path/kit-cli";
import { columnsFor, composeContactSheet } from "../png/contact-sheet.js";
import { decodePng, PngDecodeError, type RgbaImage } from "../png/decode-png.js";
import { encodePng } from "../png/encode-png.js";
import { generationHelp, generationSettings, parseImageArgs } from "../shared/image-args.js";
import { slugify } from "../shared/output-names.js";
import { generateWithProgress, printRecovered, printWarnings } from "../shared/run-generation.js";
import { type SavedImage, saveImage } from "../shared/save-image.js";

export const help = `Usage: npm run image -- grid "<prompt>" --seeds 1,2,3,4 [--models a,b] [options]

Makes one picture per seed and model, saves each, and pastes them into one contact sheet:
one row per model, one column per seed.

Options:
      --seeds <list>            e.g. 1,2,3,4 (default: --seed, else one random seed for all)
      --models <list>           e.g. openai:gpt-image-1,hf:black-forest-labs/FLUX.1-schnell
                                (default: --model, else the default image model)
      --cell <pixels>           longest side of a cell on the sheet (default 512)
${generationHelp.replace(/ {6}--n <count>.*\n/, "")}`;

interface Cell {
  model: string | undefined;
  /** The seed asked for; the provider may ignore it (then `saved.seed` is undefined). */
  seed: number;
  saved?: SavedImage;
  image?: RgbaImage;
  error?: string;
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseImageArgs(argv, {
    seeds: { type: "string" },
    models: { type: "string" },
    cell: { type: "string" },
  });
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const prompt = positionals.join(" ").trim();
  if (!prompt) throw new UsageError('give a prompt: npm run image -- grid "a lantern" --seeds 1,2');
  if (values.n !== undefined) {
    throw new UsageError(
      "grid makes one picture per seed and model; list them with --seeds and --models",
    );
  }
  if (!values.seeds && !values.models) {
    throw new UsageError("give --seeds 1,2,3,4 or --models a,b (or both) to compare");
  }
  const settings = generationSettings(values);
  // Refuse what would fail every cell (--ar 0:5, --size 10x10) before any call.
  const flags = parsePromptFlags(prompt);
  if (settings.size) parseSize(settings.size);
  if (settings.aspectRatio) parseAspectRatio(settings.aspectRatio);
  const seeds = values.seeds
    ? list(values.seeds).map((seed) => parseIntegerFlag("seeds", seed, 0, 4_294_967_295)!)
    : [settings.seed ?? flags.seed ?? randomInt(0, 2 ** 31)];
  const models: (string | undefined)[] = values.models ? list(values.models) : [values.model];
  const cellSize = parseIntegerFlag("cell", values.cell, 64, 2048) ?? 512;
  const directory = outputDirectory(values.out);
  const date = dateStamp();
  const slug = slugify(flags.prompt);

  const cells: Cell[] = [];
  let firstResult: GenerateImageResult | undefined;
  const shown = new Set<string>();
  for (const model of models) {
    for (const seed of seeds) {
      const cell: Cell = { model, seed };
      cells.push(cell);
      let result: GenerateImageResult;
      try {
        result = await generateWithProgress({ ...settings, model, prompt, seed, n: 1 });
      } catch (error) {
        // A mistake in the command was caught above; this is one model's or one call's failure.
        if (error instanceof UsageError) throw error;
        cell.error = errorMessage(error);
        process.stderr.write(`error: ${model ?? "default model"}, seed ${seed}: ${cell.error}\n`);
        continue;
      }
      firstResult ??= result;
      // The same warning for every cell of a row says nothing new: show each once.
      const fresh = result.warnings.filter((warning) => !shown.has(warning.message));
      for (const warning of fresh) shown.add(warning.message);
      printWarnings({ ...result, warnings: fresh });
      const modelPart =
        models.length > 1 ? `-${slugify(`${result.provider}-${result.modelId}`, 30)}` : "";
      // A provider that ignores seeds made a picture no seed can bring back: number it instead.
      const column = seeds.indexOf(seed) + 1;
      const seedPart = result.images[0]!.seed === undefined ? `-${column}` : `-seed${seed}`;
      cell.saved = await saveImage(result, 0, {
        directory,
        stem: `${date}-${slug}${modelPart}${seedPart}`,
        promptAsWritten: prompt,
      });
      if (!values.json) process.stdout.write(`${cell.saved.path}\n`);
      cell.model = `${result.provider}:${result.modelId}`;
      try {
        cell.image = decodePng(result.images[0]!.bytes);
      } catch (error) {
        if (!(error instanceof PngDecodeError)) throw error;
        process.stderr.write(
          `note: the picture for ${cell.model}, seed ${seed} cannot go on the sheet: ${error.message}; its cell stays empty (the file itself is fine)\n`,
        );
      }
    }
  }
  if (!firstResult) return 1;

  const columns = models.length > 1 ? seeds.length : columnsFor(cells.length);
  const legend = cells.map((cell, index) => ({
    row: Math.floor(index / columns) + 1,
    column: (index % columns) + 1,
    label: cellLabel(cell, models.length > 1, index % columns),
    model: cell.model ?? null,
    // Only a seed the provider used: one that ignores seeds made a picture no seed brings back.
    seed: cell.saved?.seed ?? null,
    file: cell.saved?.path ?? null,
    error: cell.error ?? null,
  }));
  const sheet = composeContactSheet(
    cells.map((cell) => cell.image),
    { columns, maxCell: cellSize, labels: legend.map((cell) => cell.label) },
  );
  const grid = { prompt, rows: Math.ceil(cells.length / columns), columns, cells: legend };
  const parameters = cells.find((cell) => cell.saved)?.saved?.parameters ?? flags.prompt;
  const saved = await saveOrRecover(
    directory,
    `${date}-${slug}-grid`,
    [
      {
        extension: "png",
        data: addPngText(encodePng(sheet), { parameters, grid: JSON.stringify(grid) }),
      },
      { extension: "json", data: `${JSON.stringify(grid, null, 2)}\n` },
    ],
    { separator: "_" },
  );
  const [sheetPath] = saved.paths;
  const files: { path: string; recovered?: string }[] = cells.flatMap((cell) =>
    cell.saved ? [cell.saved] : [],
  );
  files.push({ path: sheetPath!, recovered: saved.recovered?.reason });
  printRecovered(directory, files);
  if (values.json) {
    printJson({ sheet: sheetPath, width: sheet.width, height: sheet.height, cells: legend });
  } else {
    process.stdout.write(`${sheetPath}\n`);
    const rows =
      models.length > 1
        ? `rows: ${cells
            .filter((_, index) => index % seeds.length === 0)
            .map((cell) => cell.model)
            .join(", ")}; `
        : "";
    process.stderr.write(
      `${dim(`contact sheet ${sheet.width}x${sheet.height} · ${rows}seeds ${seeds.join(", ")}`)}\n`,
    );
  }
  const failed = cells.some((cell) => cell.error) || files.some((file) => file.recovered);
  return failed ? 1 : 0;
}

/** `seed 42`; `picture 2` from a provider that ignores seeds; `failed`; then the model, if several. */
function cellLabel(cell: Cell, withModel: boolean, columnIndex: number): string {
  const seed = cell.saved?.seed;
  const which = cell.error
    ? "failed"
    : seed !== undefined
      ? `seed ${seed}`
      : `picture ${columnIndex + 1}`;
  return withModel ? `${which} ${cell.model ?? "default model"}` : which;
}

function list(value: string): string[] {
  return value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}
