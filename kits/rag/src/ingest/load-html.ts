import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { LoadedDocument } from "./document.js";
import { htmlToText } from "./html-to-text.js";

/**
 * The readable text of an HTML page: Readability picks the article; when it finds none (a short
 * page, a list of links) the whole body is used, without script, style, nav, header and footer.
 */
export function loadHtml(path: string, html: string, notes: string[] = []): LoadedDocument {
  const { document } = parseHTML(html);
  const pageTitle = document.querySelector("title")?.textContent?.trim() || undefined;
  const article = new Readability(
    document as unknown as ConstructorParameters<typeof Readability>[0],
  ).parse();
  let text = article?.content ? htmlToText(article.content) : "";
  if (!text) {
    const { document: page } = parseHTML(html);
    for (const element of page.querySelectorAll("header, footer, aside")) element.remove();
    text = htmlToText(page.body?.innerHTML ?? "");
  }
  const title = article?.title?.trim() || pageTitle;
  // Readability drops the <h1> that repeats the title; put it back as the outermost heading so
  // every chunk's heading path starts with what the page is about. (HTML has no lines to keep.)
  if (title && text && !text.startsWith("# ")) text = `# ${title}\n\n${text}`;
  return { path, kind: "html", text, title, notes };
}
