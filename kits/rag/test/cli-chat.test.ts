/** chat as a process: a follow-up is rewritten with the conversation before retrieval. */
import { beforeAll, describe, expect, it } from "vitest";
import { useRagCli } from "./cli-helpers.js";

const rag = useRagCli();

beforeAll(async () => {
  const result = await rag.ingestNotes();
  expect(result.code, result.stderr).toBe(0);
}, 60_000);

describe("rag CLI: chat", { timeout: 120_000 }, () => {
  it("rewrites a follow-up into a standalone question with the conversation, then searches for that", async () => {
    rag.server.reset();
    rag.server.inject(
      { reply: "LoRA trains two low-rank matrices [1]." },
      { reply: "How is the learning rate for LoRA fine-tuning chosen? 学习率" },
      { reply: "About 1e-4 [1]." },
    );
    const result = await rag.run(
      ["chat", "-r", "bm25", "-k", "1", "--json"],
      "What does LoRA train?\nAnd how fast should it learn?\n",
    );
    expect(result.code, result.stderr).toBe(0);
    const turns = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(turns).toHaveLength(2);
    expect(turns[0]).toMatchObject({
      question: "What does LoRA train?",
      standalone: "What does LoRA train?",
      cited: [1],
    });
    expect(turns[0].sources[0].path).toBe("lora.md");

    const [first, rewrite, second] = rag.chatBodies();
    expect(first?.messages[1]?.content).toMatch(/Question: What does LoRA train\?$/);
    expect(rewrite?.messages[0]?.content).toMatch(
      /Rewrite the user's follow-up question as one standalone question/,
    );
    expect(rewrite?.messages[1]?.content).toBe(
      "Conversation:\nUser: What does LoRA train?\nAssistant: LoRA trains two low-rank matrices [1].\n\nFollow-up question: And how fast should it learn?",
    );
    expect(turns[1]).toMatchObject({
      question: "And how fast should it learn?",
      standalone: "How is the learning rate for LoRA fine-tuning chosen? 学习率",
      answer: "About 1e-4 [1].",
    });
    // Retrieval used the rewritten question: the 学习率 note, which the follow-up alone never names.
    expect(turns[1].sources[0].path).toBe("zh/学习率.md");
    expect(second?.messages[1]?.content).toMatch(
      /Question: How is the learning rate for LoRA fine-tuning chosen\? 学习率$/,
    );
  });

  it("shows the rewritten question and the sources in text mode; /clear starts over without a rewrite", async () => {
    rag.server.reset();
    rag.server.inject(
      { reply: "BM25 ranks by term frequency [1]." },
      { reply: "What are common LoRA rank values?" },
      { reply: "8, 16 and 32 [1]." },
      { reply: "BM25 needs no model [1]." },
    );
    const result = await rag.run(
      ["chat", "-r", "bm25", "-k", "1"],
      "How does BM25 rank?\nand for LoRA rank?\n/clear\nBM25 k1 b\n",
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/searching for: What are common LoRA rank values\?/);
    expect(result.stdout).toMatch(
      /8, 16 and 32 \[1\]\.\n\nSources:\n\[1\] lora\.md:(5-)?7 {2}LoRA notes › Rank/,
    );
    // Four chat calls: answer, rewrite + answer, then after /clear an answer with no rewrite.
    expect(rag.chatBodies()).toHaveLength(4);
    expect(rag.chatBodies()[3]?.messages[1]?.content).toMatch(/Question: BM25 k1 b$/);
  });
});
