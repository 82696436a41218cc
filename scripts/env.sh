# Sourced by the Makefile before every build or test command: selects the Rust toolchain
# that can target wasm32 and puts the project's tools first on PATH.
_gc_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# ~/.cargo/bin before /usr/bin: Debian's /usr/bin/cargo would bypass rustup's toolchain choice.
# tools/node_modules/.bin first: npm binaryen's wasm-opt, never Debian's binaryen 108.
export PATH="$_gc_root/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
if [[ -z "${RUSTUP_TOOLCHAIN:-}" ]] && command -v rustup >/dev/null; then
  _gc_libdir=$(rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null || true)
  if ! compgen -G "$_gc_libdir/libstd-*.rlib" >/dev/null && rustup toolchain list | grep -q '^debian-wasm'; then
    export RUSTUP_TOOLCHAIN=debian-wasm
  fi
fi
export CHROMEDRIVER=/usr/bin/chromedriver     # wasm-bindgen-test-runner reads it; nothing downloads one
export TRUNK_SKIP_VERSION_CHECK=true          # trunk's update check would go online
unset _gc_root _gc_libdir
