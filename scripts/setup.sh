#!/usr/bin/env bash
# Idempotent machine setup for Seimbang on Debian 12.
# Installs toolchains and libraries from Debian packages, fetches the sources of
# Dear ImGui and SQLite with `apt-get source` (never committed), builds the SQLite
# amalgamation, and installs npm browser-test tooling. A second run is a no-op.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DEPS="$ROOT/.deps"          # git-ignored: third-party sources live here
mkdir -p "$DEPS"

PKGS=(build-essential cmake ninja-build ccache pkg-config
      libsqlite3-dev sqlite3 libcpp-httplib-dev nlohmann-json3-dev doctest-dev
      libsodium-dev libssl-dev openssl libmimalloc-dev liblemon-dev glpk-utils libimgui-dev libglfw3-dev zlib1g-dev libbrotli-dev
      libhpdf-dev libqrencode-dev clang-14 libclang-rt-14-dev
      emscripten fonts-dejavu-core fonttools chromium dpkg-dev curl xz-utils
      autoconf automake libtool libzip-dev libexpat1-dev python3-openpyxl
      libxlsxwriter-dev poppler-utils brotli)

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# deb-src entries for the same mirror, needed by `apt-get source`.
SRC=/etc/apt/sources.list.d/seimbang-src.sources
need_src=0
[ -f "$SRC" ] || need_src=1
[ -f "$DEPS/imgui/imgui.h" ] && [ -f "$DEPS/sqlite/sqlite3.c" ] && need_src=0

if [ ${#missing[@]} -gt 0 ] || [ $need_src -eq 1 ]; then
  if [ ! -f "$SRC" ]; then
    $SUDO tee "$SRC" >/dev/null <<'SRCS'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRCS
  fi
  $SUDO apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Dear ImGui sources (same version as libimgui-dev) for the WebAssembly build.
if [ ! -f "$DEPS/imgui/imgui.h" ]; then
  tmp=$(mktemp -d); (cd "$tmp" && apt-get source -qq --download-only imgui >/dev/null 2>&1 || apt-get source -qq imgui)
  (cd "$tmp" && { ls *.dsc >/dev/null 2>&1 && dpkg-source -x --no-check *.dsc src >/dev/null 2>&1 || true; })
  d=$(find "$tmp" -maxdepth 2 -name imgui.h -printf '%h\n' | head -1)
  rm -rf "$DEPS/imgui"; cp -r "$d" "$DEPS/imgui"; rm -rf "$tmp"
fi

# SQLite amalgamation built from the Debian source package (same version as libsqlite3-dev).
if [ ! -f "$DEPS/sqlite/sqlite3.c" ]; then
  tmp=$(mktemp -d); (cd "$tmp" && apt-get source -qq --download-only sqlite3 >/dev/null 2>&1 || true)
  (cd "$tmp" && dpkg-source -x --no-check *.dsc src >/dev/null)
  (cd "$tmp/src" && ./configure -q >/dev/null && make -s sqlite3.c >/dev/null)
  mkdir -p "$DEPS/sqlite"; cp "$tmp/src/sqlite3.c" "$tmp/src/sqlite3.h" "$DEPS/sqlite/"; rm -rf "$tmp"
fi

# libsodium for the WebAssembly build (Argon2id offline-login verifiers), built
# with Emscripten from the Debian source package of the same version as
# libsodium-dev. Built once per machine into a cache outside the checkout (a
# fresh clone, as in CI, reuses it), then linked into .deps.
SODIUM_VER=$(dpkg-query -W -f='${Version}' libsodium-dev | sed 's/[^A-Za-z0-9.+~-]/_/g')
SODIUM_CACHE="${SEIMBANG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/seimbang}/libsodium-wasm-$SODIUM_VER"
if [ ! -f "$SODIUM_CACHE/lib/libsodium.a" ]; then
  echo "setup: building libsodium $SODIUM_VER for WebAssembly (once per machine)"
  tmp=$(mktemp -d); (cd "$tmp" && apt-get source -qq --download-only libsodium >/dev/null 2>&1 || true)
  (cd "$tmp" && dpkg-source -x --no-check *.dsc src >/dev/null)
  (cd "$tmp/src" && ./autogen.sh -s >/dev/null 2>&1 &&
   NODE_PATH=/usr/share/nodejs emconfigure ./configure -q --host=wasm32-unknown-emscripten --prefix="$SODIUM_CACHE" \
     --enable-minimal --disable-shared --disable-asm --without-pthreads --disable-ssp --disable-pie CFLAGS=-O2 >/dev/null 2>&1 &&
   NODE_PATH=/usr/share/nodejs emmake make -s -j"$(nproc)" install >/dev/null 2>&1) ||
    { echo "setup: building libsodium for WebAssembly failed" >&2; rm -rf "$tmp"; exit 1; }
  rm -rf "$tmp"
fi
ln -sfn "$SODIUM_CACHE" "$DEPS/libsodium-wasm"

# Header-only libraries seen by both builds through one include dir (the WASM build
# must not see the host's /usr/include).
mkdir -p "$DEPS/include"
for h in lemon nlohmann doctest; do
  [ -e "$DEPS/include/$h" ] || ln -s "/usr/include/$h" "$DEPS/include/$h"
done

# Browser-test tooling (uses Debian's Chromium; never downloads a browser).
if [ ! -d "$ROOT/tests/e2e/node_modules/playwright-core" ] && [ -f "$ROOT/tests/e2e/package.json" ]; then
  (cd "$ROOT/tests/e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund 2>/dev/null || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --silent --no-audit --no-fund)
fi
echo "setup: ok"
