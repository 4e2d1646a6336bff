import { getJson } from "./api.js";
import { chatView } from "./chat-view.js";
import { el } from "./dom.js";
import { galleryView } from "./gallery-view.js";
import { ragView } from "./rag-view.js";
import { type Language, label, language, type StringKey, setLanguage } from "./strings.js";

interface Info {
  version: string;
  language: Language;
}

const stored = localStorage.getItem("genai-web-language") as Language | null;
const info = await getJson<Info>("/api/info").catch(() => undefined);
setLanguage(stored ?? info?.language ?? (navigator.language.startsWith("zh") ? "zh" : "en"));

const views: Record<string, HTMLElement> = {
  chat: chatView(),
  gallery: galleryView(),
  rag: ragView(),
};

const tabs = Object.keys(views).map((name) => {
  const tab = label(
    el("button", {
      type: "button",
      id: `tab-${name}`,
      "aria-controls": `view-${name}`,
      "aria-pressed": "false",
    }),
    name as StringKey,
  );
  tab.onclick = () => select(name);
  return tab;
});

function select(name: string): void {
  for (const [key, view] of Object.entries(views)) view.hidden = key !== name;
  for (const tab of tabs) tab.setAttribute("aria-pressed", String(tab.id === `tab-${name}`));
  history.replaceState(
    null,
    "",
    name === "chat"
      ? location.hash.replace(/^#view=\w+/, "") || location.pathname
      : `#view=${name}`,
  );
}

const toggle = label(
  el("button", { type: "button", id: "language", "data-i18n-label": "languageLabel" }),
  "language",
);
toggle.onclick = () => {
  const next = language() === "zh" ? "en" : "zh";
  localStorage.setItem("genai-web-language", next);
  setLanguage(next);
};

document.body.append(
  el(
    "header",
    {},
    el("h1", {}, "GenAI Path"),
    el("nav", { class: "tabs", "aria-label": "GenAI Path" }, ...tabs),
    toggle,
  ),
  el("main", {}, ...Object.values(views)),
);
setLanguage(language());
select(new URLSearchParams(location.hash.slice(1)).get("view") ?? "chat");
