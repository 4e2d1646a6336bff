import type { Message, Warning } from "@path/core/spec";
import type { ChatHistoryItem } from "node-llama-cpp";

/** Spec messages → node-llama-cpp chat history. Images are left out with a warning. */
export function toChatHistory(messages: Message[]): {
  history: ChatHistoryItem[];
  warnings: Warning[];
} {
  let droppedImages = 0;
  const history = messages.map((message): ChatHistoryItem => {
    let text: string;
    if (typeof message.content === "string") {
      text = message.content;
    } else {
      const texts: string[] = [];
      for (const part of message.content) {
        if (part.type === "text") texts.push(part.text);
        else droppedImages++;
      }
      text = texts.join("\n");
    }
    if (message.role === "system") return { type: "system", text };
    if (message.role === "user") return { type: "user", text };
    return { type: "model", response: [text] };
  });
  const warnings: Warning[] =
    droppedImages === 0
      ? []
      : [
          {
            type: "unsupported-setting",
            setting: "messages",
            message: `Local models here read text only: ${droppedImages} image(s) were left out. Use a vision model from another provider (e.g. ollama:llava) to send images.`,
          },
        ];
  return { history, warnings };
}
