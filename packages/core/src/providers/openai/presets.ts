/**
 * OpenAI-compatible vendors differ only in base URL, key variable and defaults. Adding one is
 * a few lines here. Each base URL can be overridden with `<ID>_BASE_URL` (gateways, mirrors).
 */
export interface OpenAICompatiblePreset {
  id: string;
  /** Default base URL, ending in the API version path (`/v1`, `/v3`, …). */
  baseURL: string;
  /** The vendor's own environment variable for the key. */
  apiKeyVariable: string;
  /** Overrides `baseURL`. */
  baseURLVariable: string;
  /** Where a person gets a key. */
  keyUrl: string;
  /** A job is served when it has a default model here (text always). */
  defaultModels: {
    text?: string;
    embed?: string;
    image?: string;
    speech?: string;
    video?: string;
  };
  /** `json_schema` enforces a schema on the wire; `json_object` only promises JSON. */
  structuredOutput: "json_schema" | "json_object";
  /** Settings the vendor ignores, reported back as warnings. */
  unsupportedSettings?: string[];
  /** True when a server may run without any key (local gateways). */
  keyOptional?: boolean;
}

export const openAICompatiblePresets: OpenAICompatiblePreset[] = [
  {
    id: "openai",
    baseURL: "https://api.openai.com/v1",
    apiKeyVariable: "OPENAI_API_KEY",
    baseURLVariable: "OPENAI_BASE_URL",
    keyUrl: "https://platform.openai.com/api-keys",
    defaultModels: {
      text: "gpt-4o-mini",
      embed: "text-embedding-3-small",
      image: "gpt-image-1",
      speech: "gpt-4o-mini-tts",
      video: "sora-2",
    },
    structuredOutput: "json_schema",
  },
  {
    id: "deepseek",
    baseURL: "https://api.deepseek.com/v1",
    apiKeyVariable: "DEEPSEEK_API_KEY",
    baseURLVariable: "DEEPSEEK_BASE_URL",
    keyUrl: "https://platform.deepseek.com/api_keys",
    defaultModels: { text: "deepseek-chat" },
    structuredOutput: "json_object",
    unsupportedSettings: ["seed"],
  },
  {
    id: "qwen",
    baseURL: "https://dashscope.aliyuncs.com/compatible-mode/v1",
    apiKeyVariable: "DASHSCOPE_API_KEY",
    baseURLVariable: "QWEN_BASE_URL",
    keyUrl: "https://bailian.console.aliyun.com/",
    // Speech and video go to DashScope's native API (see builtin-providers), under the same key.
    defaultModels: {
      text: "qwen-plus",
      embed: "text-embedding-v3",
      speech: "qwen3-tts-flash",
      video: "wan2.6-t2v",
    },
    structuredOutput: "json_object",
  },
  {
    id: "moonshot",
    baseURL: "https://api.moonshot.cn/v1",
    apiKeyVariable: "MOONSHOT_API_KEY",
    baseURLVariable: "MOONSHOT_BASE_URL",
    keyUrl: "https://platform.moonshot.cn/console/api-keys",
    defaultModels: { text: "moonshot-v1-8k" },
    structuredOutput: "json_object",
    unsupportedSettings: ["seed"],
  },
  {
    id: "zhipu",
    baseURL: "https://open.bigmodel.cn/api/paas/v4",
    apiKeyVariable: "ZHIPUAI_API_KEY",
    baseURLVariable: "ZHIPU_BASE_URL",
    keyUrl: "https://open.bigmodel.cn/usercenter/apikeys",
    defaultModels: { text: "glm-4-flash", embed: "embedding-3" },
    structuredOutput: "json_object",
    unsupportedSettings: ["seed"],
  },
  {
    id: "doubao",
    baseURL: "https://ark.cn-beijing.volces.com/api/v3",
    apiKeyVariable: "ARK_API_KEY",
    baseURLVariable: "DOUBAO_BASE_URL",
    keyUrl: "https://console.volcengine.com/ark/region:ark+cn-beijing/apiKey",
    defaultModels: { text: "doubao-1-5-pro-32k-250115" },
    structuredOutput: "json_object",
  },
  {
    id: "siliconflow",
    baseURL: "https://api.siliconflow.cn/v1",
    apiKeyVariable: "SILICONFLOW_API_KEY",
    baseURLVariable: "SILICONFLOW_BASE_URL",
    keyUrl: "https://cloud.siliconflow.cn/account/ak",
    defaultModels: {
      text: "Qwen/Qwen2.5-7B-Instruct",
      embed: "BAAI/bge-m3",
      speech: "FunAudioLLM/CosyVoice2-0.5B",
    },
    structuredOutput: "json_object",
  },
  {
    id: "openrouter",
    baseURL: "https://openrouter.ai/api/v1",
    apiKeyVariable: "OPENROUTER_API_KEY",
    baseURLVariable: "OPENROUTER_BASE_URL",
    keyUrl: "https://openrouter.ai/settings/keys",
    defaultModels: { text: "openai/gpt-4o-mini" },
    structuredOutput: "json_schema",
  },
  {
    // Any other OpenAI-compatible server: vLLM, LM Studio, llama.cpp server, a company gateway.
    id: "compat",
    baseURL: "http://127.0.0.1:8000/v1",
    apiKeyVariable: "COMPAT_API_KEY",
    baseURLVariable: "COMPAT_BASE_URL",
    keyUrl: "your server's documentation",
    defaultModels: {},
    structuredOutput: "json_schema",
    keyOptional: true,
  },
];
