#!/usr/bin/env bash
# Stop hook: the first time the agent stops, block with a reason; once stop_hook_active is true, let it stop.
input=$(cat)
printf '%s\n' "$input" >> "${HOOK_LOG:-/dev/null}"
case "$input" in
  *'"stop_hook_active":true'*) exit 0 ;;
esac
echo '{"decision":"block","reason":"Run the image scan before you stop."}'
