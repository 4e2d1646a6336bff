import { describe, expect, it } from "vitest";
import { SystemSpeechModel } from "./system-speech-model.js";
import { parseEspeakVoices, parseSayVoices } from "./system-voices.js";

describe("system voice lists", () => {
  it("reads espeak-ng's table: id, spaced name, other languages, gender", () => {
    const listing = [
      "Pty Language       Age/Gender VoiceName          File                 Other Languages",
      " 5  cmn             --/M      Chinese_(Mandarin,_latin_as_English) sit/cmn              (zh-cmn 5)(zh 5)",
      " 2  en-us           --/F      English_(America)  gmw/en-US            (en 3)",
      "",
    ].join("\n");
    expect(parseEspeakVoices(listing)).toEqual([
      {
        id: "cmn",
        name: "Chinese (Mandarin, latin as English)",
        languages: ["cmn", "zh-cmn", "zh"],
        gender: "male",
      },
      { id: "en-us", name: "English (America)", languages: ["en-us", "en"], gender: "female" },
    ]);
  });

  it("reads say's list, names with spaces kept", () => {
    const listing =
      "Alex                en_US    # Most people recognize me.\nBad News            en_US    # The light you see\nTing-Ting           zh_CN    # 你好\n";
    expect(parseSayVoices(listing)).toEqual([
      { id: "Alex", languages: ["en-US"] },
      { id: "Bad News", languages: ["en-US"] },
      { id: "Ting-Ting", languages: ["zh-CN"] },
    ]);
  });

  it("lists the installed espeak-ng's voices, Mandarin among them", async () => {
    const voices = await new SystemSpeechModel("espeak-ng").listVoices();
    expect(voices.length).toBeGreaterThan(50);
    expect(voices.find((voice) => voice.id === "cmn")?.languages).toContain("zh");
  });
});
