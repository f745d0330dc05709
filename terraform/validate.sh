#!/usr/bin/env bash
# Offline check of terraform/: fmt -check, then in every env init without a backend (providers from
# a local mirror) and validate, then `terraform test` wherever a tests/ folder is. The tests mock the
# AWS provider (mock_provider): nothing is planned or applied against AWS.
#   TF_PLUGIN_MIRROR   provider mirror directory (default /opt/tf-plugins)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v terraform >/dev/null 2>&1; then
  echo "[terraform] skipped: terraform is not installed" >&2
  exit 0
fi
MIRROR=${TF_PLUGIN_MIRROR:-/opt/tf-plugins}
if [ -z "$(ls -A "$MIRROR" 2>/dev/null)" ]; then
  echo "[terraform] skipped: no provider mirror at $MIRROR (set TF_PLUGIN_MIRROR)" >&2
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path = "$MIRROR"
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

rc=0
echo "[terraform] $(terraform version | head -1)"
if terraform fmt -check -recursive -diff .; then echo "[terraform] fmt: ok"; else echo "[terraform] fmt: files need terraform fmt"; rc=1; fi
check() { # dir: init + validate, and test when it has tests/
  local dir=$1 had_lock=0 ok=1
  # a data dir per run keeps the checkout free of .terraform/ from this check
  export TF_DATA_DIR="$work/${dir//\//-}"
  [ -f "$dir/.terraform.lock.hcl" ] && had_lock=1
  if ! terraform -chdir="$dir" init -backend=false -input=false -no-color >"$work/init.log" 2>&1; then
    cat "$work/init.log" >&2; ok=0
  elif ! terraform -chdir="$dir" validate -no-color >"$work/validate.log" 2>&1; then
    cat "$work/validate.log" >&2; ok=0
  elif [ -d "$dir/tests" ]; then
    if terraform -chdir="$dir" test -no-color >"$work/test.log" 2>&1; then
      echo "[terraform] $dir: valid, $(tail -1 "$work/test.log")"
    else
      cat "$work/test.log" >&2; ok=0
    fi
  else
    echo "[terraform] $dir: valid"
  fi
  [ $had_lock = 1 ] || rm -f "$dir/.terraform.lock.hcl"
  [ $ok = 1 ] || { echo "[terraform] $dir: FAILED"; return 1; }
}

for dir in envs/*/ modules/*/tests/; do
  dir=${dir%/}; dir=${dir%/tests}
  check "$dir" || rc=1
done
exit $rc
