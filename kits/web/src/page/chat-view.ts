import {
  type Conversation,
  type ConversationSummary,
  getJson,
  type Message,
  type ModelEntry,
  postEvents,
  sendJson,
  type Usage,
} from "./api.js";
import { el, fill } from "./dom.js";
import { renderMarkdown } from "./markdown.js";
import { label, type StringKey, t } from "./strings.js";

interface Template {
  name: string;
  description: string;
  variables: string[];
  text: string;
}

interface ModelList {
  default: string;
  models: ModelEntry[];
}

/** The chat view: a conversation list, the model picker, system prompt, templates and the stream. */
export function chatView(): HTMLElement {
  let current: Conversation | undefined;
  let running: AbortController | undefined;

  const list = el("ul", { class: "conversation-list" });
  const newButton = label(
    el("button", { type: "button", id: "new-conversation" }),
    "newConversation",
  );
  const importInput = el("input", {
    type: "file",
    id: "import-file",
    accept: "application/json,.json",
    class: "visually-hidden",
  });
  const importLabel = label(
    el("label", { for: "import-file", class: "button" }),
    "importConversation",
  );

  const modelSelect = el("select", { id: "model" });
  const modelHint = el("p", { class: "hint", id: "model-hint" });
  const systemInput = el("textarea", { id: "system", rows: "2" });
  const templateSelect = el("select", { id: "template" });
  // Focusable so a keyboard can scroll a long conversation.
  const messages = el("div", {
    class: "messages",
    role: "log",
    "aria-live": "polite",
    id: "messages",
    tabindex: "0",
    "aria-label": t("messages"),
    "data-i18n-label": "messages",
  });
  const composer = el("textarea", {
    id: "composer",
    rows: "3",
    "aria-describedby": "composer-hint",
  });
  const sendButton = label(el("button", { type: "submit", id: "send" }), "send");
  const stopButton = label(el("button", { type: "button", id: "stop", disabled: true }), "stop");
  const renameButton = label(el("button", { type: "button", id: "rename" }), "rename");
  const deleteButton = label(el("button", { type: "button", id: "delete" }), "delete");
  const exportMd = label(el("a", { class: "button", id: "export-md" }), "exportMd");
  const exportJson = label(el("a", { class: "button", id: "export-json" }), "exportJson");
  const status = el("p", { class: "status", role: "status", id: "chat-status" });

  const form = el(
    "form",
    { class: "composer" },
    label(el("label", { for: "composer" }), "message"),
    composer,
    label(el("span", { id: "composer-hint", class: "hint" }), "messageHint"),
    el("div", { class: "row" }, sendButton, stopButton),
  );

  const view = el(
    "section",
    { class: "chat", id: "view-chat", "aria-labelledby": "tab-chat" },
    el(
      "nav",
      { class: "sidebar", "data-i18n-label": "conversations", "aria-label": t("conversations") },
      label(el("h2", {}), "conversations"),
      el("div", { class: "row" }, newButton, importLabel, importInput),
      list,
    ),
    el(
      "div",
      { class: "main" },
      el(
        "div",
        { class: "settings" },
        el(
          "div",
          { class: "field" },
          label(el("label", { for: "model" }), "model"),
          modelSelect,
          modelHint,
        ),
        el(
          "div",
          { class: "field" },
          label(el("label", { for: "template" }), "template"),
          templateSelect,
        ),
        el(
          "div",
          { class: "field wide" },
          label(el("label", { for: "system" }), "system"),
          systemInput,
        ),
        el("div", { class: "row" }, renameButton, deleteButton, exportMd, exportJson),
      ),
      messages,
      status,
      form,
    ),
  );

  function showStatus(text: string): void {
    status.textContent = text;
  }

  async function loadModels(): Promise<void> {
    const { default: fallback, models } = await getJson<ModelList>("/api/models");
    fill(
      modelSelect,
      ...models.map((model) =>
        el(
          "option",
          { value: model.id, disabled: !model.ready, selected: model.id === fallback },
          model.ready ? model.id : `${model.id} — ${model.why ?? t("notReady")}`,
        ),
      ),
    );
    // The default may be a provider without its key: start on a model that can answer.
    if (modelSelect.selectedOptions[0]?.disabled) {
      const firstReady = [...modelSelect.options].find((option) => !option.disabled);
      if (firstReady) modelSelect.value = firstReady.value;
    }
    const missing = models.filter((model) => !model.ready && model.why);
    const hints = [...new Set(missing.map((model) => `${model.provider}: ${model.why}`))];
    modelHint.textContent = hints.join(" · ");
  }

  async function loadTemplates(): Promise<void> {
    const templates = await getJson<Template[]>("/api/templates").catch(() => []);
    fill(
      templateSelect,
      label(el("option", { value: "" }), "noTemplate"),
      ...templates.map((template) =>
        el("option", { value: template.name, title: template.description }, template.name),
      ),
    );
    templateSelect.onchange = () => {
      const template = templates.find((item) => item.name === templateSelect.value);
      if (!template) return;
      composer.value = template.text;
      templateSelect.value = "";
      composer.focus();
    };
  }

  async function loadList(): Promise<void> {
    const items = await getJson<ConversationSummary[]>("/api/conversations");
    if (items.length === 0) {
      fill(list, label(el("li", { class: "hint" }), "empty"));
      return;
    }
    fill(
      list,
      ...items.map((item) => {
        const button = el(
          "button",
          {
            type: "button",
            class: "conversation",
            "aria-current": item.id === current?.id ? "true" : undefined,
          },
          el("span", { class: "conversation-title" }, item.title || "…"),
          el("span", { class: "hint" }, `${item.messageCount} · ${item.model}`),
        );
        button.onclick = () => void open(item.id);
        return el("li", {}, button);
      }),
    );
  }

  async function open(id: string): Promise<void> {
    current = await getJson<Conversation>(`/api/conversations/${encodeURIComponent(id)}`);
    history.replaceState(null, "", `#conversation=${encodeURIComponent(id)}`);
    systemInput.value = current.system ?? "";
    if (
      [...modelSelect.options].some((option) => option.value === current?.model && !option.disabled)
    ) {
      modelSelect.value = current.model;
    }
    fill(messages, ...current.messages.map((message) => messageBlock(message)));
    updateActions();
    await loadList();
  }

  function updateActions(): void {
    const id = current ? encodeURIComponent(current.id) : undefined;
    for (const button of [renameButton, deleteButton]) button.disabled = !id;
    for (const [link, format] of [
      [exportMd, "md"],
      [exportJson, "json"],
    ] as const) {
      if (id) link.setAttribute("href", `/api/conversations/${id}/export?format=${format}`);
      else link.removeAttribute("href");
      link.setAttribute("download", "");
    }
  }

  function startNew(): void {
    current = undefined;
    history.replaceState(null, "", location.pathname);
    fill(messages);
    systemInput.value = "";
    updateActions();
    void loadList();
    composer.focus();
  }

  async function send(): Promise<void> {
    const content = composer.value.trim();
    if (!content || running) return;
    const model = modelSelect.value;
    if (!current) {
      current = await sendJson<Conversation>("POST", "/api/conversations", {
        title: content.slice(0, 60),
        model,
        system: systemInput.value,
      });
      current.messages ??= [];
      history.replaceState(null, "", `#conversation=${encodeURIComponent(current.id)}`);
      updateActions();
    }
    composer.value = "";
    const now = new Date().toISOString();
    messages.append(messageBlock({ id: "", role: "user", content, createdAt: now }));
    const answer: Message = { id: "", role: "assistant", content: "", model, createdAt: now };
    const block = messageBlock(answer);
    block.setAttribute("aria-busy", "true");
    messages.append(block);
    running = new AbortController();
    sendButton.disabled = true;
    stopButton.disabled = false;
    showStatus("");
    try {
      const events = postEvents(
        "/api/chat",
        { conversationId: current.id, model, system: systemInput.value, content },
        running.signal,
      );
      for await (const { event, data } of events) {
        const fields = (data ?? {}) as Record<string, unknown>;
        if (event === "start") answer.id = String(fields.messageId ?? "");
        else if (event === "delta") answer.content += String(fields.text ?? "");
        else if (event === "done") {
          answer.usage = fields.usage as Usage;
          answer.costUsd = fields.costUsd as number | null;
        } else if (event === "error") answer.error = String(fields.message ?? data);
        updateBlock(block, answer);
        messages.scrollTop = messages.scrollHeight;
      }
    } catch (error) {
      if (running.signal.aborted) answer.stopped = true;
      else answer.error = error instanceof Error ? error.message : String(error);
      updateBlock(block, answer);
    } finally {
      block.removeAttribute("aria-busy");
      running = undefined;
      sendButton.disabled = false;
      stopButton.disabled = true;
      composer.focus();
      await loadList().catch(() => undefined);
    }
  }

  form.onsubmit = (event) => {
    event.preventDefault();
    void send().catch((error: unknown) => showStatus(`${t("error")}: ${(error as Error).message}`));
  };
  composer.onkeydown = (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  };
  stopButton.onclick = () => running?.abort();
  newButton.onclick = startNew;
  systemInput.onchange = () => {
    if (current)
      void sendJson("PUT", `/api/conversations/${encodeURIComponent(current.id)}`, {
        system: systemInput.value,
      });
  };
  renameButton.onclick = async () => {
    if (!current) return;
    const title = prompt(t("newTitle"), current.title);
    if (!title) return;
    current = {
      ...current,
      ...(await sendJson<Conversation>(
        "PUT",
        `/api/conversations/${encodeURIComponent(current.id)}`,
        { title },
      )),
    };
    await loadList();
  };
  deleteButton.onclick = async () => {
    if (!current || !confirm(t("confirmDelete"))) return;
    await sendJson("DELETE", `/api/conversations/${encodeURIComponent(current.id)}`);
    startNew();
  };
  importInput.onchange = async () => {
    const file = importInput.files?.[0];
    if (!file) return;
    try {
      const imported = await sendJson<Conversation>(
        "POST",
        "/api/conversations/import",
        JSON.parse(await file.text()),
      );
      await open(imported.id);
    } catch (error) {
      showStatus(`${t("error")}: ${(error as Error).message}`);
    } finally {
      importInput.value = "";
    }
  };

  void (async () => {
    try {
      await Promise.all([loadModels(), loadTemplates()]);
      const wanted = new URLSearchParams(location.hash.slice(1)).get("conversation");
      if (wanted) await open(wanted).catch(() => loadList());
      else await loadList();
      updateActions();
    } catch (error) {
      showStatus(`${t("error")}: ${(error as Error).message}`);
    }
  })();

  return view;
}

