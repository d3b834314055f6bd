#!/usr/bin/env bash
# Writes its own pid and the pid of a child it starts to $1, then waits far longer than any timeout in the tests.
cat > /dev/null
sleep 120 &
echo "$$ $!" > "$1"
wait
