#!/bin/sh
# wget for the local busybox image. Debian's busybox is built without wget's -T (timeout) and
# crashes on it; Alpine's busybox, which this image stands in for, has it. This takes -T SECS,
# -TSECS or --timeout=SECS off the arguments and applies it with busybox's own timeout.
secs=""
left=$#
while [ "$left" -gt 0 ]; do
  arg=$1
  shift
  left=$((left - 1))
  case $arg in
    -T) secs=$1; shift; left=$((left - 1)) ;;
    -T*) secs=${arg#-T} ;;
    --timeout=*) secs=${arg#--timeout=} ;;
    *) set -- "$@" "$arg" ;;
  esac
done
if [ -n "$secs" ]; then
  exec /bin/busybox timeout "$secs" /bin/busybox wget "$@"
fi
exec /bin/busybox wget "$@"
