/** The fake OpenAI (with Sora's video routes) in a process of its own, so serving jobs is not timed with the clients. */
import { startFakeOpenAI } from "@path/testing";

const openai = await startFakeOpenAI({ apiKey: "sk-bench" });
process.send?.({ url: openai.url });
process.on("message", (message) => {
  // "count": the requests since the last count, by route, and the jobs created so far.
  if (message !== "count") return;
  const routes: Record<string, number> = {};
  for (const request of openai.requests) {
    const route = `${request.method} ${request.path.replace(/video_[\w-]+/, "{id}")}`;
    routes[route] = (routes[route] ?? 0) + 1;
  }
  process.send?.({ requests: openai.requests.length, routes, created: openai.book.created });
  openai.reset();
});
process.on("disconnect", async () => {
  await openai.close();
  process.exit(0);
});
