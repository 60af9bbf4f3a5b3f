using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gonghui.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Venues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "venues_venues",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<int>(type: "INTEGER", nullable: false),
                    is_public_area = table.Column<bool>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    unit_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    district_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    lat = table.Column<double>(type: "REAL", nullable: false),
                    lng = table.Column<double>(type: "REAL", nullable: false),
                    hours = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    amenities = table.Column<int>(type: "INTEGER", nullable: false),
                    capacity = table.Column<int>(type: "INTEGER", nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    certification = table.Column<int>(type: "INTEGER", nullable: false),
                    published = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    creation_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_venues_venues", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_venues_venues_creation_key",
                table: "venues_venues",
                column: "creation_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_venues_venues_district_code_type",
                table: "venues_venues",
                columns: new[] { "district_code", "type" });

            migrationBuilder.CreateIndex(
                name: "ix_venues_venues_name",
                table: "venues_venues",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_venues_venues_unit_id",
                table: "venues_venues",
                column: "unit_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "venues_venues");
        }
    }
}
