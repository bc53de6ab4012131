#!/bin/sh
# Run once by the postgres image when its volume is new (/docker-entrypoint-initdb.d): the two roles of Batys
# Tracker and its database. batys_owner owns the tables and runs the migrations (MIGRATION_DATABASE_URL);
# batys_app is what the app connects as (DATABASE_URL): no superuser, owns nothing, and gets its data grants from
# the migration step at every start. The superuser (POSTGRES_USER) is used for nothing else.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$BATYS_OWNER_PASSWORD" -v app_password="$BATYS_APP_PASSWORD" <<'SQL'
CREATE ROLE batys_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE batys_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
CREATE DATABASE batys OWNER batys_owner TEMPLATE template0 ENCODING 'UTF8';
GRANT CONNECT ON DATABASE batys TO batys_app;
SQL
