using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gonghui.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MutualAidCap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_funds_lines_account_id",
                table: "funds_lines");

            migrationBuilder.DropIndex(
                name: "ix_funds_lines_entry_id",
                table: "funds_lines");

            migrationBuilder.CreateTable(
                name: "mutual_aid_member_years",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    granted_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mutual_aid_member_years", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_funds_lines_account_id_amount",
                table: "funds_lines",
                columns: new[] { "account_id", "amount" });

            migrationBuilder.CreateIndex(
                name: "ix_funds_lines_entry_id_account_id_amount",
                table: "funds_lines",
                columns: new[] { "entry_id", "account_id", "amount" });

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_member_years_plan_id_member_id",
                table: "mutual_aid_member_years",
                columns: new[] { "plan_id", "member_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mutual_aid_member_years");

            migrationBuilder.DropIndex(
                name: "ix_funds_lines_account_id_amount",
                table: "funds_lines");

            migrationBuilder.DropIndex(
                name: "ix_funds_lines_entry_id_account_id_amount",
                table: "funds_lines");

            migrationBuilder.CreateIndex(
                name: "ix_funds_lines_account_id",
                table: "funds_lines",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_funds_lines_entry_id",
                table: "funds_lines",
                column: "entry_id");
        }
    }
}
