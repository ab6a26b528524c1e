#!/usr/bin/env bash
# Rebuilds server/wasm/bash-flat.wasm: tree-sitter's runtime + the tree-sitter-bash grammar (from
# node_modules) + server/wasm/bash-flat.c, in one WebAssembly module. Only needed when one of those
# changes; the output is committed. Needs Debian's clang-14, lld-14 and wasi-libc:
#   apt-get install -y clang-14 lld-14 wasi-libc
# With --check, builds into a temporary file and fails when it differs from the committed one.
set -euo pipefail
cd "$(dirname "$0")/.."

# The runtime's C sources as the tree-sitter project publishes them (its Node binding ships them).
TREE_SITTER_VERSION=0.25.1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "tree-sitter@$TREE_SITTER_VERSION" >/dev/null && tar xzf "tree-sitter-$TREE_SITTER_VERSION.tgz")
runtime="$work/package/vendor/tree-sitter/lib"
grammar="node_modules/tree-sitter-bash/src"

out="server/wasm/bash-flat.wasm"
target="$out"
[ "${1:-}" = "--check" ] && target="$work/bash-flat.wasm"

# -O2: -O3 and LTO measured no faster. The prefix maps keep the temporary folder out of assert messages,
# so the output is the same on every machine. Compiled and linked in two steps because clang, given -O
# when it links, also runs binaryen's wasm-opt if one happens to be installed, and the output would then
# depend on the machine. The 1 GiB memory cap makes a runaway parse fail (the caller then skips the
# shell rules for that RUN) instead of taking the editor's memory.
objects=()
pids=()
for src in "$runtime/src/lib.c" "$grammar/parser.c" "$grammar/scanner.c" server/wasm/bash-flat.c; do
  obj="$work/$(basename "$(dirname "$src")")-$(basename "$src" .c).o"
  clang-14 --target=wasm32-wasi -O2 -c \
    -I"$runtime/include" -I"$runtime/src" -I"$grammar" -ffile-prefix-map="$work/package"=tree-sitter -ffile-prefix-map="$PWD"=. \
    "$src" -o "$obj" &
  pids+=($!)
  objects+=("$obj")
done
for pid in "${pids[@]}"; do wait "$pid"; done
clang-14 --target=wasm32-wasi -mexec-model=reactor "${objects[@]}" \
  -Wl,--strip-all -Wl,-z,stack-size=1048576 -Wl,--max-memory=1073741824 \
  -o "$target"

# The licences of what the module contains, shipped beside it (dist/bash-flat.wasm.LEGAL.txt).
notice="server/wasm/NOTICE.txt"
{
  echo "server/wasm/bash-flat.wasm contains code from the following projects, under these licences."
  echo
  echo "== tree-sitter $TREE_SITTER_VERSION (the runtime) =="
  cat "$work/package/LICENSE"
  echo
  echo "== tree-sitter-bash $(node -p "require('tree-sitter-bash/package.json').version") (the grammar) =="
  cat node_modules/tree-sitter-bash/LICENSE
  echo
  echo "== wasi-libc (the C library: malloc, string and wide-character functions), Debian's copyright file =="
  cat /usr/share/doc/wasi-libc/copyright
} > "$work/NOTICE.txt"

if [ "$target" != "$out" ]; then
  cmp -s "$work/NOTICE.txt" "$notice" || { echo "$notice is out of date: run scripts/buildShellWasm.sh" >&2; exit 1; }
  cmp -s "$target" "$out" || { echo "$out is not what its sources build: run scripts/buildShellWasm.sh" >&2; exit 1; }
  echo "$out matches its sources"
else
  cp "$work/NOTICE.txt" "$notice"
  echo "built $out ($(wc -c <"$out") bytes)"
fi
