/** The fake OpenAI (Sora routes) in a process of its own, so making MP4s is not timed with the clients. */
import { startFakeOpenAI } from "@path/testing";

const fake = await startFakeOpenAI({ apiKey: "sk-bench" });
process.send?.({ url: fake.url });
process.on("message", (message: { type: string }) => {
  if (message.type !== "count") return;
  const routes: Record<string, number> = {};
  for (const request of fake.requests) {
    const route = `${request.method} ${request.path.replace(/video_[\w-]+/, "{id}")}`;
    routes[route] = (routes[route] ?? 0) + 1;
  }
  process.send?.({ requests: fake.requests.length, created: fake.book.created, routes });
});
process.on("disconnect", async () => {
  await fake.close();
  process.exit(0);
});
