// Tests talk only to fake servers on 127.0.0.1: a developer's real keys, base URLs,
// default models or proxy must never leak in from the shell.
const providerVariables =
  /^(OPENAI|DEEPSEEK|DASHSCOPE|MOONSHOT|ZHIPUAI|ARK|SILICONFLOW|OPENROUTER|HF|HUGGINGFACE|OLLAMA|GENAI|A1111|COMFYUI|CIVITAI|RUNWAY|MODEL)_|^(HTTPS?_PROXY|ALL_PROXY|NO_PROXY|https?_proxy|no_proxy)$/;
for (const name of Object.keys(process.env)) {
  if (providerVariables.test(name)) delete process.env[name];
}
