#!/usr/bin/env bash
# Installs what Group Console needs to build, run and test, skipping whatever is already
# in place (a rerun takes seconds). Reaches only the package registries: crates.io,
# Debian, npm, and rustup's own server when it answers.
#
#   scripts/setup.sh            everything
#   STEPS="rust tools" scripts/setup.sh   a subset: rust tools apt npm fetch
#   STEPS="npm-bench" scripts/setup.sh    bench/ only (make bench; never part of the default)
#
# What it installs:
#   rust   the wasm32-unknown-unknown target: `rustup target add` (under a timeout); if that
#          cannot be reached, Debian's rustc-web with std for wasm32 built into its sysroot
#          and linked into rustup as the toolchain "debian-wasm"
#   tools  cargo install: wasm-bindgen-cli (= Cargo.lock's wasm-bindgen), trunk 0.21.14,
#          wasm-pack 0.15.1; cargo build: tools/wasm-split (the split step's splitter)
#   apt    Debian: chromium, chromium-driver (browser tests), nginx and its brotli_static
#          module (deployment test)
#   npm    tools/: binaryen (wasm-opt, wasm-merge; Debian's binaryen 108 breaks the app) and
#          playwright-core (tools/testkit.mjs: e2e and bench; no browser download, they use
#          /usr/bin/chromium); e2e/: axe-core
#   npm-bench  bench/: lighthouse (make bench only)
#   fetch  cargo fetch, so the offline trunk build has every crate
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STEPS=${STEPS:-"rust tools apt npm fetch"}
TRUNK_VERSION=0.21.14
WASM_PACK_VERSION=0.15.1
TARGET=wasm32-unknown-unknown
DEBIAN_TC=debian-wasm
START=$(date +%s)
export PATH="$HOME/.cargo/bin:$PATH"
export DEBIAN_FRONTEND=noninteractive

log() { printf '[setup +%ss] %s\n' "$(($(date +%s) - START))" "$*"; }
die() { log "ERROR: $*"; exit 1; }
want() { [[ " $STEPS " == *" $1 "* ]]; }

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi

