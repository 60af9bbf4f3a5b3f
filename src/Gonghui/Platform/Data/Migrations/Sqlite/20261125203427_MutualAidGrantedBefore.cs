using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gonghui.Platform.Data.Migrations.Sqlite
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
                type: "INTEGER",
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
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");
        }
    }
}
