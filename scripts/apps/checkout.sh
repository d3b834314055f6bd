#!/usr/bin/env bash
# Materializes the real-app corpus (test/apps/corpus.json) from git repositories you already have: each app is
# `git archive` of its pinned commit (its subpath stripped) into OUT/<id>/. Nothing is downloaded and nothing of the
# apps enters this repository. Then: DOCKER_EXPERT_APPS=OUT npx vitest run test/apps
#
#   scripts/apps/checkout.sh --repos DIR [--out DIR]
#     --repos DIR   where the repositories are: DIR/<owner>+<name>/repo (a bare mirror), DIR/<owner>+<name>, or
#                   DIR/<owner>/<name> (a clone); default /work/.mirror
#     --out DIR     where the apps go (default ../apps beside this checkout)
# An app whose upstream snapshot was too large names the fork it was read from (source.fetchedFrom: the same commit).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
repos=/work/.mirror
out="$(cd "$root/.." && pwd)/apps"
while [ $# -gt 0 ]; do
  case "$1" in
    --repos) repos="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "checkout.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
missing=0
while IFS=$'\t' read -r id repo commit subpath; do
  gitdir=""
  for candidate in "$repos/${repo/\//+}/repo" "$repos/${repo/\//+}" "$repos/$repo"; do
    if git --git-dir="$candidate" rev-parse --quiet --verify "$commit^{commit}" >/dev/null 2>&1; then gitdir="$candidate"; break; fi
    if git -C "$candidate" rev-parse --quiet --verify "$commit^{commit}" >/dev/null 2>&1; then gitdir="$(git -C "$candidate" rev-parse --git-dir)"; gitdir="$(cd "$candidate" && cd "$gitdir" && pwd)"; break; fi
  done
  if [ -z "$gitdir" ]; then
    echo "missing: $id ($repo at $commit)" >&2
    missing=$((missing + 1))
    continue
  fi
  rm -rf "${out:?}/$id.partial" && mkdir -p "$out/$id.partial"
  strip=0
  [ -n "$subpath" ] && strip=$(($(tr -cd '/' <<<"${subpath%/}" | wc -c) + 1))
  git --git-dir="$gitdir" archive "$commit" ${subpath:+"$subpath"} | tar -x -C "$out/$id.partial" --strip-components="$strip"
  rm -rf "${out:?}/$id" && mv "$out/$id.partial" "$out/$id"
  echo "$id"
done < <(node -e '
  for (const a of require(process.argv[1])) console.log([a.id, a.source.fetchedFrom ?? a.source.repo, a.source.commit, a.source.path ?? ""].join("\t"));
' "$root/test/apps/corpus.json")
[ "$missing" -eq 0 ] || { echo "checkout.sh: $missing app(s) not found under $repos" >&2; exit 1; }
