/** One replacement as the model asks for it (Edit's input, or one entry of MultiEdit's `edits`). */
export interface EditSpec {
  old_string: string;
  new_string: string;
  replace_all?: boolean;
}

export type EditOutcome = { ok: true; text: string; firstChange: number } | { ok: false; error: string };

/** Applies one exact-text replacement (no regex, no `$&` patterns) to `text`. */
export function applyEdit(text: string, edit: EditSpec): EditOutcome {
  const { old_string: oldString, new_string: newString } = edit;
  if (oldString === newString) return { ok: false, error: 'No changes to make: old_string and new_string are exactly the same.' };
  if (oldString === '') {
    if (text !== '') return { ok: false, error: 'old_string is empty, but the file is not: an empty old_string only fills an empty or new file.' };
    return { ok: true, text: newString, firstChange: 0 };
  }
  const first = text.indexOf(oldString);
  if (first === -1) return { ok: false, error: `String to replace not found in file.\nString: ${oldString}` };
  const count = countOccurrences(text, oldString);
  if (count > 1 && !edit.replace_all) {
    return {
      ok: false,
      error: `Found ${count} matches of the string to replace, but replace_all is false. To replace all occurrences, set replace_all to true. To replace only one occurrence, provide more surrounding context so that old_string is unique.\nString: ${oldString}`,
    };
  }
  const replaced = edit.replace_all ? text.split(oldString).join(newString) : text.slice(0, first) + newString + text.slice(first + oldString.length);
  return { ok: true, text: replaced, firstChange: first };
}

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count += 1;
  return count;
}
