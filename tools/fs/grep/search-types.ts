/** What both search backends (rg and the JS fallback) are asked, after the tool input was checked. */
export interface SearchRequest {
  pattern: string;
  /** Absolute path of the folder or file to search. */
  root: string;
  rootIsFile: boolean;
  /** `--glob` overrides in order, the tool's own exclusions last (so they win). */
  globs: OverrideGlob[];
  type?: string;
  ignoreCase: boolean;
  multiline: boolean;
  /** Only file names are needed (files_with_matches): backends may stop at a file's first match. */
  namesOnly: boolean;
  before: number;
  after: number;
  maxFileBytes: number;
  /** The whole search must finish within this many milliseconds. */
  timeoutMs: number;
}

/** One override glob; `ignoreCase` ones are rg's `--iglob`. */
export interface OverrideGlob {
  glob: string;
  ignoreCase: boolean;
}

/** One line shown for a file: a match line or a context line, without its line terminator. */
export interface HitLine {
  number: number;
  text: string;
  isMatch: boolean;
}

/** One match: the line it starts on and the text it matched (may span lines in multiline mode). */
export interface MatchStart {
  line: number;
  text: string;
}

export interface FileHits {
  /** Absolute path. */
  path: string;
  /** Sorted by line number; empty when namesOnly. */
  lines: HitLine[];
  matches: MatchStart[];
}

/** A search that could not run (bad pattern, unknown type...): its message goes to the model. */
export class SearchError extends Error {
  override name = 'SearchError';
}

export function searchTimeoutError(timeoutMs: number): SearchError {
  return new SearchError(`the search took longer than ${timeoutMs} ms and was stopped; narrow the path, glob or pattern`);
}

export type SearchBackend = (request: SearchRequest, signal: AbortSignal) => AsyncGenerator<FileHits>;
