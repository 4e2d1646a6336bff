import { getJson, postEvents, type Source } from "./api.js";
import { el, fill } from "./dom.js";
import { renderMarkdown } from "./markdown.js";
import { label, t } from "./strings.js";

interface RagStatus {
  ready: boolean;
  index?: string;
  hint?: string;
}

/** RAG chat: answers from the rag kit's index, each [n] opening the passage it cites. */
export function ragView(): HTMLElement {
  const body = el("div", {});
  const view = el("section", { id: "view-rag", "aria-labelledby": "tab-rag", hidden: true }, body);

  void getJson<RagStatus>("/api/rag")
    .then((status) => {
      if (!status.ready) {
        fill(
          body,
          label(el("p", {}), "ragNotReady"),
          el("pre", {}, el("code", {}, status.hint ?? "npm run rag -- ingest ./my-notes")),
        );
        return;
      }
      fill(body, askForm());
    })
    .catch((error: unknown) => fill(body, el("p", { class: "error" }, (error as Error).message)));
  return view;
}

function askForm(): HTMLElement {
  const question = el("textarea", { id: "rag-question", rows: "2" });
  const answer = el("div", { class: "message assistant", "aria-live": "polite" });
  const passage = el("aside", { class: "passage", id: "rag-passage", tabindex: "-1" });
  const form = el(
    "form",
    { class: "composer" },
    label(el("label", { for: "rag-question" }), "question"),
    question,
    label(el("button", { type: "submit" }), "ask"),
  );
  form.onsubmit = async (event) => {
    event.preventDefault();
    let text = "";
    let sources: Source[] = [];
    fill(answer, label(el("p", { class: "hint" }), "loading"));
    fill(passage);
    const render = () => fill(answer, citations(renderMarkdown(text), sources, passage));
    try {
      const events = postEvents(
        "/api/rag/ask",
        { question: question.value },
        new AbortController().signal,
      );
      for await (const { event, data } of events) {
        if (event === "sources") sources = data as Source[];
        else if (event === "delta") text += String((data as { text?: string }).text ?? "");
        else if (event === "error")
          text += `\n\n**${t("error")}:** ${String((data as { message?: string }).message)}`;
        render();
      }
    } catch (error) {
      fill(answer, el("p", { class: "error" }, (error as Error).message));
    }
  };
  question.onkeydown = (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  };
  return el("div", { class: "rag" }, form, answer, passage);
}

/** Turn each `[n]` in the answer's text into a button that shows source n. */
function citations(
  fragment: DocumentFragment,
  sources: Source[],
  passage: HTMLElement,
): DocumentFragment {
  const walker = document.createTreeWalker(fragment, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  while (walker.nextNode()) texts.push(walker.currentNode as Text);
  for (const node of texts) {
    const parts = (node.textContent ?? "").split(/(\[\d+\])/);
    if (parts.length === 1) continue;
    node.replaceWith(
      ...parts.map((part) => {
        const source = sources.find((item) => `[${item.n}]` === part);
        if (!source) return part;
        const button = el(
          "button",
          { type: "button", class: "cite", title: `${source.path}:${source.lines}` },
          part,
        );
        button.onclick = () => {
          fill(
            passage,
            el("h3", {}, `${t("source")} [${source.n}] ${source.path}:${source.lines}`),
            el("blockquote", {}, source.text),
          );
          passage.focus();
        };
        return button;
      }),
    );
  }
  return fragment;
}
