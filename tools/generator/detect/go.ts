import path from 'node:path';
import type { GoStack } from '../stack.js';
import { StackDetectionError } from './errors.js';
import { toDnsLabel } from './names.js';
import type { ProjectDir } from './project-dir.js';
import { scanSourceHints } from './source-hints.js';
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

  const mainPackage = await findMainPackage(dir);
  if (mainPackage) dir.note(mainPackage === '.' ? 'main.go' : `${mainPackage.slice(2)}`, `main package ${mainPackage}`);
  const binaryName = toDnsLabel(mainPackage && mainPackage !== '.' ? path.basename(mainPackage) : modulePath);

  const hasGoSum = await dir.has('go.sum');
  if (hasGoSum) dir.note('go.sum', 'module checksums');
  const hints = await scanSourceHints(dir, ['.go'], mainPackage === '.' ? ['main.go'] : []);

  return {
    language: 'go',
    packageManager: 'go',
    name: toDnsLabel(modulePath),
    version,
    lockfile: hasGoSum ? 'go.sum' : undefined,
    entrypoint: mainPackage ?? '.',
    port: hints.port?.value,
    healthPath: hints.healthPath?.value,
    buildCommand: `go build -o /out/${binaryName} ${mainPackage ?? '.'}`,
    startCommand: [`/app/${binaryName}`],
    isService: Boolean(hints.port || hints.healthPath) || (await importsNetHttp(dir)),
    modulePath,
    mainPackage: mainPackage ?? '.',
    binaryName,
    hasGoSum,
    evidence: dir.evidence,
  };
}

/** `.` when the root is package main, else the first `./cmd/<name>` (or other folder) holding package main. */
async function findMainPackage(dir: ProjectDir): Promise<string | undefined> {
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
  const preferred = mains.find((d) => d.startsWith('cmd/')) ?? mains[0];
  return preferred ? `./${preferred}` : undefined;
}

async function importsNetHttp(dir: ProjectDir): Promise<boolean> {
  for (const f of await dir.sourceFiles(['.go'])) {
    if ((await dir.readHint(f))?.includes('"net/http"')) return true;
  }
  return false;
}
