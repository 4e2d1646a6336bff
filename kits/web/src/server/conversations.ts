import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, unlink } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { readSetting } from "@path/core";
import { HttpError } from "./http.js";

export interface StoredMessage {
  id: string;
  role: "user" | "assistant";
  content: string;
  model?: string;
  usage?: { inputTokens?: number; outputTokens?: number; totalTokens?: number };
  costUsd?: number | null;
  error?: string;
  stopped?: boolean;
  createdAt: string;
}

export interface Conversation {
  id: string;
  title: string;
  model: string;
  system?: string;
  messages: StoredMessage[];
  updatedAt: string;
}

/** `GENAI_WEB_DIR`, else ~/.genai-path/web: the chats survive a restart and an upgrade. */
export function webDataDir(): string {
  return readSetting("GENAI_WEB_DIR") ?? join(homedir(), ".genai-path", "web");
}

export const newId = () => randomBytes(6).toString("hex");

/**
 * One JSON file per conversation, written to a temporary file, flushed and renamed, so a crash
 * leaves the old or the new version. Changes to one conversation run one after another, each
 * reading the latest file: two tabs appending to the same chat both land.
 */
export class ConversationStore {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(readonly folder: string) {}

  async list(): Promise<
    Array<Omit<Conversation, "messages" | "system"> & { messageCount: number }>
  > {
    await mkdir(this.folder, { recursive: true });
    const all = await Promise.all(
      (await readdir(this.folder))
        .filter((name) => name.endsWith(".json"))
        .map((name) => this.read(name.slice(0, -5)).catch(() => undefined)),
    );
    return all
      .filter((chat): chat is Conversation => chat !== undefined)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .map(({ messages, system: _system, ...rest }) => ({
        ...rest,
        messageCount: messages.length,
      }));
  }

  async read(id: string): Promise<Conversation> {
    const text = await readFile(this.pathOf(id), "utf8").catch(() => {
      throw new HttpError(
        404,
        `There is no conversation ${id}: it may have been deleted in another tab.`,
      );
    });
    return JSON.parse(text) as Conversation;
  }

  async create(
    fields: Partial<Pick<Conversation, "title" | "model" | "system">>,
  ): Promise<Conversation> {
    const chat: Conversation = {
      id: newId(),
      title: fields.title?.trim() || "New conversation",
      model: fields.model ?? "",
      ...(fields.system ? { system: fields.system } : {}),
      messages: [],
      updatedAt: new Date().toISOString(),
    };
    await this.write(chat);
    return chat;
  }

  /** Reads, changes and writes one conversation, after any change already queued for it. */
  update(id: string, change: (chat: Conversation) => void): Promise<Conversation> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const chat = await this.read(id);
        change(chat);
        chat.updatedAt = new Date().toISOString();
        await this.write(chat);
        return chat;
      });
    this.queues.set(id, next);
    void next
      .finally(() => {
        if (this.queues.get(id) === next) this.queues.delete(id);
      })
      .catch(() => undefined);
    return next;
  }

  async remove(id: string): Promise<void> {
    await unlink(this.pathOf(id)).catch(() => {
      throw new HttpError(404, `There is no conversation ${id}.`);
    });
  }

  /** An exported conversation back in, under a new id. */
  async import(value: unknown): Promise<Conversation> {
    const given = value as Partial<Conversation>;
    if (!Array.isArray(given?.messages)) {
      throw new HttpError(400, "That is not an exported conversation: it has no messages list.");
    }
    const chat = await this.create({
      title: String(given.title ?? "Imported"),
      model: String(given.model ?? ""),
    });
    return this.update(chat.id, (stored) => {
      stored.system = typeof given.system === "string" ? given.system : undefined;
      stored.messages = (given.messages as StoredMessage[])
        .filter(
          (m) => (m.role === "user" || m.role === "assistant") && typeof m.content === "string",
        )
        .map((m) => ({ ...m, id: newId(), createdAt: m.createdAt ?? new Date().toISOString() }));
    });
  }

  private pathOf(id: string): string {
    if (!/^[a-f0-9]{6,32}$/.test(id)) throw new HttpError(404, `There is no conversation ${id}.`);
    return join(this.folder, `${id}.json`);
  }

  private async write(chat: Conversation): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const path = this.pathOf(chat.id);
    const temporary = `${path}.${newId()}.tmp`;
    const handle = await open(temporary, "w");
    try {
      await handle.writeFile(JSON.stringify(chat, null, 1));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  }
}

/** A conversation as Markdown, for the export button. */
export function toMarkdown(chat: Conversation): string {
  const lines = [`# ${chat.title}`, "", `- model: ${chat.model}`, `- updated: ${chat.updatedAt}`];
  if (chat.system) lines.push(`- system: ${chat.system}`);
  for (const message of chat.messages) {
    lines.push(
      "",
      `## ${message.role === "user" ? "You" : `Assistant (${message.model ?? chat.model})`}`,
      "",
      message.content,
    );
    if (message.error) lines.push("", `> error: ${message.error}`);
  }
  return `${lines.join("\n")}\n`;
}
