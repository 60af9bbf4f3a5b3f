using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gonghui.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HotlineMore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "last_progress_at",
                table: "hotline_requests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "merged_count",
                table: "hotline_requests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "hotline_attachments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    request_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    stage = table.Column<int>(type: "INTEGER", nullable: false),
                    uploaded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_attachments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hotline_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    request_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    target_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    target_path = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    linked_at = table.Column<long>(type: "INTEGER", nullable: false),
                    linked_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_links", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hotline_topic_notes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    topic_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    author = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_topic_notes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hotline_topics",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    alert_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    month = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    target = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    lead_unit_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    lead_unit_path = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    scope_path = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    enterprise_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    since = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    closed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_topics", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_merged_into_id",
                table: "hotline_requests",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "ix_hotline_attachments_request_id",
                table: "hotline_attachments",
                column: "request_id");

            migrationBuilder.CreateIndex(
                name: "ix_hotline_attachments_sha256",
                table: "hotline_attachments",
                column: "sha256");

            migrationBuilder.CreateIndex(
                name: "ix_hotline_links_request_id_kind_reference",
                table: "hotline_links",
                columns: new[] { "request_id", "kind", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hotline_topic_notes_topic_id_at",
                table: "hotline_topic_notes",
                columns: new[] { "topic_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_topics_alert_id",
                table: "hotline_topics",
                column: "alert_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hotline_topics_year_month",
                table: "hotline_topics",
                columns: new[] { "year", "month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hotline_attachments");

            migrationBuilder.DropTable(
                name: "hotline_links");

            migrationBuilder.DropTable(
                name: "hotline_topic_notes");

            migrationBuilder.DropTable(
                name: "hotline_topics");

            migrationBuilder.DropIndex(
                name: "ix_hotline_requests_merged_into_id",
                table: "hotline_requests");

            migrationBuilder.DropColumn(
                name: "last_progress_at",
                table: "hotline_requests");

            migrationBuilder.DropColumn(
                name: "merged_count",
                table: "hotline_requests");
        }
    }
}
