using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gonghui.Platform.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Insurance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "insurance_claim_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    amount_fen = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_insurance_claim_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "insurance_claims",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    scheme_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    cover_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    insured_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    is_family = table.Column<bool>(type: "boolean", nullable: false),
                    union_id = table.Column<Guid>(type: "uuid", nullable: false),
                    funding_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    accident_on = table.Column<DateOnly>(type: "date", nullable: false),
                    cause = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    medical_fen = table.Column<long>(type: "bigint", nullable: false),
                    disability_grade = table.Column<int>(type: "integer", nullable: true),
                    death = table.Column<bool>(type: "boolean", nullable: false),
                    payout_fen = table.Column<long>(type: "bigint", nullable: false),
                    payout_medical_fen = table.Column<long>(type: "bigint", nullable: false),
                    payout_benefit_fen = table.Column<long>(type: "bigint", nullable: false),
                    explanation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    reject_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    file_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reviewed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    commit_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    payment_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    review_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    approve_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    pay_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_insurance_claims", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "insurance_covers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    scheme_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    union_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    person_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    relation = table.Column<int>(type: "integer", nullable: true),
                    id_number_cipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    id_number_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    id_number_masked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    front_line = table.Column<bool>(type: "boolean", nullable: false),
                    cover_from = table.Column<DateOnly>(type: "date", nullable: false),
                    cover_to = table.Column<DateOnly>(type: "date", nullable: false),
                    enrolled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    granted_fen = table.Column<long>(type: "bigint", nullable: false),
                    medical_granted_fen = table.Column<long>(type: "bigint", nullable: false),
                    sum_insured_used_fen = table.Column<long>(type: "bigint", nullable: false),
                    lock_version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_insurance_covers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "insurance_schemes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    cover_from = table.Column<DateOnly>(type: "date", nullable: false),
                    cover_to = table.Column<DateOnly>(type: "date", nullable: false),
                    covid_from = table.Column<DateOnly>(type: "date", nullable: true),
                    causes = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    covers_family = table.Column<bool>(type: "boolean", nullable: false),
                    sum_insured_fen = table.Column<long>(type: "bigint", nullable: false),
                    family_sum_insured_fen = table.Column<long>(type: "bigint", nullable: false),
                    medical_deductible_fen = table.Column<long>(type: "bigint", nullable: false),
                    medical_ratio_bp = table.Column<int>(type: "integer", nullable: false),
                    medical_cap_fen = table.Column<long>(type: "bigint", nullable: false),
                    disability_grades = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    per_person_cap_fen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_insurance_schemes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_insurance_claim_events_claim_id_at",
                table: "insurance_claim_events",
                columns: new[] { "claim_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_insurance_claims_cover_id",
                table: "insurance_claims",
                column: "cover_id");

            migrationBuilder.CreateIndex(
                name: "ix_insurance_claims_file_key",
                table: "insurance_claims",
                column: "file_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_insurance_claims_member_id",
                table: "insurance_claims",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_insurance_claims_status_submitted_at",
                table: "insurance_claims",
                columns: new[] { "status", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_insurance_claims_union_id",
                table: "insurance_claims",
                column: "union_id");

            migrationBuilder.CreateIndex(
                name: "ix_insurance_covers_member_id",
                table: "insurance_covers",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_insurance_covers_scheme_id_id_number_hash",
                table: "insurance_covers",
                columns: new[] { "scheme_id", "id_number_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_insurance_covers_scheme_id_union_id",
                table: "insurance_covers",
                columns: new[] { "scheme_id", "union_id" });

            migrationBuilder.CreateIndex(
                name: "ix_insurance_schemes_code",
                table: "insurance_schemes",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_insurance_schemes_year",
                table: "insurance_schemes",
                column: "year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "insurance_claim_events");

            migrationBuilder.DropTable(
                name: "insurance_claims");

            migrationBuilder.DropTable(
                name: "insurance_covers");

            migrationBuilder.DropTable(
                name: "insurance_schemes");
        }
    }
}
