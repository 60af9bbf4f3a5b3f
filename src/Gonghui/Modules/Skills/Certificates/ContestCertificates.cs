using Gonghui.Modules.Skills.Contests;
using Gonghui.Modules.Skills.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Printing;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Skills.Certificates;

/// <summary>A competitor's published result: place, medal, title, and the certificate's number when the result earns one.</summary>
public sealed record EntryAward(Guid EntryId, string Name, string Contest, int Year, string TradeCode, string Trade, TradeStage Stage, int? Place, Medal Medal,
    bool Title, decimal? Total, string? CertificateNumber);

/// <summary>
/// Contest results a worker sees for their own entries, and the award certificates (荣誉证书) of published trades: a medal
/// (gold, silver, bronze, Medallion for Excellence) or the 技术能手 title earns one. Staff print those of the entries they may
/// see; a worker their own. A team's entry in a team contest's judging trade has none (409 <c>certificate.teamStage</c>): the team
/// contest's cumulative ranking is the team's result. Number: <c>JS</c> + the contest year + the last ten hex digits of the entry id; verification code by
/// <see cref="CertificateCodes"/> over number and name.
/// </summary>
internal sealed class ContestCertificates(GonghuiDb db, CurrentUser me, SkillsService skills, CertificateCodes codes, IStringLocalizer<SkillsText> L)
{
    public static string NumberOf(int year, Guid entryId) => $"JS{year}{entryId.ToString("N")[^10..].ToUpperInvariant()}";

    /// <summary>The caller's own entries (a worker's member record) with their published results, newest first.</summary>
    public async Task<List<EntryAward>> MineAsync(CancellationToken ct)
    {
        if (me.MemberId is not { } member) return [];
        var entries = await db.Set<SkillsEntry>().AsNoTracking().Where(e => e.MemberId == member).OrderByDescending(e => e.RegisteredAt).Take(50).ToListAsync(ct);
        var list = new List<EntryAward>();
        foreach (var e in entries) list.Add(await AwardOfAsync(e, ct));
        return list;
    }

    private async Task<EntryAward> AwardOfAsync(SkillsEntry e, CancellationToken ct)
    {
        var trade = await db.Set<SkillsTrade>().AsNoTracking().FirstAsync(t => t.Id == e.TradeId, ct);
        var contest = await db.Set<SkillsContest>().AsNoTracking().FirstAsync(c => c.Id == trade.ContestId, ct);
        if (trade.Stage != TradeStage.Published) return new(e.Id, e.Name, contest.Name, contest.Year, trade.Code, trade.Name, trade.Stage, null, Medal.None, false, null, null);
        var (_, list, result) = await skills.ComputeAsync(contest, trade, ct);
        var r = result.Entries.FirstOrDefault(x => list[x.Entry].Id == e.Id);
        if (r is null) return new(e.Id, e.Name, contest.Name, contest.Year, trade.Code, trade.Name, trade.Stage, null, Medal.None, false, null, null);
        // A team's entry in a team contest's judging trade earns no medal or title paper in the team's name: the stage's total feeds the team
        // contest's cumulative ranking, which is the team's result.
        var earns = e.TeamId is null && (r.Medal != Medal.None || r.Title);
        return new(e.Id, e.Name, contest.Name, contest.Year, trade.Code, trade.Name, trade.Stage, r.Place, r.Medal, r.Title,
            contest.Leniency == Leniency.None ? r.RawTotal : r.StdTotal, earns ? NumberOf(contest.Year, e.Id) : null);
    }

