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
# A fixed id instead of the generation time: two branches that both change the model then touch the same three files
# per provider (merged as "ours" by .gitattributes, then regenerated), never add and delete differently named ones.
for p in Sqlite PostgreSql; do
  for f in "$dir/$p"/[0-9]*_Initial*.cs; do
    id=$(basename "$f" | cut -d_ -f1)
    [ "$id" = 00000000000000 ] && continue
    sed -i "s/\"${id}_Initial\"/\"00000000000000_Initial\"/" "$f"
    mv "$f" "$dir/$p/$(basename "$f" | sed "s/^${id}_/00000000000000_/")"
  done
done
ls "$dir"/Sqlite "$dir"/PostgreSql
