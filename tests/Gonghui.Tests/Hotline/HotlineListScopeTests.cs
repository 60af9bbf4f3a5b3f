using Gonghui.Modules.Hotline.Endpoints;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Gonghui.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Hotline;

/// <summary>
/// The request list by scope (issue 13.4): a district's list is an equality on the request's district column plus, apart, the
/// requests co-handled in scope (two parts merged by the keyset); it must still be exactly the requests in scope, newest first.
/// </summary>
public abstract partial class HotlineApiTests<TApp>
{
    private sealed record Row(Guid Id, DateTimeOffset ReceivedAt, string ScopePath, string Category);

    /// <summary>The requests in <paramref name="scope"/> by the rule itself (led in the subtree, or co-handled by a unit in it), newest first.</summary>
    private async Task<List<Guid>> ExpectedAsync(string scope, string? category)
    {
        var rows = await app.WithDbAsync(db => db.Set<HotlineRequest>().AsNoTracking().Select(r => new Row(r.Id, r.ReceivedAt, r.ScopePath, r.Category)).ToListAsync());
        var co = await app.WithDbAsync(db => db.Set<HotlineCoUnit>().AsNoTracking().ToListAsync());
        return rows.Where(r => category is null || r.Category == category)
            .Where(r => ScopeFilter.Covers(scope, r.ScopePath) || co.Any(c => c.RequestId == r.Id && ScopeFilter.Covers(scope, c.UnitPath)))
            .OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id).Select(r => r.Id).ToList();
    }

    [Fact]
    public async Task District_and_grassroots_lists_are_exactly_the_requests_in_scope_newest_first_across_pages()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        // A grassroots union under 东城 with its own staff account; requests led by 东城, by it, by 西城, by nobody yet, and two
        // led by 西城 but co-handled in 东城 — received in threes at the same instant, so the id breaks the ties.
        var grassroots = await app.WithDbAsync(async db =>
        {
            var dc = await db.Set<OrgUnit>().SingleAsync(u => u.Code == "DC");
            var xc = await db.Set<OrgUnit>().SingleAsync(u => u.Code == "XC");
            var gu = OrgUnit.CreateChild(dc, "LS" + suffix, "列表" + suffix, OrgUnitKind.GrassrootsUnion, null, DateTimeOffset.UtcNow);
            db.Add(gu);
            var policy = app.Services.GetRequiredService<Gonghui.Modules.Hotline.Deadlines.DeadlinePolicy>();
            var t0 = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
            var leads = new OrgUnit?[] { dc, gu, xc, null, gu, dc };
            for (var i = 0; i < 18; i++)
            {
                var at = t0.AddHours(i / 3);
                var category = i % 4 < 2 ? "labor-dispute" : "legal-advice";
                var r = HotlineRequest.File(Channel.Phone, category, null, Gonghui.Modules.Hotline.Deadlines.Urgency.Normal, "list " + i, at, "/BJ/",
                    policy.All(category, Gonghui.Modules.Hotline.Deadlines.Urgency.Normal, at), $"LS{suffix}{i:D2}");
                if (leads[i % leads.Length] is { } lead) r.Dispatch(lead.Id, lead.Path, at.AddMinutes(5));
                db.Add(r);
                if (i is 2 or 8)
                {
                    // Led by 西城, co-handled by the grassroots union (i = 2) or by 东城 itself (i = 8).
                    var co = i == 2 ? gu : dc;
                    db.Add(HotlineCoUnit.Of(r.Id, co.Id, co.Path));
                }
            }
            await db.SaveChangesAsync();
            return gu;
        });
        var user = "ls" + suffix.ToLowerInvariant();
        await app.WithScopeAsync(sp => Gonghui.Modules.Organizations.Demo.OrganizationsDemoSeeder.CreateAsync(
            sp.GetRequiredService<UserManager<AppUser>>(), user, grassroots.Name, grassroots.Id, Roles.GrassrootsStaff));

        foreach (var (who, scope) in new[] { ("dongcheng", "/BJ/DC/"), (user, grassroots.Path), ("xicheng", "/BJ/XC/") })
        {
            var client = await app.ClientAsync(who);
            foreach (var category in new[] { null, "legal-advice" })
            {
                var expected = await ExpectedAsync(scope, category);
                Assert.NotEmpty(expected);
                var url = "/api/v1/hotline/requests" + (category is null ? "" : "?category=" + category);
                var walked = await KeysetPaging.WalkAsync<RequestDto>(client, url, r => r.Id, limit: 4,
                    inOrder: (a, b) => a.ReceivedAt > b.ReceivedAt || (a.ReceivedAt == b.ReceivedAt && a.Id.CompareTo(b.Id) > 0));
                Assert.Equal(expected, walked.Select(r => r.Id).ToList());
                // The first page counts both parts (the count is exact below the cap).
                var first = (await client.GetJsonAsync<Slice<RequestDto>>(url + (category is null ? "?" : "&") + "limit=4"))!;
                Assert.Equal((expected.Count, true), (first.TotalEstimate, first.TotalIsExact));
            }
        }
        // The co-handled requests are in 东城's list and in the grassroots union's (i = 2 only), though led by 西城.
        var dcList = await ExpectedAsync("/BJ/DC/", null);
        var coIds = await app.WithDbAsync(db => db.Set<HotlineRequest>().Where(r => r.TrackingCode == $"LS{suffix}02" || r.TrackingCode == $"LS{suffix}08")
            .OrderBy(r => r.TrackingCode).Select(r => r.Id).ToListAsync());
        Assert.All(coIds, id => Assert.Contains(id, dcList));
        Assert.Contains(coIds[0], await ExpectedAsync(grassroots.Path, null));
        Assert.DoesNotContain(coIds[1], await ExpectedAsync(grassroots.Path, null));
    }

    [Fact]
    public async Task The_request_district_follows_its_scope_at_intake_dispatch_return_and_redispatch()
    {
        var agent = await app.ClientAsync("agent");
        var dc = await app.ClientAsync("dongcheng");
        async Task<(string Path, string? District)> ScopeOf(Guid id)
        {
            var x = await app.WithDbAsync(db => db.Set<HotlineRequest>().AsNoTracking().Where(r => r.Id == id).Select(r => new { r.ScopePath, r.ScopeDistrict }).SingleAsync());
            return (x.ScopePath, x.ScopeDistrict);
        }

        var r = await FileAsync(agent);
        Assert.Equal(("/BJ/", (string?)null), await ScopeOf(r.Id));
        r = await ActAsync(agent, r.Id, "dispatch", new { unitId = await UnitIdAsync("DC") });
        Assert.Equal(("/BJ/DC/", (string?)"/BJ/DC/"), await ScopeOf(r.Id));
        // 东城 hands it back; the agent sends it to 西城: it leaves 东城's list and enters 西城's.
        r = await ActAsync(dc, r.Id, "return", new { note = "不属本区" });
        Assert.Equal(("/BJ/", (string?)null), await ScopeOf(r.Id));
        r = await ActAsync(agent, r.Id, "dispatch", new { unitId = await UnitIdAsync("XC") });
        Assert.Equal(("/BJ/XC/", (string?)"/BJ/XC/"), await ScopeOf(r.Id));
        Assert.DoesNotContain(r.Id, (await dc.GetJsonAsync<Slice<RequestDto>>("/api/v1/hotline/requests?limit=200"))!.Items.Select(x => x.Id));
        var xc = await app.ClientAsync("xicheng");
        Assert.Contains(r.Id, (await xc.GetJsonAsync<Slice<RequestDto>>("/api/v1/hotline/requests?limit=200"))!.Items.Select(x => x.Id));

        // Every request, the demo's included, keeps its district equal to the district of its scope path.
        var all = await app.WithDbAsync(db => db.Set<HotlineRequest>().AsNoTracking().Select(x => new { x.ScopePath, x.ScopeDistrict }).ToListAsync());
        Assert.Contains(all, x => x.ScopeDistrict is not null);
        Assert.All(all, x => Assert.Equal(ScopeFilter.DistrictOf(x.ScopePath), x.ScopeDistrict));
    }
}
