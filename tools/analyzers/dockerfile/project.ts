/**
 * What the app-aware rules (DE1017-DE1021) know about the project beside the Dockerfile: the facts read from its code
 * (routes, listen address, run-time files) and which build-context paths exist or are excluded by .dockerignore.
 * `check` builds it when it sees the project; without it those rules stay silent.
 */
import type { AppFacts } from '../../generator/detect/facts/types.js';

export interface ProjectContext {
  /** The detected stack's language (`node`, `python`, `go`...). */
  language: string;
  framework?: string;
  facts: AppFacts;
  /** Whether a path (relative to the build context) exists in the project. */
  exists(rel: string): boolean;
  /** Whether .dockerignore keeps a path out of the build context. */
  ignored(rel: string): boolean;
}
