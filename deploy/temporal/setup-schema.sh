#!/bin/sh
# Temporal's own schema, the official way for a self-hosted server (temporalio/admin-tools, temporal-sql-tool):
# create the databases, set up the versioned schema, apply every update. Idempotent: run on every
# `docker compose up`, it only applies updates a newer server image brings. SQL_PASSWORD is read by the tool.
set -eu
schema=/etc/temporal/schema/postgresql/v12
for db in temporal temporal_visibility; do
  set -- --plugin postgres12 --ep postgres -p 5432 -u temporal --db "$db"
  temporal-sql-tool "$@" create 2>/dev/null || echo "database $db exists"
  temporal-sql-tool "$@" setup-schema -v 0.0
done
temporal-sql-tool --plugin postgres12 --ep postgres -p 5432 -u temporal --db temporal update-schema -d "$schema/temporal/versioned"
temporal-sql-tool --plugin postgres12 --ep postgres -p 5432 -u temporal --db temporal_visibility update-schema -d "$schema/visibility/versioned"
