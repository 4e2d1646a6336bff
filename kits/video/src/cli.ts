/**
 * The video kit's command line: `npm run video -- <quest> [args]`. Each quest is one short file;
 * this only picks the file and turns errors into exit codes.
 */
import { type Command, runKit } from "@path/kit-cli";

const quests: Record<string, Command> = {
  make: {
    summary: 'text to video: make "a paper boat drifting down a rainy street" --seconds 5',
    load: () => import("./quests/make.js"),
  },
  animate: {
    summary: 'a picture to video: animate output/dragon.png "the dragon flaps its wings"',
    load: () => import("./quests/animate.js"),
  },
  jobs: {
    summary: "the video jobs started from this computer: state, age, estimated cost, file",
    load: () => import("./quests/jobs.js"),
  },
  resume: {
    summary: "pick up a job a closed terminal left: resume abcd1234 (polls, downloads, saves)",
    load: () => import("./quests/resume.js"),
  },
  info: {
    summary: "what is in a video file: container, duration, size, codec, fps, and what made it",
    load: () => import("./quests/info.js"),
  },
};

const help = `GenAI Path — video kit (text-to-video and image-to-video as durable jobs)

Usage: npm run video -- <quest> [options]

Quests:
${Object.entries(quests)
  .map(([name, quest]) => `  ${name.padEnd(10)}${quest.summary}`)
  .join("\n")}

A video job is recorded before it is sent, so a closed terminal never pays twice: run the same
command again (or \`resume\`) to pick it up.

Run \`npm run video -- <quest> --help\` for a quest's options.`;

await runKit(quests, { help });
