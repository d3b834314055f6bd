/**
 * Where a build-context path ends up in the final image: followed through COPY from the context, `COPY --from` of
 * earlier stages and `FROM <stage>`, with WORKDIR applied. Paths a stage creates itself (RUN) are not tracked.
 */
import path from 'node:path';
import type { DockerfileModel, Instr, Stage } from '../model.js';
import { copyArgs, isUrl } from './copy.js';

export interface FileSource {
  /** Whether .dockerignore keeps a context path out of the build context. */
  ignored(rel: string): boolean;
  /** Whether the context path exists in the project (so a COPY of it brings something). */
  exists(rel: string): boolean;
}

/** WORKDIR of a stage at its end (inherited from a parent stage), `/` when none is set. */
export function finalWorkdir(model: DockerfileModel, stage: Stage): string {
  let dir = '/';
  for (const s of model.lineage(stage).reverse()) {
    for (const i of s.instructions) if (i.keyword === 'WORKDIR') dir = absolute(dir, argText(i));
  }
  return dir;
}

function argText(i: Instr): string {
  return i.node.getArguments().map((a) => a.getValue()).join(' ').trim();
}

function absolute(base: string, p: string): string {
  return path.posix.normalize(p.startsWith('/') ? p : path.posix.join(base, p));
}

/** Absolute locations of context path `rel` (a file or folder) in `stage`'s filesystem. */
export function locations(model: DockerfileModel, stage: Stage, rel: string, src: FileSource, seen = new Set<number>()): Set<string> {
  const out = new Set<string>();
  if (seen.has(stage.index)) return out;
  seen.add(stage.index);
  if (stage.parent) for (const l of locations(model, stage.parent, rel, src, new Set(seen))) out.add(l);
  let workdir = stage.parent ? finalWorkdir(model, stage.parent) : '/';
  for (const instr of stage.instructions) {
    if (instr.keyword === 'WORKDIR') workdir = absolute(workdir, argText(instr));
    if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
    const args = copyArgs(instr);
    if (!args.dest || args.heredoc) continue;
    const dest = absolute(workdir, args.dest);
    const destIsDir = args.dest.endsWith('/') || args.sources.length > 1 || args.dest === '.';
    if (args.from) {
      const from = model.stages.find((s) => s.index < stage.index && (s.name?.toLowerCase() === args.from!.toLowerCase() || String(s.index) === args.from));
      if (!from) continue;
      const inFrom = locations(model, from, rel, src, new Set(seen));
      for (const source of args.sources) {
        const srcAbs = absolute(finalWorkdir(model, from), source);
        for (const l of inFrom) {
          if (l === srcAbs || l.startsWith(`${srcAbs === '/' ? '' : srcAbs}/`)) out.add(path.posix.join(dest, path.posix.relative(srcAbs, l)) || dest);
        }
      }
      continue;
    }
    if (src.ignored(rel)) continue;
    for (const raw of args.sources) {
      if (isUrl(raw)) continue;
      const source = path.posix.normalize(raw.replace(/^\.\//, '')).replace(/\/$/, '') || '.';
      if (source.includes('*')) {
        const re = new RegExp(`^${source.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
        const top = rel.split('/').slice(0, source.split('/').length).join('/');
        if (re.test(top)) out.add(path.posix.join(dest, path.posix.basename(top), rel.slice(top.length)));
        continue;
      }
      if (source === '.') out.add(path.posix.join(dest, rel));
      else if (rel === source || rel.startsWith(`${source}/`)) {
        // `COPY dir dest` copies the folder's contents; `COPY file dest/` puts the file inside dest.
        const isFile = /\.[A-Za-z0-9]+$/.test(source) && !rel.startsWith(`${source}/`);
        if (isFile) out.add(destIsDir ? path.posix.join(dest, path.posix.basename(source)) : dest);
        else out.add(path.posix.join(dest, path.posix.relative(source, rel)));
      }
    }
  }
  return out;
}

/** Whether the final image holds context path `rel` where the process (at WORKDIR) finds it as `rel`. */
export function finalHas(model: DockerfileModel, rel: string, src: FileSource): boolean {
  const final = model.finalStage;
  if (!final) return true;
  const want = absolute(finalWorkdir(model, final), rel);
  for (const l of locations(model, final, rel, src)) if (l === want) return true;
  return false;
}
