import { execFileSync } from "node:child_process";
import { type Finding, notOk, ok } from "./finding.js";

const minimumNode = [20, 18] as const;

/** Node and npm: the versions the project is tested with, and what to do when older. */
export function checkMachine(): Finding[] {
  const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
  const nodeOk = major > minimumNode[0] || (major === minimumNode[0] && minor >= minimumNode[1]);
  const node = nodeOk
    ? ok("machine", "node", `v${process.versions.node}`)
    : notOk(
        "machine",
        "node",
        "broken",
        `v${process.versions.node} is older than ${minimumNode.join(".")}`,
        "install Node.js 20.18 or newer (https://nodejs.org, or `nvm install 20`)",
      );
  return [node, checkNpm()];
}

function checkNpm(): Finding {
  const agent = /npm\/(\d+[\d.]*)/.exec(process.env.npm_config_user_agent ?? "")?.[1];
  let version = agent;
  if (!version) {
    try {
      version = execFileSync("npm", ["--version"], { encoding: "utf8", timeout: 10_000 }).trim();
    } catch {
      return notOk(
        "machine",
        "npm",
        "missing",
        "npm was not found",
        "install npm 10 or newer (it comes with Node.js)",
      );
    }
  }
  const major = Number(version.split(".")[0]);
  return major >= 10
    ? ok("machine", "npm", version)
    : notOk(
        "machine",
        "npm",
        "broken",
        `${version} is older than 10`,
        "run `npm install -g npm@11`",
      );
}
