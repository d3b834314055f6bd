import path from 'node:path';
import type { GoStack } from '../stack.js';
import { StackDetectionError } from './errors.js';
import { toDnsLabel } from './names.js';
import type { ProjectDir } from './project-dir.js';
import { scanSourceHints } from './source-hints.js';
import { factFields } from './facts/apply.js';
import { goFacts } from './facts/go.js';
import { truncateVersion } from './version-spec.js';

export async function detectGo(dir: ProjectDir): Promise<GoStack | undefined> {
  const text = await dir.read('go.mod');
  if (text === undefined) return undefined;
  const modulePath = /^module\s+(\S+)/m.exec(text)?.[1];
  if (!modulePath) throw new StackDetectionError('go.mod', 'no "module" line', 1);
  dir.note('go.mod', `Go module ${modulePath}`);

  const goLine = /^go\s+(\d+\.\d+(?:\.\d+)?)/m.exec(text)?.[1];
  const toolchain = /^toolchain\s+go(\d+\.\d+(?:\.\d+)?)/m.exec(text)?.[1];
  // The toolchain line names the exact toolchain; the go line is a minimum (1.21+ semantics).
  const version = toolchain ? truncateVersion(toolchain, 2) : goLine ? truncateVersion(goLine, 2) : undefined;
  if (toolchain) dir.note('go.mod', `toolchain go${toolchain}`);
  else if (goLine) dir.note('go.mod', `go ${goLine}`);

  const mainPackage = await findMainPackage(dir, modulePath);
  if (mainPackage) dir.note(mainPackage === '.' ? 'main.go' : `${mainPackage.slice(2)}`, `main package ${mainPackage}`);
  // `./cmd` itself holding package main names nothing: the module does.
  const binaryName = toDnsLabel(mainPackage && mainPackage !== '.' && path.basename(mainPackage) !== 'cmd' ? path.basename(mainPackage) : modulePath);

  const hasGoSum = await dir.has('go.sum');
  if (hasGoSum) dir.note('go.sum', 'module checksums');
  const facts = await goFacts(dir, mainPackage ?? '.');
  const hints = facts.listen?.port === undefined ? await scanSourceHints(dir, ['.go'], mainPackage === '.' ? ['main.go'] : []) : {};
  const port = facts.listen?.port ?? hints.port?.value;
  const isService = Boolean(facts.listen || port || facts.routes.length) || (await importsNetHttp(dir));
  const fields = factFields(dir, facts, port ?? 8080);

  return {
    language: 'go',
    packageManager: 'go',
    name: toDnsLabel(modulePath),
    version,
    lockfile: hasGoSum ? 'go.sum' : undefined,
    entrypoint: mainPackage ?? '.',
    port,
    ...fields,
    buildCommand: `go build -o /out/${binaryName} ${mainPackage ?? '.'}`,
    startCommand: [`/app/${binaryName}`],
    isService,
    modulePath,
    mainPackage: mainPackage ?? '.',
    binaryName,
    hasGoSum,
    evidence: dir.evidence,
  };
}

/** `.` when the root is package main, else the first `./cmd/<name>` (or other folder) holding package main. */
async function findMainPackage(dir: ProjectDir, modulePath: string): Promise<string | undefined> {
  const files = await dir.sourceFiles(['.go']);
  const mains: string[] = [];
  for (const f of files) {
    if (f.endsWith('_test.go')) continue;
    const text = await dir.readHint(f);
    if (text && /^package\s+main\b/m.test(text)) {
      const d = path.posix.dirname(f);
      if (!mains.includes(d)) mains.push(d);
    }
  }
  if (mains.includes('.')) return '.';
  if (mains.length > 1) {
    const ranked = [...mains].sort((a, b) => mainScore(b, modulePath) - mainScore(a, modulePath));
    dir.note(ranked[0], `main package chosen among ${mains.join(', ')}: ${mainReason(ranked[0], modulePath)}`);
    return `./${ranked[0]}`;
  }
  return mains[0] ? `./${mains[0]}` : undefined;
}

const SERVER_NAMES = /^(server|web|api|app|http|httpd|service|serve|www|site|backend)$/;
const TOOL_NAMES = /(cli|ctl|admin|worker|migrat|tool|gen|seed|client|job|cron|bench|example|demo)/;

/** Which `package main` folder is the service: named like the module, or like a server, not like a tool. */
function mainScore(d: string, modulePath: string): number {
  const base = path.posix.basename(d);
  return (base === path.posix.basename(modulePath) ? 4 : 0) + (SERVER_NAMES.test(base) ? 3 : 0) - (TOOL_NAMES.test(base) ? 3 : 0)
    + (d.startsWith('cmd/') ? 1 : 0) - d.split('/').length * 0.1;
}

function mainReason(d: string, modulePath: string): string {
  const base = path.posix.basename(d);
  if (base === path.posix.basename(modulePath)) return `named after the module (${modulePath})`;
  if (SERVER_NAMES.test(base)) return `named like a server (${base})`;
  return 'the others are named like tools';
}

async function importsNetHttp(dir: ProjectDir): Promise<boolean> {
  for (const f of await dir.sourceFiles(['.go'])) {
    if ((await dir.readHint(f))?.includes('"net/http"')) return true;
  }
  return false;
}
