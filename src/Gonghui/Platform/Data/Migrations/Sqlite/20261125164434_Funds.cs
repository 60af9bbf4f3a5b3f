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
                name: "fee_refunds_fees",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    payroll_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    fee_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    size_class = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fee_refunds_fees", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fee_refunds_policies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    from_year = table.Column<int>(type: "INTEGER", nullable: false),
                    to_year = table.Column<int>(type: "INTEGER", nullable: false),
                    classes = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    share_bp = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fee_refunds_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fee_refunds_refunds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    policy_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    enterprise_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    funding_unit_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    fee_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    explanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    computed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    approved_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    approved_at = table.Column<long>(type: "INTEGER", nullable: true),
                    paid_at = table.Column<long>(type: "INTEGER", nullable: true),
                    commit_entry_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    payment_entry_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fee_refunds_refunds", x => x.id);
                });

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

            migrationBuilder.CreateTable(
                name: "loans_loans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    applicant_kind = table.Column<int>(type: "INTEGER", nullable: false),
                    applicant_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    unit_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    months = table.Column<int>(type: "INTEGER", nullable: false),
                    annual_rate_bp = table.Column<int>(type: "INTEGER", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    guarantor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    reject_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    applied_at = table.Column<long>(type: "INTEGER", nullable: false),
                    disbursed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    repaid_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    commit_entry_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    payment_entry_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loans_loans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "loans_repayments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    loan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loans_repayments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mutual_aid_claims",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    union_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    funding_unit_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    admitted_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    hospital = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    diagnosis = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    total_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    insurance_covered_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    self_paid_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    payout_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    explanation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    reject_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    paid_at = table.Column<long>(type: "INTEGER", nullable: true),
                    commit_entry_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    payment_entry_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    approve_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    pay_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    import_ref = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mutual_aid_claims", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mutual_aid_enrolments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    union_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    enrolled_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    cover_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    is_renewal = table.Column<bool>(type: "INTEGER", nullable: false),
                    fee_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mutual_aid_enrolments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mutual_aid_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    fee_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    enrol_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    enrol_to = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    waiting_days = table.Column<int>(type: "INTEGER", nullable: false),
                    deductible_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    bands = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    per_claim_cap_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    per_year_cap_fen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mutual_aid_plans", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_fee_refunds_fees_enterprise_id_year",
                table: "fee_refunds_fees",
                columns: new[] { "enterprise_id", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fee_refunds_fees_year",
                table: "fee_refunds_fees",
                column: "year");

            migrationBuilder.CreateIndex(
                name: "ix_fee_refunds_policies_code",
                table: "fee_refunds_policies",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fee_refunds_refunds_funding_unit_id",
                table: "fee_refunds_refunds",
                column: "funding_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_fee_refunds_refunds_policy_id_enterprise_id_year",
                table: "fee_refunds_refunds",
                columns: new[] { "policy_id", "enterprise_id", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fee_refunds_refunds_status_year",
                table: "fee_refunds_refunds",
                columns: new[] { "status", "year" });

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

            migrationBuilder.CreateIndex(
                name: "ix_loans_loans_unit_id_status",
                table: "loans_loans",
                columns: new[] { "unit_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_loans_repayments_key",
                table: "loans_repayments",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_loans_repayments_loan_id",
                table: "loans_repayments",
                column: "loan_id");

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_claims_import_ref",
                table: "mutual_aid_claims",
                column: "import_ref",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_claims_member_id_plan_id",
                table: "mutual_aid_claims",
                columns: new[] { "member_id", "plan_id" });

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_claims_status_submitted_at",
                table: "mutual_aid_claims",
                columns: new[] { "status", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_claims_union_id",
                table: "mutual_aid_claims",
                column: "union_id");

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_enrolments_member_id",
                table: "mutual_aid_enrolments",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_enrolments_plan_id_member_id",
                table: "mutual_aid_enrolments",
                columns: new[] { "plan_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_enrolments_union_id_plan_id",
                table: "mutual_aid_enrolments",
                columns: new[] { "union_id", "plan_id" });

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_plans_code",
                table: "mutual_aid_plans",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_plans_year",
                table: "mutual_aid_plans",
                column: "year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fee_refunds_fees");

            migrationBuilder.DropTable(
                name: "fee_refunds_policies");

            migrationBuilder.DropTable(
                name: "fee_refunds_refunds");

            migrationBuilder.DropTable(
                name: "funds_accounts");

            migrationBuilder.DropTable(
                name: "funds_entries");

            migrationBuilder.DropTable(
                name: "funds_lines");

            migrationBuilder.DropTable(
                name: "loans_loans");

            migrationBuilder.DropTable(
                name: "loans_repayments");

            migrationBuilder.DropTable(
                name: "mutual_aid_claims");

            migrationBuilder.DropTable(
                name: "mutual_aid_enrolments");

            migrationBuilder.DropTable(
                name: "mutual_aid_plans");
        }
    }
}
