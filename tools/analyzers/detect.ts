import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileKind, Finding } from './types.js';
import { yamlDocuments } from './yaml-positions.js';

/** Files a folder walk collects before it stops (a warning finding says so). */
export const DEFAULT_MAX_FILES = 2000;
/** Bigger files are not analyzed (a warning finding says so). */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Folders a walk never enters. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', '.venv', 'venv', '__pycache__', '.tox', '.terraform', '.idea', '.cache']);

export const FILE_READ_RULE = 'FILE-READ';
export const FILE_LIMIT_RULE = 'FILE-LIMIT';
export const FILE_KIND_RULE = 'FILE-KIND';

const YAML_EXT = /\.ya?ml$/i;
const NOT_A_DOCKERFILE = /\.(dockerignore|md|txt|orig|bak|swp)$/i;

/** What a file's name alone says: a Dockerfile, YAML to look inside, or nothing we analyze. */
export function kindFromName(file: string): 'dockerfile' | 'yaml' | undefined {
  const base = path.basename(file);
  const lower = base.toLowerCase();
  if (YAML_EXT.test(base)) return 'yaml';
  if (NOT_A_DOCKERFILE.test(base)) return undefined;
  if (lower === 'dockerfile' || lower === 'containerfile') return 'dockerfile';
  if (lower.startsWith('dockerfile.') || lower.startsWith('containerfile.')) return 'dockerfile';
  // Dockerfile-prod, Dockerfile_dev, Dockerfile2: common spellings of variants.
  if (/^(dockerfile|containerfile)([-_][\w.-]+|\d+)$/.test(lower)) return 'dockerfile';
  if (lower.endsWith('.dockerfile') || lower.endsWith('.containerfile')) return 'dockerfile';
  return undefined;
}

const COMPOSE_NAME = /^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/i;

/** Keys only a Compose service has; a `services` map whose entries have none of them is another tool's file. */
const COMPOSE_SERVICE_KEYS = new Set(['image', 'build', 'command', 'entrypoint', 'ports', 'expose', 'environment', 'env_file', 'volumes',
  'depends_on', 'extends', 'networks', 'healthcheck', 'deploy', 'restart', 'container_name', 'working_dir', 'user', 'labels', 'profiles']);

/** Whether a top-level `services` map is Compose's (Azure's azure.yaml has `services` with `project`/`host` instead). */
function composeServices(services: Record<string, unknown>): boolean {
  const entries = Object.values(services);
  if (entries.length === 0) return true;
  return entries.some((s) => s === null || (typeof s === 'object' && !Array.isArray(s) && Object.keys(s as object).some((k) => COMPOSE_SERVICE_KEYS.has(k) || k.startsWith('x-'))));
}

/** Kind of a YAML text by its content: `apiVersion` + `kind` is Kubernetes, a top-level `services` map is Compose. */
export function yamlKindFromContent(text: string, file = ''): FileKind {
  let unparsed = false;
  for (const d of yamlDocuments(text)) {
    const v = d.value;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const rec = v as Record<string, unknown>;
      if (typeof rec.apiVersion === 'string' && typeof rec.kind === 'string') return 'kubernetes';
      if (rec.services && typeof rec.services === 'object' && !Array.isArray(rec.services) && composeServices(rec.services as Record<string, unknown>)) return 'compose';
    }
    if (d.templated || d.errors.length > 0) unparsed = true;
  }
  if (COMPOSE_NAME.test(path.basename(file))) return 'compose';
  // A Helm template or a broken file does not parse, but its top-level keys still say what it is (and its
  // problems are then reported as findings instead of the file being skipped).
  if (unparsed) {
    if (/^apiVersion:/m.test(text) && /^kind:/m.test(text)) return 'kubernetes';
    if (/^services:/m.test(text)) return 'compose';
  }
  return 'unknown';
}

/** Kind of a file by name, and for YAML by content. */
export function detectKind(file: string, text?: string): FileKind {
  const byName = kindFromName(file);
  if (byName === 'dockerfile') return 'dockerfile';
  if (byName === 'yaml') return text === undefined ? (COMPOSE_NAME.test(path.basename(file)) ? 'compose' : 'unknown') : yamlKindFromContent(text, file);
  return 'unknown';
}

export interface CollectOptions {
  cwd?: string;
  maxFiles?: number;
  maxFileBytes?: number;
  /** `--kind`: what the files named explicitly are, whatever their names say. */
  kind?: Exclude<FileKind, 'unknown'>;
}

