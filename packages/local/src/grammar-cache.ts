/**
 * Grammars for `responseFormat`: a JSON-schema grammar per distinct schema (built once, in a
 * few ms, then reused), or llama.cpp's plain JSON grammar when no schema is given.
 */
import { InvalidInputError } from "@path/core";
import type { JsonResponseFormat, Warning } from "@path/core/spec";
import type { Llama, LlamaGrammar } from "node-llama-cpp";
import { grammarWarnings, prepareSchemaForGrammar } from "./json-schema-for-grammar.js";

export interface PreparedGrammar {
  grammar: LlamaGrammar;
  warnings: Warning[];
}

const cache = new WeakMap<Llama, Map<string, Promise<LlamaGrammar>>>();

export async function grammarFor(
  llama: Llama,
  format: JsonResponseFormat,
): Promise<PreparedGrammar> {
  let grammars = cache.get(llama);
  if (!grammars) {
    grammars = new Map();
    cache.set(llama, grammars);
  }
  if (!format.schema) {
    const key = "json";
    if (!grammars.has(key)) grammars.set(key, llama.getGrammarFor("json"));
    return { grammar: await grammars.get(key)!, warnings: [] };
  }
  const prepared = prepareSchemaForGrammar(format.schema);
  const { schema } = prepared;
  const key = JSON.stringify(schema);
  let grammar = grammars.get(key);
  if (!grammar) {
    grammar = Promise.resolve()
      .then(() => llama.createGrammarForJsonSchema(schema as never) as unknown as LlamaGrammar)
      .catch((error: unknown) => {
        grammars.delete(key);
        throw new InvalidInputError(
          `The JSON schema cannot be turned into a grammar: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    grammars.set(key, grammar);
  }
  return { grammar: await grammar, warnings: grammarWarnings(prepared) };
}
