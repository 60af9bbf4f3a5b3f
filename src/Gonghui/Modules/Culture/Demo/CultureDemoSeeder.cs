using Gonghui.Modules.Culture.Public;
using Gonghui.Modules.Culture.Quiz;
using Gonghui.Modules.Culture.Recitations;
using Gonghui.Modules.Culture.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Cli;
using Gonghui.Platform.Data;
using Gonghui.Platform.Files;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Culture.Demo;

/// <summary>
/// The reading quiz of the demo: a bank of questions on reading and the workers' movement, one quiz open now (20 questions drawn,
/// 15 minutes, 3 attempts), and submitted attempts by registry members (up to 2,000 at full scale, so the ranking has figures);
/// the demo worker account <c>reader</c> names an active member and can take the quiz; a few published recitation works (tones made by ffmpeg). The 600,000 attempts of a campaign are the
/// bench's (bench/ culture), not the demo's. Untracked rows in one transaction: well under a second.
/// </summary>
internal sealed class CultureDemoSeeder : IDemoSeeder
{
    public const string ReaderAccount = "reader";

    public static readonly (string Kind, string Text, string[] Options, string Answer)[] Questions =
    [
        ("单选", "“五一”国际劳动节起源于哪个国家的工人运动？", ["美国", "英国", "法国", "德国"], "A"),
        ("单选", "中华全国总工会成立于哪一年？", ["1921年", "1925年", "1949年", "1953年"], "B"),
        ("单选", "职工书屋建设的主要服务对象是：", ["企业管理层", "广大职工", "在校学生", "离退休干部"], "B"),
        ("单选", "《中华人民共和国工会法》规定，工会的基本职责是：", ["组织生产", "维护职工合法权益", "管理企业财务", "制定劳动定额"], "B"),
        ("单选", "“劳动模范”评选表彰通常每几年进行一次（全国）？", ["一年", "三年", "五年", "十年"], "C"),
        ("单选", "鲁迅的《呐喊》是一部：", ["长篇小说", "短篇小说集", "散文集", "诗集"], "B"),
        ("单选", "《平凡的世界》的作者是：", ["路遥", "陈忠实", "莫言", "贾平凹"], "A"),
        ("单选", "“读书破万卷，下笔如有神”出自：", ["李白", "杜甫", "白居易", "苏轼"], "B"),
        ("单选", "世界读书日是每年的：", ["3月15日", "4月23日", "5月4日", "9月10日"], "B"),
        ("单选", "北京市总工会“职工书屋”示范点分为哪两级？", ["国家级和北京市级", "区级和街道级", "企业级和班组级", "省级和县级"], "A"),
        ("多选", "下列属于劳模精神内涵的有：", ["爱岗敬业", "争创一流", "艰苦奋斗", "勇于创新"], "ABCD"),
        ("多选", "下列作品属于“四大名著”的有：", ["《红楼梦》", "《西游记》", "《儒林外史》", "《水浒传》"], "ABD"),
        ("多选", "工匠精神包括：", ["执着专注", "精益求精", "一丝不苟", "追求卓越"], "ABCD"),
        ("多选", "职工享有的劳动权利包括：", ["取得劳动报酬", "休息休假", "获得劳动安全卫生保护", "任意解除他人合同"], "ABC"),
        ("多选", "下列属于鲁迅作品的有：", ["《朝花夕拾》", "《彷徨》", "《边城》", "《故事新编》"], "ABD"),
        ("多选", "工会会员的权利有：", ["选举权和被选举权", "对工会工作提出批评和建议", "要求工会维护合法权益", "免除一切劳动义务"], "ABC"),
        ("判断", "劳动者依法享有参加和组织工会的权利。", [], "T"),
        ("判断", "《论语》是孔子本人亲自撰写的著作。", [], "F"),
        ("判断", "职工书屋可以为职工提供图书借阅服务。", [], "T"),
        ("判断", "“大国工匠”只评选科研院所的研究人员。", [], "F"),
        ("判断", "用人单位应当保证劳动者每周至少休息一日。", [], "T"),
        ("判断", "《红岩》描写的是抗日战争时期的故事。", [], "F"),
        ("判断", "工会经费可用于开展职工文化体育活动。", [], "T"),
        ("判断", "“劳动最光荣”是新时代倡导的价值观念之一。", [], "T"),
    ];

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<QuestionBank>().AnyAsync(ct)) return;
        var root = await db.UnitRows().FirstOrDefaultAsync(u => u.ParentId == null, ct);
        if (root is null) return;
        var clock = sp.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var scale = sp.GetRequiredService<IConfiguration>().GetValue<double?>("Gonghui:Demo:Scale") ?? 1.0;

        var bank = QuestionBank.Create("2020年职工读书知识题库", "demo", now);
        var questions = Questions.Select((q, i) =>
        {
            var (draft, problems) = QuestionRules.ReadRow(q.Kind, q.Text, q.Options, q.Answer);
            if (draft is null) throw new InvalidOperationException($"demo question {i + 1}: {string.Join(", ", problems)}");
            return BankQuestion.From(Guid.CreateVersion7(), bank.Id, i + 1, draft);
        }).ToList();
        bank.Added(questions.Count);
        var quiz = ReadingQuiz.Create("2020年首都职工读书知识竞赛", bank.Id, 20, 15 * 60, 3, now.AddDays(-30), now.AddDays(60), now);

        var members = await (from m in db.MemberRows()
                             join u in db.UnitRows() on m.UnionId equals u.Id
                             where m.Status == MemberStatus.Active
                             orderby m.Id
                             select new { m.Id, UnitId = u.Id, u.Path }).Take(Math.Max(20, (int)(2000 * scale))).ToListAsync(ct);

        // The demo reader: a worker account naming the first active member, so the quiz and the likes can be tried at once.
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        await CommandLine.EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
        if (members.Count > 0 && await users.FindByNameAsync(ReaderAccount) is null)
        {
            var reader = new AppUser { UserName = ReaderAccount, DisplayName = "读书职工(演示)", OrgUnitId = members[0].UnitId, MemberId = members[0].Id };
            var created = await users.CreateAsync(reader, "gonghui-demo");
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(reader, Roles.Worker);
        }

        var rng = new Random(2020);
        var pool = questions.Select(q => new DrawnQuestion(q.Id, q.Kind, q.OptionCount)).ToList();
        var attempts = new List<QuizAttempt>();
        // The first member is the demo reader's: their attempts are theirs to make.
        foreach (var m in members.Skip(1))
        {
            var started = now.AddDays(-rng.Next(0, 29)).AddMinutes(-rng.Next(0, 1440));
            var drawn = QuizScoring.Draw(pool, quiz.QuestionCount, rng);
            var correct = Math.Min(drawn.Count, 8 + rng.Next(0, 13));
            attempts.Add(QuizAttempt.Loaded(Guid.CreateVersion7(), quiz.Id, 1, Guid.CreateVersion7(), m.Id, m.UnitId, m.Path, started,
                started.AddSeconds(quiz.TimeLimitSeconds), started.AddMinutes(rng.Next(3, 15)), correct, correct * 100 / drawn.Count,
                QuizAttempt.EncodeDrawn(drawn)));
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(bank);
        db.AddRange(questions);
        db.Add(quiz);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        foreach (var chunk in attempts.Chunk(500))
        {
            db.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        await TakerRollup.ApplyAsync(db, TakerRollup.Source.Quiz, quiz.Id, ct); // the report's roll-up of the quiz takers, in the same transaction
        await tx.CommitAsync(ct);
        await SeedWorksAsync(sp, members.Skip(1).Take(scale >= 0.5 ? 8 : 3).Select(m => (m.Id, m.UnitId, m.Path)).ToList(), now, ct);
    }

    private static readonly (string Title, string Text)[] Works =
    [
        ("我爱这土地", "假如我是一只鸟，我也应该用嘶哑的喉咙歌唱……"),
        ("劳动最光荣", "小喜鹊造新房，小蜜蜂采蜜糖……"),
        ("致橡树", "我如果爱你——绝不像攀援的凌霄花……"),
        ("少年中国说（节选）", "故今日之责任，不在他人，而全在我少年……"),
        ("沁园春·雪", "北国风光，千里冰封，万里雪飘……"),
        ("匠心", "一把锉刀，一块钢板，三十年如一日……"),
        ("春", "盼望着，盼望着，东风来了，春天的脚步近了……"),
        ("祖国啊，我亲爱的祖国", "我是你河边上破旧的老水车……"),
    ];

    /// <summary>
    /// A few published recitation works with short tones made by ffmpeg (one call each, a fraction of a second) through the file
    /// store, and the recitation like campaign open for 60 days. Skipped without ffmpeg: the rest of the demo does not need it.
    /// </summary>
    private static async Task SeedWorksAsync(IServiceProvider sp, List<(Guid Member, Guid Unit, string Path)> authors, DateTimeOffset now, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        await sp.GetRequiredService<ILikes>().EnsureCampaignAsync(RecitationHandlers.CampaignId, "recitation", "云诵读", now.AddDays(60), ct);
        var files = sp.GetRequiredService<FileStore>();
        var probe = sp.GetRequiredService<MediaProbe>();
        var memberIds = authors.Select(a => a.Member).ToList();
        var names = await db.MemberRows().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var dir = Directory.CreateTempSubdirectory("gonghui-demo-media-").FullName;
        try
        {
            for (var i = 0; i < authors.Count; i++)
            {
                var path = Path.Combine(dir, $"work{i}.mp3");
                if (!await probe.ToneAsync(path, 262 + 40 * i, 2 + i % 3, ct)) return;
                await using var stream = File.OpenRead(path);
                var staged = await files.StageAsync(stream, MediaRules.MaxAudioBytes, "file", ct);
                var stored = await files.CommitAsync(staged, "audio/mpeg", ct);
                var (member, unit, unitPath) = authors[i];
                var work = RecitationWork.Upload(Works[i].Title, Works[i].Text, Guid.CreateVersion7(), member, names.GetValueOrDefault(member, "职工"), unit, unitPath,
                    MediaKind.Audio, stored.Sha256, stored.ContentType, stored.Size, (2 + i % 3) * 1000, null, now.AddDays(-10 + i));
                work.Decide(true, null, "demo", now.AddDays(-9 + i));
                db.Add(work);
            }
            await db.SaveChangesAsync(ct);
        }
        finally { Directory.Delete(dir, true); }
    }
}
