/**
 * Reading what a build, a container and its sockets say: pure functions over command output, so each diagnosis has a
 * case table of real messages (test/offline/verify-diagnose.test.ts).
 */

/** A socket in LISTEN state, from /proc/net/tcp or /proc/net/tcp6. */
export interface ListeningSocket {
  address: string;
  port: number;
  loopback: boolean;
}

/** Parses `cat /proc/net/tcp /proc/net/tcp6`: LISTEN rows (state 0A) with their decoded address and port. */
export function listeningSockets(procNetTcp: string): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const line of procNetTcp.split('\n')) {
    const m = /^\s*\d+:\s+([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})\s+[0-9A-Fa-f:]+\s+0A\b/.exec(line);
    if (!m) continue;
    const address = decodeAddress(m[1]);
    const port = parseInt(m[2], 16);
    if (!out.some((s) => s.address === address && s.port === port)) out.push({ address, port, loopback: address === '127.0.0.1' || address === '::1' || address.startsWith('127.') });
  }
  return out;
}

function decodeAddress(hex: string): string {
  if (hex.length === 8) {
    const bytes = hex.match(/../g)!.map((b) => parseInt(b, 16)).reverse();
    return bytes.join('.');
  }
  // IPv6: four little-endian 32-bit words.
  const words = hex.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join(''));
  const full = words.join('');
  if (/^0{32}$/.test(full)) return '::';
  if (/^0{31}1$/.test(full)) return '::1';
  if (/^0{20}ffff/i.test(full)) {
    const v4 = full.slice(24).match(/../g)!.map((b) => parseInt(b, 16)).join('.');
    return `::ffff:${v4}`;
  }
  return full.match(/.{4}/g)!.join(':').toLowerCase();
}

/** What went wrong, in a few words, and what to change. */
export interface Diagnosis {
  cause: string;
  /** The repair the generator can make, when there is one. */
  repair?: Repair;
}

export type Repair =
  | { kind: 'copy-runtime-file'; path: string }
  | { kind: 'writable'; path: string }
  | { kind: 'python-module'; module: string }
  | { kind: 'npm-install' }
  | { kind: 'port'; port: number }
  | { kind: 'health'; path?: string };

/** First match of a table of [pattern, diagnosis] over a log. */
function firstMatch(log: string, table: [RegExp, (m: RegExpExecArray) => Diagnosis][]): Diagnosis | undefined {
  for (const [re, make] of table) {
    const m = re.exec(log);
    if (m) return make(m);
  }
  return undefined;
}

