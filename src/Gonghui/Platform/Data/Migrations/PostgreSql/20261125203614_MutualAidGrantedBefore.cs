using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gonghui.Platform.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class MutualAidGrantedBefore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "explanation",
                table: "mutual_aid_claims");

            migrationBuilder.AddColumn<long>(
                name: "granted_before_fen",
                table: "mutual_aid_claims",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "granted_before_fen",
                table: "mutual_aid_claims");

            migrationBuilder.AddColumn<string>(
                name: "explanation",
                table: "mutual_aid_claims",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");
        }
    }
}
