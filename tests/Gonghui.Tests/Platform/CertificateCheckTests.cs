using System.Net;
using System.Text.Json;
using Gonghui.Modules.Innovation.Awards;
using Gonghui.Modules.Innovation.Training;
using Gonghui.Modules.Skills.Certificates;
using Gonghui.Modules.Skills.Contests;
using Gonghui.Modules.Skills.Rules;
using Gonghui.Modules.Innovation.Rules;
using Gonghui.Platform.Printing;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Text;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Platform;

/// <summary>The public certificate check (training PX…, contest awards JS…), anonymous, on each provider; and the patent list's district column.</summary>
public abstract class CertificateCheckTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Url = "/api/v1/certificates/verify";

    private async Task<(string Number, string Holder, string Course)> TrainingCertificateAsync() => await app.WithDbAsync(async db =>
    {
        var e = await db.Set<TrainingEnrolment>().AsNoTracking().Where(x => x.CertificateNo != null && x.Status == EnrolmentStatus.Completed)
            .OrderBy(x => x.CertificateNo).FirstAsync();
        return (e.CertificateNo!, e.MemberName, e.CourseTitle);
    });

    private string CodeOf(string number, string holder) => app.Services.GetRequiredService<CertificateCodes>().CodeOf(number, holder);

    private static string Q(string number, string code) => $"{Url}?number={Uri.EscapeDataString(number)}&code={Uri.EscapeDataString(code)}";

    [Fact]
    public async Task A_training_certificate_checks_valid_with_the_holder_masked_and_nothing_personal()
    {
        var (number, holder, course) = await TrainingCertificateAsync();
        var anon = app.CreateClient();
        var res = await anon.GetAsync(Q(number, CodeOf(number, holder)));
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.True(json.GetProperty("valid").GetBoolean());
        Assert.Equal(number, json.GetProperty("number").GetString());
        Assert.Equal(PersonName.Mask(holder), json.GetProperty("holder").GetString());
        Assert.DoesNotContain(holder, body);
        Assert.Contains(course, json.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("issuer").GetString()));
        // Exactly the five facts: no member id, unit, phone or ID number.
        Assert.Equal(["valid", "number", "holder", "title", "issuer", "issuedOn"], json.EnumerateObject().Select(p => p.Name).ToArray());

        // As people type it: lower case, spaces, no dashes, O for 0 and I/L for 1 in the code.
        var typed = CodeOf(number, holder).Replace("-", "").ToLowerInvariant().Replace('0', 'o').Replace('1', 'l');
        var again = await anon.GetAsync(Q(" " + number.ToLowerInvariant() + " ", typed));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_wrong_code_or_an_unknown_number_is_not_valid_404_and_bad_shapes_are_400_naming_the_field()
    {
        var (number, holder, _) = await TrainingCertificateAsync();
        var anon = app.CreateClient();
        var code = CodeOf(number, holder);
        var wrong = (code[0] == 'A' ? 'B' : 'A') + code[1..];
        foreach (var url in new[] { Q(number, wrong), Q("PX2020FFFFFFFFFF", code), Q("JS2020FFFFFFFFFF", code), Q("ZZ2020AAAA", code), Q(number, CodeOf(number, holder + "x")) })
        {
            var res = await anon.GetAsync(url);
            var body = await res.Content.ReadAsStringAsync();
            Assert.True(res.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)res.StatusCode} {body}");
            Assert.Equal("certificate.notValid", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
            Assert.DoesNotContain(holder, body);
        }
        foreach (var (url, field) in new[] { (Q("abc", code), "number"), (Q("PX' OR 1=1 --", code), "number"), ($"{Url}?code={code}", "number"),
                     (Q(number, "12345"), "code"), (Q(number, "ABCD-EFGH-JKMN-PQRS"), "code"), ($"{Url}?number={number}", "code"), (Q(number, "ABCD-EFGH-JK*N"), "code") })
        {
            var res = await anon.GetAsync(url);
            var body = await res.Content.ReadAsStringAsync();
            Assert.True(res.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)res.StatusCode} {body}");
            Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{url}: {body}");
        }
    }

    [Fact]
    public async Task A_contest_award_certificate_checks_valid_and_its_code_does_not_fit_another_certificate()
    {
        var award = await FirstAwardAsync();
        Assert.True(award is not null, "the demo's published trade has no medal or title");
        var (number, name, trade) = award!.Value;
        var anon = app.CreateClient();
        var res = await anon.GetAsync(Q(number, CodeOf(number, name)));
        var body = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(PersonName.Mask(name), json.GetProperty("holder").GetString());
        Assert.Contains(trade, json.GetProperty("title").GetString());

        var (training, holder, _) = await TrainingCertificateAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync(Q(number, CodeOf(training, holder)))).StatusCode);
    }

    private async Task<(string Number, string Name, string Trade)?> FirstAwardAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Gonghui.Platform.Data.GonghuiDb>();
        var certificates = scope.ServiceProvider.GetRequiredService<ContestCertificates>();
        var published = await db.Set<SkillsTrade>().AsNoTracking().Where(t => t.Stage == TradeStage.Published).Select(t => t.Id).ToListAsync();
        foreach (var entry in await db.Set<SkillsEntry>().AsNoTracking().Where(e => published.Contains(e.TradeId)).Take(40).ToListAsync())
            if (await certificates.ContentAsync(entry.Id, default) is { } c)
                return (c.Award.CertificateNumber!, c.Award.Name, c.Award.Trade);
        return null;
    }

    [Fact]
    public async Task The_public_page_checks_without_signing_in()
    {
        var (number, holder, _) = await TrainingCertificateAsync();
        var anon = app.CreateClient();
        var empty = await anon.GetAsync("/certificates/verify");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var ok = await (await anon.GetAsync("/certificates/verify" + Q(number, CodeOf(number, holder))[Url.Length..])).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"verify-valid\"", ok);
        Assert.Contains(PersonName.Mask(holder), ok);
        Assert.DoesNotContain(holder, ok);
        var bad = await (await anon.GetAsync("/certificates/verify" + Q(number, "AAAA-AAAA-AAAA")[Url.Length..])).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"verify-not-valid\"", bad);
        Assert.DoesNotContain("data-testid=\"verify-valid\"", bad);
        var malformed = await (await anon.GetAsync("/certificates/verify?number=x&code=y")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"verify-number-error\"", malformed);
        Assert.Contains("data-testid=\"verify-code-error\"", malformed);
    }

    [Fact]
    public async Task A_patent_award_carries_its_district_and_a_districts_list_is_the_same_rows_as_its_subtree()
    {
        var (byDistrict, byPrefix, wrong) = await app.WithDbAsync(async db =>
        {
            var all = db.Set<PatentAward>().AsNoTracking();
            var d = await all.InScope("/BJ/DC/", a => a.ScopePath, a => a.ScopeDistrict).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
            var p = await all.InScope("/BJ/DC/", a => a.ScopePath).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
            var rows = await all.Select(a => new { a.ScopePath, a.ScopeDistrict }).ToListAsync();
            return (d, p, rows.Count(r => r.ScopeDistrict != ScopeFilter.DistrictOf(r.ScopePath)));
        });
        Assert.NotEmpty(byPrefix);
        Assert.Equal(byPrefix, byDistrict);
        Assert.Equal(0, wrong);
        var dc = await app.ClientAsync("dongcheng");
        var slice = JsonDocument.Parse(await dc.GetStringAsync("/api/v1/innovation/patent-awards?limit=200&year=2020")).RootElement;
        Assert.True(slice.GetProperty("items").GetArrayLength() > 0);
        Assert.All(slice.GetProperty("items").EnumerateArray(), i => Assert.Equal(2020, i.GetProperty("year").GetInt32()));
    }
}

public sealed class CertificateCheckTests_Sqlite(SqliteApp app) : CertificateCheckTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class CertificateCheckTests_Postgres(PostgresApp app) : CertificateCheckTests<PostgresApp>(app), IClassFixture<PostgresApp>;

/// <summary>An app whose public look-ups allow 3 requests a minute per address.</summary>
public sealed class TightRateApp : SqliteApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Gonghui:Security:PublicRate:PermitLimit", "3")];
}

/// <summary>The rate limit is in memory, the same on either engine: tested once.</summary>
public sealed class CertificateCheckRateTests(TightRateApp app) : IClassFixture<TightRateApp>
{
    [Fact]
    public async Task Past_the_limit_a_client_gets_429_with_retry_after_and_nothing_is_looked_up()
    {
        var anon = app.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync("/api/v1/certificates/verify?number=PX2020FFFFFFFFFF&code=AAAA-AAAA-AAAA")).StatusCode);
        var limited = await anon.GetAsync("/api/v1/certificates/verify?number=PX2020FFFFFFFFFF&code=AAAA-AAAA-AAAA");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null);
        Assert.Equal("rate.limited", JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        // Other endpoints are not limited.
        Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync("/api/v1/hotline/categories")).StatusCode);
    }
}
