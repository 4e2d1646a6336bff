/** Every word the page shows, in English and 中文. Elements carry `data-i18n` keys so the toggle relabels them in place. */
const en = {
  title: "GenAI Path — chat",
  chat: "Chat",
  gallery: "Gallery",
  rag: "RAG chat",
  language: "中文",
  languageLabel: "中文 — show the page in Chinese",
  conversations: "Conversations",
  newConversation: "New conversation",
  importConversation: "Import JSON",
  rename: "Rename",
  delete: "Delete",
  exportMd: "Export Markdown",
  exportJson: "Export JSON",
  model: "Model",
  system: "System prompt",
  template: "Template",
  noTemplate: "— insert a template —",
  message: "Message",
  messages: "Messages",
  messageHint: "Enter to send, Shift+Enter for a new line",
  send: "Send",
  stop: "Stop",
  you: "You",
  assistant: "Assistant",
  stopped: "stopped",
  failed: "failed",
  tokens: "tokens",
  cost: "cost",
  free: "free",
  notReady: "not ready",
  newTitle: "New title",
  confirmDelete: "Delete this conversation?",
  empty: "No conversations yet. Type a message to start one.",
  galleryEmpty:
    'Nothing under the output folder yet. Make something first, e.g. npm run image -- "a red fox"',
  parameters: "Parameters",
  makeAgain: "Make again",
  copy: "Copy",
  copied: "Copied",
  close: "Close",
  ragNotReady: "No RAG index yet. Run this first:",
  question: "Question",
  ask: "Ask",
  source: "Source",
  sources: "Sources",
  loading: "Loading…",
  error: "Error",
};

export type StringKey = keyof typeof en;

const zh: Record<StringKey, string> = {
  title: "GenAI Path — 聊天",
  chat: "聊天",
  gallery: "作品",
  rag: "知识库问答",
  language: "English",
  languageLabel: "English — 切换为英文界面",
  conversations: "对话",
  newConversation: "新对话",
  importConversation: "导入 JSON",
  rename: "重命名",
  delete: "删除",
  exportMd: "导出 Markdown",
  exportJson: "导出 JSON",
  model: "模型",
  system: "系统提示词",
  template: "模板",
  noTemplate: "— 插入一个模板 —",
  message: "消息",
  messages: "消息记录",
  messageHint: "Enter 发送，Shift+Enter 换行",
  send: "发送",
  stop: "停止",
  you: "你",
  assistant: "助手",
  stopped: "已停止",
  failed: "出错",
  tokens: "词元",
  cost: "费用",
  free: "免费",
  notReady: "未就绪",
  newTitle: "新标题",
  confirmDelete: "删除这个对话？",
  empty: "还没有对话。输入一条消息开始。",
  galleryEmpty: '输出目录里还没有作品。先生成一个，例如 npm run image -- "一只红狐狸"',
  parameters: "参数",
  makeAgain: "再生成一次",
  copy: "复制",
  copied: "已复制",
  close: "关闭",
  ragNotReady: "还没有知识库索引。先运行：",
  question: "问题",
  ask: "提问",
  source: "出处",
  sources: "出处",
  loading: "加载中…",
  error: "错误",
};

export type Language = "en" | "zh";
let current: Language = "en";

export function t(key: StringKey): string {
  return current === "zh" ? zh[key] : en[key];
}

export function language(): Language {
  return current;
}

/** Switch language and relabel every element that carries a `data-i18n*` key. */
export function setLanguage(next: Language): void {
  current = next;
  document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
  document.title = t("title");
  for (const element of document.querySelectorAll<HTMLElement>("[data-i18n]")) {
    element.textContent = t(element.dataset.i18n as StringKey);
  }
  for (const element of document.querySelectorAll<HTMLElement>("[data-i18n-label]")) {
    element.setAttribute("aria-label", t(element.dataset.i18nLabel as StringKey));
  }
  for (const element of document.querySelectorAll<HTMLElement>("[data-i18n-placeholder]")) {
    element.setAttribute("placeholder", t(element.dataset.i18nPlaceholder as StringKey));
  }
}

/** A text node's worth of a key, marked so the language toggle can relabel it. */
export function label<E extends HTMLElement>(element: E, key: StringKey): E {
  element.dataset.i18n = key;
  element.textContent = t(key);
  return element;
}
