/** Every limit of the file tools, with its default. Each tool factory takes overrides for its own. */

/** Read: lines returned when no `limit` is given (Claude Code's 2000). */
export const READ_DEFAULT_LINE_LIMIT = 2000;
/** Read: a longer line is cut to this many characters (Claude Code's 2000). */
export const READ_MAX_LINE_CHARS = 2000;
/** Read: at most this many bytes of numbered text go back to the model; the rest is a PARTIAL view. */
export const READ_MAX_OUTPUT_BYTES = 100_000;
/** Bytes looked at to decide whether a file is binary (a NUL byte in them). */
export const BINARY_SNIFF_BYTES = 8192;

/** Write: the most bytes (UTF-8) one Write may put in a file (`--max-write-bytes`); more is refused with an error. */
export const WRITE_MAX_BYTES = 10 * 1024 * 1024;

/** Edit / MultiEdit: files larger than this are not loaded for editing. */
export const EDIT_MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Edit / MultiEdit: lines of context shown around the change in the result. */
export const EDIT_SNIPPET_CONTEXT_LINES = 4;

/** Glob: paths listed at most (Claude Code's 100); the result says when it was cut. */
export const GLOB_MAX_RESULTS = 100;

/** Grep: output lines / entries when `head_limit` is not given; 0 means unlimited. */
export const GREP_DEFAULT_HEAD_LIMIT = 250;
/** Grep: a matched or context line is cut to this many characters. */
export const GREP_MAX_LINE_CHARS = 500;
/** Grep: at most this many bytes of output go back to the model. */
export const GREP_MAX_OUTPUT_BYTES = 100_000;
/** Grep: files larger than this are not searched (passed to rg as --max-filesize; the fallback skips them too). */
export const GREP_MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Grep: the whole search is stopped after this long. */
export const GREP_TIMEOUT_MS = 30_000;
/** Glob: folder entries visited at most before the walk stops (and says so). */
export const GLOB_MAX_VISITED = 200_000;
