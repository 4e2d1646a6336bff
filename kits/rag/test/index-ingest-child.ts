// Run as a process by index-crash.test.ts: ingests a folder, printing each progress step as a
// JSON line, so the test can kill it with SIGKILL part-way through.
import { folderSource } from "../src/index/folder-source.js";
import { ingest } from "../src/index/ingest.js";
import { RagIndex } from "../src/index/rag-index.js";

const [folder, indexFolder] = process.argv.slice(2) as [string, string];
const index = RagIndex.open(indexFolder);
await ingest({
  index,
  folder,
  source: folderSource({ maxTokens: 60, overlapTokens: 0 }),
  model: "openai:text-embedding-3-small",
  batchSize: 2,
  onProgress: (progress) => console.log(JSON.stringify(progress)),
});
await index.close();
console.log("done");
