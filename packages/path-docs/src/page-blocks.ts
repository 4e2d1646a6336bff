/**
 * The generated parts of a path page, between HTML comments a reader never sees:
 *   <!-- captured -->```text … ```<!-- /captured -->   what the commands printed
 *   <!-- source -->```ts … ```<!-- /source -->         the kit lines the page quotes
 *   <!-- media --> … <!-- /media -->                   the picture, or links to the sound or video
 */
export type BlockName = "captured" | "source" | "media";

const pattern = (name: BlockName) =>
  new RegExp(`(<!-- ${name} -->\\n)([\\s\\S]*?)(<!-- /${name} -->)`);

export function readBlock(page: string, name: BlockName): string | undefined {
  const fenced = pattern(name).exec(page)?.[2];
  return fenced?.replace(/^```\w*\n/, "").replace(/```\n$/, "");
}

/** `language` fences the body as code; without it the body is Markdown as it is. */
export function writeBlock(page: string, name: BlockName, body: string, language?: string): string {
  if (!pattern(name).test(page)) throw new Error(`the page has no <!-- ${name} --> block`);
  const fenced = language === undefined ? body : `\`\`\`${language}\n${body}\`\`\`\n`;
  return page.replace(pattern(name), (_, open, _old, close) => `${open}${fenced}${close}`);
}