function messageBlock(message: Message): HTMLElement {
  const block = el("article", { class: `message ${message.role}` });
  updateBlock(block, message);
  return block;
}

function updateBlock(block: HTMLElement, message: Message): void {
  const who: StringKey = message.role === "user" ? "you" : "assistant";
  const body = el("div", { class: "content" });
  // What a person typed is shown as typed; only model output is rendered as Markdown.
  if (message.role === "user") body.textContent = message.content;
  else body.append(renderMarkdown(message.content));
  const notes: string[] = [];
  if (message.model && message.role === "assistant") notes.push(message.model);
  const usage = message.usage;
  if (usage) {
    const total = usage.totalTokens ?? (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
    notes.push(
      `${usage.inputTokens ?? "?"} → ${usage.outputTokens ?? "?"} ${t("tokens")} (${total})`,
    );
  }
  if (message.costUsd === 0) notes.push(t("free"));
  else if (typeof message.costUsd === "number")
    notes.push(`${t("cost")} ≈ $${Number(message.costUsd.toPrecision(4))}`);
  if (message.stopped) notes.push(t("stopped"));
  fill(
    block,
    label(el("h3", { class: "who" }), who),
    body,
    message.error
      ? el("p", { class: "error", role: "alert" }, `${t("failed")}: ${message.error}`)
      : null,
    notes.length > 0 ? el("p", { class: "meta" }, notes.join(" · ")) : null,
  );
}
