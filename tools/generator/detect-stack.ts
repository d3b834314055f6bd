import { detectDotnet } from './detect/dotnet.js';
import { detectGo } from './detect/go.js';
import { detectJava } from './detect/java.js';
import { detectNode } from './detect/node.js';
import { ProjectDir, type DetectOptions } from './detect/project-dir.js';
import { detectPhp } from './detect/php.js';
import { detectPython } from './detect/python.js';
import { detectRuby } from './detect/ruby.js';
import { detectRust } from './detect/rust.js';
import type { Language, StackInfo } from './stack.js';

export { StackDetectionError } from './detect/errors.js';
export { FileTooLargeError, MAX_PROJECT_FILE_BYTES, MAX_SCAN_DEPTH, MAX_SOURCE_FILES_SCANNED } from './detect/project-dir.js';
export type { DetectOptions } from './detect/project-dir.js';

type Detector = (dir: ProjectDir) => Promise<StackInfo | undefined>;

/**
 * Most specific first: a backend project often carries a package.json for its front-end assets
 * (Rails, Django, Laravel), so Node.js is tried last.
 */
const DETECTORS: [Language, Detector][] = [
  ['go', detectGo],
  ['rust', detectRust],
  ['java', detectJava],
  ['dotnet', detectDotnet],
  ['ruby', detectRuby],
  ['python', detectPython],
  ['php', detectPhp],
  ['node', detectNode],
];

export interface DetectStackOptions extends DetectOptions {
  /** Only try this ecosystem (when a project holds several). */
  language?: Language;
}

/**
 * What the project in `dir` is built with, or undefined when no known manifest is there.
 * Throws StackDetectionError (names file and line) when a manifest exists but cannot be parsed,
 * and FileTooLargeError when a manifest is over the size limit.
 */
export async function detectStack(dir: string, opts: DetectStackOptions = {}): Promise<StackInfo | undefined> {
  for (const [language, detect] of DETECTORS) {
    if (opts.language && opts.language !== language) continue;
    const found = await detect(new ProjectDir(dir, opts));
    if (found) return found;
  }
  return undefined;
}
