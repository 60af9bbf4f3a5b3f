using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gonghui.Platform.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Hardship : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hardship_assistance",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    fund = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    child_member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    goods = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    handed_over_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    application_id = table.Column<Guid>(type: "uuid", nullable: true),
                    ledger_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hardship_assistance", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hardship_campaigns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hardship_campaigns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hardship_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hardship_documents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hardship_evaluations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    file_id = table.Column<Guid>(type: "uuid", nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    sampled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sampled_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    rightly_identified = table.Column<bool>(type: "boolean", nullable: true),
                    rightly_exited = table.Column<bool>(type: "boolean", nullable: true),
                    assistance_right = table.Column<bool>(type: "boolean", nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    judged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    judged_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hardship_evaluations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hardship_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    from = table.Column<int>(type: "integer", nullable: true),
                    to = table.Column<int>(type: "integer", nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    idempotency_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hardship_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hardship_files",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_no = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    org_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    district_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    worker_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    worker_id_masked = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    phone_cipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    phone_masked = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    monthly_income_fen = table.Column<long>(type: "bigint", nullable: false),
                    household_size = table.Column<int>(type: "integer", nullable: false),
                    per_person_income_fen = table.Column<long>(type: "bigint", nullable: false),
                    cause_flags = table.Column<long>(type: "bigint", nullable: false),
                    grade = table.Column<int>(type: "integer", nullable: false),
                    eligibility_rule = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    assessed_year = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    filed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    filed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    notice_ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    open_objections = table.Column<int>(type: "integer", nullable: false),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_verified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reverify_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    contact_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    last_visit_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    visit_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    exit_reason = table.Column<int>(type: "integer", nullable: true),
                    exited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    follow_up_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hardship_files", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hardship_grant_applications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    child_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    stage = table.Column<int>(type: "integer", nullable: false),
                    school = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    admission_document_id = table.Column<Guid>(type: "uuid", nullable: true),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    assistance_id = table.Column<Guid>(type: "uuid", nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hardship_grant_applications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hardship_household_members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    relation = table.Column<int>(type: "integer", nullable: false),
                    id_cipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    id_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    id_masked = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    active_id_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: false),
                    health = table.Column<int>(type: "integer", nullable: false),
                    work = table.Column<int>(type: "integer", nullable: false),
                    school = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    monthly_income_fen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hardship_household_members", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_hardship_assistance_application_id",
                table: "hardship_assistance",
                column: "application_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hardship_assistance_file_id_year",
                table: "hardship_assistance",
                columns: new[] { "file_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_hardship_assistance_idempotency_key",
                table: "hardship_assistance",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hardship_assistance_year_type",
                table: "hardship_assistance",
                columns: new[] { "year", "type" });

            migrationBuilder.CreateIndex(
                name: "ix_hardship_campaigns_year",
                table: "hardship_campaigns",
                column: "year",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hardship_documents_application_id",
                table: "hardship_documents",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "ix_hardship_documents_file_id",
                table: "hardship_documents",
                column: "file_id");

            migrationBuilder.CreateIndex(
                name: "ix_hardship_evaluations_year_file_id",
                table: "hardship_evaluations",
                columns: new[] { "year", "file_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hardship_events_file_id_at",
                table: "hardship_events",
                columns: new[] { "file_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_hardship_events_file_id_idempotency_key",
                table: "hardship_events",
                columns: new[] { "file_id", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hardship_files_district_code_grade_status_org_unit_id",
                table: "hardship_files",
                columns: new[] { "district_code", "grade", "status", "org_unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_hardship_files_file_no",
                table: "hardship_files",
                column: "file_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hardship_files_filed_at_id",
                table: "hardship_files",
                columns: new[] { "filed_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_hardship_files_org_unit_id_filed_at",
                table: "hardship_files",
                columns: new[] { "org_unit_id", "filed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_hardship_files_reverify_due_at_is_active_org_unit_id",
                table: "hardship_files",
                columns: new[] { "reverify_due_at", "is_active", "org_unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_hardship_files_status_cause_flags_org_unit_id",
                table: "hardship_files",
                columns: new[] { "status", "cause_flags", "org_unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_hardship_files_visit_due_at_is_active_org_unit_id",
                table: "hardship_files",
                columns: new[] { "visit_due_at", "is_active", "org_unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_hardship_grant_applications_campaign_id_child_member_id",
                table: "hardship_grant_applications",
                columns: new[] { "campaign_id", "child_member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hardship_grant_applications_campaign_id_status",
                table: "hardship_grant_applications",
                columns: new[] { "campaign_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_hardship_grant_applications_file_id",
                table: "hardship_grant_applications",
                column: "file_id");

            migrationBuilder.CreateIndex(
                name: "ix_hardship_household_members_active_id_hash",
                table: "hardship_household_members",
                column: "active_id_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hardship_household_members_file_id",
                table: "hardship_household_members",
                column: "file_id");

            migrationBuilder.CreateIndex(
                name: "ix_hardship_household_members_id_hash",
                table: "hardship_household_members",
                column: "id_hash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hardship_assistance");

            migrationBuilder.DropTable(
                name: "hardship_campaigns");

            migrationBuilder.DropTable(
                name: "hardship_documents");

            migrationBuilder.DropTable(
                name: "hardship_evaluations");

            migrationBuilder.DropTable(
                name: "hardship_events");

            migrationBuilder.DropTable(
                name: "hardship_files");

            migrationBuilder.DropTable(
                name: "hardship_grant_applications");

            migrationBuilder.DropTable(
                name: "hardship_household_members");
        }
    }
}
