import { describe, expect, it } from "vitest";
import { pickFile, safeFileName } from "./primary-file.js";
import { civitaiBaseModel, civitaiModelType, civitaiSort } from "./search-options.js";

describe("search options", () => {
  it("maps what people type to Civitai's values", () => {
    expect(civitaiModelType("lora")).toBe("LORA");
    expect(civitaiModelType("Textual-Inversion")).toBe("TextualInversion");
    expect(civitaiModelType("embedding")).toBe("TextualInversion");
    expect(civitaiBaseModel("sdxl")).toBe("SDXL 1.0");
    expect(civitaiBaseModel("SD 1.5")).toBe("SD 1.5");
    expect(civitaiBaseModel("Hunyuan 1")).toBe("Hunyuan 1");
    expect(civitaiSort("most downloaded")).toBe("Most Downloaded");
  });

  it("refuses unknown types and sorts, listing the choices", () => {
    expect(() => civitaiModelType("loar")).toThrow(
      /unknown model type "loar"; use one of: checkpoint, lora/,
    );
    expect(() => civitaiSort("best")).toThrow(/"Highest Rated", |Highest Rated, /);
  });
});

describe("pickFile", () => {
  const file = (name: string, type: string, primary?: boolean) => ({
    id: 1,
    name,
    type,
    sizeKB: 1,
    downloadUrl: "",
    ...(primary ? { primary } : {}),
  });
  const version = (files: ReturnType<typeof file>[]) => ({
    id: 7,
    name: "v1",
    baseModel: "SD 1.5",
    files,
  });

  it("takes the primary file, else the first Model file, else the first", () => {
    expect(pickFile(version([file("a.vae", "VAE"), file("b", "Model", true)])).name).toBe("b");
    expect(pickFile(version([file("a.vae", "VAE"), file("b", "Model")])).name).toBe("b");
    expect(pickFile(version([file("a.yaml", "Config")])).name).toBe("a.yaml");
    expect(pickFile(version([file("a.vae", "VAE"), file("b", "Model")]), "A.VAE").name).toBe(
      "a.vae",
    );
    expect(() => pickFile(version([]))).toThrow(/no files/);
    expect(() => pickFile(version([file("b", "Model")]), "c")).toThrow(/files are: b/);
  });

  it("keeps file names inside the folder", () => {
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("a\\b:c?.safetensors")).toBe("b_c_.safetensors");
    expect(safeFileName("..")).toBe("model.safetensors");
  });
});
