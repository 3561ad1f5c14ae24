#!/usr/bin/env bash
# Start Debian's PostgreSQL on loopback and create the test role and database (idempotent).
set -euo pipefail
ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q "^$ver main"; then
  pg_createcluster "$ver" main >/dev/null
fi
pg_ctlcluster "$ver" main start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_roles WHERE rolname='ceasefire'\"" | grep -q 1 \
  || su postgres -c "psql -q -c \"CREATE ROLE ceasefire LOGIN PASSWORD 'ceasefire' CREATEDB\""
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='ceasefire_test'\"" | grep -q 1 \
  || su postgres -c "psql -q -c \"CREATE DATABASE ceasefire_test OWNER ceasefire\""
