#!/bin/sh
# Runs once, when the Postgres volume is new (docker-entrypoint-initdb.d). Two roles without superuser rights:
# `schakel` owns the read model and audit log (the migrations need no superuser, ADR 0002); `temporal` may create
# Temporal's two databases. Separate databases, so each is backed up and restored on its own (docs/operations.md).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v schakel_password="$SCHAKEL_DB_PASSWORD" -v temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE schakel LOGIN PASSWORD :'schakel_password';
CREATE DATABASE schakel OWNER schakel;
CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_password';
SQL
