import type { Arg } from 'dockerfile-ast';
import type { DockerfileModel } from '../model.js';

/** Build arguments BuildKit defines for every build. */
export const PREDEFINED_ARGS = new Set([
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'TARGETSTAGE',
  'BUILDKIT_SYNTAX', 'BUILDKIT_INLINE_CACHE', 'BUILDKIT_MULTI_PLATFORM', 'BUILDKIT_SANDBOX_HOSTNAME', 'BUILDKIT_CONTEXT_KEEP_GIT_DIR', 'SOURCE_DATE_EPOCH',
  'HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'ftp_proxy', 'no_proxy', 'all_proxy',
]);

/** ARGs declared before the first FROM, with their default (undefined when none). */
export function globalArgs(model: DockerfileModel): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const instr of model.instructions) {
    if (instr.keyword === 'FROM') break;
    if (instr.keyword !== 'ARG') continue;
    const p = (instr.node as Arg).getProperty();
    if (p) out.set(p.getName(), p.getValue() ?? undefined);
  }
  return out;
}

/** `$NAME` / `${NAME}` / `${NAME:-x}` references in a string, with the `:-`/`:+` modifier if any. */
export function variableRefs(text: string): { name: string; modifier?: string; index: number }[] {
  const out: { name: string; modifier?: string; index: number }[] = [];
  const re = /\\\$|\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(:?[-+?][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
  for (const m of text.matchAll(re)) {
    if (m[0] === '\\$') continue;
    out.push({ name: m[1] ?? m[3], modifier: m[2], index: m.index ?? 0 });
  }
  return out;
}
