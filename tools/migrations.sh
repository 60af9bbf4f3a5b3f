#!/usr/bin/env bash
# Regenerates the single Initial migration of each provider from the current EF model.
# Nothing has been deployed, so the model's history is one migration per provider (issue 13.7):
# after changing the model, run this instead of adding a migration, and commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dir=src/Gonghui/Platform/Data/Migrations
rm -f "$dir"/Sqlite/*.cs "$dir"/PostgreSql/*.cs
dotnet build src/Gonghui -c Debug -nologo -v quiet
dotnet ef migrations add Initial --no-build --project src/Gonghui --context SqliteGonghuiDb --output-dir Platform/Data/Migrations/Sqlite --configuration Debug >/dev/null
dotnet ef migrations add Initial --no-build --project src/Gonghui --context PostgresGonghuiDb --output-dir Platform/Data/Migrations/PostgreSql --configuration Debug >/dev/null
ls "$dir"/Sqlite "$dir"/PostgreSql
