import type { HadolintConfig } from '../../tools/analyzers/dockerfile/index.js';
import type { ProjectContext } from '../../tools/analyzers/dockerfile/project.js';
import type { AppFacts } from '../../tools/generator/detect/facts/types.js';
import picomatch from 'picomatch';

export interface BadCase {
  src: string;
  /** 1-based line the finding must be on. */
  line: number;
  /** Findings of the rule expected (default 1). */
  count?: number;
  /** Text the message must contain. */
  message?: string;
  config?: HadolintConfig;
  /** The project beside the Dockerfile (the app-aware rules read it). */
  project?: ProjectContext;
}

export interface GoodCase {
  src: string;
  config?: HadolintConfig;
  project?: ProjectContext;
}

export interface FixCase {
  src: string;
  /** The whole file after `fixDockerfile` limited to this rule. */
  out: string;
  config?: HadolintConfig;
}

/** One rule's table: written for this project (not taken from hadolint or ShellCheck). */
export interface RuleCases {
  bad: BadCase[];
  good: (GoodCase | string)[];
  fixes?: FixCase[];
  /** Config applied to every case that has none (e.g. to enable an off-by-default rule). */
  config?: HadolintConfig;
}

/**
 * An in-memory project for the app-aware rules: the facts its code would give, the paths that exist, and the
 * .dockerignore patterns (last match wins, `!` re-includes, as Docker reads them).
 */
export function project(p: { language: string; framework?: string; facts?: Partial<AppFacts>; files?: string[]; dockerignore?: string[] }): ProjectContext {
  const files = p.files ?? [];
  const rules = (p.dockerignore ?? []).map((l) => ({ negate: l.startsWith('!'), match: picomatch(l.replace(/^!/, ''), { dot: true }) }));
  return {
    language: p.language,
    framework: p.framework,
    facts: { routes: [], runtimeFiles: [], writable: [], embedded: [], ...p.facts },
    exists: (rel) => files.some((f) => f === rel || f.startsWith(`${rel}/`)),
    ignored: (rel) => {
      let out = false;
      const parts = rel.split('/');
      for (const r of rules) for (let n = 1; n <= parts.length; n++) if (r.match(parts.slice(0, n).join('/'))) { out = !r.negate; break; }
      return out;
    },
  };
}

/** Joins lines with `\n` and a final newline. */
export function df(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
