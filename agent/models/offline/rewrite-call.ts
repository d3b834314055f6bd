import { diffLines } from 'diff';
import { countPlaceholders } from '../../redaction/placeholder.js';

interface ToolCall {
  name: string;
  input: Record<string, unknown>;
}

/**
 * The call that turns a file the agent read as `seen` into `next`. A Write when `seen` is the file as it is; when `seen`
 * holds `[REDACTED:…]` placeholders (values hidden from the agent, which Write refuses to put back), a MultiEdit of the
 * changed lines only, each anchored on an unchanged neighbour line without a placeholder. A change that touches a
 * placeholder line is left out: the real value behind it is not the agent's to rewrite.
 */
export function rewriteCall(file: string, seen: string, next: string): ToolCall {
  if (countPlaceholders(seen) === 0) return { name: 'Write', input: { file_path: file, content: next } };
  const parts = diffLines(seen, next);
  const edits: { old_string: string; new_string: string }[] = [];
  let before = '';
  for (let i = 0; i < parts.length; i++) {
    if (!parts[i].added && !parts[i].removed) {
      before = lastLine(parts[i].value);
      continue;
    }
    let removed = '';
    let added = '';
    for (; i < parts.length && (parts[i].added || parts[i].removed); i++) {
      if (parts[i].removed) removed += parts[i].value;
      else added += parts[i].value;
    }
    const after = i < parts.length ? firstLine(parts[i].value) : '';
    i--;
    if (countPlaceholders(removed + added) > 0) continue;
    if (before && countPlaceholders(before) === 0) edits.push({ old_string: before + removed, new_string: before + added });
    else if (after && countPlaceholders(after) === 0) edits.push({ old_string: removed + after, new_string: added + after });
    else if (removed) edits.push({ old_string: removed, new_string: added });
  }
  // Nothing that can be changed without touching a hidden value: the Write is refused with the reason.
  if (edits.length === 0) return { name: 'Write', input: { file_path: file, content: next } };
  return { name: 'MultiEdit', input: { file_path: file, edits } };
}

function lastLine(text: string): string {
  return text.slice(text.lastIndexOf('\n', text.length - 2) + 1);
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end === -1 ? text : text.slice(0, end + 1);
}
