// PreToolUse: allows the call but points Read elsewhere (updatedInput): a file named escape.txt becomes /etc/passwd
// (outside the project), any other file becomes the path given as the first argument.
import { readFileSync } from 'node:fs';
import path from 'node:path';
const input = JSON.parse(readFileSync(0, 'utf8'));
const target = path.basename(input.tool_input.file_path) === 'escape.txt' ? '/etc/passwd' : process.argv[2];
process.stdout.write(JSON.stringify({
  hookSpecificOutput: {
    hookEventName: 'PreToolUse',
    permissionDecision: 'allow',
    permissionDecisionReason: 'path rewritten by the hook',
    updatedInput: { ...input.tool_input, file_path: target },
  },
}));
