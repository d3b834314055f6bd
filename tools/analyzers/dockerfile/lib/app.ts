/** What the final image will run and expose, read from the Dockerfile, for the app-aware rules. */
import type { DockerfileModel, Instr } from '../model.js';
import { lineageInstructions } from './stages.js';

/** ENTRYPOINT + CMD of the final image as argv (exec form, or shell form split on blanks), and the instruction to point at. */
export function finalCommand(model: DockerfileModel): { argv: string[]; instr?: Instr } {
  const final = model.finalStage;
  if (!final) return { argv: [] };
  const instrs = lineageInstructions(model, final);
  const last = (kw: string) => [...instrs].reverse().find((i) => i.keyword === kw && !i.onbuild);
  const entry = last('ENTRYPOINT');
  const cmd = last('CMD');
  const words = (i: Instr | undefined): string[] => {
    if (!i) return [];
    const text = i.node.getArgumentsContent() ?? '';
    if (text.trim().startsWith('[')) {
      try {
        const parsed = JSON.parse(text) as unknown;
        if (Array.isArray(parsed)) return parsed.map(String);
      } catch {
        /* shell form after all */
      }
    }
    return text.trim().split(/\s+/).filter(Boolean);
  };
  return { argv: [...words(entry), ...words(cmd)], instr: cmd ?? entry };
}

/** ENV of the final image (later values win), with `$VAR` references left as written. */
export function finalEnv(model: DockerfileModel): Map<string, string> {
  const env = new Map<string, string>();
  const final = model.finalStage;
  if (!final) return env;
  for (const i of lineageInstructions(model, final)) {
    if (i.keyword !== 'ENV' || i.onbuild) continue;
    const props = (i.node as unknown as { getProperties?: () => { getName(): string; getValue(): string | null }[] }).getProperties?.() ?? [];
    for (const p of props) env.set(p.getName(), (p.getValue() ?? '').replace(/^["']|["']$/g, ''));
  }
  return env;
}

/** Ports EXPOSEd by the final image, with the instruction. */
export function exposedPorts(model: DockerfileModel): { port: number; instr: Instr }[] {
  const final = model.finalStage;
  if (!final) return [];
  const out: { port: number; instr: Instr }[] = [];
  for (const i of lineageInstructions(model, final)) {
    if (i.keyword !== 'EXPOSE' || i.onbuild) continue;
    for (const a of i.node.getArguments()) {
      const m = /^(\d+)(?:\/tcp)?$/i.exec(a.getValue());
      if (m) out.push({ port: Number(m[1]), instr: i });
    }
  }
  return out;
}

/** The final HEALTHCHECK and the HTTP path its command asks for, when it asks for one. */
export function healthcheckPath(model: DockerfileModel): { path?: string; instr?: Instr } {
  const final = model.finalStage;
  if (!final) return {};
  const hc = [...lineageInstructions(model, final)].reverse().find((i) => i.keyword === 'HEALTHCHECK' && !i.onbuild);
  if (!hc) return {};
  const text = hc.node.getArgumentsContent() ?? '';
  if (/^\s*NONE\b/i.test(text)) return { instr: hc };
  const m = /https?:\/\/[^/\s'"`\\]+(\/[^\s'"`\\?#]*)/.exec(text)
    ?? /GET (\/\S*) HTTP/.exec(text)
    ?? /path\s*:\s*'(\/[^']*)'/.exec(text)
    ?? /%s(\/[^\s'"`]*)'\s*%/.exec(text);
  return { path: m?.[1], instr: hc };
}

/** Whether a route pattern (`/users/:id`, `/items/{id}`, `/files/*`) serves a concrete path. */
export function routeServes(route: string, path: string): boolean {
  const norm = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);
  const pattern = norm(route)
    .split('/')
    .map((seg) => (/^[:{<*]|^\*|[{}<>]/.test(seg) ? (seg.includes('*') || /\*\}?$/.test(seg) || /path:/.test(seg) ? '.*' : '[^/]+') : seg.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}$`).test(norm(path));
}

/** Options of a server command that set the port it listens on (`--bind 0.0.0.0:8000`, `--port 8000`, `-p 3000`). */
export function portFromArgs(argv: string[]): number | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = argv[i + 1];
    let m = /^(?:--bind|-b)=?(.*)$/.exec(a);
    if (m) {
      const v = m[1] || next || '';
      const p = /:(\d+)$/.exec(v);
      if (p) return Number(p[1]);
    }
    m = /^(?:--port|-p|-P)=?(\d*)$/.exec(a);
    if (m) {
      const v = m[1] || next;
      if (v && /^\d+$/.test(v)) return Number(v);
    }
    m = /^(?:0\.0\.0\.0|\[::\]|localhost|127\.0\.0\.1)?:(\d+)$/.exec(a);
    if (m && i > 0 && /runserver|serve/.test(argv.slice(0, i).join(' '))) return Number(m[1]);
  }
  return undefined;
}
