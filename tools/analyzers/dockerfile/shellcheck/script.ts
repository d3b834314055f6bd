/**
 * The text ShellCheck reads for one RUN, and the way back from its line/column to the Dockerfile.
 *
 * As hadolint: `#!<shell>` from the SHELL in effect, then `export NAME=1` for each name known from ARG/ENV (so they
 * are not "referenced but not assigned"), then the script. The script is what Docker runs: continuation lines joined
 * (escape + newline + indentation become one space, as hadolint joins them), comment lines inside the instruction
 * dropped. A heredoc body is kept as written; when it starts with its own shebang, that shell is used (Docker runs
 * such a body as a script file), and a body with a shebang ShellCheck does not read (`#!/usr/bin/env python3`) is
 * not checked.
 */
import type { ShellSource } from '../shell/script.js';

export interface ShellcheckInput {
  text: string;
  /** ShellCheck's 1-based line and column (in code points) -> script offset; undefined on the lines we prepended. */
  scriptOffset(line: number, column: number): number | undefined;
}

/** Shells ShellCheck cannot read: such RUNs are not checked. */
const NON_POSIX = /pwsh|powershell|cmd/i;
/** Shebangs a script may start with and still be checked (hadolint's list). */
const SUPPORTED_SHEBANG = /^#!(?:\/bin\/(?:sh|bash|ksh)|\/usr\/bin\/env[ \t]+(?:sh|bash|ksh))/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The ShellCheck input for a RUN in `shell` knowing `names`, or undefined when ShellCheck is not to read it. */
export function shellcheckInput(source: ShellSource, shell: string, names: Iterable<string>): ShellcheckInput | undefined {
  if (NON_POSIX.test(shell)) return undefined;
  let bodyStart = 0;
  let shebang = `#!${interpreter(shell)}`;
  const lead = source.script.length - source.script.trimStart().length;
  if (source.script.startsWith('#!', lead)) {
    const lineEnd = source.script.indexOf('\n', lead);
    const line = source.script.slice(lead, lineEnd < 0 ? undefined : lineEnd).trimEnd();
    if (!SUPPORTED_SHEBANG.test(line)) return undefined;
    shebang = line;
    bodyStart = lineEnd < 0 ? source.script.length : lineEnd;
  }
  const exports = [...new Set(names)].filter((n) => IDENTIFIER.test(n)).sort().map((n) => `export ${n}=1\n`).join('');
  const header = `${shebang}\n${exports}`;
  const { body, segments } = dockerText(source.script, bodyStart, source.heredoc);
  const text = header + body;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return {
    text,
    scriptOffset(line, column) {
      const start = lineStarts[Math.min(Math.max(line, 1), lineStarts.length) - 1];
      const offset = advanceCodePoints(text, start, column - 1) - header.length;
      return offset < 0 ? undefined : toScript(segments, offset);
    },
  };
}

/** The interpreter for the shebang: the SHELL's first word (`/usr/bin/env bash` keeps the shell it names). */
function interpreter(shell: string): string {
  const words = shell.trim().split(/\s+/);
  const first = words[0] ?? '';
  if (first.slice(first.lastIndexOf('/') + 1) !== 'env') return first;
  const named = words.slice(1).find((w) => !w.startsWith('-') && !w.includes('='));
  return named ? `${first} ${named}` : first;
}

/** A stretch of body copied from the script. */
interface Segment {
  bodyStart: number;
  scriptStart: number;
  length: number;
}

/** The script as Docker runs it: continuations joined (shell form), carriage returns at line ends dropped. */
function dockerText(script: string, from: number, heredoc: boolean): { body: string; segments: Segment[] } {
  const re = heredoc ? /\r(?=\n|$)/g : /\\\r?\n([ \t]*)|\r(?=\n|$)/g;
  re.lastIndex = from;
  const segments: Segment[] = [];
  let body = '';
  let copied = from;
  const copy = (end: number) => {
    if (end > copied) {
      segments.push({ bodyStart: body.length, scriptStart: copied, length: end - copied });
      body += script.slice(copied, end);
    }
  };
  for (let m = re.exec(script); m; m = re.exec(script)) {
    copy(m.index);
    if (m[1]) {
      // The indentation of the continued line becomes one space; it stands for the line's first character.
      segments.push({ bodyStart: body.length, scriptStart: m.index + m[0].length, length: 0 });
      body += ' ';
    }
    copied = m.index + m[0].length;
  }
  copy(script.length);
  return { body, segments };
}

function toScript(segments: Segment[], bodyOffset: number): number {
  let seg = segments[0];
  if (!seg) return 0;
  for (const s of segments) {
    if (s.bodyStart > bodyOffset) break;
    seg = s;
  }
  return seg.scriptStart + Math.min(bodyOffset - seg.bodyStart, seg.length);
}

function advanceCodePoints(text: string, start: number, count: number): number {
  let i = start;
  for (let n = 0; n < count && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return i;
}
