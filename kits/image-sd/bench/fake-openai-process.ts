/** The fake OpenAI in a process of its own, so making its PNGs is not timed with the clients. */
import { startFakeOpenAI } from "@path/testing";

const server = await startFakeOpenAI();
process.send?.({ url: server.url });
process.on("disconnect", async () => {
  await server.close();
  process.exit(0);
});
