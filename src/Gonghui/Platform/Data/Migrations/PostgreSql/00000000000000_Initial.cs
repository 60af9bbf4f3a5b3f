using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Gonghui.Platform.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    seq = table.Column<long>(type: "bigint", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    entity_type = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    entity_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    before = table.Column<string>(type: "text", nullable: true),
                    after = table.Column<string>(type: "text", nullable: true),
                    prev_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.seq);
                });

            migrationBuilder.CreateTable(
                name: "culture_answers",
                columns: table => new
                {
                    attempt_id = table.Column<Guid>(type: "uuid", nullable: false),
                    question_id = table.Column<Guid>(type: "uuid", nullable: false),
                    choice = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_culture_answers", x => new { x.attempt_id, x.question_id });
                });

            migrationBuilder.CreateTable(
                name: "culture_attempts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    quiz_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    district = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_on = table.Column<DateOnly>(type: "date", nullable: false),
                    deadline_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    correct = table.Column<int>(type: "integer", nullable: true),
                    score = table.Column<int>(type: "integer", nullable: true),
                    drawn = table.Column<string>(type: "character varying(6800)", maxLength: 6800, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_culture_attempts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "culture_banks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    questions = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_culture_banks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "culture_like_campaigns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    closes_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_culture_like_campaigns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "culture_likes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    voter_key = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    ip_hash = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    account_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    flag = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_culture_likes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "culture_questions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    bank_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    options = table.Column<string>(type: "character varying(1300)", maxLength: 1300, nullable: false),
                    answer = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    option_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_culture_questions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "culture_quiz_taker_counts",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    months = table.Column<int>(type: "integer", nullable: false),
                    unit_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    takers = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_culture_quiz_taker_counts", x => new { x.year, x.months, x.unit_path });
                });

            migrationBuilder.CreateTable(
                name: "culture_quiz_takers",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    months = table.Column<int>(type: "integer", nullable: false),
                    shared = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_culture_quiz_takers", x => new { x.year, x.user_id, x.unit_path });
                });

            migrationBuilder.CreateTable(
                name: "culture_quizzes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    bank_id = table.Column<Guid>(type: "uuid", nullable: false),
                    question_count = table.Column<int>(type: "integer", nullable: false),
                    time_limit_seconds = table.Column<int>(type: "integer", nullable: false),
                    attempts_per_member = table.Column<int>(type: "integer", nullable: false),
                    opens_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closes_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_culture_quizzes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "culture_works",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recited_text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    author = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    media_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    bytes = table.Column<long>(type: "bigint", nullable: false),
                    duration_ms = table.Column<int>(type: "integer", nullable: false),
                    poster_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reject_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    published_on = table.Column<DateOnly>(type: "date", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_culture_works", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "enterprises",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    ownership = table.Column<int>(type: "integer", nullable: false),
                    employees = table.Column<int>(type: "integer", nullable: false),
                    revenue_fen = table.Column<long>(type: "bigint", nullable: false),
                    size_class = table.Column<int>(type: "integer", nullable: false),
                    union_founded_on = table.Column<DateOnly>(type: "date", nullable: true),
                    grassroots_union_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enterprises", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fee_refunds_batch_keys",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    result_json = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fee_refunds_batch_keys", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "fee_refunds_fees",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    payroll_fen = table.Column<long>(type: "bigint", nullable: false),
                    fee_fen = table.Column<long>(type: "bigint", nullable: false),
                    size_class = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fee_refunds_fees", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fee_refunds_policies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    from_year = table.Column<int>(type: "integer", nullable: false),
                    to_year = table.Column<int>(type: "integer", nullable: false),
                    classes = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    share_bp = table.Column<int>(type: "integer", nullable: false),
                    cap_fen = table.Column<long>(type: "bigint", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fee_refunds_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fee_refunds_policy_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    policy_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    from_year = table.Column<int>(type: "integer", nullable: false),
                    to_year = table.Column<int>(type: "integer", nullable: false),
                    classes = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    share_bp = table.Column<int>(type: "integer", nullable: false),
                    cap_fen = table.Column<long>(type: "bigint", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    changed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fee_refunds_policy_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fee_refunds_refunds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    policy_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    funding_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    fee_fen = table.Column<long>(type: "bigint", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    explanation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    approved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    commit_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    payment_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reversal_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reversal_reason = table.Column<string>(type: "text", nullable: true),
                    reversed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fee_refunds_refunds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "funds_accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    fund_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    org_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    balance = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_funds_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "funds_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    fund_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    org_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    source_type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    source_id = table.Column<Guid>(type: "uuid", nullable: true),
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reverses_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reversed_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    memo = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_funds_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "funds_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_funds_lines", x => x.id);
                });

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
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reversal_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reversal_reason = table.Column<string>(type: "text", nullable: true),
                    reversed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "hardship_paid_months",
                columns: table => new
                {
                    month = table.Column<int>(type: "integer", nullable: false),
                    union_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    payments = table.Column<int>(type: "integer", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hardship_paid_months", x => new { x.month, x.union_id, x.type });
                });

            migrationBuilder.CreateTable(
                name: "hardship_paid_subjects",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    union_id = table.Column<Guid>(type: "uuid", nullable: false),
                    payments = table.Column<int>(type: "integer", nullable: false),
                    shared = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hardship_paid_subjects", x => new { x.year, x.kind, x.subject_id, x.union_id });
                });

            migrationBuilder.CreateTable(
                name: "hardship_paid_union_years",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    union_id = table.Column<Guid>(type: "uuid", nullable: false),
                    households = table.Column<int>(type: "integer", nullable: false),
                    children = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hardship_paid_union_years", x => new { x.year, x.union_id });
                });

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
                name: "hotline_attachments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    stage = table.Column<int>(type: "integer", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_attachments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hotline_co_units",
                columns: table => new
                {
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    unit_district = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
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
                name: "hotline_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    target_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    target_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    linked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    linked_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_links", x => x.id);
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
                    scope_district = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
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
                    merged_count = table.Column<int>(type: "integer", nullable: false),
                    last_progress_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hotline_topic_notes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    topic_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    author = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_topic_notes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hotline_topics",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    alert_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    target = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    lead_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lead_unit_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    scope_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_topics", x => x.id);
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

            migrationBuilder.CreateTable(
                name: "identity_roles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_sessions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    org_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: true),
                    security_stamp = table.Column<string>(type: "text", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                    phone_number = table.Column<string>(type: "text", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    access_failed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "innovation_alliance_members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    studio_id = table.Column<Guid>(type: "uuid", nullable: false),
                    joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_alliance_members", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "innovation_alliance_project_studios",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    studio_id = table.Column<Guid>(type: "uuid", nullable: false),
                    studio_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    contribution = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    is_lead = table.Column<bool>(type: "boolean", nullable: false),
                    joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_alliance_project_studios", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "innovation_alliance_projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    lead_studio_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lead_studio_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    studios = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    status_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_alliance_projects", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "innovation_alliances",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    lead_studio_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lead_studio_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_alliances", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "innovation_annual_reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    studio_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    patents = table.Column<int>(type: "integer", nullable: false),
                    projects = table.Column<int>(type: "integer", nullable: false),
                    trainees = table.Column<int>(type: "integer", nullable: false),
                    economic_benefit_fen = table.Column<long>(type: "bigint", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_annual_reviews", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "innovation_need_offers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    need_id = table.Column<Guid>(type: "uuid", nullable: false),
                    studio_id = table.Column<Guid>(type: "uuid", nullable: false),
                    studio_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_need_offers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "innovation_needs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    alliance_id = table.Column<Guid>(type: "uuid", nullable: true),
                    enterprise = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    problem = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    posted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    offers = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_needs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "innovation_patent_awards",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    patent_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    claimed_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    granted_on = table.Column<DateOnly>(type: "date", nullable: false),
                    employer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    inventor_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    scope_district = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    studio_id = table.Column<Guid>(type: "uuid", nullable: true),
                    front_line = table.Column<bool>(type: "boolean", nullable: false),
                    first_inventor = table.Column<bool>(type: "boolean", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    filed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    filed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reject_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    commit_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    payment_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reversal_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reversal_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    lock_version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_patent_awards", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "innovation_project_scores",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    expert = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_project_scores", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "innovation_projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    studio_id = table.Column<Guid>(type: "uuid", nullable: false),
                    studio_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    studio_level = table.Column<int>(type: "integer", nullable: false),
                    scope_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    score_count = table.Column<int>(type: "integer", nullable: false),
                    mean_score_tenths = table.Column<int>(type: "integer", nullable: true),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reject_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    commit_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    payment_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reversal_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reversal_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    lock_version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_projects", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "innovation_studio_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    studio_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<int>(type: "integer", nullable: true),
                    to = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_studio_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "innovation_studio_members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    studio_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    is_leader = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_studio_members", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "innovation_studios",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    field = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    scope_district = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    enterprise_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    leader_member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    leader_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    team_size = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    applied_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    publicity_ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    recognised_on = table.Column<DateOnly>(type: "date", nullable: true),
                    recognised_year = table.Column<int>(type: "integer", nullable: true),
                    revoked_year = table.Column<int>(type: "integer", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lock_version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_studios", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "innovation_training_courses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    institution_id = table.Column<Guid>(type: "uuid", nullable: false),
                    institution_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    hours = table.Column<int>(type: "integer", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    enrolled = table.Column<int>(type: "integer", nullable: false),
                    lock_version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_training_courses", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "innovation_training_enrolments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    scope_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    attended_hours = table.Column<int>(type: "integer", nullable: false),
                    certificate_no = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    enrolled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_training_enrolments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "innovation_training_institutions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    is_demonstration_point = table.Column<bool>(type: "boolean", nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_innovation_training_institutions", x => x.id);
                });

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
                    pay_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reversal_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reversal_reason = table.Column<string>(type: "text", nullable: true),
                    reversed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "jobs_applications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    post_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    applicant_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    scope_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jobs_applications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "jobs_campaigns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    scope_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jobs_campaigns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "jobs_placements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    post_id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    employer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    placed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    placed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jobs_placements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "jobs_post_terms",
                columns: table => new
                {
                    term = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    post_id = table.Column<Guid>(type: "uuid", nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jobs_post_terms", x => new { x.term, x.post_id });
                });

            migrationBuilder.CreateTable(
                name: "jobs_posts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    employer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    employer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    employer_credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    scope_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    occupation_code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    occupation_major = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    occupation_medium = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    occupation_small = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    employment_type = table.Column<int>(type: "integer", nullable: false),
                    salary_min_fen = table.Column<long>(type: "bigint", nullable: false),
                    salary_max_fen = table.Column<long>(type: "bigint", nullable: false),
                    headcount = table.Column<int>(type: "integer", nullable: false),
                    filled = table.Column<int>(type: "integer", nullable: false),
                    address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    lat = table.Column<double>(type: "double precision", nullable: false),
                    lng = table.Column<double>(type: "double precision", nullable: false),
                    valid_through = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reviewed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    review_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jobs_posts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "labor_agreement_rounds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    agreement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    no = table.Column<int>(type: "integer", nullable: false),
                    held_on = table.Column<DateOnly>(type: "date", nullable: false),
                    topic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    union_offer_bp = table.Column<int>(type: "integer", nullable: true),
                    employer_offer_bp = table.Column<int>(type: "integer", nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_labor_agreement_rounds", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "labor_agreements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    form = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    enterprise_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    sector = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    scope_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    notify_unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    no_layoff_pledge = table.Column<bool>(type: "boolean", nullable: false),
                    requested_on = table.Column<DateOnly>(type: "date", nullable: false),
                    responded_on = table.Column<DateOnly>(type: "date", nullable: true),
                    union_chief = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    employer_chief = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    union_reps = table.Column<int>(type: "integer", nullable: true),
                    employer_reps = table.Column<int>(type: "integer", nullable: true),
                    congress_total = table.Column<int>(type: "integer", nullable: true),
                    congress_present = table.Column<int>(type: "integer", nullable: true),
                    congress_for = table.Column<int>(type: "integer", nullable: true),
                    signed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: true),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: true),
                    filed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    effective_on = table.Column<DateOnly>(type: "date", nullable: true),
                    workers_covered = table.Column<int>(type: "integer", nullable: false),
                    firms_covered = table.Column<int>(type: "integer", nullable: false),
                    wage_increase_bp = table.Column<int>(type: "integer", nullable: true),
                    minimum_wage_fen = table.Column<long>(type: "bigint", nullable: true),
                    renews_id = table.Column<Guid>(type: "uuid", nullable: true),
                    renewed_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reminded = table.Column<int>(type: "integer", nullable: false),
                    filing_reminded = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_labor_agreements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "labor_alert_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    alert_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    note = table.Column<string>(type: "character varying(1200)", maxLength: 1200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_labor_alert_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "labor_alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    scope_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    raised_on = table.Column<DateOnly>(type: "date", nullable: false),
                    verify_by = table.Column<DateOnly>(type: "date", nullable: false),
                    escalation = table.Column<int>(type: "integer", nullable: false),
                    escalated_on = table.Column<DateOnly>(type: "date", nullable: true),
                    verify_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    action_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    result = table.Column<int>(type: "integer", nullable: true),
                    result_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_labor_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "labor_check_findings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    check_id = table.Column<Guid>(type: "uuid", nullable: false),
                    firm_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    result = table.Column<int>(type: "integer", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    rectify_by = table.Column<DateOnly>(type: "date", nullable: true),
                    rectified_on = table.Column<DateOnly>(type: "date", nullable: true),
                    follow_up = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_labor_check_findings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "labor_cultivated_firms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    scope_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    cohort = table.Column<int>(type: "integer", nullable: false),
                    enrolled_on = table.Column<DateOnly>(type: "date", nullable: false),
                    lawyer_team = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    employees = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    latest_score = table.Column<int>(type: "integer", nullable: true),
                    latest_check_on = table.Column<DateOnly>(type: "date", nullable: true),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    typical = table.Column<bool>(type: "boolean", nullable: false),
                    end_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_labor_cultivated_firms", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "labor_drive_firms",
                columns: table => new
                {
                    drive_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_labor_drive_firms", x => new { x.drive_id, x.enterprise_id });
                });

            migrationBuilder.CreateTable(
                name: "labor_drive_grants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    drive_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    scope_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    fund_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    approved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    commitment_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    paid_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    payment_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reversal_entry_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_labor_drive_grants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "labor_drives",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    step = table.Column<int>(type: "integer", nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    scope_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    target_firms = table.Column<int>(type: "integer", nullable: false),
                    target_members = table.Column<int>(type: "integer", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_labor_drives", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "labor_health_checks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    firm_id = table.Column<Guid>(type: "uuid", nullable: false),
                    checked_on = table.Column<DateOnly>(type: "date", nullable: false),
                    checked_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_labor_health_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "labor_layoffs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    workforce = table.Column<int>(type: "integer", nullable: false),
                    laid_off = table.Column<int>(type: "integer", nullable: false),
                    effective_on = table.Column<DateOnly>(type: "date", nullable: false),
                    union_notified_on = table.Column<DateOnly>(type: "date", nullable: true),
                    mass_layoff = table.Column<bool>(type: "boolean", nullable: false),
                    notice_due_by = table.Column<DateOnly>(type: "date", nullable: true),
                    notice_late = table.Column<bool>(type: "boolean", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    scope_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_labor_layoffs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "labor_opinion_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_on = table.Column<DateOnly>(type: "date", nullable: false),
                    sentiment = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    industry = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    enterprise_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    scope_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    major = table.Column<bool>(type: "boolean", nullable: false),
                    handling = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    dedup_key = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_labor_opinion_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "labor_risk_scores",
                columns: table => new
                {
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    scope_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_labor_risk_scores", x => x.enterprise_id);
                });

            migrationBuilder.CreateTable(
                name: "labor_signals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    units = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    source_ref = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    scope_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_labor_signals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lecture_attendance",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    lecture_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    via = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lecture_attendance", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lecture_feedback",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    lecture_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rating = table.Column<int>(type: "integer", nullable: false),
                    comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lecture_feedback", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lecture_topics",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lecture_topics", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lectures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    topic_id = table.Column<Guid>(type: "uuid", nullable: false),
                    host_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    host_type = table.Column<int>(type: "integer", nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    audience = table.Column<int>(type: "integer", nullable: false),
                    preferred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    requesting_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    speaker_id = table.Column<Guid>(type: "uuid", nullable: true),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sign_in_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    attendance = table.Column<int>(type: "integer", nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    requested_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lectures", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "legal_aid_fees",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lawyer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    scope_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    fund_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    approved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    commitment_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    paid_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    payment_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reversal_entry_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_legal_aid_fees", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "legal_cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    channel = table.Column<int>(type: "integer", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    district = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    worker_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    worker_phone_cipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    worker_phone_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    worker_phone_masked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    workers = table.Column<int>(type: "integer", nullable: false),
                    employer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    employer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    employer_credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    industry = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    knew_on = table.Column<DateOnly>(type: "date", nullable: false),
                    employment_ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    mediation_applied_on = table.Column<DateOnly>(type: "date", nullable: true),
                    mediation_ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    arbitration_applied_on = table.Column<DateOnly>(type: "date", nullable: true),
                    accepted_on = table.Column<DateOnly>(type: "date", nullable: true),
                    extension_approved = table.Column<bool>(type: "boolean", nullable: false),
                    awarded_on = table.Column<DateOnly>(type: "date", nullable: true),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    next_due = table.Column<DateOnly>(type: "date", nullable: true),
                    next_due_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    lawyer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    outcome = table.Column<int>(type: "integer", nullable: true),
                    outcome_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    satisfaction = table.Column<int>(type: "integer", nullable: true),
                    closed_in_time = table.Column<bool>(type: "boolean", nullable: true),
                    claimed_fen = table.Column<long>(type: "bigint", nullable: false),
                    recovered_fen = table.Column<long>(type: "bigint", nullable: false),
                    hotline_request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_legal_cases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "legal_claims",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    claimed_fen = table.Column<long>(type: "bigint", nullable: false),
                    recovered_fen = table.Column<long>(type: "bigint", nullable: true),
                    over_claim_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_legal_claims", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "legal_firms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_legal_firms", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "legal_lawyers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    firm_id = table.Column<Guid>(type: "uuid", nullable: true),
                    mediator = table.Column<bool>(type: "boolean", nullable: false),
                    model_worker = table.Column<bool>(type: "boolean", nullable: false),
                    specialities = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    districts = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_legal_lawyers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "legal_limitation_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    until = table.Column<DateOnly>(type: "date", nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_legal_limitation_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "legal_representations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    firm_id = table.Column<Guid>(type: "uuid", nullable: false),
                    employer_key = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    employer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_legal_representations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "loans_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    loan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loans_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "loans_idempotency_keys",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    loan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loans_idempotency_keys", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "loans_loans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: true),
                    applicant_kind = table.Column<int>(type: "integer", nullable: false),
                    applicant_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    funding_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    months = table.Column<int>(type: "integer", nullable: false),
                    annual_rate_bp = table.Column<int>(type: "integer", nullable: false),
                    purpose = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    guarantor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    contact_cipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    contact_masked = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    reject_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    fund_year = table.Column<int>(type: "integer", nullable: true),
                    disbursed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    repaid_fen = table.Column<long>(type: "bigint", nullable: false),
                    repaid_on = table.Column<DateOnly>(type: "date", nullable: true),
                    commit_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    payment_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reversal_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reversal_reason = table.Column<string>(type: "text", nullable: true),
                    reversed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loans_loans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "loans_products",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    applicant_kind = table.Column<int>(type: "integer", nullable: false),
                    min_amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    max_amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    min_months = table.Column<int>(type: "integer", nullable: false),
                    max_months = table.Column<int>(type: "integer", nullable: false),
                    annual_rate_bp = table.Column<int>(type: "integer", nullable: false),
                    guarantor_required = table.Column<bool>(type: "boolean", nullable: false),
                    purposes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loans_products", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "loans_reminders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    loan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instalment_no = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    applicant_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    to_masked = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    body = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loans_reminders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "loans_repayments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    loan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    key = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loans_repayments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "member_transfers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_union_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_union_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_transfers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "membercard_group_members",
                columns: table => new
                {
                    group = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_membercard_group_members", x => new { x.member_id, x.group });
                });

            migrationBuilder.CreateTable(
                name: "membercard_merchant_staff",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_membercard_merchant_staff", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "membercard_merchants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    origin = table.Column<int>(type: "integer", nullable: true),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    contract_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    contract_from = table.Column<DateOnly>(type: "date", nullable: false),
                    contract_to = table.Column<DateOnly>(type: "date", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    suspended = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_membercard_merchants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "membercard_offers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: false),
                    channels = table.Column<int>(type: "integer", nullable: false),
                    threshold_fen = table.Column<long>(type: "bigint", nullable: false),
                    discount_fen = table.Column<long>(type: "bigint", nullable: false),
                    union_share_bp = table.Column<int>(type: "integer", nullable: false),
                    groups = table.Column<int>(type: "integer", nullable: false),
                    per_member_per_day = table.Column<int>(type: "integer", nullable: true),
                    per_member_per_month = table.Column<int>(type: "integer", nullable: true),
                    budget_count = table.Column<long>(type: "bigint", nullable: false),
                    budget_fen = table.Column<long>(type: "bigint", nullable: false),
                    remaining_count = table.Column<long>(type: "bigint", nullable: false),
                    remaining_fen = table.Column<long>(type: "bigint", nullable: false),
                    consumption_assistance = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_membercard_offers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "membercard_products",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    origin = table.Column<int>(type: "integer", nullable: false),
                    price_fen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_membercard_products", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "membercard_redemptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    offer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<int>(type: "integer", nullable: false),
                    till = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    bill_ref = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    bill_fen = table.Column<long>(type: "bigint", nullable: false),
                    discount_fen = table.Column<long>(type: "bigint", nullable: false),
                    union_share_fen = table.Column<long>(type: "bigint", nullable: false),
                    returned_fen = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    flags = table.Column<int>(type: "integer", nullable: false),
                    reserved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reserved_at_unix = table.Column<long>(type: "bigint", nullable: false),
                    expires_at_unix = table.Column<long>(type: "bigint", nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    confirmed_day = table.Column<int>(type: "integer", nullable: true),
                    confirmed_month = table.Column<int>(type: "integer", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdrawn_month = table.Column<int>(type: "integer", nullable: true),
                    settlement_id = table.Column<Guid>(type: "uuid", nullable: true),
                    adjusted_in_settlement_id = table.Column<Guid>(type: "uuid", nullable: true),
                    cashier = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_membercard_redemptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "membercard_settlements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    redemptions = table.Column<int>(type: "integer", nullable: false),
                    bill_fen = table.Column<long>(type: "bigint", nullable: false),
                    discount_fen = table.Column<long>(type: "bigint", nullable: false),
                    union_share_fen = table.Column<long>(type: "bigint", nullable: false),
                    adjustments = table.Column<int>(type: "integer", nullable: false),
                    adjustment_fen = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    drawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    drawn_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ledger_entry_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_membercard_settlements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "membercard_usage",
                columns: table => new
                {
                    offer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    used = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_membercard_usage", x => new { x.offer_id, x.member_id, x.period });
                });

            migrationBuilder.CreateTable(
                name: "members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    id_number_cipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    id_number_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    id_number_masked = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    sex = table.Column<int>(type: "integer", nullable: false),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: false),
                    phone_cipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    phone_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    phone_masked = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    employment_type = table.Column<int>(type: "integer", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    union_id = table.Column<Guid>(type: "uuid", nullable: false),
                    joined_on = table.Column<DateOnly>(type: "date", nullable: false),
                    card_number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_members", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "model_worker_care",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    model_worker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    once_per_year = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ledger_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    paid_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_worker_care", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "model_workers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    employer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    occupation = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    studio_id = table.Column<Guid>(type: "uuid", nullable: true),
                    lecturer = table.Column<bool>(type: "boolean", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    registered_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    lock_version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_workers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mutual_aid_claims",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    union_id = table.Column<Guid>(type: "uuid", nullable: false),
                    funding_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    admitted_on = table.Column<DateOnly>(type: "date", nullable: false),
                    hospital = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    diagnosis = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    total_fen = table.Column<long>(type: "bigint", nullable: false),
                    insurance_covered_fen = table.Column<long>(type: "bigint", nullable: false),
                    self_paid_fen = table.Column<long>(type: "bigint", nullable: false),
                    payout_fen = table.Column<long>(type: "bigint", nullable: false),
                    granted_before_fen = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    reject_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    commit_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    payment_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    approve_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    pay_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reversal_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reversal_reason = table.Column<string>(type: "text", nullable: true),
                    reversed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    import_ref = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mutual_aid_claims", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mutual_aid_enrolments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    union_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enrolled_on = table.Column<DateOnly>(type: "date", nullable: false),
                    cover_start = table.Column<DateOnly>(type: "date", nullable: false),
                    is_renewal = table.Column<bool>(type: "boolean", nullable: false),
                    fee_fen = table.Column<long>(type: "bigint", nullable: false),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mutual_aid_enrolments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mutual_aid_member_years",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    granted_fen = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mutual_aid_member_years", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mutual_aid_paid_members",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    union_id = table.Column<Guid>(type: "uuid", nullable: false),
                    payouts = table.Column<int>(type: "integer", nullable: false),
                    shared = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mutual_aid_paid_members", x => new { x.year, x.member_id, x.union_id });
                });

            migrationBuilder.CreateTable(
                name: "mutual_aid_paid_months",
                columns: table => new
                {
                    month = table.Column<int>(type: "integer", nullable: false),
                    union_id = table.Column<Guid>(type: "uuid", nullable: false),
                    payouts = table.Column<int>(type: "integer", nullable: false),
                    payout_fen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mutual_aid_paid_months", x => new { x.month, x.union_id });
                });

            migrationBuilder.CreateTable(
                name: "mutual_aid_paid_union_years",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    union_id = table.Column<Guid>(type: "uuid", nullable: false),
                    members = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mutual_aid_paid_union_years", x => new { x.year, x.union_id });
                });

            migrationBuilder.CreateTable(
                name: "mutual_aid_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    fee_fen = table.Column<long>(type: "bigint", nullable: false),
                    enrol_from = table.Column<DateOnly>(type: "date", nullable: false),
                    enrol_to = table.Column<DateOnly>(type: "date", nullable: false),
                    waiting_days = table.Column<int>(type: "integer", nullable: false),
                    deductible_fen = table.Column<long>(type: "bigint", nullable: false),
                    bands = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    per_claim_cap_fen = table.Column<long>(type: "bigint", nullable: false),
                    per_year_cap_fen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mutual_aid_plans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notification_outbox",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    to_cipher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    to_masked = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    to_unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    body = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "org_units",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    depth = table.Column<int>(type: "integer", nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    is_closed = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_org_units", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_calendars",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    json = table.Column<string>(type: "text", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_calendars", x => x.year);
                });

            migrationBuilder.CreateTable(
                name: "platform_dataprotection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_dataprotection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "platform_files",
                columns: table => new
                {
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_files", x => x.sha256);
                });

            migrationBuilder.CreateTable(
                name: "platform_idempotency_keys",
                columns: table => new
                {
                    caller = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    request = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    content_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    location = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    body = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_idempotency_keys", x => new { x.caller, x.request, x.key });
                });

            migrationBuilder.CreateTable(
                name: "platform_pass_nonces",
                columns: table => new
                {
                    nonce = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    expires_at = table.Column<long>(type: "bigint", nullable: false),
                    used_at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_pass_nonces", x => x.nonce);
                });

            migrationBuilder.CreateTable(
                name: "reading_room_checks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    selection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    result = table.Column<int>(type: "integer", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reading_room_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reading_room_selections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    room_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    publicity_ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    named_year = table.Column<int>(type: "integer", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    applied_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    open_key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reading_room_selections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reading_rooms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    lat = table.Column<double>(type: "double precision", nullable: false),
                    lng = table.Column<double>(type: "double precision", nullable: false),
                    books = table.Column<int>(type: "integer", nullable: false),
                    area_sqm = table.Column<int>(type: "integer", nullable: false),
                    opens_at = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    closes_at = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    days = table.Column<int>(type: "integer", nullable: false),
                    named_level = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reading_rooms", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "services_campaign_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    group = table.Column<int>(type: "integer", nullable: false),
                    planned = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_services_campaign_plans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "services_campaign_recipients",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    group = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    gift_fen = table.Column<long>(type: "bigint", nullable: false),
                    gift_item = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    paid_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    gifted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    gifted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    signed_off_by = table.Column<int>(type: "integer", nullable: true),
                    signed_off_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    listed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_services_campaign_recipients", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "services_campaigns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    owner_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: true),
                    gift_kind = table.Column<int>(type: "integer", nullable: false),
                    gift_fen = table.Column<long>(type: "bigint", nullable: false),
                    gift_item = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    fund_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    publicity_required = table.Column<bool>(type: "boolean", nullable: false),
                    publicity_starts_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    closed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_services_campaigns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "services_projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    owner_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    district = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    tier = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<int>(type: "integer", nullable: false),
                    target_group = table.Column<int>(type: "integer", nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: true),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    budget_fen = table.Column<long>(type: "bigint", nullable: false),
                    fund_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    planned_visits = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    applied_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reject_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    commit_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    delivery_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    accepted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    spent_fen = table.Column<long>(type: "bigint", nullable: true),
                    paid_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    evaluation_score = table.Column<int>(type: "integer", nullable: true),
                    evaluation_grade = table.Column<int>(type: "integer", nullable: true),
                    evaluation_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_services_projects", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "services_visit_months",
                columns: table => new
                {
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    visits = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_services_visit_months", x => new { x.project_id, x.month });
                });

            migrationBuilder.CreateTable(
                name: "services_visits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    union_id = table.Column<Guid>(type: "uuid", nullable: false),
                    served_on = table.Column<DateOnly>(type: "date", nullable: false),
                    served_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    channel = table.Column<int>(type: "integer", nullable: false),
                    place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    venue_id = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_services_visits", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "skills_appeals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    trade_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    filed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    filed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decision = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_skills_appeals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "skills_aspects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    trade_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    max_centi = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_skills_aspects", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "skills_conflicts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    judge_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    declared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_skills_conflicts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "skills_contest_team_members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contest_id = table.Column<Guid>(type: "uuid", nullable: false),
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_skills_contest_team_members", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "skills_contest_teams",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contest_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    unit_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    registered_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_skills_contest_teams", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "skills_contests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    members_only = table.Column<bool>(type: "boolean", nullable: false),
                    min_age = table.Column<int>(type: "integer", nullable: true),
                    max_age = table.Column<int>(type: "integer", nullable: true),
                    leniency = table.Column<int>(type: "integer", nullable: false),
                    tie_rule = table.Column<int>(type: "integer", nullable: false),
                    draw_seed = table.Column<long>(type: "bigint", nullable: false),
                    appeal_hours = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    team_contest_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_skills_contests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "skills_craftsman_candidates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    selection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trade = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    front_line = table.Column<bool>(type: "boolean", nullable: false),
                    years_in_trade = table.Column<int>(type: "integer", nullable: false),
                    story = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    challenge_centi = table.Column<int>(type: "integer", nullable: true),
                    review_scores = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    combined_centi = table.Column<int>(type: "integer", nullable: true),
                    rank = table.Column<int>(type: "integer", nullable: true),
                    proposed = table.Column<int>(type: "integer", nullable: false),
                    award = table.Column<int>(type: "integer", nullable: false),
                    withdrawn = table.Column<bool>(type: "boolean", nullable: false),
                    objection = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    nominated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    nominated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    amount_fen = table.Column<long>(type: "bigint", nullable: false),
                    payment_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    paid_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reversal_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    lock_version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_skills_craftsman_candidates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "skills_craftsman_selections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    trades = table.Column<string>(type: "character varying(6000)", maxLength: 6000, nullable: false),
                    max_age = table.Column<int>(type: "integer", nullable: false),
                    min_years_in_trade = table.Column<int>(type: "integer", nullable: false),
                    front_line_only = table.Column<bool>(type: "boolean", nullable: false),
                    challenge_weight_pct = table.Column<int>(type: "integer", nullable: false),
                    review_weight_pct = table.Column<int>(type: "integer", nullable: false),
                    winners_per_trade = table.Column<int>(type: "integer", nullable: false),
                    nominees_per_trade = table.Column<int>(type: "integer", nullable: false),
                    min_combined_centi = table.Column<int>(type: "integer", nullable: false),
                    announcement_working_days = table.Column<int>(type: "integer", nullable: false),
                    winner_award_fen = table.Column<long>(type: "bigint", nullable: false),
                    nominee_award_fen = table.Column<long>(type: "bigint", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    stage = table.Column<int>(type: "integer", nullable: false),
                    announced_on = table.Column<DateOnly>(type: "date", nullable: true),
                    announcement_ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_skills_craftsman_selections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "skills_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    trade_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contest_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    entering_unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    union_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    occupation_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    registered_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    start_order = table.Column<int>(type: "integer", nullable: true),
                    station = table.Column<int>(type: "integer", nullable: true),
                    session = table.Column<int>(type: "integer", nullable: true),
                    team_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_skills_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "skills_judges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    trade_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    chief = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_skills_judges", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "skills_marks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    trade_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    aspect_id = table.Column<Guid>(type: "uuid", nullable: false),
                    judge_key = table.Column<Guid>(type: "uuid", nullable: false),
                    entered_by = table.Column<Guid>(type: "uuid", nullable: false),
                    centi = table.Column<int>(type: "integer", nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_skills_marks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "skills_team_contest_stages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contest_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    weight_percent = table.Column<int>(type: "integer", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    trade_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_skills_team_contest_stages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "skills_team_contests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    project = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    rule = table.Column<int>(type: "integer", nullable: false),
                    min_team_size = table.Column<int>(type: "integer", nullable: false),
                    max_team_size = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    judging_contest_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_skills_team_contests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "skills_team_stage_marks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage_id = table.Column<Guid>(type: "uuid", nullable: false),
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    centi = table.Column<int>(type: "integer", nullable: false),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    entered_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_skills_team_stage_marks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "skills_trades",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contest_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    occupation_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    quota_per_unit = table.Column<int>(type: "integer", nullable: false),
                    stations = table.Column<int>(type: "integer", nullable: false),
                    title_places = table.Column<int>(type: "integer", nullable: false),
                    stage = table.Column<int>(type: "integer", nullable: false),
                    drawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    signed_off_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    signed_off_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    appeals_close_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_skills_trades", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "speech_contests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    semi_finalists = table.Column<int>(type: "integer", nullable: false),
                    finalists = table.Column<int>(type: "integer", nullable: false),
                    entries_per_unit = table.Column<int>(type: "integer", nullable: false),
                    correction = table.Column<int>(type: "integer", nullable: false),
                    tie = table.Column<int>(type: "integer", nullable: false),
                    round = table.Column<int>(type: "integer", nullable: false),
                    finished = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_speech_contests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "speech_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contest_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    speaker_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope_path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    union_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reached = table.Column<int>(type: "integer", nullable: false),
                    preliminary_place = table.Column<int>(type: "integer", nullable: true),
                    semi_final_place = table.Column<int>(type: "integer", nullable: true),
                    final_place = table.Column<int>(type: "integer", nullable: true),
                    final_total = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: true),
                    prize = table.Column<int>(type: "integer", nullable: false),
                    certificate_no = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    entered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    entered_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_speech_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "speech_judges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contest_id = table.Column<Guid>(type: "uuid", nullable: false),
                    round = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: true),
                    declared = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_speech_judges", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "speech_scores",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contest_id = table.Column<Guid>(type: "uuid", nullable: false),
                    round = table.Column<int>(type: "integer", nullable: false),
                    judge_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_id = table.Column<Guid>(type: "uuid", nullable: false),
                    criterion = table.Column<int>(type: "integer", nullable: false),
                    centi = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_speech_scores", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "venues_venues",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    is_public_area = table.Column<bool>(type: "boolean", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    lat = table.Column<double>(type: "double precision", nullable: false),
                    lng = table.Column<double>(type: "double precision", nullable: false),
                    hours = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    amenities = table.Column<int>(type: "integer", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: true),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    certification = table.Column<int>(type: "integer", nullable: false),
                    published = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_venues_venues", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "identity_role_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    role_id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_role_claims_identity_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "identity_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_identity_user_claims_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    provider_key = table.Column<string>(type: "text", nullable: false),
                    provider_display_name = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_identity_user_logins_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_roles",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_identity_user_roles_identity_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "identity_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_identity_user_roles_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identity_user_tokens",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identity_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_identity_user_tokens_identity_users_user_id",
                        column: x => x.user_id,
                        principalTable: "identity_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "ix_audit_entries_entity_type_entity_id",
                table: "audit_entries",
                columns: new[] { "entity_type", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_culture_attempts_quiz_id_district_unit_path_unit_id_number_~",
                table: "culture_attempts",
                columns: new[] { "quiz_id", "district", "unit_path", "unit_id", "number", "submitted_at", "score" });

            migrationBuilder.CreateIndex(
                name: "ix_culture_attempts_quiz_id_unit_path",
                table: "culture_attempts",
                columns: new[] { "quiz_id", "unit_path" });

            migrationBuilder.CreateIndex(
                name: "ix_culture_attempts_quiz_id_user_id_number",
                table: "culture_attempts",
                columns: new[] { "quiz_id", "user_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_culture_likes_campaign_id_item_id",
                table: "culture_likes",
                columns: new[] { "campaign_id", "item_id" });

            migrationBuilder.CreateIndex(
                name: "ix_culture_likes_item_id_voter_key",
                table: "culture_likes",
                columns: new[] { "item_id", "voter_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_culture_questions_bank_id_position",
                table: "culture_questions",
                columns: new[] { "bank_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_culture_quiz_takers_year_shared_unit_path_user_id",
                table: "culture_quiz_takers",
                columns: new[] { "year", "shared", "unit_path", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_culture_works_status_id",
                table: "culture_works",
                columns: new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_culture_works_unit_path_status",
                table: "culture_works",
                columns: new[] { "unit_path", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_culture_works_user_id",
                table: "culture_works",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_credit_code",
                table: "enterprises",
                column: "credit_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_grassroots_union_id",
                table: "enterprises",
                column: "grassroots_union_id");

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_name_id",
                table: "enterprises",
                columns: new[] { "name", "id" });

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
                name: "ix_fee_refunds_policy_versions_policy_id_version",
                table: "fee_refunds_policy_versions",
                columns: new[] { "policy_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fee_refunds_refunds_enterprise_name_id",
                table: "fee_refunds_refunds",
                columns: new[] { "enterprise_name", "id" });

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
                name: "ix_funds_entries_fund_code_org_unit_id_year_at_id",
                table: "funds_entries",
                columns: new[] { "fund_code", "org_unit_id", "year", "at", "id" });

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
                name: "ix_funds_lines_account_id_amount",
                table: "funds_lines",
                columns: new[] { "account_id", "amount" });

            migrationBuilder.CreateIndex(
                name: "ix_funds_lines_entry_id_account_id_amount",
                table: "funds_lines",
                columns: new[] { "entry_id", "account_id", "amount" });

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
                name: "ix_hardship_assistance_on_id",
                table: "hardship_assistance",
                columns: new[] { "on", "id" });

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
                name: "ix_hardship_grant_applications_campaign_id_child_name_id",
                table: "hardship_grant_applications",
                columns: new[] { "campaign_id", "child_name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_hardship_grant_applications_campaign_id_status_child_name_id",
                table: "hardship_grant_applications",
                columns: new[] { "campaign_id", "status", "child_name", "id" });

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

            migrationBuilder.CreateIndex(
                name: "ix_hardship_paid_subjects_year_shared_kind_union_id_subject_id",
                table: "hardship_paid_subjects",
                columns: new[] { "year", "shared", "kind", "union_id", "subject_id" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_alerts_key_category_status",
                table: "hotline_alerts",
                columns: new[] { "key", "category", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_attachments_request_id",
                table: "hotline_attachments",
                column: "request_id");

            migrationBuilder.CreateIndex(
                name: "ix_hotline_attachments_sha256",
                table: "hotline_attachments",
                column: "sha256");

            migrationBuilder.CreateIndex(
                name: "ix_hotline_co_units_unit_district_request_id",
                table: "hotline_co_units",
                columns: new[] { "unit_district", "request_id" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_co_units_unit_path_request_id",
                table: "hotline_co_units",
                columns: new[] { "unit_path", "request_id" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_links_request_id_kind_reference",
                table: "hotline_links",
                columns: new[] { "request_id", "kind", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hotline_request_events_request_id_at",
                table: "hotline_request_events",
                columns: new[] { "request_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_category_received_at_id",
                table: "hotline_requests",
                columns: new[] { "category", "received_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_enterprise_id_category_received_at",
                table: "hotline_requests",
                columns: new[] { "enterprise_id", "category", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_lead_unit_id",
                table: "hotline_requests",
                column: "lead_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_merged_into_id",
                table: "hotline_requests",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_phone_hash",
                table: "hotline_requests",
                column: "phone_hash");

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_received_at_id",
                table: "hotline_requests",
                columns: new[] { "received_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_scope_district_category_received_at_id",
                table: "hotline_requests",
                columns: new[] { "scope_district", "category", "received_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_scope_district_received_at_id",
                table: "hotline_requests",
                columns: new[] { "scope_district", "received_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_scope_path_category_received_at_id",
                table: "hotline_requests",
                columns: new[] { "scope_path", "category", "received_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_requests_scope_path_received_at_id",
                table: "hotline_requests",
                columns: new[] { "scope_path", "received_at", "id" });

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

            migrationBuilder.CreateIndex(
                name: "ix_hotline_visits_request_id",
                table: "hotline_visits",
                column: "request_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_role_claims_role_id",
                table: "identity_role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "role_name_index",
                table: "identity_roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_identity_sessions_user_id",
                table: "identity_sessions",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_user_claims_user_id",
                table: "identity_user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_user_logins_user_id",
                table: "identity_user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_identity_user_roles_role_id",
                table: "identity_user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "email_index",
                table: "identity_users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "user_name_index",
                table: "identity_users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_innovation_alliance_members_alliance_id_studio_id",
                table: "innovation_alliance_members",
                columns: new[] { "alliance_id", "studio_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_innovation_alliance_members_studio_id",
                table: "innovation_alliance_members",
                column: "studio_id");

            migrationBuilder.CreateIndex(
                name: "ix_innovation_alliance_project_studios_project_id_studio_id",
                table: "innovation_alliance_project_studios",
                columns: new[] { "project_id", "studio_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_innovation_alliance_project_studios_studio_id",
                table: "innovation_alliance_project_studios",
                column: "studio_id");

            migrationBuilder.CreateIndex(
                name: "ix_innovation_alliance_projects_alliance_id_created_at_id",
                table: "innovation_alliance_projects",
                columns: new[] { "alliance_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_alliances_name_id",
                table: "innovation_alliances",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_annual_reviews_studio_id_year",
                table: "innovation_annual_reviews",
                columns: new[] { "studio_id", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_innovation_need_offers_need_id_studio_id",
                table: "innovation_need_offers",
                columns: new[] { "need_id", "studio_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_innovation_needs_alliance_id",
                table: "innovation_needs",
                column: "alliance_id");

            migrationBuilder.CreateIndex(
                name: "ix_innovation_needs_posted_at_id",
                table: "innovation_needs",
                columns: new[] { "posted_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_patent_awards_claimed_number",
                table: "innovation_patent_awards",
                column: "claimed_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_innovation_patent_awards_filed_at_id",
                table: "innovation_patent_awards",
                columns: new[] { "filed_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_patent_awards_member_id",
                table: "innovation_patent_awards",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_innovation_patent_awards_patent_number",
                table: "innovation_patent_awards",
                column: "patent_number");

            migrationBuilder.CreateIndex(
                name: "ix_innovation_patent_awards_scope_district_filed_at_id",
                table: "innovation_patent_awards",
                columns: new[] { "scope_district", "filed_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_patent_awards_scope_district_year_filed_at_id",
                table: "innovation_patent_awards",
                columns: new[] { "scope_district", "year", "filed_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_patent_awards_scope_path",
                table: "innovation_patent_awards",
                column: "scope_path");

            migrationBuilder.CreateIndex(
                name: "ix_innovation_patent_awards_studio_id",
                table: "innovation_patent_awards",
                column: "studio_id");

            migrationBuilder.CreateIndex(
                name: "ix_innovation_patent_awards_year_filed_at_id",
                table: "innovation_patent_awards",
                columns: new[] { "year", "filed_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_project_scores_project_id_expert",
                table: "innovation_project_scores",
                columns: new[] { "project_id", "expert" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_innovation_projects_scope_path",
                table: "innovation_projects",
                column: "scope_path");

            migrationBuilder.CreateIndex(
                name: "ix_innovation_projects_studio_id",
                table: "innovation_projects",
                column: "studio_id");

            migrationBuilder.CreateIndex(
                name: "ix_innovation_projects_submitted_at_id",
                table: "innovation_projects",
                columns: new[] { "submitted_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_projects_year_status",
                table: "innovation_projects",
                columns: new[] { "year", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_studio_events_studio_id_at",
                table: "innovation_studio_events",
                columns: new[] { "studio_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_studio_members_member_id",
                table: "innovation_studio_members",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_innovation_studio_members_studio_id_member_id",
                table: "innovation_studio_members",
                columns: new[] { "studio_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_innovation_studios_district_code_name_id",
                table: "innovation_studios",
                columns: new[] { "district_code", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_studios_leader_member_id",
                table: "innovation_studios",
                column: "leader_member_id");

            migrationBuilder.CreateIndex(
                name: "ix_innovation_studios_level_name_id",
                table: "innovation_studios",
                columns: new[] { "level", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_studios_name_id",
                table: "innovation_studios",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_studios_scope_district_level_name_id",
                table: "innovation_studios",
                columns: new[] { "scope_district", "level", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_studios_scope_district_name_id",
                table: "innovation_studios",
                columns: new[] { "scope_district", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_studios_scope_district_status_name_id",
                table: "innovation_studios",
                columns: new[] { "scope_district", "status", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_studios_scope_path",
                table: "innovation_studios",
                column: "scope_path");

            migrationBuilder.CreateIndex(
                name: "ix_innovation_studios_status_level",
                table: "innovation_studios",
                columns: new[] { "status", "level" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_studios_status_name_id",
                table: "innovation_studios",
                columns: new[] { "status", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_training_courses_institution_id",
                table: "innovation_training_courses",
                column: "institution_id");

            migrationBuilder.CreateIndex(
                name: "ix_innovation_training_courses_title_id",
                table: "innovation_training_courses",
                columns: new[] { "title", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_innovation_training_enrolments_certificate_no",
                table: "innovation_training_enrolments",
                column: "certificate_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_innovation_training_enrolments_course_id_member_id",
                table: "innovation_training_enrolments",
                columns: new[] { "course_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_innovation_training_enrolments_member_id",
                table: "innovation_training_enrolments",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_innovation_training_institutions_name_id",
                table: "innovation_training_institutions",
                columns: new[] { "name", "id" });

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
                name: "ix_insurance_claims_submitted_at_id",
                table: "insurance_claims",
                columns: new[] { "submitted_at", "id" });

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
                name: "ix_insurance_covers_scheme_id_person_name_id",
                table: "insurance_covers",
                columns: new[] { "scheme_id", "person_name", "id" });

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

            migrationBuilder.CreateIndex(
                name: "ix_jobs_applications_member_id_applied_at_id",
                table: "jobs_applications",
                columns: new[] { "member_id", "applied_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_applications_post_id_applied_at_id",
                table: "jobs_applications",
                columns: new[] { "post_id", "applied_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_applications_post_id_member_id",
                table: "jobs_applications",
                columns: new[] { "post_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_jobs_campaigns_starts_on_id",
                table: "jobs_campaigns",
                columns: new[] { "starts_on", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_placements_application_id",
                table: "jobs_placements",
                column: "application_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_jobs_placements_member_id",
                table: "jobs_placements",
                column: "member_id",
                unique: true,
                filter: "ended_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_placements_placed_at_member_id",
                table: "jobs_placements",
                columns: new[] { "placed_at", "member_id" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_placements_post_id",
                table: "jobs_placements",
                column: "post_id");

            migrationBuilder.CreateIndex(
                name: "ix_jobs_post_terms_term_posted_at_post_id_district_code",
                table: "jobs_post_terms",
                columns: new[] { "term", "posted_at", "post_id", "district_code" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_posts_campaign_id_posted_at_id",
                table: "jobs_posts",
                columns: new[] { "campaign_id", "posted_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_posts_district_code_status_posted_at_id",
                table: "jobs_posts",
                columns: new[] { "district_code", "status", "posted_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_posts_employer_id_created_at_id",
                table: "jobs_posts",
                columns: new[] { "employer_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_posts_occupation_code_status_posted_at_id",
                table: "jobs_posts",
                columns: new[] { "occupation_code", "status", "posted_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_posts_occupation_medium_status_posted_at_id",
                table: "jobs_posts",
                columns: new[] { "occupation_medium", "status", "posted_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_posts_occupation_small_status_posted_at_id",
                table: "jobs_posts",
                columns: new[] { "occupation_small", "status", "posted_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_posts_open_walk",
                table: "jobs_posts",
                columns: new[] { "status", "posted_at", "id", "valid_through", "lat", "lng", "salary_max_fen", "occupation_major" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_posts_scope_path_created_at_id",
                table: "jobs_posts",
                columns: new[] { "scope_path", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_posts_status_created_at_id",
                table: "jobs_posts",
                columns: new[] { "status", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_agreement_rounds_agreement_id_no",
                table: "labor_agreement_rounds",
                columns: new[] { "agreement_id", "no" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_labor_agreements_enterprise_id",
                table: "labor_agreements",
                column: "enterprise_id");

            migrationBuilder.CreateIndex(
                name: "ix_labor_agreements_renews_id",
                table: "labor_agreements",
                column: "renews_id");

            migrationBuilder.CreateIndex(
                name: "ix_labor_agreements_scope_path_requested_on",
                table: "labor_agreements",
                columns: new[] { "scope_path", "requested_on" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_agreements_status_expires_on",
                table: "labor_agreements",
                columns: new[] { "status", "expires_on" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_alert_events_alert_id_id",
                table: "labor_alert_events",
                columns: new[] { "alert_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_alerts_enterprise_id_state",
                table: "labor_alerts",
                columns: new[] { "enterprise_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_alerts_scope_path_state",
                table: "labor_alerts",
                columns: new[] { "scope_path", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_alerts_state_verify_by",
                table: "labor_alerts",
                columns: new[] { "state", "verify_by" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_check_findings_check_id",
                table: "labor_check_findings",
                column: "check_id");

            migrationBuilder.CreateIndex(
                name: "ix_labor_check_findings_firm_id",
                table: "labor_check_findings",
                column: "firm_id");

            migrationBuilder.CreateIndex(
                name: "ix_labor_cultivated_firms_enterprise_id_status",
                table: "labor_cultivated_firms",
                columns: new[] { "enterprise_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_cultivated_firms_scope_path_enrolled_on",
                table: "labor_cultivated_firms",
                columns: new[] { "scope_path", "enrolled_on" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_drive_grants_drive_id_approved_at",
                table: "labor_drive_grants",
                columns: new[] { "drive_id", "approved_at" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_drive_grants_scope_path",
                table: "labor_drive_grants",
                column: "scope_path");

            migrationBuilder.CreateIndex(
                name: "ix_labor_drives_scope_path_starts_on",
                table: "labor_drives",
                columns: new[] { "scope_path", "starts_on" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_health_checks_firm_id_checked_on",
                table: "labor_health_checks",
                columns: new[] { "firm_id", "checked_on" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_layoffs_enterprise_id",
                table: "labor_layoffs",
                column: "enterprise_id");

            migrationBuilder.CreateIndex(
                name: "ix_labor_layoffs_scope_path_created_at",
                table: "labor_layoffs",
                columns: new[] { "scope_path", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_opinion_items_dedup_key",
                table: "labor_opinion_items",
                column: "dedup_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_labor_opinion_items_published_on_scope_path",
                table: "labor_opinion_items",
                columns: new[] { "published_on", "scope_path" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_opinion_items_scope_path_published_on",
                table: "labor_opinion_items",
                columns: new[] { "scope_path", "published_on" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_risk_scores_scope_path_score",
                table: "labor_risk_scores",
                columns: new[] { "scope_path", "score" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_risk_scores_score_enterprise_id",
                table: "labor_risk_scores",
                columns: new[] { "score", "enterprise_id" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_signals_enterprise_id_occurred_on",
                table: "labor_signals",
                columns: new[] { "enterprise_id", "occurred_on" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_signals_occurred_on_kind",
                table: "labor_signals",
                columns: new[] { "occurred_on", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_signals_scope_path_occurred_on",
                table: "labor_signals",
                columns: new[] { "scope_path", "occurred_on" });

            migrationBuilder.CreateIndex(
                name: "ix_labor_signals_source_source_ref",
                table: "labor_signals",
                columns: new[] { "source", "source_ref" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_lecture_attendance_at",
                table: "lecture_attendance",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_lecture_attendance_lecture_id_member_id",
                table: "lecture_attendance",
                columns: new[] { "lecture_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_lecture_feedback_lecture_id_member_id",
                table: "lecture_feedback",
                columns: new[] { "lecture_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_lecture_topics_year_title",
                table: "lecture_topics",
                columns: new[] { "year", "title" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_lectures_requested_at_id",
                table: "lectures",
                columns: new[] { "requested_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_lectures_scope_path",
                table: "lectures",
                column: "scope_path");

            migrationBuilder.CreateIndex(
                name: "ix_lectures_sign_in_code",
                table: "lectures",
                column: "sign_in_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_lectures_speaker_id_starts_at",
                table: "lectures",
                columns: new[] { "speaker_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_lectures_status_starts_at",
                table: "lectures",
                columns: new[] { "status", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_legal_aid_fees_case_id_approved_at",
                table: "legal_aid_fees",
                columns: new[] { "case_id", "approved_at" });

            migrationBuilder.CreateIndex(
                name: "ix_legal_aid_fees_scope_path",
                table: "legal_aid_fees",
                column: "scope_path");

            migrationBuilder.CreateIndex(
                name: "ix_legal_cases_created_at_id",
                table: "legal_cases",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_legal_cases_hotline_request_id",
                table: "legal_cases",
                column: "hotline_request_id");

            migrationBuilder.CreateIndex(
                name: "ix_legal_cases_lawyer_id_closed_on",
                table: "legal_cases",
                columns: new[] { "lawyer_id", "closed_on" });

            migrationBuilder.CreateIndex(
                name: "ix_legal_cases_member_id",
                table: "legal_cases",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_legal_cases_next_due_id",
                table: "legal_cases",
                columns: new[] { "next_due", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_legal_cases_number",
                table: "legal_cases",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_legal_cases_received_on_district",
                table: "legal_cases",
                columns: new[] { "received_on", "district" });

            migrationBuilder.CreateIndex(
                name: "ix_legal_cases_scope_path_created_at",
                table: "legal_cases",
                columns: new[] { "scope_path", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_legal_cases_worker_phone_hash",
                table: "legal_cases",
                column: "worker_phone_hash");

            migrationBuilder.CreateIndex(
                name: "ix_legal_claims_case_id_kind",
                table: "legal_claims",
                columns: new[] { "case_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_legal_firms_name",
                table: "legal_firms",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_legal_lawyers_account_id",
                table: "legal_lawyers",
                column: "account_id");

            migrationBuilder.CreateIndex(
                name: "ix_legal_lawyers_firm_id",
                table: "legal_lawyers",
                column: "firm_id");

            migrationBuilder.CreateIndex(
                name: "ix_legal_limitation_events_case_id",
                table: "legal_limitation_events",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_legal_representations_firm_id_employer_key",
                table: "legal_representations",
                columns: new[] { "firm_id", "employer_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_loans_events_loan_id",
                table: "loans_events",
                column: "loan_id");

            migrationBuilder.CreateIndex(
                name: "ix_loans_loans_applied_at_id",
                table: "loans_loans",
                columns: new[] { "applied_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_loans_loans_enterprise_id",
                table: "loans_loans",
                column: "enterprise_id");

            migrationBuilder.CreateIndex(
                name: "ix_loans_loans_member_id",
                table: "loans_loans",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_loans_loans_unit_id_status",
                table: "loans_loans",
                columns: new[] { "unit_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_loans_products_code",
                table: "loans_products",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_loans_reminders_created_at_id",
                table: "loans_reminders",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_loans_reminders_loan_id_instalment_no_kind",
                table: "loans_reminders",
                columns: new[] { "loan_id", "instalment_no", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_loans_reminders_unit_id_created_at",
                table: "loans_reminders",
                columns: new[] { "unit_id", "created_at" });

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
                name: "ix_member_transfers_member_id",
                table: "member_transfers",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_membercard_merchant_staff_merchant_id",
                table: "membercard_merchant_staff",
                column: "merchant_id");

            migrationBuilder.CreateIndex(
                name: "ix_membercard_merchants_contract_no",
                table: "membercard_merchants",
                column: "contract_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_membercard_merchants_unit_path_name",
                table: "membercard_merchants",
                columns: new[] { "unit_path", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_membercard_offers_merchant_id_valid_to",
                table: "membercard_offers",
                columns: new[] { "merchant_id", "valid_to" });

            migrationBuilder.CreateIndex(
                name: "ix_membercard_products_merchant_id",
                table: "membercard_products",
                column: "merchant_id");

            migrationBuilder.CreateIndex(
                name: "ix_membercard_redemptions_confirmed_day",
                table: "membercard_redemptions",
                column: "confirmed_day");

            migrationBuilder.CreateIndex(
                name: "ix_membercard_redemptions_member_id_reserved_at_unix",
                table: "membercard_redemptions",
                columns: new[] { "member_id", "reserved_at_unix" });

            migrationBuilder.CreateIndex(
                name: "ix_membercard_redemptions_merchant_id_confirmed_month_settleme~",
                table: "membercard_redemptions",
                columns: new[] { "merchant_id", "confirmed_month", "settlement_id" });

            migrationBuilder.CreateIndex(
                name: "ix_membercard_redemptions_merchant_id_reserved_at_unix",
                table: "membercard_redemptions",
                columns: new[] { "merchant_id", "reserved_at_unix" });

            migrationBuilder.CreateIndex(
                name: "ix_membercard_redemptions_merchant_id_withdrawn_month",
                table: "membercard_redemptions",
                columns: new[] { "merchant_id", "withdrawn_month" });

            migrationBuilder.CreateIndex(
                name: "ix_membercard_redemptions_offer_id_status",
                table: "membercard_redemptions",
                columns: new[] { "offer_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_membercard_redemptions_status_expires_at_unix",
                table: "membercard_redemptions",
                columns: new[] { "status", "expires_at_unix" });

            migrationBuilder.CreateIndex(
                name: "ix_membercard_settlements_merchant_id_month",
                table: "membercard_settlements",
                columns: new[] { "merchant_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_membercard_settlements_unit_path_month",
                table: "membercard_settlements",
                columns: new[] { "unit_path", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_members_card_number",
                table: "members",
                column: "card_number");

            migrationBuilder.CreateIndex(
                name: "ix_members_employment_type_name_id",
                table: "members",
                columns: new[] { "employment_type", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_members_enterprise_id",
                table: "members",
                column: "enterprise_id");

            migrationBuilder.CreateIndex(
                name: "ix_members_id_number_hash",
                table: "members",
                column: "id_number_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_members_name_id",
                table: "members",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_members_phone_hash",
                table: "members",
                column: "phone_hash");

            migrationBuilder.CreateIndex(
                name: "ix_members_union_id_name_id",
                table: "members",
                columns: new[] { "union_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_model_worker_care_model_worker_id_on",
                table: "model_worker_care",
                columns: new[] { "model_worker_id", "on" });

            migrationBuilder.CreateIndex(
                name: "ix_model_worker_care_once_per_year",
                table: "model_worker_care",
                column: "once_per_year",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_model_worker_care_status_paid_at",
                table: "model_worker_care",
                columns: new[] { "status", "paid_at" });

            migrationBuilder.CreateIndex(
                name: "ix_model_workers_member_id",
                table: "model_workers",
                column: "member_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_model_workers_name_id",
                table: "model_workers",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_model_workers_scope_path",
                table: "model_workers",
                column: "scope_path");

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_claims_import_ref",
                table: "mutual_aid_claims",
                column: "import_ref",
                unique: true)
                .Annotation("Relational:Collation", new[] { "C" });

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_claims_member_id_plan_id",
                table: "mutual_aid_claims",
                columns: new[] { "member_id", "plan_id" });

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_claims_status_paid_at_union_id_member_id_payout_~",
                table: "mutual_aid_claims",
                columns: new[] { "status", "paid_at", "union_id", "member_id", "payout_fen" });

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_claims_status_submitted_at",
                table: "mutual_aid_claims",
                columns: new[] { "status", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_claims_submitted_at_id",
                table: "mutual_aid_claims",
                columns: new[] { "submitted_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_claims_union_id",
                table: "mutual_aid_claims",
                column: "union_id");

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_enrolments_member_id",
                table: "mutual_aid_enrolments",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_enrolments_plan_id_enrolled_on_id",
                table: "mutual_aid_enrolments",
                columns: new[] { "plan_id", "enrolled_on", "id" });

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
                name: "ix_mutual_aid_member_years_plan_id_member_id",
                table: "mutual_aid_member_years",
                columns: new[] { "plan_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_paid_members_year_shared_union_id_member_id",
                table: "mutual_aid_paid_members",
                columns: new[] { "year", "shared", "union_id", "member_id" });

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_plans_code",
                table: "mutual_aid_plans",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_mutual_aid_plans_year",
                table: "mutual_aid_plans",
                column: "year");

            migrationBuilder.CreateIndex(
                name: "ix_notification_outbox_sent_at_next_attempt_at",
                table: "notification_outbox",
                columns: new[] { "sent_at", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notification_outbox_subject_id",
                table: "notification_outbox",
                column: "subject_id");

            migrationBuilder.CreateIndex(
                name: "ix_org_units_code",
                table: "org_units",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_org_units_parent_id",
                table: "org_units",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_org_units_path",
                table: "org_units",
                column: "path");

            migrationBuilder.CreateIndex(
                name: "ix_platform_idempotency_keys_started_at",
                table: "platform_idempotency_keys",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_platform_pass_nonces_expires_at",
                table: "platform_pass_nonces",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_platform_pass_nonces_member_id_used_at",
                table: "platform_pass_nonces",
                columns: new[] { "member_id", "used_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reading_room_checks_selection_id_year",
                table: "reading_room_checks",
                columns: new[] { "selection_id", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reading_room_selections_open_key",
                table: "reading_room_selections",
                column: "open_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reading_room_selections_room_id_level",
                table: "reading_room_selections",
                columns: new[] { "room_id", "level" });

            migrationBuilder.CreateIndex(
                name: "ix_reading_room_selections_status_applied_at",
                table: "reading_room_selections",
                columns: new[] { "status", "applied_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reading_rooms_name_id",
                table: "reading_rooms",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_reading_rooms_scope_path",
                table: "reading_rooms",
                column: "scope_path");

            migrationBuilder.CreateIndex(
                name: "ix_services_campaign_plans_campaign_id_unit_id_group",
                table: "services_campaign_plans",
                columns: new[] { "campaign_id", "unit_id", "group" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_services_campaign_recipients_campaign_id_id",
                table: "services_campaign_recipients",
                columns: new[] { "campaign_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_services_campaign_recipients_campaign_id_member_id",
                table: "services_campaign_recipients",
                columns: new[] { "campaign_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_services_campaign_recipients_campaign_id_unit_path_id",
                table: "services_campaign_recipients",
                columns: new[] { "campaign_id", "unit_path", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_services_campaign_recipients_member_id",
                table: "services_campaign_recipients",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_services_campaigns_scope_path",
                table: "services_campaigns",
                column: "scope_path");

            migrationBuilder.CreateIndex(
                name: "ix_services_campaigns_year_created_at_id",
                table: "services_campaigns",
                columns: new[] { "year", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_services_projects_code",
                table: "services_projects",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_services_projects_district_year_applied_at_id",
                table: "services_projects",
                columns: new[] { "district", "year", "applied_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_services_projects_scope_path_year",
                table: "services_projects",
                columns: new[] { "scope_path", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_services_projects_year_applied_at_id",
                table: "services_projects",
                columns: new[] { "year", "applied_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_services_visits_member_id_served_on",
                table: "services_visits",
                columns: new[] { "member_id", "served_on" });

            migrationBuilder.CreateIndex(
                name: "ix_services_visits_project_id_served_on_member_id",
                table: "services_visits",
                columns: new[] { "project_id", "served_on", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_services_visits_served_at_id",
                table: "services_visits",
                columns: new[] { "served_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_skills_appeals_trade_id_status",
                table: "skills_appeals",
                columns: new[] { "trade_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_skills_aspects_trade_id_position",
                table: "skills_aspects",
                columns: new[] { "trade_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_skills_conflicts_judge_id_entry_id",
                table: "skills_conflicts",
                columns: new[] { "judge_id", "entry_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_skills_contest_team_members_contest_id_member_id",
                table: "skills_contest_team_members",
                columns: new[] { "contest_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_skills_contest_team_members_member_id",
                table: "skills_contest_team_members",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_skills_contest_team_members_team_id",
                table: "skills_contest_team_members",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_skills_contest_teams_contest_id_registered_at",
                table: "skills_contest_teams",
                columns: new[] { "contest_id", "registered_at" });

            migrationBuilder.CreateIndex(
                name: "ix_skills_contests_code",
                table: "skills_contests",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_skills_contests_year",
                table: "skills_contests",
                column: "year");

            migrationBuilder.CreateIndex(
                name: "ix_skills_craftsman_candidates_member_id",
                table: "skills_craftsman_candidates",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_skills_craftsman_candidates_selection_id_member_id",
                table: "skills_craftsman_candidates",
                columns: new[] { "selection_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_skills_craftsman_candidates_selection_id_trade",
                table: "skills_craftsman_candidates",
                columns: new[] { "selection_id", "trade" });

            migrationBuilder.CreateIndex(
                name: "ix_skills_craftsman_selections_year",
                table: "skills_craftsman_selections",
                column: "year",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_skills_entries_contest_id_member_id",
                table: "skills_entries",
                columns: new[] { "contest_id", "member_id" },
                unique: true,
                filter: "team_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_skills_entries_member_id",
                table: "skills_entries",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_skills_entries_trade_id_entering_unit_id",
                table: "skills_entries",
                columns: new[] { "trade_id", "entering_unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_skills_entries_trade_id_start_order",
                table: "skills_entries",
                columns: new[] { "trade_id", "start_order" });

            migrationBuilder.CreateIndex(
                name: "ix_skills_entries_trade_id_team_id",
                table: "skills_entries",
                columns: new[] { "trade_id", "team_id" },
                unique: true,
                filter: "team_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_skills_judges_trade_id",
                table: "skills_judges",
                column: "trade_id");

            migrationBuilder.CreateIndex(
                name: "ix_skills_judges_user_id",
                table: "skills_judges",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_skills_marks_entry_id_aspect_id_judge_key",
                table: "skills_marks",
                columns: new[] { "entry_id", "aspect_id", "judge_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_skills_marks_trade_id_judge_key",
                table: "skills_marks",
                columns: new[] { "trade_id", "judge_key" });

            migrationBuilder.CreateIndex(
                name: "ix_skills_team_contest_stages_contest_id_position",
                table: "skills_team_contest_stages",
                columns: new[] { "contest_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_skills_team_contests_created_at_id",
                table: "skills_team_contests",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_skills_team_contests_year_created_at_id",
                table: "skills_team_contests",
                columns: new[] { "year", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_skills_team_stage_marks_stage_id_team_id",
                table: "skills_team_stage_marks",
                columns: new[] { "stage_id", "team_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_skills_trades_contest_id_code",
                table: "skills_trades",
                columns: new[] { "contest_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_speech_contests_year",
                table: "speech_contests",
                column: "year");

            migrationBuilder.CreateIndex(
                name: "ix_speech_entries_contest_id_member_id",
                table: "speech_entries",
                columns: new[] { "contest_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_speech_entries_contest_id_unit_id",
                table: "speech_entries",
                columns: new[] { "contest_id", "unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_speech_entries_scope_path",
                table: "speech_entries",
                column: "scope_path");

            migrationBuilder.CreateIndex(
                name: "ix_speech_judges_contest_id_round",
                table: "speech_judges",
                columns: new[] { "contest_id", "round" });

            migrationBuilder.CreateIndex(
                name: "ix_speech_scores_contest_id_round_judge_id_entry_id_criterion",
                table: "speech_scores",
                columns: new[] { "contest_id", "round", "judge_id", "entry_id", "criterion" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_venues_venues_district_code_type",
                table: "venues_venues",
                columns: new[] { "district_code", "type" });

            migrationBuilder.CreateIndex(
                name: "ix_venues_venues_name_id",
                table: "venues_venues",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_venues_venues_unit_id",
                table: "venues_venues",
                column: "unit_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "culture_answers");

            migrationBuilder.DropTable(
                name: "culture_attempts");

            migrationBuilder.DropTable(
                name: "culture_banks");

            migrationBuilder.DropTable(
                name: "culture_like_campaigns");

            migrationBuilder.DropTable(
                name: "culture_likes");

            migrationBuilder.DropTable(
                name: "culture_questions");

            migrationBuilder.DropTable(
                name: "culture_quiz_taker_counts");

            migrationBuilder.DropTable(
                name: "culture_quiz_takers");

            migrationBuilder.DropTable(
                name: "culture_quizzes");

            migrationBuilder.DropTable(
                name: "culture_works");

            migrationBuilder.DropTable(
                name: "enterprises");

            migrationBuilder.DropTable(
                name: "fee_refunds_batch_keys");

            migrationBuilder.DropTable(
                name: "fee_refunds_fees");

            migrationBuilder.DropTable(
                name: "fee_refunds_policies");

            migrationBuilder.DropTable(
                name: "fee_refunds_policy_versions");

            migrationBuilder.DropTable(
                name: "fee_refunds_refunds");

            migrationBuilder.DropTable(
                name: "funds_accounts");

            migrationBuilder.DropTable(
                name: "funds_entries");

            migrationBuilder.DropTable(
                name: "funds_lines");

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

            migrationBuilder.DropTable(
                name: "hardship_paid_months");

            migrationBuilder.DropTable(
                name: "hardship_paid_subjects");

            migrationBuilder.DropTable(
                name: "hardship_paid_union_years");

            migrationBuilder.DropTable(
                name: "hotline_alerts");

            migrationBuilder.DropTable(
                name: "hotline_attachments");

            migrationBuilder.DropTable(
                name: "hotline_co_units");

            migrationBuilder.DropTable(
                name: "hotline_idempotency_keys");

            migrationBuilder.DropTable(
                name: "hotline_links");

            migrationBuilder.DropTable(
                name: "hotline_request_events");

            migrationBuilder.DropTable(
                name: "hotline_requests");

            migrationBuilder.DropTable(
                name: "hotline_topic_notes");

            migrationBuilder.DropTable(
                name: "hotline_topics");

            migrationBuilder.DropTable(
                name: "hotline_visits");

            migrationBuilder.DropTable(
                name: "identity_role_claims");

            migrationBuilder.DropTable(
                name: "identity_sessions");

            migrationBuilder.DropTable(
                name: "identity_user_claims");

            migrationBuilder.DropTable(
                name: "identity_user_logins");

            migrationBuilder.DropTable(
                name: "identity_user_roles");

            migrationBuilder.DropTable(
                name: "identity_user_tokens");

            migrationBuilder.DropTable(
                name: "innovation_alliance_members");

            migrationBuilder.DropTable(
                name: "innovation_alliance_project_studios");

            migrationBuilder.DropTable(
                name: "innovation_alliance_projects");

            migrationBuilder.DropTable(
                name: "innovation_alliances");

            migrationBuilder.DropTable(
                name: "innovation_annual_reviews");

            migrationBuilder.DropTable(
                name: "innovation_need_offers");

            migrationBuilder.DropTable(
                name: "innovation_needs");

            migrationBuilder.DropTable(
                name: "innovation_patent_awards");

            migrationBuilder.DropTable(
                name: "innovation_project_scores");

            migrationBuilder.DropTable(
                name: "innovation_projects");

            migrationBuilder.DropTable(
                name: "innovation_studio_events");

            migrationBuilder.DropTable(
                name: "innovation_studio_members");

            migrationBuilder.DropTable(
                name: "innovation_studios");

            migrationBuilder.DropTable(
                name: "innovation_training_courses");

            migrationBuilder.DropTable(
                name: "innovation_training_enrolments");

            migrationBuilder.DropTable(
                name: "innovation_training_institutions");

            migrationBuilder.DropTable(
                name: "insurance_claim_events");

            migrationBuilder.DropTable(
                name: "insurance_claims");

            migrationBuilder.DropTable(
                name: "insurance_covers");

            migrationBuilder.DropTable(
                name: "insurance_schemes");

            migrationBuilder.DropTable(
                name: "jobs_applications");

            migrationBuilder.DropTable(
                name: "jobs_campaigns");

            migrationBuilder.DropTable(
                name: "jobs_placements");

            migrationBuilder.DropTable(
                name: "jobs_post_terms");

            migrationBuilder.DropTable(
                name: "jobs_posts");

            migrationBuilder.DropTable(
                name: "labor_agreement_rounds");

            migrationBuilder.DropTable(
                name: "labor_agreements");

            migrationBuilder.DropTable(
                name: "labor_alert_events");

            migrationBuilder.DropTable(
                name: "labor_alerts");

            migrationBuilder.DropTable(
                name: "labor_check_findings");

            migrationBuilder.DropTable(
                name: "labor_cultivated_firms");

            migrationBuilder.DropTable(
                name: "labor_drive_firms");

            migrationBuilder.DropTable(
                name: "labor_drive_grants");

            migrationBuilder.DropTable(
                name: "labor_drives");

            migrationBuilder.DropTable(
                name: "labor_health_checks");

            migrationBuilder.DropTable(
                name: "labor_layoffs");

            migrationBuilder.DropTable(
                name: "labor_opinion_items");

            migrationBuilder.DropTable(
                name: "labor_risk_scores");

            migrationBuilder.DropTable(
                name: "labor_signals");

            migrationBuilder.DropTable(
                name: "lecture_attendance");

            migrationBuilder.DropTable(
                name: "lecture_feedback");

            migrationBuilder.DropTable(
                name: "lecture_topics");

            migrationBuilder.DropTable(
                name: "lectures");

            migrationBuilder.DropTable(
                name: "legal_aid_fees");

            migrationBuilder.DropTable(
                name: "legal_cases");

            migrationBuilder.DropTable(
                name: "legal_claims");

            migrationBuilder.DropTable(
                name: "legal_firms");

            migrationBuilder.DropTable(
                name: "legal_lawyers");

            migrationBuilder.DropTable(
                name: "legal_limitation_events");

            migrationBuilder.DropTable(
                name: "legal_representations");

            migrationBuilder.DropTable(
                name: "loans_events");

            migrationBuilder.DropTable(
                name: "loans_idempotency_keys");

            migrationBuilder.DropTable(
                name: "loans_loans");

            migrationBuilder.DropTable(
                name: "loans_products");

            migrationBuilder.DropTable(
                name: "loans_reminders");

            migrationBuilder.DropTable(
                name: "loans_repayments");

            migrationBuilder.DropTable(
                name: "member_transfers");

            migrationBuilder.DropTable(
                name: "membercard_group_members");

            migrationBuilder.DropTable(
                name: "membercard_merchant_staff");

            migrationBuilder.DropTable(
                name: "membercard_merchants");

            migrationBuilder.DropTable(
                name: "membercard_offers");

            migrationBuilder.DropTable(
                name: "membercard_products");

            migrationBuilder.DropTable(
                name: "membercard_redemptions");

            migrationBuilder.DropTable(
                name: "membercard_settlements");

            migrationBuilder.DropTable(
                name: "membercard_usage");

            migrationBuilder.DropTable(
                name: "members");

            migrationBuilder.DropTable(
                name: "model_worker_care");

            migrationBuilder.DropTable(
                name: "model_workers");

            migrationBuilder.DropTable(
                name: "mutual_aid_claims");

            migrationBuilder.DropTable(
                name: "mutual_aid_enrolments");

            migrationBuilder.DropTable(
                name: "mutual_aid_member_years");

            migrationBuilder.DropTable(
                name: "mutual_aid_paid_members");

            migrationBuilder.DropTable(
                name: "mutual_aid_paid_months");

            migrationBuilder.DropTable(
                name: "mutual_aid_paid_union_years");

            migrationBuilder.DropTable(
                name: "mutual_aid_plans");

            migrationBuilder.DropTable(
                name: "notification_outbox");

            migrationBuilder.DropTable(
                name: "org_units");

            migrationBuilder.DropTable(
                name: "platform_calendars");

            migrationBuilder.DropTable(
                name: "platform_dataprotection_keys");

            migrationBuilder.DropTable(
                name: "platform_files");

            migrationBuilder.DropTable(
                name: "platform_idempotency_keys");

            migrationBuilder.DropTable(
                name: "platform_pass_nonces");

            migrationBuilder.DropTable(
                name: "reading_room_checks");

            migrationBuilder.DropTable(
                name: "reading_room_selections");

            migrationBuilder.DropTable(
                name: "reading_rooms");

            migrationBuilder.DropTable(
                name: "services_campaign_plans");

            migrationBuilder.DropTable(
                name: "services_campaign_recipients");

            migrationBuilder.DropTable(
                name: "services_campaigns");

            migrationBuilder.DropTable(
                name: "services_projects");

            migrationBuilder.DropTable(
                name: "services_visit_months");

            migrationBuilder.DropTable(
                name: "services_visits");

            migrationBuilder.DropTable(
                name: "skills_appeals");

            migrationBuilder.DropTable(
                name: "skills_aspects");

            migrationBuilder.DropTable(
                name: "skills_conflicts");

            migrationBuilder.DropTable(
                name: "skills_contest_team_members");

            migrationBuilder.DropTable(
                name: "skills_contest_teams");

            migrationBuilder.DropTable(
                name: "skills_contests");

            migrationBuilder.DropTable(
                name: "skills_craftsman_candidates");

            migrationBuilder.DropTable(
                name: "skills_craftsman_selections");

            migrationBuilder.DropTable(
                name: "skills_entries");

            migrationBuilder.DropTable(
                name: "skills_judges");

            migrationBuilder.DropTable(
                name: "skills_marks");

            migrationBuilder.DropTable(
                name: "skills_team_contest_stages");

            migrationBuilder.DropTable(
                name: "skills_team_contests");

            migrationBuilder.DropTable(
                name: "skills_team_stage_marks");

            migrationBuilder.DropTable(
                name: "skills_trades");

            migrationBuilder.DropTable(
                name: "speech_contests");

            migrationBuilder.DropTable(
                name: "speech_entries");

            migrationBuilder.DropTable(
                name: "speech_judges");

            migrationBuilder.DropTable(
                name: "speech_scores");

            migrationBuilder.DropTable(
                name: "venues_venues");

            migrationBuilder.DropTable(
                name: "identity_roles");

            migrationBuilder.DropTable(
                name: "identity_users");
        }
    }
}