# ---------------------------------------------------------------- Debian packages
APT_UPDATED=0
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
apt_install() {
  local missing=() p
  for p in "$@"; do have_pkg "$p" || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  command -v apt-get >/dev/null || die "apt-get not found: install ${missing[*]} with your package manager"
  if ((APT_UPDATED == 0)); then
    log "apt-get update"
    timeout 300 $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install ${missing[*]}"
  timeout 900 $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ---------------------------------------------------------------- rust + wasm32 std
has_wasm_std() { # has_wasm_std <toolchain>
  local dir
  dir=$(RUSTUP_TOOLCHAIN=$1 rustc --print target-libdir --target $TARGET 2>/dev/null) || return 1
  compgen -G "$dir/libstd-*.rlib" >/dev/null
}

debian_stamp() { /usr/bin/rustc -vV; echo "build-std=std,panic_abort,test embed-bitcode=yes"; }
DEB_LIB=/usr/lib/rustlib/$TARGET/lib
DEB_STAMP=/usr/lib/rustlib/$TARGET/build-std.stamp

# Debian's rustc-web ships no std for wasm32: build it from rust-web-src into the sysroot.
debian_toolchain() {
  apt_install rustc-web cargo-web rust-web-src
  local llvm
  llvm=$(/usr/bin/rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
  [[ -n $llvm ]] || die "cannot read the LLVM version of /usr/bin/rustc"
  apt_install "lld-$llvm"
  # rustc links wasm with rust-lld from the host rustlib; Debian has none.
  local lld=/usr/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld
  [[ -x $lld ]] || { $SUDO mkdir -p "$(dirname "$lld")"; $SUDO ln -sfn "/usr/lib/llvm-$llvm/bin/lld" "$lld"; }
  if [[ "$(cat "$DEB_STAMP" 2>/dev/null)" != "$(debian_stamp)" ]] || ! compgen -G "$DEB_LIB/libstd-*.rlib" >/dev/null; then
    local tmp
    tmp=$(mktemp -d)
    mkdir -p "$tmp/src"
    printf '[package]\nname = "stdbuild"\nversion = "0.0.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n' >"$tmp/Cargo.toml"
    echo '#[no_mangle] pub extern "C" fn one() -> i32 { 1 }' >"$tmp/src/lib.rs"
    log "building std for $TARGET from source (a few minutes)"
    # embed-bitcode: without it every LTO release build fails ("Can't find section .llvmbc").
    # test: without libtest, `cargo test --target wasm32` fails with E0463.
    (cd "$tmp" && RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc RUSTFLAGS="-Cembed-bitcode=yes" \
      timeout 1800 /usr/bin/cargo build -q --release --target $TARGET -Zbuild-std=std,panic_abort,test) \
      || die "building std for $TARGET failed (see $tmp)"
    $SUDO mkdir -p "$DEB_LIB"
    $SUDO rm -f "$DEB_LIB"/lib*.rlib
    find "$tmp/target/$TARGET/release/deps" -name 'lib*.rlib' ! -name 'libstdbuild*' -exec $SUDO cp {} "$DEB_LIB/" \;
    debian_stamp | $SUDO tee "$DEB_STAMP" >/dev/null
    rm -rf "$tmp" "$ROOT/target/$TARGET"   # old artifacts would fail with E0460
  fi
  if command -v rustup >/dev/null && ! rustup toolchain list | grep -q "^$DEBIAN_TC"; then
    rustup toolchain link "$DEBIAN_TC" /usr
  fi
}

step_rust() {
  if ! command -v cargo >/dev/null; then
    log "no Rust found: trying rustup's installer"
    if timeout 300 bash -c 'curl -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal' >/dev/null 2>&1; then
      export PATH="$HOME/.cargo/bin:$PATH"
    else
      log "rustup's installer is unreachable: using Debian's rustc-web"
      debian_toolchain
      return
    fi
  fi
  if ! command -v rustup >/dev/null; then
    has_wasm_std "" && { log "rust: $(rustc --version) has $TARGET"; return; }
    debian_toolchain
    return
  fi
  local tc
  tc=$(rustup show active-toolchain 2>/dev/null | awk '{print $1}')
  tc=${tc:-stable}
  if has_wasm_std "$tc"; then
    log "rust: toolchain $tc already has $TARGET"
  elif timeout 60 rustup target add --toolchain "$tc" $TARGET >/dev/null 2>&1 && has_wasm_std "$tc"; then
    log "rust: rustup target add $TARGET done"
  else
    log "rust: rustup cannot fetch $TARGET here: using Debian's rustc-web as toolchain $DEBIAN_TC"
    debian_toolchain
  fi
}

# ---------------------------------------------------------------- cargo-installed tools
cargo_install() { # cargo_install <crate> <version> <binary> [cargo install flags...]
  local crate=$1 version=$2 bin=$3
  shift 3
  if command -v "$bin" >/dev/null && "$bin" --version 2>/dev/null | grep -qw -- "$version"; then
    log "$crate $version already installed"
    return
  fi
  log "cargo install $crate $version (minutes on 2 cores; trunk about 9)"
  # --locked first; a yanked or missing locked dependency falls back to fresh resolution
  # (seen: wasm-bindgen-cli 0.2.130 locks a webpki-roots the registry no longer has).
  if ! timeout 2400 cargo install -q --locked "$crate" --version "$version" "$@"; then
    log "--locked failed for $crate; retrying without --locked"
    timeout 2400 cargo install -q "$crate" --version "$version" "$@" || die "cargo install $crate $version failed"
  fi
}

step_tools() {
  # Built with the host toolchain (stable when rustup has it): tools need no wasm std.
  local wbg
  wbg=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$ROOT/Cargo.lock")
  [[ -n $wbg ]] || die "no wasm-bindgen in Cargo.lock"
  cargo_install wasm-bindgen-cli "$wbg" wasm-bindgen
  cargo_install trunk "$TRUNK_VERSION" trunk
  cargo_install wasm-pack "$WASM_PACK_VERSION" wasm-pack
  # Built in place (its own Cargo.lock; cargo rebuilds it only when it changed): the splitter
  # and the manifest of what each page needs (tools/wasm-split/Cargo.toml).
  log "cargo build tools/wasm-split (a no-op when built; about 2.5 minutes the first time on 2 cores)"
  timeout 2400 cargo build -q --release --locked --manifest-path "$ROOT/tools/wasm-split/Cargo.toml" \
    --target-dir "$ROOT/tools/wasm-split/target" || die "building tools/wasm-split failed"
}

# ---------------------------------------------------------------- browser, nginx
step_apt() {
  apt_install chromium chromium-driver nginx libnginx-mod-http-brotli-static
  [[ -x /usr/bin/chromedriver ]] || die "chromedriver missing after install"
}

# ---------------------------------------------------------------- npm packages
npm_ci() { # npm_ci <dir>: reinstall only when package-lock.json changed
  local dir=$ROOT/$1 stamp=$ROOT/$1/node_modules/.lock-stamp
  local sum
  sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [[ "$(cat "$stamp" 2>/dev/null)" == "$sum" ]]; then
    log "npm packages in $1/ up to date"
    return
  fi
  command -v npm >/dev/null || apt_install nodejs npm
  log "npm ci in $1/"
  (cd "$dir" && timeout 900 npm ci --no-audit --no-fund --loglevel=error)
  echo "$sum" >"$stamp"
}

step_npm() {
  npm_ci tools
  npm_ci e2e
}

step_fetch() {
  (cd "$ROOT" && . scripts/env.sh && cargo fetch -q)
  log "crates fetched"
}

want rust && step_rust
want tools && step_tools
want apt && step_apt
want npm && step_npm
want fetch && step_fetch
want npm-bench && npm_ci bench
log "setup complete in $(($(date +%s) - START))s"
