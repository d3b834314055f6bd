/** A shell word as the shell would see it after quote removal. Offsets are into the parsed script. */
export interface ShellWord {
  value: string;
  /** Source text, quotes included. */
  raw: string;
  start: number;
  end: number;
  /** No parameter expansion or command substitution inside. */
  literal: boolean;
}

export interface ShellAssignment {
  name: string;
  value: string;
  start: number;
  end: number;
}

export interface ShellCommand {
  name: string;
  nameWord: ShellWord;
  args: ShellWord[];
  /** `A=1 cmd` prefixes. */
  assignments: ShellAssignment[];
  start: number;
  end: number;
  /** Set on the command a wrapper (`sudo`, `env`, `nice`...) runs; it shares the wrapper's words. */
  wrappedBy?: string;
  /** Index (in `commands`) of the command whose argument holds this one in `$(...)`, backticks or `<(...)`. */
  substitutionOf?: number;
}

/** One element of a top-level `a && b || c` chain. */
export interface ChainItem {
  /** Operator joining this item to the previous one. */
  op?: '&&' | '||';
  start: number;
  end: number;
  /** Set when the item is a plain command. */
  command?: number;
}

export interface ShellAnalysis {
  commands: ShellCommand[];
  /** Pipelines with the index of each stage's first command. */
  pipelines: { stages: number[]; start: number; end: number }[];
  /** Top-level statements (split on `;`, `&` and newlines), each as its chain. */
  statements: ChainItem[][];
  assignments: ShellAssignment[];
  /** The parser recovered from a syntax error. */
  hasError: boolean;
  /** Shell analysis did not run (too large, or not a POSIX shell). */
  skipped?: string;
}