    /// <summary>An entry's published award and its publication date, whoever asks (for the public check by number and code); null when none.</summary>
    public async Task<(EntryAward Award, DateOnly PublishedOn)?> ContentAsync(Guid entryId, CancellationToken ct)
    {
        var e = await db.Set<SkillsEntry>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == entryId, ct);
        if (e is null) return null;
        var a = await AwardOfAsync(e, ct);
        if (a.Stage != TradeStage.Published || a.CertificateNumber is null) return null;
        var publishedOn = await db.Set<SkillsTrade>().AsNoTracking().Where(t => t.Id == e.TradeId).Select(t => t.PublishedAt).FirstAsync(ct);
        return publishedOn is null ? null : (a, BeijingTime.DateOf(publishedOn.Value));
    }

    /// <summary>The certificate of an entry: staff for entries they may see, a worker (<paramref name="mine"/>) for their own; 404 otherwise.</summary>
    public async Task<Outcome<CertificateContent>> CertificateAsync(Guid entryId, bool mine, CancellationToken ct)
    {
        SkillsEntry? e;
        if (mine) e = me.MemberId is { } m ? await db.Set<SkillsEntry>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == entryId && x.MemberId == m, ct) : null;
        else e = await (await skills.EntriesVisibleAsync(ct)).FirstOrDefaultAsync(x => x.Id == entryId, ct);
        if (e is null) return Outcome<CertificateContent>.NotFound();
        if (e.TeamId is not null) return Outcome<CertificateContent>.Conflict("certificate.teamStage");
        var a = await AwardOfAsync(e, ct);
        if (a.Stage != TradeStage.Published) return Outcome<CertificateContent>.Conflict("certificate.notPublished");
        if (a.CertificateNumber is null) return Outcome<CertificateContent>.Conflict("certificate.noAward");
        var publishedOn = await db.Set<SkillsTrade>().AsNoTracking().Where(t => t.Id == e.TradeId).Select(t => t.PublishedAt).FirstAsync(ct);
        var award = a.Medal != Medal.None ? L["Medal." + a.Medal].Value : "";
        var body = L["Certificate.Body", a.Contest, a.Trade, award, a.Place ?? 0].Value + (a.Title ? L["Certificate.Title", L["Results.TitleYes"].Value].Value : "")
            + L["Certificate.End"].Value;
        return Outcome<CertificateContent>.Ok(new CertificateContent(L["Certificate.Heading"], a.Name, body, L["Certificate.Issuer"],
            BeijingTime.DateOf(publishedOn!.Value), a.CertificateNumber, codes.CodeOf(a.CertificateNumber, a.Name), L["Certificate.Number"], L["Certificate.Code"],
            L["Certificate.Date"]));
    }
}

/// <summary>
/// Contest award certificates (<c>JS</c> + year + ten hex digits of the entry id) for the public check: the entries of that year's
/// contests are read by id (a few thousand at most) and the one whose id ends in the digits is taken, then its published result
/// must still earn the certificate (a withdrawn or changed result makes the paper not valid).
/// </summary>
internal sealed partial class ContestCertificateRegister(GonghuiDb db, ContestCertificates certificates, IStringLocalizer<SkillsText> L) : ICertificateRegister
{
    public string Prefix => "JS";

    [System.Text.RegularExpressions.GeneratedRegex("^JS(?<year>[0-9]{4})(?<tail>[0-9A-F]{10})$")]
    private static partial System.Text.RegularExpressions.Regex Shape();

    public async Task<IssuedCertificate?> FindAsync(string number, CancellationToken ct)
    {
        var m = Shape().Match(number);
        if (!m.Success) return null;
        var year = int.Parse(m.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var tail = m.Groups["tail"].Value;
        var contests = db.Set<SkillsContest>().Where(c => c.Year == year).Select(c => c.Id);
        var ids = await db.Set<SkillsEntry>().AsNoTracking().Where(e => contests.Contains(e.ContestId)).Select(e => e.Id).ToListAsync(ct);
        var id = ids.FirstOrDefault(i => i.ToString("N")[^10..].Equals(tail, StringComparison.OrdinalIgnoreCase));
        if (id == Guid.Empty) return null;
        var o = await certificates.ContentAsync(id, ct);
        if (o is null || o.Value.Award.CertificateNumber != number) return null;
        var (a, publishedOn) = o.Value;
        var what = string.Join(" · ", new[] { L["Certificate.Heading"].Value, a.Contest, a.Trade,
            a.Medal != Medal.None ? L["Medal." + a.Medal].Value : null, a.Title ? L["Results.TitleYes"].Value : null }.Where(x => !string.IsNullOrEmpty(x)));
        return new IssuedCertificate(number, a.Name, what, L["Certificate.Issuer"], publishedOn);
    }
}

internal static class CertificateEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/entries/{id:guid}/certificate.pdf", (Guid id, ContestCertificates c, PdfPrinter p, IStringLocalizer<SkillsText> t, CancellationToken ct) => PdfAsync(id, false, c, p, t, ct))
            .RequireAuthorization(Permissions.SkillsRead);
        g.MapGet("/mine/entries/{id:guid}/certificate.pdf", (Guid id, ContestCertificates c, PdfPrinter p, IStringLocalizer<SkillsText> t, CancellationToken ct) => PdfAsync(id, true, c, p, t, ct))
            .RequireAuthorization(Permissions.SelfService);
        g.MapGet("/mine/results", async (ContestCertificates c, CancellationToken ct) => TypedResults.Ok(await c.MineAsync(ct)))
            .RequireAuthorization(Permissions.SelfService);
    }

    private static async Task<IResult> PdfAsync(Guid id, bool mine, ContestCertificates c, PdfPrinter printer, IStringLocalizer<SkillsText> t, CancellationToken ct)
    {
        var o = await c.CertificateAsync(id, mine, ct);
        if (!o.IsOk) return o.ToProblem(SkillsEndpoints.Text(t));
        return await CertificatePdf.FileAsync(printer, o.Value!, $"certificate-{o.Value!.Number}.pdf", t["certificate.unavailable"], ct);
    }
}
