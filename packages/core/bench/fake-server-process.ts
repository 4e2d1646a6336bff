/**
 * Runs the fake OpenAI servers in a process of their own (started with `fork`), so their work
 * is neither timed nor counted as CPU with the clients'. Sends the URLs over IPC.
 *
 * `plain` is `startFakeOpenAI()`: it echoes the prompt. `long` answers every streamed chat
 * request with `streamTokens` four-character chunks. The fake prepares a reply by splitting it
 * into graphemes three times, which for 40,000 characters costs seconds of CPU per request, so
 * `long` runs the fake's own `answerChatCompletion` once per distinct request and then sends
 * the same frames again with the fake's SSE writer.
 */
import {
  answerChatCompletion,
  type FakeExchange,
  startFakeOpenAI,
  startFakeServer,
} from "@path/testing";

const streamTokens = Number(process.argv[2] ?? 10_000);
// The fake streams four graphemes per chunk: "tok " is exactly one chunk.
const reply = "tok ".repeat(streamTokens);

function startLongReplyServer() {
  const answers = new Map<string, string[]>();
  return startFakeServer(
    async (exchange) => {
      const { model, messages, stream, stream_options } = exchange.request.body as Record<
        string,
        unknown
      >;
      const key = JSON.stringify({ model, messages, stream, stream_options });
      const known = answers.get(key);
      if (known) return void (await exchange.sse(known));
      const recording: FakeExchange = {
        ...exchange,
        fault: { reply },
        sse: (events, options) => {
          const frames = events.map((event) => JSON.stringify(event));
          answers.set(key, frames);
          return exchange.sse(frames, options);
        },
      };
      await answerChatCompletion(recording, "chatcmpl-long");
    },
    { basePath: "/v1", responseHeaders: () => ({ "x-request-id": "req_long" }) },
  );
}

const plain = await startFakeOpenAI();
const long = await startLongReplyServer();
process.send?.({ plain: plain.url, long: long.url });
process.on("disconnect", async () => {
  await Promise.all([plain.close(), long.close()]);
  process.exit(0);
});
