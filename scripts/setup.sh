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
      libxlsxwriter-dev poppler-utils brotli
      postgresql-15 libpq-dev)  # the national tier's store and its tests (docs/SCALE.md)

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

# zlib, expat and libzip for the WebAssembly build (XLSX import, shared/io/xlsx.cpp:
# the same reader as the native build), built with Emscripten from the Debian
# source packages of the versions installed for the host, exactly like libsodium:
# once per machine into the cache, linked into .deps. No Emscripten ports (they
# download from the network). The mirror may lack the newest security revision's
# source: then the other versions `apt-cache showsrc` lists are tried. Expat with
# autotools (Debian's patches test `XML_DTD == 1`, which its CMake config leaves
# empty); libzip's CMake gets the type sizes (its check_type_size reads garbage
# from Emscripten's output: off_t is 64-bit, size_t 32-bit on wasm32).
fetch_source() {  # fetch_source PACKAGE DIR: unpacked Debian source in DIR/src
  local pkg=$1 dir=$2 v
  (cd "$dir" && apt-get source -qq --download-only "$pkg" >/dev/null 2>&1) ||
    for v in $(apt-cache showsrc "$pkg" | sed -n 's/^Version: //p' | sort -u -r); do
      rm -f "$dir"/*.dsc
      (cd "$dir" && apt-get source -qq --download-only "$pkg=$v" >/dev/null 2>&1) && break
    done
  (cd "$dir" && dpkg-source -x --no-check ./*.dsc src >/dev/null)
}
XLSX_VER=$(dpkg-query -W -f='${Version}-' zlib1g-dev libexpat1-dev libzip-dev | sed 's/[^A-Za-z0-9.+~-]/_/g')
XLSX_CACHE="${SEIMBANG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/seimbang}/xlsx-wasm-$XLSX_VER"
if [ ! -f "$XLSX_CACHE/lib/libzip.a" ]; then
  echo "setup: building zlib, expat, libzip for WebAssembly (once per machine)"
  tmp=$(mktemp -d)
  mkdir -p "$tmp/zlib" "$tmp/expat" "$tmp/libzip"
  export NODE_PATH=/usr/share/nodejs
  { fetch_source zlib "$tmp/zlib" &&
    (cd "$tmp/zlib/src" && CFLAGS=-O2 emconfigure ./configure --static --prefix="$XLSX_CACHE" >/dev/null 2>&1 &&
     emmake make -s -j"$(nproc)" libz.a >/dev/null 2>&1 && emmake make -s install >/dev/null 2>&1) &&
    fetch_source expat "$tmp/expat" &&
    (cd "$tmp/expat/src/expat" && ./buildconf.sh >/dev/null 2>&1 && emconfigure ./configure -q --host=wasm32-unknown-emscripten --prefix="$XLSX_CACHE" \
       --disable-shared --without-docbook --without-examples --without-tests --without-xmlwf CFLAGS=-O2 >/dev/null 2>&1 &&
     emmake make -s -j"$(nproc)" install >/dev/null 2>&1) &&
    fetch_source libzip "$tmp/libzip" &&
    (cd "$tmp/libzip/src" && emcmake cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$XLSX_CACHE" \
       -DBUILD_SHARED_LIBS=OFF -DENABLE_BZIP2=OFF -DENABLE_LZMA=OFF -DENABLE_ZSTD=OFF -DENABLE_GNUTLS=OFF \
       -DENABLE_MBEDTLS=OFF -DENABLE_OPENSSL=OFF -DENABLE_COMMONCRYPTO=OFF -DENABLE_WINDOWS_CRYPTO=OFF \
       -DBUILD_TOOLS=OFF -DBUILD_REGRESS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF \
       -DZLIB_INCLUDE_DIR="$XLSX_CACHE/include" -DZLIB_LIBRARY="$XLSX_CACHE/lib/libz.a" \
       -DHAVE_SIZEOF_OFF_T=TRUE -DSIZEOF_OFF_T=8 -DHAVE_SIZEOF_SIZE_T=TRUE -DSIZEOF_SIZE_T=4 >/dev/null 2>&1 &&
     cmake --build build -j"$(nproc)" >/dev/null 2>&1 && cmake --install build >/dev/null 2>&1); } ||
    { echo "setup: building zlib/expat/libzip for WebAssembly failed" >&2; rm -rf "$tmp"; exit 1; }
  rm -rf "$tmp"
fi
ln -sfn "$XLSX_CACHE" "$DEPS/xlsx-wasm"

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
