#!/usr/bin/env bash
# The whole Pletor job with nothing but curl and jq: upload the input files, start the run,
# poll until it ends, save every result file. It is what a plain HTTP client does; a test runs
# it against pletor-sim, and bench/run measures `pletor` against it.
#
#   PLETOR_API_BASE=URL PLETOR_API_KEY=KEY [POLL=SECONDS] \
#     examples/quickstart.sh AGENT_ID OUT_DIR [INPUT_ID=TEXT | INPUT_ID=@FILE]...
#
# Inputs are named by their ids (`pletor agents show AGENT --json` lists them). Text results are
# printed first, then the path of each saved file. Exit status: 0 the run completed, 3 it failed
# or was cancelled, 1 an HTTP request failed. It knows nothing of reviews: a run that waits for
# one is polled until it ends.
set -euo pipefail
: "${PLETOR_API_BASE:?set PLETOR_API_BASE to the API base URL}"
: "${PLETOR_API_KEY:?set PLETOR_API_KEY to your API key}"
poll=${POLL:-5}
agent=${1:?usage: quickstart.sh AGENT_ID OUT_DIR [INPUT_ID=TEXT | INPUT_ID=@FILE]...}
out=${2:?usage: quickstart.sh AGENT_ID OUT_DIR [INPUT_ID=TEXT | INPUT_ID=@FILE]...}
shift 2
mkdir -p "$out"

api() { curl --silent --show-error --fail -H "X-Api-Key: $PLETOR_API_KEY" "$@"; }

# Each argument becomes one entry of the run's inputs: text as it is, a file as an uploaded asset.
inputs='[]'
for arg in "$@"; do
  id=${arg%%=*}
  value=${arg#*=}
  if [[ $value == @* ]]; then
    asset=$(api -F "file=@${value#@}" "$PLETOR_API_BASE/assets/upload/" | jq -er '.id // .asset_id')
    entry=$(jq -n --arg id "$id" --arg asset "$asset" '{id: $id, value: {asset_ids: [$asset]}}')
  else
    entry=$(jq -n --arg id "$id" --arg text "$value" '{id: $id, value: $text}')
  fi
  inputs=$(jq --argjson entry "$entry" '. + [$entry]' <<<"$inputs")
done

body=$(jq -n --arg agent "$agent" --argjson inputs "$inputs" '{agent_id: $agent, inputs: $inputs}')
run=$(api -H 'Content-Type: application/json' -d "$body" "$PLETOR_API_BASE/runs/" | jq -er '.id // .run_id')

# Poll until the run ends; an unknown status counts as still going.
while true; do
  state=$(api "$PLETOR_API_BASE/runs/$run")
  status=$(jq -r '.status' <<<"$state")
  case $status in
    completed | failed | cancelled | canceled) break ;;
  esac
  sleep "$poll"
done

jq -r '(.results // [])[] | .text // empty' <<<"$state"
if [[ $status != completed ]]; then
  exit 3
fi
# Results list assets under `results[].asset_id`, or under `outputs[].asset_ids[]`.
for asset in $(jq -r '((.results // [])[] | .asset_id // empty), ((.outputs // [])[] | .asset_ids[]?)' <<<"$state"); do
  api --location -o "$out/$asset" "$PLETOR_API_BASE/assets/$asset/download"
  echo "$out/$asset"
done
