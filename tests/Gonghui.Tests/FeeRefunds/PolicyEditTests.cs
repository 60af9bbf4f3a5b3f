using System.Net;
using Gonghui.Modules.FeeRefunds;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Cli;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Tests.FeeRefunds;

/// <summary>The fee-refund policy is edited through the API and the CLI (one editor): validated, permission-checked, audited, every change a new version row.</summary>
public abstract class PolicyEditTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Api = "/api/v1/fee-refunds/policies";
    private static string NewCode() => "T-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    [Fact]
    public async Task A_policy_edit_keeps_its_history_is_validated_audited_and_refused_to_others()
    {
        var admin = await app.ClientAsync("admin");
        var code = NewCode();
        var created = await admin.PostJsonAsync(Api, new RefundPolicyInput(code, "2022年小微企业返还", 2022, 2022, [SizeClass.Small, SizeClass.Micro], 10_000, null, "新政策"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var v1 = (await created.ReadJsonAsync<PolicyDto>())!;
        Assert.Equal(1, v1.Version);

        // Bad input: 400 naming every field, nothing written.
        var bad = await admin.PutJsonAsync($"{Api}/{v1.Id}", new RefundPolicyInput(null, "", 2023, 2022, [], 0, -5, "", 1));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        foreach (var field in new[] { "name", "toYear", "classes", "shareBp", "capFen", "reason" }) Assert.Contains($"\"{field}\"", problem);

        // A district officer may read policies but not change them.
        var dc = await app.ClientAsync("dongcheng");
        Assert.Equal(HttpStatusCode.Forbidden, (await dc.PutJsonAsync($"{Api}/{v1.Id}", new RefundPolicyInput(null, "x", 2022, 2022, [SizeClass.Small], 5_000, null, "x", 1))).StatusCode);

        // Revise: half the fee, capped at 5,000 yuan, medium firms too.
        var revised = await admin.PutJsonAsync($"{Api}/{v1.Id}", new RefundPolicyInput(null, "2022年返还(调整)", 2022, 2023, [SizeClass.Medium, SizeClass.Small, SizeClass.Micro], 5_000, 5_000_00, "预算调整", 1));
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        var v2 = (await revised.ReadJsonAsync<PolicyDto>())!;
        Assert.Equal((v1.Id, 2, 5_000, 5_000_00L, 2023), (v2.Id, v2.Version, v2.ShareBp, v2.CapFen!.Value, v2.ToYear));

        // The same stale version again: 409 policy.stale, nothing written.
        var stale = await admin.PutJsonAsync($"{Api}/{v1.Id}", new RefundPolicyInput(null, "lost update", 2022, 2022, [SizeClass.Small], 10_000, null, "stale", 1));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("policy.stale", await stale.Content.ReadAsStringAsync());

        var history = (await admin.GetJsonAsync<List<PolicyVersionDto>>($"{Api}/{v1.Id}/versions"))!;
        Assert.Equal([2, 1], history.Select(h => h.Version));
        Assert.Equal(("2022年小微企业返还", 10_000, (long?)null, 2022, "新政策"), (history[1].Name, history[1].ShareBp, history[1].CapFen, history[1].ToYear, history[1].Reason));
        Assert.Equal(("预算调整", "admin"), (history[0].Reason, history[0].ChangedBy));
        Assert.Contains(v2.Id, (await admin.GetJsonAsync<List<PolicyDto>>(Api))!.Where(p => p.Version == 2).Select(p => p.Id));

        // The page shows the policy with its history; a district officer does not get it.
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/fee-refunds/policies?id={v1.Id}"));
        Assert.Contains("policy-history", page);
        Assert.Contains("预算调整", page);
        Assert.Contains("新政策", page);
        Assert.Contains("¥5,000.00", page);
        Assert.NotEqual(HttpStatusCode.OK, (await dc.GetAsync("/fee-refunds/policies")).StatusCode);

        // Audited: the policy's change and each version's creation.
        var audit = await app.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(a => a.EntityId == v1.Id.ToString() || a.EntityType.Contains("RefundPolicyVersion")).Select(a => a.EntityType).ToListAsync());
        Assert.Contains(audit, t => t.Contains("RefundPolicyVersion"));
        Assert.True(audit.Count(t => !t.Contains("Version")) >= 2, string.Join(",", audit));
    }

    [Fact]
    public async Task The_cli_creates_and_revises_a_policy_as_new_versions()
    {
        var code = NewCode();
        async Task<(int Code, string Out, string Err)> Run(params string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var rc = 0;
            await app.WithScopeAsync(async sp => rc = await RefundPolicyCli.RunAsync(sp, CommandLine.Parse(args), stdout, stderr));
            return (rc, stdout.ToString(), stderr.ToString());
        }
        var missing = await Run("fee-refunds", "policy", "set", code, "--name", "CLI 政策", "--years", "2024-2025", "--classes", "Small,微型", "--share", "100");
        Assert.Equal(1, missing.Code);
        Assert.Contains("reason", missing.Err);
        Assert.Equal(0, (await Run("fee-refunds", "policy", "set", code, "--name", "CLI 政策", "--years", "2024-2025", "--classes", "Small,微型", "--share", "100", "--reason", "创建")).Code);
        var set = await Run("fee-refunds", "policy", "set", code, "--share", "62.5", "--cap", "8000", "--reason", "比例下调");
        Assert.Equal(0, set.Code);
        Assert.Contains("version 2", set.Out);
        var history = await Run("fee-refunds", "policy", "history", code);
        var lines = history.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("v2", lines[0]);
        Assert.Contains("62.5%", lines[0]);
        Assert.Contains("比例下调", lines[0]);
        Assert.Contains("100%", lines[1]);
        var policy = await app.WithDbAsync(db => db.Set<RefundPolicy>().AsNoTracking().SingleAsync(p => p.Code == code));
        Assert.Equal((2024, 2025, 6_250, 8_000_00L, 2), (policy.FromYear, policy.ToYear, policy.ShareBp, policy.CapFen!.Value, policy.Version));
        Assert.Equal([SizeClass.Small, SizeClass.Micro], policy.Rules().Classes.Order());
    }
}

public sealed class PolicyEditTests_Sqlite(SqliteApp app) : PolicyEditTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class PolicyEditTests_Postgres(PostgresApp app) : PolicyEditTests<PostgresApp>(app), IClassFixture<PostgresApp>;
