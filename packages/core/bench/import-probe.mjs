// Run by cold-import.ts in a fresh `node` (no tsx): imports each argument in turn and prints
// the milliseconds the imports took.
const start = performance.now();
for (const specifier of process.argv.slice(2)) await import(specifier);
process.stdout.write(String(performance.now() - start));
