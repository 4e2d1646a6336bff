/** The fake OpenAI (with Sora's video routes) in a process of its own, so serving jobs is not timed with the clients. */
import { startFakeOpenAI } from "@path/testing";

const openai = await startFakeOpenAI({ apiKey: "sk-bench" });
process.send?.({ url: openai.url });
process.on("message", (message) => {
  // "count": how many requests arrived since the last count.
  if (message !== "count") return;
  process.send?.({ requests: openai.requests.length });
  openai.reset();
});
process.on("disconnect", async () => {
  await openai.close();
  process.exit(0);
});
