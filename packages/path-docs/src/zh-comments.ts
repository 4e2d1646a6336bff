/**
 * The comments in the source the 中文 pages quote, in Chinese: each English comment exactly as
 * it stands in the kit, and what the 中文 page shows instead. When a kit's comment changes, the
 * docs test names the line that is left in English.
 */
export const zhComments: Record<string, Array<[english: string, chinese: string]>> = {
  "01-first-call": [
    [
      "  // The prompt: the words after `ask`, else whatever is piped in.",
      "  // 提示词：`ask` 后面的文字，没有就读管道输入。",
    ],
  ],
  "02-prompts": [
    [
      "  // The user message: --input, else the words after the template, else stdin, else the\n  // template's own Initialization.",
      "  // 用户消息：先看 --input，再看模板名后面的文字，再看标准输入，\n  // 都没有就用模板自带的 Initialization。",
    ],
  ],
  "04-image-prompts": [
    [
      "/**\n * Words that Stable Diffusion models (SD 1.5, SDXL and their fine-tunes on Civitai) respond to.\n * A preset is a starting point: every option also takes your own words instead of a name.\n */",
      "/**\n * Stable Diffusion 模型（SD 1.5、SDXL 以及 Civitai 上基于它们的微调模型）能听懂的词。\n * 预设只是起点：每个选项都可以不用预设名，直接写你自己的词。\n */",
    ],
  ],
  "05-sd-online": [
    [
      '/**\n * `generateImage` with Ctrl-C cancelling it and a dim progress line on stderr\n * ("generating with a1111:default  [####----]  42%"), erased when the pictures are made.\n */',
      '/**\n * `generateImage`，按 Ctrl-C 即取消；stderr 上有一行暗色进度\n * （"generating with a1111:default  [####----]  42%"），图片生成后擦掉。\n */',
    ],
  ],
  "06-lyrics-song": [
    [
      "/**\n * The JSON Schema a chat model writes lyrics into. Tight on purpose: a title, a style hint and\n * sections whose tags are the ones music models read, each with real lines, so whatever fits\n * the schema saves as lyrics `song` can sing. With a structure asked for, the sections are\n * spelled out in order (`prefixItems`, exactly that many).\n */",
      "/**\n * 聊天模型按这个 JSON Schema 写歌词。故意定得很紧：一个标题、一句风格提示，\n * 以及若干段落，段落标签正是音乐模型认得的那些，每段都有真正的歌词行——\n * 这样凡是符合 schema 的输出，存下来就是 `song` 能唱的歌词。\n * 指定了结构时，段落按顺序逐一列出（`prefixItems`，数量正好）。\n */",
    ],
  ],
  "07-speech": [
    [
      "/** `generateSpeech` with Ctrl-C cancelling it and a dim progress line on stderr. */",
      "/** `generateSpeech`，按 Ctrl-C 即取消，stderr 上有一行暗色进度。 */",
    ],
  ],
  "08-video": [
    [
      "  // Checked before the submit: a folder that cannot be written must not cost a video.",
      "  // 提交之前先检查：目录写不进去，就不能白花一段视频的钱。",
    ],
  ],
  "14-sd-lora-data": [
    [
      "    // EXIF orientation: a portrait photo stored sideways is measured the way it is seen.",
      "    // EXIF 方向：横着存的竖拍照片，按人眼看到的方向来量尺寸。",
    ],
  ],
};
