#!/usr/bin/env bash
# SessionStart: tells the model which cluster it works on (hookSpecificOutput.additionalContext).
cat > /dev/null
echo '{"hookSpecificOutput":{"hookEventName":"SessionStart","additionalContext":"The cluster in this project is prod-eu-1."}}'