/** Normalises a path from an error message to a project-relative one (`/app/templates/x.html` -> `templates`). */
export function projectRelative(p: string, appDir: string): string | undefined {
  let rel = p.replace(/\\/g, '/').replace(/^["'`]|["'`]$/g, '');
  if (rel.startsWith(`${appDir}/`)) rel = rel.slice(appDir.length + 1);
  else if (rel.startsWith('/')) return undefined;
  rel = rel.replace(/^\.\//, '');
  if (!rel || rel.startsWith('..')) return undefined;
  // The folder that holds the missing file: `templates/*.html` -> `templates`, `views/index.ejs` -> `views`.
  const first = rel.split('/')[0].replace(/[*?].*$/, '');
  return first || undefined;
}

const BUILD_CAUSES: [RegExp, (m: RegExpExecArray) => Diagnosis][] = [
  [/npm (?:ERR!|error) `?npm ci`? can only install packages when your package\.json and package-lock\.json[^\n]* are in sync/i, () => ({ cause: 'package-lock.json is out of sync with package.json (npm ci refuses it)', repair: { kind: 'npm-install' } })],
  [/npm (?:ERR!|error) code EUSAGE[\s\S]{0,400}?(?:lockfile|package-lock)/i, () => ({ cause: 'npm ci needs a lockfile in sync with package.json', repair: { kind: 'npm-install' } })],
  [/go: [^\n]*(?:proxy\.golang\.org|sum\.golang\.org|dial tcp|no such host|i\/o timeout)[^\n]*/, (m) => ({ cause: `Go modules cannot be downloaded from here (${m[0].trim().slice(0, 140)})` })],
  [/(?:pull access denied|manifest unknown|failed to resolve (?:source metadata|reference)|initializing source docker:\/\/|repository does not exist|unable to find image|Error: creating build container:[^\n]*(?:pull|resolv)|(?:pulling|pull) [^\n]*no such host)[^\n]*/i, (m) => ({ cause: `a base image is not available to this engine (${m[0].trim().slice(0, 160)}); map it to a local image with --base-image NAME=LOCALREF` })],
  [/(?:\/bin\/sh: \d+: |sh: )([\w.-]+): not found/, (m) => ({ cause: `the build image has no ${m[1]} (a base image without the tool the build needs)` })],
  [/No matching distribution found for ([^\s]+)/, (m) => ({ cause: `pip cannot install ${m[1]} from the package index this engine reaches` })],
  [/go: go\.mod requires go >= ([\d.]+)|go\.mod file indicates go ([\d.]+), but maximum (?:supported|version)/, (m) => ({ cause: `the build image's Go is older than go.mod's ${m[1] ?? m[2]}` })],
  [/(?:COPY failed|failed to compute cache key|checking context:)[^\n]*?(?:"|')([^"'\n]+)(?:"|'):? (?:not found|no such file)/i, (m) => ({ cause: `COPY source ${m[1]} is missing from the build context` })],
  [/error TS\d+:[^\n]*/, (m) => ({ cause: `the TypeScript build failed: ${m[0].slice(0, 160)}` })],
  [/ERR_PNPM_\w+[^\n]*|error (?:Your lockfile needs to be updated|An unexpected error occurred)[^\n]*/, (m) => ({ cause: `the package install failed: ${m[0].slice(0, 160)}` })],
];

/** Why a build failed (the tail of its output). */
export function diagnoseBuild(log: string): Diagnosis {
  return firstMatch(log, BUILD_CAUSES) ?? { cause: `the build failed: ${lastLines(log, 3)}` };
}

/** Why a container exited or is unhealthy, from its logs; `appDir` is the final stage's WORKDIR. */
export function diagnoseRun(logs: string, appDir: string): Diagnosis | undefined {
  const table: [RegExp, (m: RegExpExecArray) => Diagnosis][] = [
    // The traceback's last frame is the module that made the relative import.
    [/File "([^"]+)", line \d+[^\n]*\n[^\n]*\n\s*ImportError: attempted relative import with no known parent package|ImportError: attempted relative import with no known parent package/, (m) => {
      const file = m[1] ? projectFile(m[1], appDir) : undefined;
      return { cause: 'a module with relative imports was started as a script', repair: file ? { kind: 'python-module', module: file.replace(/\.py$/, '').replace(/\//g, '.') } : undefined };
    }],
    [/(?:html\/template|text\/template):[^\n]*?pattern matches no files: `?([^`\s]+)`?/, (m) => runtimeFile(m[1], appDir, 'templates the server loads at start are not in the image')],
    [/open ([^\s:]+): no such file or directory/, (m) => runtimeFile(m[1], appDir, `the server opens ${m[1]}, which is not in the image`)],
    [/jinja2\.exceptions\.TemplateNotFound: ([^\s]+)/, () => ({ cause: 'a template is not found (the template folder is missing or not where the app looks)' })],
    [/Failed to lookup view "[^"]*" in views directory "([^"]+)"/, (m) => runtimeFile(m[1], appDir, `the server reads ${m[1]}, which is not in the image`)],
    [/Error: ENOENT[^\n]*?['"]([^'"]+)['"]/, (m) => runtimeFile(m[1], appDir, `the server reads ${m[1]}, which is not in the image`)],
    [/Cannot find module '([^']+)'/, (m) => ({ cause: `Node.js cannot find module ${m[1]}` })],
    [/ModuleNotFoundError: No module named '([\w.]+)'/, (m) => ({ cause: `Python cannot import ${m[1]}` })],
    [/(?:EACCES: permission denied,? (?:open|mkdir|scandir|access)?\s*'([^']+)'|PermissionError: \[Errno 13\] Permission denied: '([^']+)'|open ([^\s:]+): permission denied|unable to open database file|attempt to write a readonly database)/, (m) => {
      const p = m[1] ?? m[2] ?? m[3];
      const rel = p ? writableDir(p, appDir) : '.';
      return { cause: `the server cannot write ${p ?? 'its database file'} as the non-root user`, repair: rel ? { kind: 'writable', path: rel } : undefined };
    }],
    [/(?:EADDRINUSE|address already in use)/i, () => ({ cause: 'the port is already in use inside the container' })],
    [/(?:PORT|port) (?:must be set|is not set|environment variable (?:is )?required)/, () => ({ cause: 'the app needs PORT set' })],
  ];
  return firstMatch(logs, table);
}

function projectFile(p: string, appDir: string): string | undefined {
  const rel = p.startsWith(`${appDir}/`) ? p.slice(appDir.length + 1) : p.startsWith('/') ? undefined : p.replace(/^\.\//, '');
  return rel && !rel.startsWith('..') ? rel : undefined;
}

function runtimeFile(p: string, appDir: string, cause: string): Diagnosis {
  const rel = projectRelative(p, appDir);
  return { cause, repair: rel ? { kind: 'copy-runtime-file', path: rel } : undefined };
}

/** The folder to make writable for a path the app could not write (absolute folders outside the app stay absolute). */
function writableDir(p: string, appDir: string): string | undefined {
  const clean = p.replace(/\/+$/, '');
  const inApp = clean === appDir ? '.' : clean.startsWith(`${appDir}/`) ? clean.slice(appDir.length + 1) : clean.startsWith('/') ? clean : clean.replace(/^\.\//, '');
  const folder = /\.[A-Za-z0-9]+$/.test(inApp) ? inApp.replace(/\/?[^/]*$/, '') || '.' : inApp;
  if (folder === '/' || folder.startsWith('..')) return undefined;
  return folder;
}

/** The last `n` lines that say something (blank lines and the Bash tool's `[exit code N]` trailer left out). */
export function lastLines(text: string, n: number): string {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !/^\[exit code \d+\]$/.test(l)).slice(-n).join(' | ').slice(0, 400);
}
