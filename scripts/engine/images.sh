# Builders for the local base images: sourced by setup.sh, never run. No registry is ever contacted:
# busybox comes from the busybox-static package, Debian from debootstrap against Debian's mirror,
# Node from the host's own node binary and npm.

image_source() {
  podman image inspect --format "{{index .Labels \"$IMAGE_SOURCE_LABEL\"}}" "$1" 2>/dev/null || true
}

# True when IMAGE exists and was built from SOURCE.
image_current() {
  [ "$(image_source "$1")" = "$2" ]
}

debian_mirror() {
  if [ -n "${DOCKER_EXPERT_DEBIAN_MIRROR:-}" ]; then
    echo "$DOCKER_EXPERT_DEBIAN_MIRROR"
    return
  fi
  # The first main-archive URI apt itself uses (deb822 .sources files, then one-line sources.list).
  local uri
  uri="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i ~ /\/debian\/?$/) { print $i; exit } }')"
  if [ -z "$uri" ]; then
    uri="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:\/\/.*\/debian\/?$/) { print $i; exit } }')"
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

build_busybox_image() {
  local busybox=/bin/busybox
  [ -x "$busybox" ] || die "$busybox is missing (package busybox-static)"
  local source
  local shim="$here/busybox-wget-timeout.sh"
  source="busybox-static $(dpkg-query -W -f='${Version}' busybox-static) wget shim $(sha256sum < "$shim" | cut -c1-12)"
  image_current "$IMAGE_BUSYBOX" "$source" && return
  local ctx
  ctx="$(mktemp -d)"
  cp "$busybox" "$ctx/busybox"
  cp "$shim" "$ctx/wget"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$ctx/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$ctx/group"
  cat > "$ctx/Containerfile" <<CONTAINERFILE
FROM scratch
COPY busybox /bin/busybox
COPY passwd group /etc/
COPY --chmod=755 wget /usr/local/bin/wget
RUN ["/bin/busybox", "sh", "-c", "/bin/busybox mkdir -p /sbin /usr/bin /usr/sbin /root /tmp /var/www && /bin/busybox chmod 1777 /tmp && /bin/busybox --install -s"]
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
LABEL $IMAGE_SOURCE_LABEL="$source"
CMD ["sh"]
CONTAINERFILE
  podman build --quiet --network=none -t "$IMAGE_BUSYBOX" "$ctx" >&2
  rm -rf "$ctx"
}

# Makes $ENGINE_CACHE_DIR/NAME.tar (a Debian minbase rootfs plus INCLUDE packages) unless it is cached.
debootstrap_tarball() {
  local name="$1" include="$2" tarball="$ENGINE_CACHE_DIR/$1.tar"
  if [ -s "$tarball" ]; then
    log "reusing cached rootfs $tarball"
    return
  fi
  mkdir -p "$ENGINE_CACHE_DIR/debs"
  local work mirror
  work="$(mktemp -d "$ENGINE_CACHE_DIR/work.XXXXXX")"
  mirror="$(debian_mirror)"
  log "debootstrap $DEBIAN_SUITE ${include:+(+ $include) }from $mirror"
  debootstrap --variant=minbase ${include:+--include="$include"} --cache-dir="$ENGINE_CACHE_DIR/debs" \
    "$DEBIAN_SUITE" "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || die "debootstrap failed; last lines of its log:
$(tail -n 20 "$work/debootstrap.log")"
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
  tar --numeric-owner -C "$work/rootfs" -cf "$tarball.partial" .
  mv "$tarball.partial" "$tarball"
  rm -rf "$work"
}

# import_rootfs IMAGE TARBALL [extra --change lines...]
import_rootfs() {
  local image="$1" tarball="$2"
  shift 2
  local source
  source="$(basename "$tarball") $(stat -c '%s %Y' "$tarball")"
  image_current "$image" "$source" && return
  local changes=(--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
    --change "LABEL $IMAGE_SOURCE_LABEL=\"$source\"")
  for change in "$@"; do changes+=(--change "$change"); done
  podman import --quiet "${changes[@]}" "$tarball" "$image" >&2
}

# site_layer BASE IMAGE [ENV ...]: BASE plus this machine's CA bundle and the ENV lines given, as IMAGE. The stand-ins
# then trust the same certificates as the host (a TLS-inspecting proxy included) and find the package mirrors.
site_layer() {
  local base="$1" image="$2"
  shift 2
  local ca_sum=none
  [ -s "$HOST_CA_BUNDLE" ] && ca_sum="$(sha256sum < "$HOST_CA_BUNDLE" | cut -c1-12)"
  local source
  source="$(image_source "$base") ca $ca_sum $*"
  image_current "$image" "$source" && return
  local ctx
  ctx="$(mktemp -d)"
  if [ -s "$HOST_CA_BUNDLE" ]; then cp "$HOST_CA_BUNDLE" "$ctx/ca-certificates.crt"; else : > "$ctx/ca-certificates.crt"; fi
  {
    echo "FROM $base"
    [ -s "$HOST_CA_BUNDLE" ] && echo 'COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt'
    [ -s "$HOST_CA_BUNDLE" ] && echo 'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt PIP_CERT=/etc/ssl/certs/ca-certificates.crt REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt'
    for env in "$@"; do echo "ENV $env"; done
    echo "LABEL $IMAGE_SOURCE_LABEL=\"$source\""
  } > "$ctx/Containerfile"
  podman build --quiet --network=none -t "$image" "$ctx" >&2
  rm -rf "$ctx"
}

build_debian_image() {
  debootstrap_tarball "debian-$DEBIAN_SUITE-minbase" ""
  import_rootfs "$IMAGE_DEBIAN-rootfs" "$ENGINE_CACHE_DIR/debian-$DEBIAN_SUITE-minbase.tar" 'CMD ["bash"]'
  site_layer "$IMAGE_DEBIAN-rootfs" "$IMAGE_DEBIAN"
}

build_python_image() {
  local name="debian-$DEBIAN_SUITE-python3"
  if [ ! -s "$ENGINE_CACHE_DIR/$name.tar" ]; then
    debootstrap_tarball "$name.raw" "python3,python3-pip,python3-venv"
    # Like the official python image: `python` and `pip` exist and pip may install system-wide.
    local work
    work="$(mktemp -d "$ENGINE_CACHE_DIR/work.XXXXXX")"
    tar -C "$work" -xf "$ENGINE_CACHE_DIR/$name.raw.tar"
    rm -f "$work"/usr/lib/python3*/EXTERNALLY-MANAGED
    ln -sf python3 "$work/usr/bin/python"
    ln -sf pip3 "$work/usr/bin/pip"
    tar --numeric-owner -C "$work" -cf "$ENGINE_CACHE_DIR/$name.tar.partial" .
    mv "$ENGINE_CACHE_DIR/$name.tar.partial" "$ENGINE_CACHE_DIR/$name.tar"
    rm -rf "$work" "$ENGINE_CACHE_DIR/$name.raw.tar"
  fi
  import_rootfs "$IMAGE_PYTHON-rootfs" "$ENGINE_CACHE_DIR/$name.tar" 'CMD ["python3"]'
  # pip and uv find this machine's PyPI mirror, when one is served (start_pypi_mirror).
  local index_env=()
  if [ -n "${PYPI_INDEX_URLS:-}" ]; then
    local first="${PYPI_INDEX_URLS%% *}" rest="${PYPI_INDEX_URLS#* }" host
    [ "$rest" = "$PYPI_INDEX_URLS" ] && rest=""
    host="$(echo "$first" | sed -E 's#^https?://([^:/]+).*#\1#')"
    index_env=("PIP_INDEX_URL=$first" "PIP_TRUSTED_HOST=$host" "UV_DEFAULT_INDEX=$first" "UV_INSECURE_HOST=$host")
    [ -n "$rest" ] && index_env+=("PIP_EXTRA_INDEX_URL=\"$rest\"" "UV_INDEX=\"$rest\"")
  fi
  site_layer "$IMAGE_PYTHON-rootfs" "$IMAGE_PYTHON" "${index_env[@]}"
}

build_node_image() {
  [ -n "$HOST_NODE" ] || die "no node binary on the host to copy into $IMAGE_NODE"
  local node npm_dir corepack_dir version source yarn_tgz
  node="$(readlink -f "$HOST_NODE")"
  npm_dir="$(dirname "$node")/../lib/node_modules/npm"
  corepack_dir="$(dirname "$node")/../lib/node_modules/corepack"
  [ -f "$npm_dir/bin/npm-cli.js" ] || die "npm not found beside $node (looked in $npm_dir)"
  [ -f "$corepack_dir/dist/corepack.js" ] || die "corepack not found beside $node (looked in $corepack_dir)"
  # Yarn classic, as the official image ships it: packed from the npm registry once, then cached.
  yarn_tgz="$ENGINE_CACHE_DIR/yarn-$YARN_CLASSIC_VERSION.tgz"
  if [ ! -s "$yarn_tgz" ]; then
    mkdir -p "$ENGINE_CACHE_DIR"
    log "packing yarn@$YARN_CLASSIC_VERSION from the npm registry"
    (cd "$ENGINE_CACHE_DIR" && "$node" "$npm_dir/bin/npm-cli.js" pack "yarn@$YARN_CLASSIC_VERSION" --silent >/dev/null) \
      || die "could not download yarn@$YARN_CLASSIC_VERSION from the npm registry"
  fi
  version="$("$node" --version)"
  source="node $version npm $("$node" "$npm_dir/bin/npm-cli.js" --version) corepack yarn $YARN_CLASSIC_VERSION on $(image_source "$IMAGE_DEBIAN")"
  image_current "$IMAGE_NODE" "$source" && return
  local ctx
  ctx="$(mktemp -d)"
  cp "$node" "$ctx/node"
  cp -a "$npm_dir" "$ctx/npm"
  cp -a "$corepack_dir" "$ctx/corepack"
  mkdir -p "$ctx/yarn" && tar -xzf "$yarn_tgz" -C "$ctx/yarn" --strip-components=1
  # Like the official node image: node, npm, corepack and yarn classic in /usr/local, a `node` user with uid 1000.
  cat > "$ctx/Containerfile" <<CONTAINERFILE
FROM $IMAGE_DEBIAN
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
COPY corepack /usr/local/lib/node_modules/corepack
COPY yarn /opt/yarn-v$YARN_CLASSIC_VERSION
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && ln -s ../lib/node_modules/corepack/dist/corepack.js /usr/local/bin/corepack \\
 && ln -s /opt/yarn-v$YARN_CLASSIC_VERSION/bin/yarn /usr/local/bin/yarn \\
 && ln -s /opt/yarn-v$YARN_CLASSIC_VERSION/bin/yarnpkg /usr/local/bin/yarnpkg \\
 && yarn --version \\
 && groupadd --gid 1000 node \\
 && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \\
 && node --version && npm --version
ENV NODE_VERSION=${version#v}
LABEL $IMAGE_SOURCE_LABEL="$source"
CMD ["node"]
CONTAINERFILE
  podman build --quiet --network=none -t "$IMAGE_NODE" "$ctx" >&2
  rm -rf "$ctx"
}

# Go from Debian's packages, unpacked (not installed) beside the minbase image: no dpkg run, no
# compiler for cgo, so CGO_ENABLED=0 like the static builds our generator writes. Laid out like the
# official golang image: GOPATH=/go.
build_golang_image() {
  local debs="$ENGINE_CACHE_DIR/debs/golang" packages=("golang-$GO_DEBIAN_VERSION-go" "golang-$GO_DEBIAN_VERSION-src")
  mkdir -p "$debs"
  local pkg
  for pkg in "${packages[@]}"; do
    if ! compgen -G "$debs/${pkg}_*.deb" >/dev/null; then
      log "downloading $pkg from Debian's mirror"
      # Package lists may be missing or stale (setup skips apt-get update when nothing needs installing).
      (cd "$debs" && apt-get -q download "$pkg" >&2) \
        || { apt-get -q -o "DPkg::Lock::Timeout=$ENGINE_APT_LOCK_TIMEOUT_SECONDS" update >&2 && (cd "$debs" && apt-get -q download "$pkg" >&2); } \
        || die "could not download $pkg from Debian's mirror"
    fi
  done
  local source
  source="$(cd "$debs" && ls -- *.deb | sort | tr '\n' ' ')on $(image_source "$IMAGE_DEBIAN")"
  image_current "$IMAGE_GOLANG" "$source" && return
  local ctx
  ctx="$(mktemp -d)"
  for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$ctx/root"; done
  rm -rf "$ctx/root/usr/share/doc" "$ctx/root/usr/share/lintian" "$ctx/root/usr/share/man"
  cat > "$ctx/Containerfile" <<CONTAINERFILE
FROM $IMAGE_DEBIAN
COPY root/ /
ENV GOLANG_VERSION=$GO_DEBIAN_VERSION \\
    GOPATH=/go \\
    CGO_ENABLED=0 \\
    PATH=/go/bin:/usr/lib/go-$GO_DEBIAN_VERSION/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
RUN mkdir -p /go/src /go/bin && chmod -R 1777 /go && go version
WORKDIR /go
LABEL $IMAGE_SOURCE_LABEL="$source"
CONTAINERFILE
  podman build --quiet --network=none -t "$IMAGE_GOLANG" "$ctx" >&2
  rm -rf "$ctx"
}

# The node image plus a compiler toolchain (python3, make, g++ from Debian's mirror), standing in for the full
# node:*-bookworm image that native addons (sqlite3, bcrypt) compile in when no prebuilt binary can be fetched.
# node-gyp fetches Node's headers from nodejs.org, which a closed network does not reach: the host's own headers go
# into the image (npm_config_nodedir), as they would have been downloaded.
build_node_build_image() {
  local headers="${DOCKER_EXPERT_NODE_HEADERS:-/usr/include/node}"
  [ -f "$headers/node_version.h" ] || die "Node.js headers not found in $headers (set DOCKER_EXPERT_NODE_HEADERS)"
  local source
  source="$(image_source "$IMAGE_NODE") + python3 make g++ + headers $(sha256sum < "$headers/node_version.h" | cut -c1-12)"
  image_current "$IMAGE_NODE_BUILD" "$source" && return
  local ctx
  ctx="$(mktemp -d)"
  cp -a "$headers" "$ctx/node-headers"
  cat > "$ctx/Containerfile" <<CONTAINERFILE
FROM $IMAGE_NODE
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3 make g++ \\
 && rm -rf /var/lib/apt/lists/*
COPY node-headers /usr/local/include/node
ENV npm_config_nodedir=/usr/local
LABEL $IMAGE_SOURCE_LABEL="$source"
CONTAINERFILE
  podman build --quiet -t "$IMAGE_NODE_BUILD" "$ctx" >&2
  rm -rf "$ctx"
}
