/** The steps from a trained LoRA (a PEFT adapter folder) to files llama.cpp and Ollama load. */
export function ggufSteps(base: string, adapterDir: string): string {
  return `## From the adapter to GGUF (llama.cpp)

    git clone https://github.com/ggml-org/llama.cpp && pip install -r llama.cpp/requirements.txt
    huggingface-cli download ${base} --local-dir base-model

    # the adapter alone, to load beside the base GGUF:
    python llama.cpp/convert_lora_to_gguf.py ${adapterDir} --base base-model --outfile my-lora.gguf
    llama.cpp/build/bin/llama-cli -m <the base model's GGUF> --lora my-lora.gguf -p "你好"
    # Ollama: a Modelfile with FROM <base GGUF> and ADAPTER my-lora.gguf, then ollama create

    # or one merged model: merge the adapter into the weights (PEFT's merge_and_unload, or
    # llamafactory-cli export), then convert and quantise:
    python llama.cpp/convert_hf_to_gguf.py merged-model --outfile model-f16.gguf
    llama.cpp/build/bin/llama-quantize model-f16.gguf model-q4_k_m.gguf Q4_K_M
`;
}
