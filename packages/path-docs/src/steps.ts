import { fakeImage } from "@path/testing";

/**
 * The learning path's steps whose pages show captured output: for each, the commands a
 * learner types, how they are run here (the kit's CLI against the project's fakes, so the
 * output is real and repeatable), and the lines of kit source the page quotes.
 */
export type Fake = "openai" | "hf" | "minimax" | "a1111" | "civitai";

export interface StepCommand {
  /** What the page shows after `$ `. */
  shown: string;
  /** The kit whose CLI runs it (`local`: the embedded provider's), and the arguments after `npm run <kit> --`. */
  kit: string;
  args: string[];
  /** Typed in, for quests that read stdin (a chat). */
  input?: string;
  /**
   * What the fake model answers, in order, one per chat call (the fake's scripted reply): the
   * kit's own behaviour — streaming, validation, the summary line — is real either way.
   */
  replies?: string[];
  /** Progress goes to stderr before the result: show it first (an ingest, a download). */
  stderrFirst?: boolean;
}

export interface Step {
  /** The page's file name without `.md`, in docs/path/ and docs/zh/path/. */
  id: string;
  fakes: Fake[];
  /** Files put in the folder the commands run in (a learner's notes, a picture), by relative path. */
  files?: Record<string, string | Uint8Array>;
  commands: StepCommand[];
  /** The source the page quotes: a file and a 1-based inclusive line range. */
  source: { file: string; from: number; to: number };
  /** Files the commands make that the page shows: a picture inline, audio and video as links. */
  media?: StepMedia[];
}

export interface StepMedia {
  /** Matches the made file's path relative to the folder the commands ran in. */
  made: RegExp;
  /** Its name under docs/path/media/. */
  name: string;
  caption: { en: string; zh: string };
  /** The file records when and where it was made (an MP3's provenance tag): compare its kind and size, not its bytes. */
  recordsItsRun?: boolean;
}

const model = ["--model", "openai:gpt-4o-mini"];

/** In `args`: the last line the previous command printed (a file a shell glob in `shown` finds, a model name). */
export const previousFile = "{previous file}";

const shopQa = `question,answer
How long do I have to return an order?,You can return any order within 30 days of delivery.
退货运费谁出？,质量问题的退货运费由我们承担，其他情况由您承担。
Do you ship to Canada?,"Yes, we ship to Canada in 5 to 8 business days."
可以开发票吗？,可以，在订单详情页申请电子发票。
Can I change the delivery address?,"Yes, until the parcel leaves our warehouse."
支持哪些付款方式？,支付宝、微信支付和银联卡。
Is there a warranty?,Every device has a two-year warranty.
会员有什么好处？,免运费和生日优惠券。
How do I reset my password?,Use the link on the sign-in page; it expires after an hour.
可以货到付款吗？,暂不支持货到付款。
Where is my order?,The tracking link is in your confirmation email.
商品缺货怎么办？,点击“到货通知”，到货后我们会发短信提醒您。
Can I cancel an order?,"Yes, within one hour of placing it."
Do you price match?,"No, but we run a sale every month."
`;

