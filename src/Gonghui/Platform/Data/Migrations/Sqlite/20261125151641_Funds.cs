using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gonghui.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Funds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "funds_accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fund_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    org_unit_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    balance = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_funds_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "funds_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    fund_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    org_unit_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    source_type = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    source_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    reverses_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    reversed_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    memo = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_funds_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "funds_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    entry_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_funds_lines", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_funds_accounts_fund_code_org_unit_id_year_kind",
                table: "funds_accounts",
                columns: new[] { "fund_code", "org_unit_id", "year", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_funds_accounts_org_unit_id_year",
                table: "funds_accounts",
                columns: new[] { "org_unit_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_funds_entries_fund_code_org_unit_id_year_at",
                table: "funds_entries",
                columns: new[] { "fund_code", "org_unit_id", "year", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_funds_entries_idempotency_key",
                table: "funds_entries",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_funds_entries_source_type_source_id",
                table: "funds_entries",
                columns: new[] { "source_type", "source_id" });

            migrationBuilder.CreateIndex(
                name: "ux_funds_entries_live_payment",
                table: "funds_entries",
                columns: new[] { "source_type", "source_id" },
                unique: true,
                filter: "kind = 2 AND reversed_by_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_funds_lines_account_id",
                table: "funds_lines",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_funds_lines_entry_id",
                table: "funds_lines",
                column: "entry_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "funds_accounts");

            migrationBuilder.DropTable(
                name: "funds_entries");

            migrationBuilder.DropTable(
                name: "funds_lines");
        }
    }
}
