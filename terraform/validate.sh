#!/usr/bin/env bash
# Offline check of terraform/ and the CD pipeline:
#   1. terraform fmt -check
#   2. terraform/deploy (the one root configuration): init without a backend (providers from a local mirror)
#      and validate
#   3. per environment envs/<env>/: both files present, and `terraform test` of deploy/tests/<env>.tftest.hcl
#      with -var-file=envs/<env>/<env>.tfvars: the environment's whole deployment planned and "applied"
#      against a mocked AWS provider (mock_provider), with assertions; nothing reaches AWS
#   4. `terraform test` of every module with a tests/ folder
#   5. .harness/*.yaml parse as YAML and name the stages the pipeline must have
#   TF_PLUGIN_MIRROR   provider mirror directory (default /opt/tf-plugins)
#   CI                 when set, a missing terraform or mirror fails instead of skipping
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

missing() {
  if [ -n "${CI:-}" ]; then echo "[terraform] FAILED: $1 (CI must run these checks)" >&2; exit 1; fi
  echo "[terraform] skipped: $1" >&2; exit 0
}
command -v terraform >/dev/null 2>&1 || missing "terraform is not installed"
MIRROR=${TF_PLUGIN_MIRROR:-/opt/tf-plugins}
[ -n "$(ls -A "$MIRROR" 2>/dev/null)" ] || missing "no provider mirror at $MIRROR (set TF_PLUGIN_MIRROR)"

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
passed=0 failed=0
echo "[terraform] $(terraform version | head -1)"
if terraform fmt -check -recursive -diff .; then echo "[terraform] fmt: ok"; else echo "[terraform] fmt: files need terraform fmt"; rc=1; fi

init() { # dir: init without a backend, in a data dir of this run (the checkout stays free of .terraform/)
  local dir=$1
  export TF_DATA_DIR="$work/${dir//\//-}"
  [ -f "$dir/.terraform.lock.hcl" ] && touch "$work/${dir//\//-}.had-lock"
  terraform -chdir="$dir" init -backend=false -input=false -no-color >"$work/init.log" 2>&1 || { cat "$work/init.log" >&2; return 1; }
}
cleanup_lock() { # the lock file made from the mirror holds one platform's hashes: not kept (see .gitignore)
  local dir=$1
  [ -f "$work/${dir//\//-}.had-lock" ] || rm -f "$dir/.terraform.lock.hcl"
}
summary=""
tally() { # test log -> the run counts added up, its summary line in $summary
  local p f
  summary=$(grep -E '^(Success|Failure)!' "$1" | tail -1 || true)
  p=$(sed -nE 's/.* ([0-9]+) passed.*/\1/p' <<<"$summary"); f=$(sed -nE 's/.* ([0-9]+) failed.*/\1/p' <<<"$summary")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}
run_test() { # dir, label, extra args...
  local dir=$1 label=$2; shift 2
  if terraform -chdir="$dir" test -no-color "$@" >"$work/test.log" 2>&1; then
    tally "$work/test.log"; echo "[terraform] $label: $summary"
  else
    grep -v '^  - ' "$work/test.log" >&2
    tally "$work/test.log"; echo "[terraform] $label: FAILED ${summary:-(no summary)}"; [ -n "$summary" ] || failed=$((failed + 1)); return 1
  fi
}

# 2. the root configuration
if init deploy && terraform -chdir=deploy validate -no-color >"$work/validate.log" 2>&1; then
  echo "[terraform] deploy: valid"
  # 3. every environment
  for envdir in envs/*/; do
    env=$(basename "$envdir")
    for f in "$envdir$env.tfvars" "${envdir}backend.hcl" "deploy/tests/$env.tftest.hcl"; do
      [ -f "$f" ] || { echo "[terraform] $env: missing $f"; rc=1; continue 2; }
    done
    run_test deploy "envs/$env" -filter="tests/$env.tftest.hcl" -var-file="../envs/$env/$env.tfvars" || rc=1
  done
else
  cat "$work/validate.log" >&2 2>/dev/null || true
  echo "[terraform] deploy: FAILED"; rc=1
fi
cleanup_lock deploy

# 4. modules with their own tests
for dir in modules/*/tests/; do
  dir=${dir%/tests/}
  if init "$dir"; then run_test "$dir" "$dir" || rc=1; else rc=1; fi
  cleanup_lock "$dir"
done

# 5. the CD pipeline
if python3 - ../.harness <<'PY'
import sys, pathlib, yaml
root = pathlib.Path(sys.argv[1])
files = sorted(root.glob("**/*.yaml"))
assert files, f"no YAML under {root}"
for f in files:
    doc = yaml.safe_load(f.read_text())
    assert isinstance(doc, dict) and len(doc) == 1, f"{f}: one top-level entity (pipeline, template, ...)"
    kind, body = next(iter(doc.items()))
    assert body.get("identifier") and body.get("name"), f"{f}: {kind} needs identifier and name"
    if kind == "pipeline":
        def steps(node):  # every step below node: (type, identifier)
            if isinstance(node, dict):
                if "step" in node and isinstance(node["step"], dict):
                    yield node["step"].get("type"), node["step"].get("identifier")
                for v in node.values():
                    yield from steps(v)
            elif isinstance(node, list):
                for v in node:
                    yield from steps(v)
        stages = {s["stage"]["identifier"]: s["stage"] for s in body["stages"] if "stage" in s}
        for want in ("build", "deploy_dev", "deploy_prod"):
            assert want in stages, f"{f}: stage {want} missing (has {list(stages)})"
        assert {"BuildAndPushECR", "Run"} <= {t for t, _ in steps(stages["build"])}, f"{f}: build must test and push images"
        for env in ("deploy_dev", "deploy_prod"):
            found = list(steps(stages[env]))
            types = [t for t, _ in found]
            ids = [i for _, i in found]
            order = [types.index("TerraformPlan"), types.index("HarnessApproval"), ids.index("migrate"),
                     ids.index("apply"), ids.index("ecs_rolling_deploy")]
            assert order == sorted(order), f"{f}: {env} must plan, approve, migrate, apply, then roll ECS ({found})"
    print(f"[harness] {f.relative_to(root.parent)}: {kind} {body['identifier']} ok")
PY
then :; else echo "[harness] FAILED"; rc=1; fi

echo "[terraform] tests: $passed passed, $failed failed"
exit $rc
