import DOMPurify from "dompurify";
import { Marked } from "marked";

/**
 * Model output is untrusted. Raw HTML in an answer is shown as text (so `<script>` reads as
 * `<script>`), then DOMPurify cleans what Markdown produced (it drops `javascript:` links and
 * event handlers).
 */
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
  },
});

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

// Links from an answer open in a new tab and cannot reach back to this page.
DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A" && node.hasAttribute("href")) {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  }
});

/** Markdown to a fragment that is safe to insert. */
export function renderMarkdown(text: string): DocumentFragment {
  const html = marked.parse(text) as string;
  return DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true });
}