export const steps: Step[] = [
  {
    id: "01-first-call",
    fakes: ["openai"],
    commands: [
      {
        shown: 'npm start -- "用三句话解释什么是生成式 AI" --model openai:gpt-4o-mini',
        kit: "text",
        args: ["ask", "用三句话解释什么是生成式 AI", ...model],
        replies: [
          "生成式 AI 是一类能根据学到的规律创造新内容的人工智能。它从大量文本、图片或声音中学习模式，再按你的提示写出文章、画出图片或合成语音。它不是在检索现成答案，而是在逐字生成最可能的下一部分。",
        ],
      },
    ],
    source: { file: "kits/text/src/01-ask.ts", from: 34, to: 51 },
  },
  {
    id: "02-prompts",
    fakes: ["openai"],
    commands: [
      {
        shown:
          'npm run text -- prompt translator --var language=English "你好，世界" --model openai:gpt-4o-mini',
        kit: "text",
        args: ["prompt", "translator", "--var", "language=English", "你好，世界", ...model],
        replies: ["Hello, world!"],
      },
      {
        shown:
          'npm run text -- json "王小明，电话 138-0000-1234，邮箱 xm@example.com" --schema contact --model openai:gpt-4o-mini',
        kit: "text",
        args: [
          "json",
          "王小明，电话 138-0000-1234，邮箱 xm@example.com",
          "--schema",
          "contact",
          ...model,
        ],
        replies: ['{"name":"王小明","phone":"138-0000-1234","email":"xm@example.com"}'],
      },
    ],
    source: { file: "kits/text/src/02-prompt.ts", from: 73, to: 93 },
  },
  {
    id: "03-chat",
    fakes: ["openai"],
    commands: [
      {
        shown:
          "printf '我叫小林，在学 RAG\\n我叫什么名字？\\n' | npm run text -- chat --model openai:gpt-4o-mini",
        kit: "text",
        args: ["chat", ...model],
        input: "我叫小林，在学 RAG\n我叫什么名字？\n",
        replies: [
          "你好小林！RAG 是先检索、再生成：把你的资料里相关的段落找出来，交给模型回答。",
          "你叫小林——这句话还在我们的对话记录里，每一轮都会整段发给模型。",
        ],
      },
    ],
    source: { file: "kits/text/src/03-chat.ts", from: 72, to: 91 },
  },
  {
    id: "10-rag",
    fakes: ["openai"],
    files: {
      "my-notes/lora.md":
        "# LoRA 笔记\n\n## 原理\n\nLoRA 冻结原模型的权重，只训练两个低秩矩阵 A 和 B，它们的乘积加到原权重上。\n\n## 怎么选秩\n\n秩 r 通常取 8 或 16；数据少时 r 小一些更不容易过拟合。alpha 一般设为 r 的两倍。\n",
      "my-notes/rag.md":
        "# RAG\n\nRetrieval-augmented generation finds the passages that match a question and gives them to the model with the question, so the answer can cite them.\n",
    },
    commands: [
      {
        shown: "npm run rag -- ingest ./my-notes --embed-model openai:text-embedding-3-small",
        kit: "rag",
        args: ["ingest", "./my-notes", "--embed-model", "openai:text-embedding-3-small"],
        stderrFirst: true,
      },
      {
        shown: 'npm run rag -- ask "LoRA 的秩怎么选？" --model openai:gpt-4o-mini',
        kit: "rag",
        args: ["ask", "LoRA 的秩怎么选？", ...model],
        replies: [
          "秩 r 通常取 8 或 16，数据少时取小一些，不容易过拟合 [1]；alpha 一般设为 r 的两倍 [1]。",
        ],
      },
    ],
    source: { file: "kits/rag/src/answer/answer-prompt.ts", from: 76, to: 97 },
  },
  {
    id: "04-image-prompts",
    fakes: [],
    commands: [
      {
        shown:
          'npm run image -- prompt "a chinese dragon" --style guofeng --lighting golden-hour --camera wide --weight dragon:1.3 --negative anime',
        kit: "image-sd",
        args: [
          "prompt",
          "a chinese dragon",
          "--style",
          "guofeng",
          "--lighting",
          "golden-hour",
          "--camera",
          "wide",
          "--weight",
          "dragon:1.3",
          "--negative",
          "anime",
        ],
      },
    ],
    source: { file: "kits/image-sd/src/prompt-builder/presets.ts", from: 1, to: 20 },
  },
  {
    id: "05-sd-online",
    fakes: ["hf"],
    commands: [
      {
        shown:
          'npm run image -- generate "舞龙, 春节, 红灯笼 --ar 16:9 --seed 7" --model hf:black-forest-labs/FLUX.1-schnell',
        kit: "image-sd",
        args: [
          "generate",
          "舞龙, 春节, 红灯笼 --ar 16:9 --seed 7",
          "--model",
          "hf:black-forest-labs/FLUX.1-schnell",
        ],
        stderrFirst: true,
      },
    ],
    source: { file: "kits/image-sd/src/shared/run-generation.ts", from: 26, to: 41 },
    media: [
      {
        made: /^output\/.*-seed7\.png$/,
        name: "05-sd-online.png",
        caption: { en: "the picture the fake server made", zh: "假服务器生成的图片" },
      },
    ],
  },
  {
    id: "07-speech",
    fakes: [],
    commands: [
      {
        shown:
          'npm run music -- speak "欢迎来到生成式 AI 的世界" --voice zh --model system:espeak-ng',
        kit: "music",
        args: ["speak", "欢迎来到生成式 AI 的世界", "--voice", "zh", "--model", "system:espeak-ng"],
        stderrFirst: true,
      },
    ],
    source: { file: "kits/music/src/quests/speak.ts", from: 95, to: 117 },
    media: [
      {
        made: /^output\/speech-.*\.wav$/,
        name: "07-speech.wav",
        caption: { en: "listen: the WAV espeak-ng spoke", zh: "试听：espeak-ng 合成的 WAV" },
      },
    ],
  },
  {
    id: "09-local-models",
    fakes: [],
    commands: [{ shown: "npm run local -- models list", kit: "local", args: ["models", "list"] }],
    source: { file: "packages/local/src/catalog.ts", from: 22, to: 40 },
  },
  {
    id: "06-lyrics-song",
    fakes: ["openai", "minimax"],
    commands: [
      {
        shown:
          'npm run music -- lyrics "春节里一条可爱的小龙" --lang zh --structure verse,chorus --model openai:gpt-4o-mini',
        kit: "music",
        args: [
          "lyrics",
          "春节里一条可爱的小龙",
          "--lang",
          "zh",
          "--structure",
          "verse,chorus",
          ...model,
        ],
        replies: [
          '{"title": "小龙过年", "style": "upbeat c-pop, 110 bpm, bright synths, female vocal", "sections": [{"tag": "Verse", "lines": ["红灯笼挂满了小巷", "一条小龙探出了头", "它说今年我来守岁", "鞭炮声里它不害羞"]}, {"tag": "Chorus", "lines": ["小龙小龙过新年", "饺子圆圆笑声甜", "一起许个小心愿", "明年还要再见面"]}]}',
        ],
        stderrFirst: true,
      },
      {
        shown:
          'npm run music -- song output/lyrics-*-小龙过年.md --style "upbeat c-pop, 110 bpm, female vocal" --duration 30 --model minimax:music-2.6',
        kit: "music",
        args: [
          "song",
          previousFile,
          "--style",
          "upbeat c-pop, 110 bpm, female vocal",
          "--duration",
          "30",
          "--model",
          "minimax:music-2.6",
        ],
        stderrFirst: true,
      },
    ],
    source: { file: "kits/music/src/lyrics/lyrics-schema.ts", from: 1, to: 12 },
    media: [
      {
        made: /^output\/song-.*\.mp3$/,
        name: "06-lyrics-song.mp3",
        recordsItsRun: true,
        caption: { en: "listen: the fake server's MP3", zh: "试听：假服务器返回的 MP3" },
      },
    ],
  },
  {
    id: "08-video",
    fakes: ["openai"],
    files: {
      "output/dragon.png": fakeImage({ prompt: "a red paper dragon", width: 1280, height: 720 }),
    },
    commands: [
      {
        shown:
          'npm run video -- animate output/dragon.png "the dragon flaps its wings and flies off" --seconds 4 --model openai:sora-2 --yes',
        kit: "video",
        args: [
          "animate",
          "output/dragon.png",
          "the dragon flaps its wings and flies off",
          "--seconds",
          "4",
          "--model",
          "openai:sora-2",
          "--yes",
        ],
        stderrFirst: true,
      },
      { shown: "npm run video -- jobs", kit: "video", args: ["jobs"] },
    ],
    source: { file: "kits/video/src/shared/run-video-job.ts", from: 27, to: 54 },
    media: [
      {
        made: /^output\/animate-.*\.mp4$/,
        name: "08-video.mp4",
        caption: { en: "watch: the fake server's MP4", zh: "观看：假服务器返回的 MP4" },
      },
    ],
  },
  {
    id: "11-sd-local",
    fakes: ["a1111"],
    commands: [
      {
        shown:
          'npm run image -- generate "a red lantern in the snow --seed 42 --steps 25 --cfg 7" --model a1111:default',
        kit: "image-sd",
        args: [
          "generate",
          "a red lantern in the snow --seed 42 --steps 25 --cfg 7",
          "--model",
          "a1111:default",
        ],
        stderrFirst: true,
      },
      {
        shown: "npm run image -- info output/*-a-red-lantern-in-the-snow-1-seed42.png",
        kit: "image-sd",
        args: ["info", previousFile],
      },
    ],
    source: { file: "kits/image-sd/src/shared/save-image.ts", from: 45, to: 56 },
    media: [
      {
        made: /^output\/.*-seed42\.png$/,
        name: "11-sd-local.png",
        caption: { en: "the picture the fake WebUI made", zh: "假 WebUI 生成的图片" },
      },
    ],
  },
  {
    id: "12-civitai",
    fakes: ["civitai"],
    commands: [
      {
        shown: 'npm run image -- models search "pixel art" --type lora',
        kit: "image-sd",
        args: ["models", "search", "pixel art", "--type", "lora"],
      },
    ],
    source: { file: "kits/image-sd/src/quests/models/models-search.ts", from: 69, to: 81 },
  },
  {
    id: "13-finetune",
    fakes: ["openai"],
    files: { "qa.csv": shopQa },
    commands: [
      {
        shown:
          'npm run finetune -- build qa.csv --out data --system "You are the Acme shop\'s support assistant."',
        kit: "finetune",
        args: [
          "build",
          "qa.csv",
          "--out",
          "data",
          "--system",
          "You are the Acme shop's support assistant.",
        ],
      },
      {
        shown: "npm run finetune -- check data/train.jsonl --val data/val.jsonl",
        kit: "finetune",
        args: ["check", "data/train.jsonl", "--val", "data/val.jsonl"],
      },
      {
        shown:
          "npm run finetune -- start data/train.jsonl --model openai:gpt-4.1-mini --val data/val.jsonl --suffix shop --yes",
        kit: "finetune",
        args: [
          "start",
          "data/train.jsonl",
          "--model",
          "openai:gpt-4.1-mini",
          "--val",
          "data/val.jsonl",
          "--suffix",
          "shop",
          "--yes",
        ],
        stderrFirst: true,
      },
      {
        shown:
          "npm run finetune -- compare --base openai:gpt-4.1-mini --tuned openai:ft:gpt-4.1-mini-2025-04-14:fake-org:shop:… --on data/val.jsonl",
        kit: "finetune",
        args: [
          "compare",
          "--base",
          "openai:gpt-4.1-mini",
          "--tuned",
          `openai:${previousFile}`,
          "--on",
          "data/val.jsonl",
        ],
        replies: ["Please check back later.", "点击“到货通知”，到货后我们会发短信提醒您。"],
        stderrFirst: true,
      },
    ],
    source: { file: "packages/core/src/finetune/fine-tune-job.ts", from: 120, to: 140 },
  },
  {
    id: "14-sd-lora-data",
    fakes: [],
    files: {
      "photos/lantern-1.png": fakeImage({
        prompt: "a red paper lantern",
        width: 1600,
        height: 1200,
      }),
      "photos/lantern-2.png": fakeImage({
        prompt: "a red paper lantern at night",
        width: 1200,
        height: 1600,
      }),
      "photos/lantern-3.png": fakeImage({
        prompt: "a red paper lantern at night",
        width: 1200,
        height: 1600,
      }),
      "photos/thumbnail.png": fakeImage({ prompt: "a lantern thumbnail", width: 320, height: 240 }),
    },
    commands: [
      {
        shown: "npm run finetune -- sd-dataset ./photos --trigger redlantern --out data/sd",
        kit: "finetune",
        args: ["sd-dataset", "photos", "--trigger", "redlantern", "--out", "data/sd"],
      },
    ],
    source: { file: "kits/finetune/src/sd-dataset/prepare-pictures.ts", from: 63, to: 80 },
    media: [
      {
        made: /^data\/sd\/img\/10_redlantern\/lantern-1\.png$/,
        name: "14-sd-lora-data.png",
        caption: {
          en: "lantern-1.png cropped to its 1152x896 bucket",
          zh: "lantern-1.png 裁到 1152x896 的分桶",
        },
      },
    ],
  },
];
