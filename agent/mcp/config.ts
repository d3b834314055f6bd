/**
 * `.mcp.json` in Claude Code's format: `{"mcpServers": {NAME: {type?, command, args, env, url, headers}}}`.
 * Sources, nearest first: `--mcp-config FILE`, `<cwd>/.mcp.json`, the package's own `.mcp.json`.
 * Entries merge by name and the nearer file wins with its whole entry (fields are never mixed).
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';
import { packageRoot } from '../package-root.js';
import { expandVariables } from './expand.js';

/** Expanded by us to the folder holding this package's package.json (so our own `.mcp.json` can name files inside it). */
export const PACKAGE_HOME_VARIABLE = 'DOCKER_EXPERT_HOME';
export const MCP_CONFIG_FILENAME = '.mcp.json';
/** Server names Claude Code accepts (`claude mcp add`): letters, digits, `_` and `-`. */
const SERVER_NAME = /^[A-Za-z0-9_-]+$/;

export interface StdioServerConfig {
  type: 'stdio';
  command: string;
  args: string[];
  env: Record<string, string>;
}
export interface HttpServerConfig {
  /** `http` is streamable HTTP (`streamable-http` is accepted as an alias); `sse` is the deprecated transport. */
  type: 'http' | 'sse';
  url: string;
  headers: Record<string, string>;
}
export type McpServerConfig = (StdioServerConfig | HttpServerConfig) & {
  name: string;
  /** The file the entry came from. */
  source: string;
};

export interface McpConfigResult {
  /** By server name, sorted by name (the order tools are listed in). */
  servers: Record<string, McpServerConfig>;
  /** Entries skipped and variables left unexpanded, each naming the file and field. */
  warnings: string[];
}

