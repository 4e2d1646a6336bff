/** The fake OpenAI and fake Hugging Face in a process of their own, so making audio is not timed with the clients. */
import { startFakeHuggingFace, startFakeOpenAI } from "@path/testing";

const [openai, hf] = await Promise.all([
  startFakeOpenAI({ apiKey: "sk-bench" }),
  startFakeHuggingFace({ token: "hf_bench" }),
]);
process.send?.({ openai: openai.url, hf: hf.origin });
process.on("disconnect", async () => {
  await Promise.all([openai.close(), hf.close()]);
  process.exit(0);
});
