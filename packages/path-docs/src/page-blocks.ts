/**
 * The generated parts of a path page, between HTML comments a reader never sees:
 *   <!-- captured -->```text … ```<!-- /captured -->   what the commands printed
 *   <!-- source -->```ts … ```<!-- /source -->         the kit lines the page quotes
 */
export type BlockName = "captured" | "source";

const pattern = (name: BlockName) =>
  new RegExp(`(<!-- ${name} -->\\n)([\\s\\S]*?)(<!-- /${name} -->)`);

export function readBlock(page: string, name: BlockName): string | undefined {
  const fenced = pattern(name).exec(page)?.[2];
  return fenced?.replace(/^```\w*\n/, "").replace(/```\n$/, "");
}

export function writeBlock(page: string, name: BlockName, body: string, language: string): string {
  if (!pattern(name).test(page)) throw new Error(`the page has no <!-- ${name} --> block`);
  return page.replace(
    pattern(name),
    (_, open, _old, close) => `${open}\`\`\`${language}\n${body}\`\`\`\n${close}`,
  );
}
