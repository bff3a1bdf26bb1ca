#!/usr/bin/env bash
# Static checks of the deployment files, with the tools scripts/setup.sh installs into the cache
# (--servers or --deploy-tools): kustomize build of each k8s overlay validated by kubeconform
# (strict, against Kubernetes' schemas made offline), hadolint on docker/Dockerfile, and
# docker/compose.yaml against the Compose Specification's schema. Prints every tool's output and
# exits 1 on any finding. CI runs it through `nx run deploy:lint` (k8s/project.json).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tools="${EDUCUBE_CACHE:-$HOME/.cache/educube}/deploy-tools"
node="$PWD/node_modules/.bin/node"

missing=()
for f in bin/kustomize bin/kubeconform hadolint/bin/hadolint kubernetes-schemas/deployment-apps-v1.json compose-spec.json; do
  [[ -e $tools/$f ]] || missing+=("$tools/$f")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "[static-checks] missing ${missing[*]}: run bash scripts/setup.sh --deploy-tools" >&2
  exit 1
fi

status=0
step() { printf '\n[static-checks] %s\n' "$*"; }
for overlay in k8s/overlays/*/; do
  overlay=${overlay%/}
  step "kustomize build $overlay | kubeconform -strict ($(cat "$tools/kubernetes-schemas.pin" | cut -d' ' -f1))"
  # a build that renders nothing would pass kubeconform ("0 resources"): that counts as a failure
  out=$("$tools/bin/kustomize" build "$overlay" | "$tools/bin/kubeconform" -strict -summary -output text \
    -schema-location "$tools/kubernetes-schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json" -) || status=1
  echo "$out"
  grep -Eq 'Valid: [1-9]' <<<"$out" || { echo "[static-checks] $overlay: no resource validated" >&2; status=1; }
done

step "hadolint docker/Dockerfile ($("$tools/hadolint/bin/hadolint" --version))"
# No output means no finding at or above the default threshold (info).
"$tools/hadolint/bin/hadolint" --no-color docker/Dockerfile && echo "docker/Dockerfile: no findings" || status=1

step "docker/compose.yaml against the Compose Specification (compose-go $(cat "$tools/compose-spec.pin"))"
"$node" k8s/static-checks/compose-spec.mjs "$tools/compose-spec.json" docker/compose.yaml || status=1

if [[ $status -eq 0 ]]; then echo; echo "[static-checks] all passed"; else echo; echo "[static-checks] FAILED" >&2; fi
exit $status
