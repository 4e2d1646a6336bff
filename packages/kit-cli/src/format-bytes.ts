/**
 * `1536` → `"1.5 KB"`, `491400032` → `"491 MB"`: one decimal below 10, whole numbers above.
 * Decimal units by default, as Hugging Face and disk makers count; `binary` counts in 1024s
 * for sizes given in KiB (Civitai's `sizeKB`), labelled as Civitai's site labels them.
 */
export function formatBytes(bytes: number, options: { binary?: boolean } = {}): string {
  const base = options.binary ? 1024 : 1000;
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = Math.max(0, bytes);
  let unit = 0;
  // 999.7 KB would round to "1000 KB": move up a unit before it does.
  while (value >= base - 0.5 && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  const digits = unit === 0 || value >= 9.95 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}
