#!/usr/bin/env bash
# Offline check of every Terraform env: init without a backend (providers from a local mirror),
# validate, and fmt -check over all of terraform/. Never plans or applies.
#   TF_PLUGIN_MIRROR   provider mirror directory (default /opt/tf-plugins)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v terraform >/dev/null 2>&1; then
  echo "[terraform] skipped: terraform is not installed" >&2
  exit 0
fi
MIRROR=${TF_PLUGIN_MIRROR:-/opt/tf-plugins}
if [ ! -d "$MIRROR/registry.terraform.io" ]; then
  echo "[terraform] skipped: no provider mirror at $MIRROR (set TF_PLUGIN_MIRROR)" >&2
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$MIRROR"
    include = ["registry.terraform.io/*/*"]
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

rc=0
echo "[terraform] $(terraform version | head -1)"
if terraform fmt -check -recursive -diff .; then echo "[terraform] fmt: ok"; else echo "[terraform] fmt: files need terraform fmt"; rc=1; fi
for env in envs/*/; do
  env=${env%/}
  # a data dir per run keeps the checkout free of .terraform/ from this check
  export TF_DATA_DIR="$work/${env//\//-}"
  had_lock=0; [ -f "$env/.terraform.lock.hcl" ] && had_lock=1
  if terraform -chdir="$env" init -backend=false -input=false -no-color >"$work/init.log" 2>&1 \
     && terraform -chdir="$env" validate -no-color; then
    echo "[terraform] $env: valid"
  else
    cat "$work/init.log" >&2
    echo "[terraform] $env: INVALID"
    rc=1
  fi
  [ $had_lock = 1 ] || rm -f "$env/.terraform.lock.hcl"
done
exit $rc
