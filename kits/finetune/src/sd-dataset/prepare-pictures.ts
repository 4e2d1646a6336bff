import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import sharp, { type Metadata } from "sharp";
import { nearestBucket } from "./buckets.js";
import { differenceHash, hammingDistance } from "./picture-hash.js";

export interface PreparedPicture {
  source: string;
  name: string;
  width: number;
  height: number;
  png: Buffer;
}

export interface PictureProblem {
  source: string;
  why: string;
}

const pictureFile = /\.(jpe?g|png|webp)$/i;

/**
 * Reads every picture in a folder and crops each to its bucket (centre crop, then resized):
 * pictures that cannot be read, are smaller than their bucket (they would be blown up) or
 * repeat an earlier one (the same bytes, or a dHash within 4 bits) are reported, not used.
 */
export async function preparePictures(
  folder: string,
  resolution: number,
  onPicture?: (done: number, total: number) => void,
): Promise<{ pictures: PreparedPicture[]; problems: PictureProblem[] }> {
  const files = (await readdir(folder)).filter((name) => pictureFile.test(name)).sort();
  const pictures: PreparedPicture[] = [];
  const problems: PictureProblem[] = [];
  const seen = new Map<string, string>();
  const hashes: Array<{ source: string; hash: bigint }> = [];
  for (const [index, file] of files.entries()) {
    onPicture?.(index, files.length);
    const bytes = await readFile(join(folder, file));
    const digest = createHash("sha256").update(bytes).digest("hex");
    const same = seen.get(digest);
    if (same) {
      problems.push({ source: file, why: `the same file as ${same}` });
      continue;
    }
    seen.set(digest, file);
    let meta: Metadata;
    let hash: bigint;
    try {
      meta = await sharp(bytes).rotate().metadata();
      hash = await differenceHash(bytes);
    } catch {
      problems.push({ source: file, why: "cannot be read as a picture" });
      continue;
    }
    const near = hashes.find((other) => hammingDistance(other.hash, hash) <= 4);
    if (near) {
      problems.push({ source: file, why: `nearly the same picture as ${near.source}` });
      continue;
    }
    hashes.push({ source: file, hash });
    // EXIF orientation: a portrait photo stored sideways is measured the way it is seen.
    const turned = (meta.orientation ?? 1) >= 5;
    const width = (turned ? meta.height : meta.width) ?? 0;
    const height = (turned ? meta.width : meta.height) ?? 0;
    const bucket = nearestBucket(width, height, resolution);
    const scale = Math.max(bucket.width / width, bucket.height / height);
    if (scale > 1) {
      problems.push({
        source: file,
        why: `${width}x${height} is smaller than its ${bucket.width}x${bucket.height} bucket`,
      });
      continue;
    }
    const png = await sharp(bytes)
      .rotate()
      .resize(bucket.width, bucket.height, { fit: "cover", position: "centre" })
      .png()
      .toBuffer();
    pictures.push({
      source: file,
      name: basename(file, extname(file)),
      width: bucket.width,
      height: bucket.height,
      png,
    });
  }
  onPicture?.(files.length, files.length);
  return { pictures, problems };
}
