#!/usr/bin/env bash
# PreToolUse guard: refuses every docker command (exit 2, the reason on stderr), lets anything else through.
input=$(cat)
printf '%s\n' "$input" >> "${HOOK_LOG:-/dev/null}"
case "$input" in
  *'"command":"docker'*) echo "docker is not allowed by the team policy hook" >&2; exit 2 ;;
esac
exit 0