/** The first instruction of a Dockerfile (after comments, parser directives and blank lines). */
const DOCKERFILE_START = /^(?:\s*(?:#[^\n]*)?\n)*\s*(FROM|ARG)\s+\S/i;

/** What a file's text says it is, when its name says nothing (`check Dockerfile-prod` names it, so it is read). */
function kindFromText(file: string, text: string): FileKind {
  if (DOCKERFILE_START.test(text)) return 'dockerfile';
  return yamlKindFromContent(text, file);
}

/** Readable words for the errno codes a read can fail with. */
function readError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const words: Record<string, string> = { ENOENT: 'no such file or folder', EACCES: 'permission denied', EISDIR: 'is a folder', ENOTDIR: 'a part of the path is not a folder', ELOOP: 'too many symbolic links', EMFILE: 'too many open files' };
  return code && words[code] ? `${words[code]} (${code})` : (err as Error).message;
}

export interface CollectedFile {
  /** As reported: relative to cwd (with `/`) when inside it, else absolute. */
  path: string;
  abs: string;
  kind: FileKind;
  /** The text, for files that were read. */
  text?: string;
}

export interface Collection {
  files: CollectedFile[];
  /** Unreadable files, limits reached, explicit files of no known kind. */
  findings: Finding[];
}

/** The path to show for `abs`. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  if (rel === '') return path.basename(abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return abs;
  return rel.split(path.sep).join('/');
}

function notice(rule: string, severity: Finding['severity'], file: string, message: string): Finding {
  return { rule, severity, message, file, line: 1, column: 1, aliases: [] };
}

/**
 * Expands paths (files and folders) into the files to analyze, reading each one. Folders are walked without
 * following symlinks, skipping SKIPPED_DIRS; only files of a known kind are kept from a walk.
 */
export async function collectFiles(paths: readonly string[], opts: CollectOptions = {}): Promise<Collection> {
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const maxFiles = opts.maxFiles ?? DEFAULT_MAX_FILES;
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const files: CollectedFile[] = [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  // One file reached by two names (a hard link, a named symlink) is analyzed, and fixed, once: under its first name.
  const seenFiles = new Set<string>();
  let limitHit = false;

  const readOne = async (abs: string, explicit: boolean): Promise<void> => {
    if (seen.has(abs)) return;
    const shown = displayPath(abs, cwd);
    const byName = kindFromName(abs);
    if (!byName && !explicit) return;
    if (files.length >= maxFiles) {
      if (!limitHit) findings.push(notice(FILE_LIMIT_RULE, 'warning', shown, `stopped at ${maxFiles} files (raise it with --max-files): the rest were not analyzed`));
      limitHit = true;
      return;
    }
    seen.add(abs);
    let size: number;
    try {
      const info = await stat(abs);
      const id = `${info.dev}:${info.ino}`;
      if (seenFiles.has(id)) return;
      seenFiles.add(id);
      size = info.size;
    } catch (err) {
      findings.push(notice(FILE_READ_RULE, 'error', shown, `cannot read file: ${readError(err)}`));
      return;
    }
    if (size > maxBytes) {
      findings.push(notice(FILE_LIMIT_RULE, 'warning', shown, `file is ${size} bytes, over the ${maxBytes}-byte limit (--max-file-bytes): not analyzed`));
      files.push({ path: shown, abs, kind: byName === 'dockerfile' ? 'dockerfile' : 'unknown' });
      return;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(abs)).replace(/^\uFEFF/, '');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      findings.push(notice(FILE_READ_RULE, 'error', shown, code && code !== 'ERR_ENCODING_INVALID_ENCODED_DATA' ? `cannot read file: ${readError(err)}` : 'file is not valid UTF-8 text'));
      return;
    }
    const kind = explicit && opts.kind ? opts.kind : explicit && !byName ? kindFromText(abs, text) : detectKind(abs, text);
    if (kind === 'unknown') {
      if (explicit) {
        // A file named on the command line that cannot be analyzed must not pass a CI gate silently.
        findings.push(notice(FILE_KIND_RULE, 'warning', shown, 'not recognised as a Dockerfile, Compose file or Kubernetes manifest, so not analyzed: name its kind with --kind'));
        files.push({ path: shown, abs, kind });
      }
      return;
    }
    files.push({ path: shown, abs, kind, text });
  };

  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      findings.push(notice(FILE_READ_RULE, 'error', displayPath(dir, cwd), `cannot read folder: ${readError(err)}`));
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (limitHit) return;
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) await walk(abs);
      } else if (e.isFile()) {
        await readOne(abs, false);
      }
    }
  };

  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let info;
    try {
      // A path the user names is followed even when it is a symlink; a walk never follows them.
      info = await stat(abs);
    } catch (err) {
      findings.push(notice(FILE_READ_RULE, 'error', displayPath(abs, cwd), `cannot read: ${readError(err)}`));
      continue;
    }
    if (info.isDirectory()) await walk(abs);
    else await readOne(abs, true);
  }
  return { files, findings };
}
