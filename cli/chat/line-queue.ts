/**
 * Lines typed (or piped) into the chat, handed out one at a time: the prompt loop and approval questions both take
 * the next line, so a line typed while the agent works waits its turn instead of being lost.
 */
export class LineQueue {
  private readonly lines: string[] = [];
  private waiter: ((line: string | null) => void) | undefined;
  private ended = false;

  push(line: string): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w(line);
    } else this.lines.push(line);
  }

  end(): void {
    this.ended = true;
    this.cancel();
  }

  /** The next line, or null at the end of input (or when a waiting read is cancelled). */
  next(): Promise<string | null> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiter = resolve));
  }

  get waiting(): boolean {
    return this.waiter !== undefined;
  }

  /** Ends a pending read with null (Ctrl-C during an approval question). */
  cancel(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.(null);
  }
}
