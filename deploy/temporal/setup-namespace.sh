#!/bin/sh
# Once the server answers: the namespace Schakel runs in, with its retention, and the search attributes the
# referral workflow upserts (REFERRAL_SEARCH_ATTRIBUTES in libs/workflows/src/referral/referral.contract.ts);
# a workflow that upserts an unregistered attribute fails its workflow task and the case stalls. Idempotent.
set -eu
: "${TEMPORAL_ADDRESS:?}" "${TEMPORAL_NAMESPACE:?}" "${TEMPORAL_NAMESPACE_RETENTION:?}"
tries=0
until temporal operator cluster health >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 90 ] || { echo "Temporal at $TEMPORAL_ADDRESS did not become healthy" >&2; exit 1; }
  sleep 2
done
temporal operator namespace describe --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1 \
  || temporal operator namespace create --namespace "$TEMPORAL_NAMESPACE" --retention "$TEMPORAL_NAMESPACE_RETENTION"
for attribute in SchakelEscalationLevel:Int SchakelOverdue:Bool; do
  name=${attribute%%:*}
  type=${attribute#*:}
  temporal operator search-attribute list --namespace "$TEMPORAL_NAMESPACE" | grep -q "$name" \
    || temporal operator search-attribute create --namespace "$TEMPORAL_NAMESPACE" --name "$name" --type "$type"
done
echo "namespace $TEMPORAL_NAMESPACE ready"
