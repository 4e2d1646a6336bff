/**
 * A fetch that answers every chat call from memory with a completion like the fake server's.
 * With no sockets and no other process in the way, what is left of a call is the client's own
 * work, so the difference between contenders is each one's overhead, far less exposed to the
 * machine's noise than a call over loopback.
 */
const answer = JSON.stringify({
  id: "chatcmpl-in-memory",
  object: "chat.completion",
  created: 1_700_000_000,
  model: "gpt-4o-mini",
  system_fingerprint: "fp_fake",
  choices: [
    {
      index: 0,
      message: { role: "assistant", content: "Hello in one short sentence.", refusal: null },
      logprobs: null,
      finish_reason: "stop",
    },
  ],
  usage: { prompt_tokens: 8, completion_tokens: 6, total_tokens: 14 },
});

const headers = { "content-type": "application/json", "x-request-id": "req_in_memory" };

export const inMemoryFetch: typeof globalThis.fetch = async () =>
  new Response(answer, { status: 200, headers });