/** A config file that cannot be used at all (unreadable, not JSON, not an object): the CLI exits 2 with this message. */
export class McpConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`);
    this.name = 'McpConfigError';
  }
}

const stringMap = z.record(z.string(), z.string());
const stdioEntry = z.strictObject({
  type: z.literal('stdio').optional(),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: stringMap.default({}),
});
const urlEntry = z.strictObject({
  type: z.enum(['http', 'streamable-http', 'sse']),
  url: z.string().min(1),
  headers: stringMap.default({}),
});
const fileShape = z.looseObject({ mcpServers: z.record(z.string(), z.unknown()).optional() });

/** Claude Code keys we accept and ignore (they need trust or a browser flow we do not have). */
const IGNORED_KEYS = ['headersHelper', 'oauth', 'timeout', 'description', 'disabled'];

export interface ParseOptions {
  /** Variables for `${VAR}` expansion (usually process.env plus DOCKER_EXPERT_HOME). */
  vars: Readonly<Record<string, string | undefined>>;
}

/** Parses one file's text. Throws McpConfigError for unusable files; bad entries become warnings. */
export function parseMcpConfig(text: string, file: string, opts: ParseOptions): McpConfigResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const { line, detail } = describeJsonError(err as Error, text);
    throw new McpConfigError(file, `not valid JSON: ${detail}`, line);
  }
  const shape = fileShape.safeParse(raw);
  if (!shape.success) throw new McpConfigError(file, 'expected an object with an `mcpServers` object');
  const warnings: string[] = [];
  const servers: Record<string, McpServerConfig> = {};
  for (const [name, entry] of Object.entries(shape.data.mcpServers ?? {})) {
    const where = `${file}: mcpServers.${name}`;
    if (!SERVER_NAME.test(name)) {
      warnings.push(`${where}: server names may use only letters, digits, '_' and '-'; entry skipped`);
      continue;
    }
    const parsed = parseEntry(entry, where, warnings);
    if (!parsed) continue;
    servers[name] = { ...expandEntry(parsed, where, opts.vars, warnings), name, source: file };
  }
  return { servers, warnings };
}

function parseEntry(entry: unknown, where: string, warnings: string[]): StdioServerConfig | HttpServerConfig | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    warnings.push(`${where}: expected an object; entry skipped`);
    return undefined;
  }
  const fields = { ...(entry as Record<string, unknown>) };
  for (const key of IGNORED_KEYS) {
    if (key in fields) {
      warnings.push(`${where}.${key}: not supported here; ignored`);
      delete fields[key];
    }
  }
  if (fields.type === undefined && 'url' in fields) {
    warnings.push(`${where}.type: an entry with a url needs "type": "http" or "sse"; entry skipped`);
    return undefined;
  }
  const isUrl = fields.type === 'http' || fields.type === 'streamable-http' || fields.type === 'sse';
  if (fields.type !== undefined && fields.type !== 'stdio' && !isUrl) {
    warnings.push(`${where}.type: unsupported type ${JSON.stringify(fields.type)} (use stdio, http or sse); entry skipped`);
    return undefined;
  }
  const result = (isUrl ? urlEntry : stdioEntry).safeParse(fields);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.length ? `.${issue.path.join('.')}` : '';
    warnings.push(`${where}${field}: ${issue.message}; entry skipped`);
    return undefined;
  }
  const data = result.data;
  if ('url' in data) return { type: data.type === 'sse' ? 'sse' : 'http', url: data.url, headers: data.headers };
  return { type: 'stdio', command: data.command, args: data.args, env: data.env };
}

function expandEntry<T extends StdioServerConfig | HttpServerConfig>(
  entry: T,
  where: string,
  vars: ParseOptions['vars'],
  warnings: string[],
): T {
  const one = (value: string, field: string): string => {
    const { value: out, missing } = expandVariables(value, vars);
    for (const name of missing) warnings.push(`${where}.${field}: \${${name}} is not set and has no default; left as written`);
    return out;
  };
  const map = (m: Record<string, string>, field: string) =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => [k, one(v, `${field}.${k}`)]));
  if (entry.type === 'stdio') {
    const e = entry as StdioServerConfig;
    return { ...e, command: one(e.command, 'command'), args: e.args.map((a, i) => one(a, `args[${i}]`)), env: map(e.env, 'env') } as T;
  }
  const e = entry as HttpServerConfig;
  return { ...e, url: one(e.url, 'url'), headers: map(e.headers, 'headers') } as T;
}

/** V8 reports `... at position N` (and on newer versions `(line L column C)`): turn it into a line number. */
function describeJsonError(err: Error, text: string): { line?: number; detail: string } {
  const position = /at position (\d+)/.exec(err.message);
  if (position) {
    const offset = Number(position[1]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return { line, detail: `${err.message.replace(/ \(line \d+ column \d+\)$/, '')} (line ${line}, column ${column})` };
  }
  if (/Unexpected end of JSON input/.test(err.message)) return { line: text.split('\n').length, detail: err.message };
  return { detail: err.message };
}

export interface LoadOptions {
  /** `--mcp-config FILE` (relative to cwd); a missing file is an error. */
  configFile?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Defaults to this package's root; `null` leaves the package's own `.mcp.json` out. */
  packageHome?: string | null;
  /** Claude Code's `--strict-mcp-config`: only `configFile` counts (none given: no servers). */
  strict?: boolean;
}

/** Reads and merges every source. Throws McpConfigError for a missing `--mcp-config` or an unusable file. */
export async function loadMcpConfig(opts: LoadOptions): Promise<McpConfigResult> {
  const home = opts.packageHome === undefined ? packageRoot() : opts.packageHome;
  const vars = { ...opts.env, ...(home ? { [PACKAGE_HOME_VARIABLE]: home } : {}) };
  const sources: { file: string; required: boolean }[] = [];
  if (opts.configFile) sources.push({ file: path.resolve(opts.cwd, opts.configFile), required: true });
  if (!opts.strict) {
    sources.push({ file: path.join(opts.cwd, MCP_CONFIG_FILENAME), required: false });
    if (home) sources.push({ file: path.join(home, MCP_CONFIG_FILENAME), required: false });
  }

  const seen = new Set<string>();
  const merged: Record<string, McpServerConfig> = {};
  const warnings: string[] = [];
  for (const { file, required } of sources) {
    const text = await readConfigFile(file, required);
    if (text === undefined) continue;
    const real = await realpath(file);
    if (seen.has(real)) continue;
    seen.add(real);
    const result = parseMcpConfig(text, file, { vars });
    warnings.push(...result.warnings);
    for (const [name, entry] of Object.entries(result.servers)) merged[name] ??= entry;
  }
  const servers = Object.fromEntries(Object.keys(merged).sort().map((name) => [name, merged[name]!]));
  return { servers, warnings };
}

async function readConfigFile(file: string, required: boolean): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return undefined;
    throw new McpConfigError(file, code === 'ENOENT' ? 'no such file' : `cannot read: ${(err as Error).message}`);
  }
}
