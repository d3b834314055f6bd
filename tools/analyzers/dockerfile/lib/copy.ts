import type { Copy, JSONInstruction } from 'dockerfile-ast';
import type { Instr } from '../model.js';

export interface CopyArgs {
  sources: string[];
  dest: string | undefined;
  /** Offset of the destination argument. */
  destOffset?: number;
  from?: string;
  flags: Map<string, string | null>;
  heredoc: boolean;
}

/** Sources, destination and flags of a COPY or ADD (shell or JSON form). */
export function copyArgs(instr: Instr): CopyArgs {
  const node = instr.node as Copy & JSONInstruction;
  const flags = new Map<string, string | null>();
  for (const f of node.getFlags?.() ?? []) flags.set(f.getName().toLowerCase(), f.getValue());
  const json = node.getJSONStrings?.() ?? [];
  // Docker removes the quotes of a shell-form word (`COPY "a b" "dest/"`); the JSON form has none to remove.
  const words = json.length && node.getOpeningBracket?.() ? json.map((a) => a.getJSONValue()) : node.getArguments().map((a) => a.getValue().replace(/^(["'])(.*)\1$/s, '$2'));
  const heredoc = words.some((w) => /^<<-?/.test(w));
  return {
    sources: words.slice(0, -1),
    dest: words[words.length - 1],
    from: flags.get('from') ?? undefined,
    flags,
    heredoc,
  };
}

export const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tar\.lz|gz|bz2|xz)$/i;

export function isUrl(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^git@/.test(source);
}
