/**
 * A contact sheet: pictures side by side in a grid, each scaled down to fit the same cell,
 * centred on a dark background, with an optional label under each. A missing picture (failed,
 * or not decodable) leaves a crossed cell, so the grid keeps its rows and columns.
 */
import type { RgbaImage } from "./decode-png.js";
import { drawText } from "./tiny-font.js";

export interface ContactSheetOptions {
  columns: number;
  /** The longest side of a cell, in pixels. Default 512. */
  maxCell?: number;
  /** Space between and around cells. Default 8. */
  gap?: number;
  /** A line under each cell (the seed, the model), in the order of the cells. */
  labels?: string[];
}

const background = [24, 24, 24];
const emptyCell = [48, 48, 48];

export function composeContactSheet(
  cells: (RgbaImage | undefined)[],
  options: ContactSheetOptions,
): RgbaImage {
  const { columns } = options;
  const maxCell = options.maxCell ?? 512;
  const gap = options.gap ?? 8;
  const present = cells.filter((cell): cell is RgbaImage => cell !== undefined);
  const widest = Math.max(64, ...present.map((cell) => cell.width));
  const tallest = Math.max(64, ...present.map((cell) => cell.height));
  const shrink = Math.min(1, maxCell / Math.max(widest, tallest));
  const cellWidth = Math.round(widest * shrink);
  const cellHeight = Math.round(tallest * shrink);
  const rows = Math.ceil(cells.length / columns);
  // Font pixels grow with the cell: 1 up to 255 px, up to 4 from 512 px.
  const fontScale = Math.max(1, Math.min(4, Math.floor(cellWidth / 128)));
  const labelHeight = options.labels ? 7 * fontScale : 0;
  const width = columns * cellWidth + (columns + 1) * gap;
  const height = rows * (cellHeight + labelHeight) + (rows + 1) * gap;
  const sheet: RgbaImage = { width, height, pixels: new Uint8Array(width * height * 4) };
  fill(sheet, 0, 0, width, height, background);
  for (const [index, cell] of cells.entries()) {
    const left = gap + (index % columns) * (cellWidth + gap);
    const top = gap + Math.floor(index / columns) * (cellHeight + labelHeight + gap);
    const label = options.labels?.[index];
    if (label) {
      drawText(sheet, label, left, top + cellHeight + fontScale, {
        scale: fontScale,
        maxWidth: cellWidth,
        colour: [200, 200, 200],
      });
    }
    if (!cell) {
      fill(sheet, left, top, cellWidth, cellHeight, emptyCell);
      cross(sheet, left, top, cellWidth, cellHeight);
      continue;
    }
    const scale = Math.min(cellWidth / cell.width, cellHeight / cell.height, 1);
    const fitted = scale < 1 ? downscale(cell, scale) : cell;
    paste(
      sheet,
      fitted,
      left + Math.floor((cellWidth - fitted.width) / 2),
      top + Math.floor((cellHeight - fitted.height) / 2),
    );
  }
  return sheet;
}

/** Columns for `count` pictures: as square a grid as possible. */
export function columnsFor(count: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(count)));
}

function fill(image: RgbaImage, x: number, y: number, w: number, h: number, colour: number[]) {
  for (let row = y; row < y + h; row++) {
    for (let column = x; column < x + w; column++) {
      const offset = (row * image.width + column) * 4;
      image.pixels.set([colour[0]!, colour[1]!, colour[2]!, 255], offset);
    }
  }
}

function cross(image: RgbaImage, x: number, y: number, w: number, h: number) {
  const steps = Math.max(w, h);
  for (let step = 0; step < steps; step++) {
    const column = x + Math.round((step / steps) * (w - 1));
    for (const row of [
      y + Math.round((step / steps) * (h - 1)),
      y + h - 1 - Math.round((step / steps) * (h - 1)),
    ]) {
      image.pixels.set([96, 96, 96, 255], (row * image.width + column) * 4);
    }
  }
}

/** Paste with alpha blending over what is there. */
function paste(target: RgbaImage, source: RgbaImage, x: number, y: number) {
  for (let row = 0; row < source.height; row++) {
    for (let column = 0; column < source.width; column++) {
      const from = (row * source.width + column) * 4;
      const to = ((y + row) * target.width + x + column) * 4;
      const alpha = source.pixels[from + 3]! / 255;
      for (let channel = 0; channel < 3; channel++) {
        target.pixels[to + channel] = Math.round(
          source.pixels[from + channel]! * alpha + target.pixels[to + channel]! * (1 - alpha),
        );
      }
      target.pixels[to + 3] = 255;
    }
  }
}

/** Shrink by averaging every source pixel that falls into each target pixel (a box filter). */
export function downscale(image: RgbaImage, scale: number): RgbaImage {
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const top = Math.floor((y * image.height) / height);
    const bottom = Math.max(top + 1, Math.floor(((y + 1) * image.height) / height));
    for (let x = 0; x < width; x++) {
      const left = Math.floor((x * image.width) / width);
      const right = Math.max(left + 1, Math.floor(((x + 1) * image.width) / width));
      const sums = [0, 0, 0, 0];
      for (let sy = top; sy < bottom; sy++) {
        for (let sx = left; sx < right; sx++) {
          const offset = (sy * image.width + sx) * 4;
          for (let channel = 0; channel < 4; channel++)
            sums[channel]! += image.pixels[offset + channel]!;
        }
      }
      const count = (bottom - top) * (right - left);
      for (let channel = 0; channel < 4; channel++) {
        pixels[(y * width + x) * 4 + channel] = Math.round(sums[channel]! / count);
      }
    }
  }
  return { width, height, pixels };
}
