/**
 * MCP servers kept for a whole conversation: `chat` runs every message as a run of its own, and without a pool each
 * run would start every server again (and print its warnings again). A run gets a view of the pooled source that it
 * cannot close, and that forwards only warnings raised while it is the current run (the first run also gets the
 * start-up ones). The owner closes the pool at the end.
 */
import type { ToolSource } from '../run.js';

interface Pooled {
  source: Promise<ToolSource>;
  listener?: (message: string) => void;
  subscribed: boolean;
  toolsListener?: (tools: Awaited<ReturnType<ToolSource['tools']>>) => void;
  toolsSubscribed?: boolean;
}

export class McpPool {
  private readonly entries = new Map<string, Pooled>();

  /** The source for `key` (what decides which servers and tools a run gets), created on first use. */
  async get(key: string, create: () => Promise<ToolSource>): Promise<ToolSource> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { source: create(), subscribed: false };
      this.entries.set(key, entry);
      entry.source.catch(() => this.entries.delete(key));
    }
    const pooled = entry;
    const inner = await pooled.source;
    return {
      tools: () => inner.tools(),
      onNotice(listener) {
        pooled.listener = listener;
        if (pooled.subscribed) return;
        pooled.subscribed = true;
        inner.onNotice?.((message) => pooled.listener?.(message));
      },
      onToolsChanged(listener) {
        pooled.toolsListener = listener;
        if (pooled.toolsSubscribed) return;
        pooled.toolsSubscribed = true;
        inner.onToolsChanged?.((tools) => pooled.toolsListener?.(tools));
      },
      requestStarted: () => inner.requestStarted?.(),
    };
  }

  /** Stops every pooled server and waits until they are gone. */
  async close(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(entries.map(async (e) => (await e.source.catch(() => undefined))?.close?.()));
  }
}
