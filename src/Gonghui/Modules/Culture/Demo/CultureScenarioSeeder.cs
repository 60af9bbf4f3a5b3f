using Gonghui.Modules.Culture.Quiz;
using Gonghui.Modules.Culture.Recitations;
using Gonghui.Modules.Culture.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Files;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Culture.Demo;

/// <summary>
/// The scenario's reading year (<see cref="IScenarioSeeder"/>): the year's reading quiz (opened on World Book Day, 23 April, for
/// two months) over the demo's question bank, a first attempt by each taker (registry members first, then workers with a
/// verified phone counted for a member's union), submitted and scored; and the recitation works published in the year, sharing
/// one recorded tone (made by ffmpeg, or an existing work's) — the figure counts works, not their sound.
/// </summary>
internal sealed class CultureScenarioSeeder : IScenarioSeeder
{
    public IReadOnlyCollection<string> Keys { get; } = [Indicators.CultureIndicators.QuizTakers, Indicators.CultureIndicators.RecitationWorks];

    public async Task AddAsync(IServiceProvider sp, int year, IReadOnlyDictionary<string, long> missing, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var members = await (from m in db.MemberRows()
                             join u in db.UnitRows() on m.UnionId equals u.Id
                             where m.Status == MemberStatus.Active
                             orderby m.Id
                             select new { m.Id, m.Name, UnitId = u.Id, u.Path }).Take(1_000_000).ToListAsync(ct);
        if (members.Count == 0) return;
        var rng = new Random(year + 423);

        var takers = (int)missing.GetValueOrDefault(Indicators.CultureIndicators.QuizTakers);
        var bank = await db.Set<QuestionBank>().AsNoTracking().OrderBy(b => b.Id).FirstOrDefaultAsync(ct);
        if (takers > 0 && bank is not null)
        {
            var opens = BeijingTime.ToUtc(new DateOnly(year, 4, 23), new TimeOnly(9, 0));
            var quiz = ReadingQuiz.Create($"{year}年首都职工读书知识竞赛(年度)", bank.Id, 20, 15 * 60, 3, opens, opens.AddDays(60), opens.AddDays(-7));
            db.Add(quiz);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            var pool = await db.Set<BankQuestion>().AsNoTracking().Where(q => q.BankId == bank.Id).ToListAsync(ct);
            var drawnPool = pool.Select(q => new DrawnQuestion(q.Id, q.Kind, q.OptionCount)).ToList();
            var rows = new List<(object, string)>();
            for (var i = 0; i < takers; i++)
            {
                var m = members[i % members.Count];
                var started = opens.AddMinutes((long)i * 60 * 24 * 60 / takers + rng.Next(0, 60));
                var drawn = QuizScoring.Draw(drawnPool, quiz.QuestionCount, rng);
                var correct = Math.Min(drawn.Count, 8 + rng.Next(0, 13));
                rows.Add((QuizAttempt.Loaded(Guid.CreateVersion7(), quiz.Id, 1, Guid.CreateVersion7(), i < members.Count ? m.Id : null, m.UnitId, m.Path, started,
                    started.AddSeconds(quiz.TimeLimitSeconds), started.AddMinutes(rng.Next(3, 15)), correct, correct * 100 / Math.Max(1, drawn.Count),
                    QuizAttempt.EncodeDrawn(drawn)), "scenario"));
                if (rows.Count >= 20_000) { await RowWriter.InsertAsync(db, rows, now, ct); rows.Clear(); }
            }
            if (rows.Count > 0) await RowWriter.InsertAsync(db, rows, now, ct);
            // The report's roll-up of the quiz takers, in the step's transaction: set-based over the quiz's first attempts.
            await TakerRollup.ApplyAsync(db, TakerRollup.Source.Quiz, quiz.Id, ct);
        }

        var works = (int)missing.GetValueOrDefault(Indicators.CultureIndicators.RecitationWorks);
        if (works <= 0) return;
        var media = await MediaAsync(sp, db, ct);
        if (media is not { } f) return; // no ffmpeg and no work to share a recording with: the check reports the figure
        for (var i = 0; i < works; i++)
        {
            var m = members[(i * 7) % members.Count];
            var at = BeijingTime.ToUtc(ScenarioShares.DayOf(year, i, works), new TimeOnly(20, 0));
            var work = RecitationWork.Upload($"云诵读 {year}（{i + 1}）", "读书破万卷，下笔如有神……", Guid.CreateVersion7(), m.Id, m.Name, m.UnitId, m.Path,
                MediaKind.Audio, f.Sha, f.ContentType, f.Bytes, 3000, null, at);
            work.Decide(true, null, "scenario", at.AddHours(2));
            db.Add(work);
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>One recording for the year's works: an existing work's, else a tone made with ffmpeg and stored; null without either.</summary>
    private static async Task<(string Sha, string ContentType, long Bytes)?> MediaAsync(IServiceProvider sp, GonghuiDb db, CancellationToken ct)
    {
        var existing = await db.Set<RecitationWork>().AsNoTracking().Where(w => w.Kind == MediaKind.Audio).OrderBy(w => w.Id)
            .Select(w => new { w.MediaSha256, w.ContentType, w.Bytes }).FirstOrDefaultAsync(ct);
        if (existing is not null) return (existing.MediaSha256, existing.ContentType, existing.Bytes);
        var dir = Directory.CreateTempSubdirectory("gonghui-scenario-media-").FullName;
        try
        {
            var path = Path.Combine(dir, "tone.mp3");
            if (!await sp.GetRequiredService<MediaProbe>().ToneAsync(path, 330, 3, ct)) return null;
            await using var stream = File.OpenRead(path);
            var files = sp.GetRequiredService<FileStore>();
            var stored = await files.CommitAsync(await files.StageAsync(stream, MediaRules.MaxAudioBytes, "file", ct), "audio/mpeg", ct);
            return (stored.Sha256, stored.ContentType, stored.Size);
        }
        finally { Directory.Delete(dir, true); }
    }
}
