using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Gonghui.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LoansAndMutualAidCap : Migration
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

            migrationBuilder.AddColumn<long>(
                name: "recorded_at",
                table: "loans_repayments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recorded_by",
                table: "loans_repayments",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "contact_cipher",
                table: "loans_loans",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "contact_masked",
                table: "loans_loans",
                type: "TEXT",
                maxLength: 11,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "enterprise_id",
                table: "loans_loans",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "fund_year",
                table: "loans_loans",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "funding_unit_id",
                table: "loans_loans",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "member_id",
                table: "loans_loans",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "product_id",
                table: "loans_loans",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "repaid_on",
                table: "loans_loans",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "loans_loans",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "fee_refunds_batch_keys",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    result_json = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fee_refunds_batch_keys", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "loans_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    loan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loans_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "loans_idempotency_keys",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    loan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loans_idempotency_keys", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "loans_products",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    applicant_kind = table.Column<int>(type: "INTEGER", nullable: false),
                    min_amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    max_amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    min_months = table.Column<int>(type: "INTEGER", nullable: false),
                    max_months = table.Column<int>(type: "INTEGER", nullable: false),
                    annual_rate_bp = table.Column<int>(type: "INTEGER", nullable: false),
                    guarantor_required = table.Column<bool>(type: "INTEGER", nullable: false),
                    purposes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loans_products", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "loans_reminders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    loan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    unit_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    instalment_no = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    applicant_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    to_cipher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    to_masked = table.Column<string>(type: "TEXT", maxLength: 11, nullable: true),
                    body = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loans_reminders", x => x.id);
                });

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

            migrationBuilder.InsertData(
                table: "loans_products",
                columns: new[] { "id", "active", "annual_rate_bp", "applicant_kind", "code", "guarantor_required", "max_amount_fen", "max_months", "min_amount_fen", "min_months", "name", "purposes" },
                values: new object[,]
                {
                    { new Guid("0193a000-0000-7000-8000-000000000001"), true, 0, 0, "small-firm", true, 50000000L, 36, 1000000L, 6, "小微企业创业贷款", "设备购置;经营周转;技术改造;场地租赁" },
                    { new Guid("0193a000-0000-7000-8000-000000000002"), true, 0, 1, "worker-entrepreneur", true, 20000000L, 24, 500000L, 6, "职工创业贷款", "设备购置;经营周转;场地租赁" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_loans_loans_enterprise_id",
                table: "loans_loans",
                column: "enterprise_id");

            migrationBuilder.CreateIndex(
                name: "ix_loans_loans_member_id",
                table: "loans_loans",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_funds_lines_account_id_amount",
                table: "funds_lines",
                columns: new[] { "account_id", "amount" });

            migrationBuilder.CreateIndex(
                name: "ix_funds_lines_entry_id_account_id_amount",
                table: "funds_lines",
                columns: new[] { "entry_id", "account_id", "amount" });

            migrationBuilder.CreateIndex(
                name: "ix_loans_events_loan_id",
                table: "loans_events",
                column: "loan_id");

            migrationBuilder.CreateIndex(
                name: "ix_loans_products_code",
                table: "loans_products",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_loans_reminders_loan_id_instalment_no_kind",
                table: "loans_reminders",
                columns: new[] { "loan_id", "instalment_no", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_loans_reminders_sent_at_next_attempt_at",
                table: "loans_reminders",
                columns: new[] { "sent_at", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_loans_reminders_unit_id_created_at",
                table: "loans_reminders",
                columns: new[] { "unit_id", "created_at" });

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
                name: "fee_refunds_batch_keys");

            migrationBuilder.DropTable(
                name: "loans_events");

            migrationBuilder.DropTable(
                name: "loans_idempotency_keys");

            migrationBuilder.DropTable(
                name: "loans_products");

            migrationBuilder.DropTable(
                name: "loans_reminders");

            migrationBuilder.DropTable(
                name: "mutual_aid_member_years");

            migrationBuilder.DropIndex(
                name: "ix_loans_loans_enterprise_id",
                table: "loans_loans");

            migrationBuilder.DropIndex(
                name: "ix_loans_loans_member_id",
                table: "loans_loans");

            migrationBuilder.DropIndex(
                name: "ix_funds_lines_account_id_amount",
                table: "funds_lines");

            migrationBuilder.DropIndex(
                name: "ix_funds_lines_entry_id_account_id_amount",
                table: "funds_lines");

            migrationBuilder.DropColumn(
                name: "recorded_at",
                table: "loans_repayments");

            migrationBuilder.DropColumn(
                name: "recorded_by",
                table: "loans_repayments");

            migrationBuilder.DropColumn(
                name: "contact_cipher",
                table: "loans_loans");

            migrationBuilder.DropColumn(
                name: "contact_masked",
                table: "loans_loans");

            migrationBuilder.DropColumn(
                name: "enterprise_id",
                table: "loans_loans");

            migrationBuilder.DropColumn(
                name: "fund_year",
                table: "loans_loans");

            migrationBuilder.DropColumn(
                name: "funding_unit_id",
                table: "loans_loans");

            migrationBuilder.DropColumn(
                name: "member_id",
                table: "loans_loans");

            migrationBuilder.DropColumn(
                name: "product_id",
                table: "loans_loans");

            migrationBuilder.DropColumn(
                name: "repaid_on",
                table: "loans_loans");

            migrationBuilder.DropColumn(
                name: "version",
                table: "loans_loans");

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
