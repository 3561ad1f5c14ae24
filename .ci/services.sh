#!/usr/bin/env bash
# What the test suite uses for real besides Python packages: PostgreSQL (ledger tests), Chromium (dashboard
# tests), poppler-utils (the PDF report's pages are rendered). Installs the missing ones from Debian (needs root,
# as on these machines), starts PostgreSQL on loopback and creates the test role and database. Idempotent.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1 \
    || ! command -v pdftoppm >/dev/null 2>&1; then
  apt-get update -q
  apt-get install -y -q --no-install-recommends postgresql chromium fonts-dejavu-core poppler-utils >/dev/null
fi

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
