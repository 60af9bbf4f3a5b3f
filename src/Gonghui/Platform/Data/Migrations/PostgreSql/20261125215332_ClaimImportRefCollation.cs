using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gonghui.Platform.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ClaimImportRefCollation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_mutual_aid_claims_import_ref",
                table: "mutual_aid_claims");

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_claims_import_ref",
                table: "mutual_aid_claims",
                column: "import_ref",
                unique: true)
                .Annotation("Relational:Collation", new[] { "C" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_mutual_aid_claims_import_ref",
                table: "mutual_aid_claims");

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_claims_import_ref",
                table: "mutual_aid_claims",
                column: "import_ref",
                unique: true);
        }
    }
}
