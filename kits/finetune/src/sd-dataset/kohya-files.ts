/** sd-scripts' dataset config (TOML) for the kohya folder layout, and the training command. */
export function kohyaConfig(options: {
  resolution: number;
  trigger: string;
  repeats: number;
}): string {
  return `# sd-scripts dataset config, written by GenAI Path: accelerate launch train_network.py --dataset_config dataset.toml …
[general]
enable_bucket = true
caption_extension = ".txt"
shuffle_caption = true
keep_tokens = 1   # the trigger word stays first

[[datasets]]
resolution = ${options.resolution}
batch_size = 1

  [[datasets.subsets]]
  image_dir = "img/${options.repeats}_${options.trigger}"
  num_repeats = ${options.repeats}
`;
}

export function kohyaReadme(options: {
  resolution: number;
  trigger: string;
  images: number;
  base: string;
}): string {
  const sdxl = options.resolution >= 1024;
  return `# SD LoRA dataset: ${options.images} pictures of "${options.trigger}"

Written by \`npm run finetune -- sd-dataset\`. Each picture in img/ is cropped to its aspect-ratio
bucket and has a .txt caption that starts with the trigger word. Read the captions and fix what
a model got wrong: the trigger word should stand for what every picture shares, the rest of the
caption for what varies.

## Train with kohya's sd-scripts (or the kohya_ss GUI, which runs the same script)

    git clone https://github.com/kohya-ss/sd-scripts && cd sd-scripts && pip install -r requirements.txt
    accelerate launch ${sdxl ? "sdxl_train_network.py" : "train_network.py"} \\
      --pretrained_model_name_or_path ${options.base} \\
      --dataset_config ../dataset.toml --output_dir ../lora --output_name ${options.trigger} \\
      --network_module networks.lora --network_dim 8 --network_alpha 4 \\
      --learning_rate 1e-4 --max_train_epochs 10 --save_model_as safetensors \\
      --mixed_precision fp16 --gradient_checkpointing --cache_latents --optimizer_type AdamW8bit${sdxl ? " \\\n      --network_train_unet_only --cache_text_encoder_outputs" : ""}

GPU: ${sdxl ? "SDXL LoRA trains in about 8 GB (10 GB recommended) with the U-Net only, cached text-encoder outputs and latents, and an 8-bit optimizer" : "SD 1.5 LoRA trains in 6–8 GB"}.
Use the result in WebUI as <lora:${options.trigger}:0.8> with "${options.trigger}" in the prompt.
`;
}
