using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Gonghui.Platform.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Hotline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hotline_alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    scope_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    to = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hotline_co_units",
                columns: table => new
                {
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_co_units", x => new { x.request_id, x.unit_id });
                });

            migrationBuilder.CreateTable(
                name: "hotline_idempotency_keys",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_idempotency_keys", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "hotline_outbox",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    to_cipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    to_masked = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    to_unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    body = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hotline_request_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    from_state = table.Column<int>(type: "integer", nullable: true),
                    to_state = table.Column<int>(type: "integer", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_request_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hotline_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tracking_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    channel = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    sub_category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    urgency = table.Column<int>(type: "integer", nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    caller_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    phone_cipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    phone_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    phone_masked = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    filed_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    enterprise_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    contact_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    update_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolution_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lead_unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    scope_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    dispatched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    contacted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    contacted_in_time = table.Column<bool>(type: "boolean", nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    extension_days = table.Column<int>(type: "integer", nullable: false),
                    extension_requested_days = table.Column<int>(type: "integer", nullable: false),
                    pauses = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    paused_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    times_reopened = table.Column<int>(type: "integer", nullable: false),
                    escalation_level = table.Column<int>(type: "integer", nullable: false),
                    escalated_to_unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    overdue = table.Column<bool>(type: "boolean", nullable: false),
                    visited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    visit_reached = table.Column<bool>(type: "boolean", nullable: true),
                    visit_solved = table.Column<bool>(type: "boolean", nullable: true),
                    visit_satisfaction = table.Column<int>(type: "integer", nullable: true),
                    visit_unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    merged_into_id = table.Column<Guid>(type: "uuid", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hotline_visits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    agent = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reached = table.Column<bool>(type: "boolean", nullable: false),
                    solved = table.Column<bool>(type: "boolean", nullable: false),
                    satisfaction = table.Column<int>(type: "integer", nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_visits", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_alerts_key_category_status",
                table: "hotline_alerts",
                columns: new[] { "key", "category", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_co_units_unit_path",
                table: "hotline_co_units",
                column: "unit_path");

            migrationBuilder.CreateIndex(
                name: "ix_hotline_outbox_sent_at_next_attempt_at",
                table: "hotline_outbox",
                columns: new[] { "sent_at", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_request_events_request_id_at",
                table: "hotline_request_events",
                columns: new[] { "request_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_enterprise_id_category_received_at",
                table: "hotline_requests",
                columns: new[] { "enterprise_id", "category", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_lead_unit_id",
                table: "hotline_requests",
                column: "lead_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_phone_hash",
                table: "hotline_requests",
                column: "phone_hash");

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_received_at",
                table: "hotline_requests",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_scope_path_received_at",
                table: "hotline_requests",
                columns: new[] { "scope_path", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_state_resolution_due_at",
                table: "hotline_requests",
                columns: new[] { "state", "resolution_due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_tracking_code",
                table: "hotline_requests",
                column: "tracking_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_visited_at_visit_unit_id_visit_reached_con~",
                table: "hotline_requests",
                columns: new[] { "visited_at", "visit_unit_id", "visit_reached", "contacted_in_time", "visit_solved", "visit_satisfaction" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_visits_request_id",
                table: "hotline_visits",
                column: "request_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hotline_alerts");

            migrationBuilder.DropTable(
                name: "hotline_co_units");

            migrationBuilder.DropTable(
                name: "hotline_idempotency_keys");

            migrationBuilder.DropTable(
                name: "hotline_outbox");

            migrationBuilder.DropTable(
                name: "hotline_request_events");

            migrationBuilder.DropTable(
                name: "hotline_requests");

            migrationBuilder.DropTable(
                name: "hotline_visits");
        }
    }
}
