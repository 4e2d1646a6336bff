import { createHash } from "node:crypto";
import type { Chunk } from "../src/ingest/document.js";

/** Seeded PRNG (mulberry32): the same corpus on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
}

const syllables = "ka lo mi ne ru ta shi po ve den gar lin mos pra tel qui zor bex fan hul".split(
  " ",
);
const han =
  "数据库向量检索模型训练文本分析搜索索引查询语言生成知识问答系统方法参数矩阵学习网络结构".split(
    "",
  );

export interface SyntheticCorpus {
  chunks: Chunk[];
  /** Unit vectors, one row per chunk. */
  vectors: Float32Array;
  queries: Array<{ text: string; vector: Float32Array }>;
  dimensions: number;
}

/**
 * Chunks of Zipf-distributed pseudo-words (one in ten with a Chinese sentence), and clustered
 * low-rank vectors x = W·z + noise, z ∈ R^32 around 64 centres, normalised: shaped like text
 * embeddings (on i.i.d. random vectors every ANN index looks broken). Queries are four words of
 * a chunk and a vector near that chunk's.
 */
export function syntheticCorpus(size: number, queryCount = 100, dimensions = 384): SyntheticCorpus {
  const next = random(size);
  const vocabulary = Array.from({ length: 20000 }, (_, i) => {
    let word = "";
    let n = i + 1;
    while (n > 0) {
      word += syllables[n % syllables.length];
      n = Math.floor(n / syllables.length);
    }
    return word;
  });
  const cdf = new Float64Array(vocabulary.length);
  let total = 0;
  for (let i = 0; i < cdf.length; i++) cdf[i] = total += 1 / (i + 1);
  const word = () => {
    const target = next() * total;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo] as string;
  };
  const rank = 32;
  const w = Float32Array.from(
    { length: dimensions * rank },
    () => gaussian(next) / Math.sqrt(rank),
  );
  const centres = Array.from({ length: 64 }, () =>
    Float32Array.from({ length: rank }, () => gaussian(next)),
  );
  const latent = (around?: Float32Array) => {
    const centre = around ?? (centres[Math.floor(next() * centres.length)] as Float32Array);
    return Float32Array.from(centre, (c) => c + (around ? 0.3 : 0.6) * gaussian(next));
  };
  const embedLatent = (z: Float32Array, into: Float32Array, offset: number) => {
    let squares = 0;
    for (let d = 0; d < dimensions; d++) {
      let x = 0.05 * gaussian(next);
      for (let r = 0; r < rank; r++) x += (w[d * rank + r] as number) * (z[r] as number);
      into[offset + d] = x;
      squares += x * x;
    }
    const norm = Math.sqrt(squares);
    for (let d = 0; d < dimensions; d++) into[offset + d] = (into[offset + d] as number) / norm;
  };
  const chunks: Chunk[] = [];
  const latents: Float32Array[] = [];
  const vectors = new Float32Array(size * dimensions);
  for (let i = 0; i < size; i++) {
    const words = Array.from({ length: 50 + Math.floor(next() * 40) }, word);
    let text = `${words.join(" ")}.`;
    if (i % 10 === 0) {
      text += ` ${Array.from({ length: 24 }, () => han[Math.floor(next() * han.length)]).join("")}。`;
    }
    const file = Math.floor(i / 50);
    const hash = createHash("sha256").update(text).digest("hex");
    chunks.push({
      id: `doc-${file}.md#${hash.slice(0, 16)}`,
      path: `doc-${file}.md`,
      headings: [`Doc ${file}`, `Section ${i % 50}`],
      lineStart: (i % 50) * 3 + 1,
      lineEnd: (i % 50) * 3 + 2,
      text,
      hash,
      tokens: words.length,
    });
    const z = latent();
    latents.push(z);
    embedLatent(z, vectors, i * dimensions);
  }
  const queries = Array.from({ length: queryCount }, () => {
    const target = Math.floor(next() * size);
    const words = (chunks[target] as Chunk).text.split(" ");
    const start = Math.floor(next() * (words.length - 4));
    const vector = new Float32Array(dimensions);
    embedLatent(latent(latents[target]), vector, 0);
    return {
      text: words
        .slice(start, start + 4)
        .join(" ")
        .replace(/[.。]/g, ""),
      vector,
    };
  });
  return { chunks, vectors, queries, dimensions };
}
