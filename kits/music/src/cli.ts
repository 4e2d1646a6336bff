/**
 * The music kit's command line: `npm run music -- <quest> [args]`. Each quest is one short file;
 * this only picks the file and turns errors into exit codes.
 */
import { type Command, runKit } from "@path/kit-cli";

const quests: Record<string, Command> = {
  speak: {
    summary: 'text to speech: speak "欢迎来到生成式 AI 的世界" or speak script.md --voice alloy',
    load: () => import("./quests/speak.js"),
  },
  compose: {
    summary: 'a description → instrumental music: compose "lofi hip hop, 80 bpm" --duration 15',
    load: () => import("./quests/compose.js"),
  },
  clone: {
    summary: 'read text in a voice copied from a clip (音色复刻): clone --reference me.wav "你好"',
    load: () => import("./quests/clone.js"),
  },
  voices: {
    summary: "the voices a speech model has: voices --model system:espeak-ng --lang zh",
    load: () => import("./quests/voices.js"),
  },
  lyrics: {
    summary: 'a chat model writes lyrics in [Verse]/[Chorus] sections: lyrics "小龙过年"',
    load: () => import("./quests/lyrics.js"),
  },
  song: {
    summary: 'lyrics + a style → a song: song lyrics.md --style "c-pop" --duration 60',
    load: () => import("./quests/song.js"),
  },
  info: {
    summary: "what is in this audio file: container, duration, rate, and what made it",
    load: () => import("./quests/info.js"),
  },
};

const help = `GenAI Path — music kit (speech and music)

Usage: npm run music -- <quest> [options]

Quests:
${Object.entries(quests)
  .map(([name, quest]) => `  ${name.padEnd(10)}${quest.summary}`)
  .join("\n")}

Run \`npm run music -- <quest> --help\` for a quest's options.`;

await runKit(quests, { help });
