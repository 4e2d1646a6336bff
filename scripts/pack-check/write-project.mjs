// Writes the empty project's package.json: the packed tarballs, the peers a user adds
// (vitest for @path/testing, Node's types for tsc) at the repository's versions, and the
// repository's overrides that stub node-llama-cpp's GPU builds (docs/decisions/0002).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [repo, project] = process.argv.slice(2);
const root = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
const dependencies = {
  "@types/node": root.devDependencies["@types/node"],
  vitest: root.devDependencies.vitest,
};
for (const file of readdirSync(join(project, ".."))) {
  const name = /^path-(.+)-\d+\.\d+\.\d+\.tgz$/.exec(file)?.[1];
  if (name) dependencies[`@path/${name}`] = `file:../${file}`;
}
const overrides = Object.fromEntries(
  Object.entries(root.overrides).map(([name, target]) => [
    name,
    target.replace("file:./", "file:../"),
  ]),
);
const manifest = { name: "pack-check", private: true, type: "module", dependencies, overrides };
writeFileSync(join(project, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
