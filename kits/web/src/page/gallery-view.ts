import { type GalleryItem, getJson } from "./api.js";
import { el, fill } from "./dom.js";
import { label, t } from "./strings.js";

const fileUrl = (path: string) => `/files/${path.split("/").map(encodeURIComponent).join("/")}`;

/** The gallery: what the kits wrote under the output folder, with the parameters that made it. */
export function galleryView(): HTMLElement {
  const grid = el("ul", { class: "gallery", id: "gallery" });
  const details = el("dialog", {
    id: "gallery-details",
    "aria-labelledby": "gallery-details-title",
  });
  const view = el(
    "section",
    { class: "gallery-view", id: "view-gallery", "aria-labelledby": "tab-gallery", hidden: true },
    grid,
    details,
  );

  function show(item: GalleryItem): void {
    const close = label(el("button", { type: "button", class: "close" }), "close");
    close.onclick = () => details.close();
    const rows = Object.entries(item.params).flatMap(([key, value]) => [
      el("dt", {}, key),
      el("dd", {}, typeof value === "string" ? value : JSON.stringify(value)),
    ]);
    let remake: HTMLElement | null = null;
    if (item.remake) {
      const command = item.remake;
      const copy = label(el("button", { type: "button" }), "copy");
      copy.onclick = async () => {
        await navigator.clipboard?.writeText(command).catch(() => undefined);
        copy.textContent = t("copied");
      };
      remake = el(
        "div",
        { class: "remake" },
        label(el("h3", {}), "makeAgain"),
        el("pre", {}, el("code", { id: "remake-command" }, command)),
        copy,
      );
    }
    fill(
      details,
      el("h2", { id: "gallery-details-title" }, item.path),
      media(item, true),
      label(el("h3", {}), "parameters"),
      el("dl", { class: "params" }, ...rows),
      remake,
      close,
    );
    details.showModal();
    close.focus();
  }

  void getJson<GalleryItem[]>("/api/gallery")
    .then((items) => {
      if (items.length === 0) return fill(grid, label(el("li", { class: "hint" }), "galleryEmpty"));
      fill(
        grid,
        ...items.map((item) => {
          const open = el("button", { type: "button", class: "open" }, item.path);
          open.onclick = () => show(item);
          return el("li", { class: `tile ${item.kind}` }, media(item, false), open);
        }),
      );
    })
    .catch((error: unknown) => fill(grid, el("li", { class: "error" }, (error as Error).message)));

  return view;
}

function media(item: GalleryItem, large: boolean): HTMLElement {
  const src = fileUrl(item.path);
  if (item.kind === "audio") return el("audio", { controls: true, preload: "none", src });
  if (item.kind === "video")
    return el("video", { controls: true, preload: "metadata", src, class: large ? "large" : "" });
  const prompt = typeof item.params.prompt === "string" ? item.params.prompt : item.path;
  return el("img", { src, alt: prompt, loading: "lazy", class: large ? "large" : "" });
}
