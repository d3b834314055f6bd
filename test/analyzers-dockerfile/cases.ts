import type { HadolintConfig } from '../../tools/analyzers/dockerfile/index.js';

export interface BadCase {
  src: string;
  /** 1-based line the finding must be on. */
  line: number;
  /** Findings of the rule expected (default 1). */
  count?: number;
  /** Text the message must contain. */
  message?: string;
  config?: HadolintConfig;
}

export interface GoodCase {
  src: string;
  config?: HadolintConfig;
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

/** Joins lines with `\n` and a final newline. */
export function df(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
