using Gonghui.Modules.ModelWorkers.Contest;
using Gonghui.Modules.ModelWorkers.Lectures;
using Gonghui.Modules.ModelWorkers.ReadingRooms;
using Gonghui.Modules.ModelWorkers.Register;
using Gonghui.Modules.ModelWorkers.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Skills.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.ModelWorkers.Demo;

/// <summary>
/// The 2020 programme at the seed's scale (× Gonghui:Demo:Scale): ~300 model and advanced workers of whom ~100 lecture, three
/// lectures each in 2020 with their sign-ins and ratings, a few upcoming ones (the demo "worker" account is a lecturer), ~200
/// reading rooms across the districts with Beijing and national demonstration points and open selections, and the 2020
/// speech contest 八小时约定 judged through all three rounds. Everything goes in untracked through the platform's row writer.
/// </summary>
internal sealed class ModelWorkersDemoSeeder : IDemoSeeder
{
    private static readonly string[] Occupations = ["车工", "电工", "公交驾驶员", "护士", "教师", "环卫工人", "快递员", "焊工", "电力巡线工", "地铁司机", "建筑工人", "工程师"];
    private static readonly string[] Topics = ["弘扬劳模精神 争做时代先锋", "工匠精神与岗位创新", "抗击疫情中的劳动者", "敬业八小时 做好今日事", "新时代产业工人队伍建设"];
    private static readonly string[] Hosts = ["北京市属企业", "街道社区", "中学", "区直机关"];

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<ModelWorker>().AnyAsync(ct)) return;
        var scale = sp.GetRequiredService<IConfiguration>().GetValue<double?>("Gonghui:Demo:Scale") ?? 1.0;
        var clock = sp.GetRequiredService<TimeProvider>();
        var workerCount = Math.Max(8, (int)(300 * scale));
        var lecturerCount = Math.Max(5, (int)(100 * scale));
        var units = await db.UnitRows().Select(u => new { u.Id, u.Path, u.DistrictCode, u.ParentId, u.Kind, u.Name }).ToListAsync(ct);
        var byPath = units.GroupBy(u => u.Path).ToDictionary(g => g.Key, g => g.First());
        string? District(string path) => Platform.Scope.ScopeFilter.DistrictOf(path) is { } d && byPath.TryGetValue(d, out var u) ? u.DistrictCode : null;
        var byId = units.ToDictionary(u => u.Id);
        var workerMember = (await db.Set<AppUser>().AsNoTracking().FirstOrDefaultAsync(u => u.UserName == "worker", ct))?.MemberId;
        var members = await db.MemberRows().Where(m => m.Status == MemberStatus.Active).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.Name, m.UnionId, m.EnterpriseId }).Take(workerCount * 4 + 200).ToListAsync(ct);
        if (members.Count < 20) return;
        if (workerMember is { } wm && members.FirstOrDefault(m => m.Id == wm) is { } wmRow) { members.Remove(wmRow); members.Insert(0, wmRow); }
        var rng = new Random(2020_0501);
        var at = new DateTimeOffset(2020, 4, 28, 2, 0, 0, TimeSpan.Zero);
        var rows = new List<(object Row, string Actor)>();

        // The register: the first `lecturerCount` are the lecture programme's speakers.
        var workers = new List<ModelWorker>();
        for (var i = 0; i < workerCount && i < members.Count; i++)
        {
            var m = members[i];
            var unit = byId[m.UnionId];
            var roll = rng.Next(100);
            var level = roll < 15 ? HonourLevel.National : roll < 35 ? HonourLevel.Provincial : HonourLevel.Municipal;
            var kind = rng.Next(4) == 0 ? HonourKind.AdvancedWorker : HonourKind.ModelWorker;
            var year = level == HonourLevel.National ? 2000 + 5 * rng.Next(5) : 1995 + rng.Next(26);
            var w = ModelWorker.Create(m.Id, m.Name, kind, level, year, null, unit.Id, unit.Path, District(unit.Path), unit.Name.Replace("工会", ""),
                Occupations[rng.Next(Occupations.Length)], null, i < lecturerCount, at, "demo");
            workers.Add(w);
            rows.Add((w, "demo"));
            rows.Add((CareRecord.Record(w, CareKind.HealthCheck, new DateOnly(2020, 6, 1).AddDays(rng.Next(150)), 0, "体检结果正常", at, "demo"), "demo"));
        }

        // The programme: topics, three held lectures per lecturer in 2020 with sign-ins and ratings; declined and open requests.
        var topics = Topics.Select(t => LectureTopic.Create(2020, t, null, at)).ToList();
        rows.AddRange(topics.Select(t => ((object)t, "demo")));
        var districts = BeijingDistricts.All;
        var grassroots = units.Where(u => u.Kind == OrgUnitKind.GrassrootsUnion).ToList();
        var attendees = members.Skip(workerCount).ToList();
        if (attendees.Count < 10) attendees = members;
        var lectures = new List<Lecture>();
        var serial = 0;
        foreach (var w in workers.Take(lecturerCount))
            for (var k = 0; k < 3; k++)
            {
                var host = grassroots[serial % grassroots.Count];
                var d = districts[serial % districts.Length];
                var ht = (HostType)(serial % 4);
                var day = new DateOnly(2020, 3, 2).AddDays(7 * k * 10 + (serial % 60));
                var start = BeijingTime.ToUtc(day, new TimeOnly(9 + 5 * (k % 2), 30));
                var l = Lecture.Request(topics[serial % topics.Count].Id, $"{d.Name}{Hosts[(int)ht]}{serial + 1}", ht, d.Code, $"{d.Name}宣讲地点{serial + 1}号",
                    60 + rng.Next(200), day, host.Id, host.Path, start.AddDays(-20), "demo");
                l.Schedule(w.Id, start, start.AddMinutes(90), $"demo{serial:000000}", start.AddDays(-10));
                var n = 8 + rng.Next(8);
                for (var a = 0; a < n; a++)
                {
                    var who = attendees[(serial * 7 + a) % attendees.Count].Id;
                    rows.Add((LectureAttendance.Of(l.Id, who, start.AddMinutes(-10 + a), a % 3 == 0 ? "pass" : "code"), "demo"));
                    if (a % 2 == 0) rows.Add((LectureFeedback.Of(l.Id, who, 4 + rng.Next(2), a % 4 == 0 ? "很受启发" : null, start.AddHours(2)), "demo"));
                }
                // Distinct (lecture, member) pairs: the modulo walk above never repeats within one lecture while n < attendees.
                l.Attended(n);
                l.Close(LectureStatus.Held, null, start.AddHours(2));
                lectures.Add(l);
                rows.Add((l, "demo"));
                serial++;
            }
        // Open work for the demo: requests waiting for a speaker, one declined, and upcoming lectures (the demo worker speaks at two).
        var now = clock.GetUtcNow();
        var today = BeijingTime.Today(clock);
        for (var i = 0; i < Math.Max(4, lecturerCount / 5); i++)
        {
            var host = grassroots[(serial + i) % grassroots.Count];
            var d = districts[i % districts.Length];
            var l = Lecture.Request(topics[i % topics.Count].Id, $"{d.Name}{Hosts[i % 4]}申请{i + 1}", (HostType)(i % 4), d.Code, $"{d.Name}报告厅", 80 + 10 * i,
                today.AddDays(14 + i), host.Id, host.Path, now.AddDays(-i - 1), "demo");
            if (i == 0) l.Close(LectureStatus.Declined, "档期已满", now.AddDays(-1));
            else if (i % 3 == 1)
            {
                var start = BeijingTime.ToUtc(today.AddDays(7 + i), new TimeOnly(14, 0));
                l.Schedule(workers[i % 2 == 1 ? 0 : i % lecturerCount].Id, start, start.AddMinutes(90), $"demo-up{i:0000}", now);
            }
            rows.Add((l, "demo"));
        }

        // Reading rooms across the districts, around each district's centre.
        var roomCount = Math.Max(12, (int)(200 * scale));
        var districtUnits = units.Where(u => u.DistrictCode != null && u.Kind != OrgUnitKind.Federation).GroupBy(u => u.DistrictCode!).ToDictionary(g => g.Key, g => g.First());
        var rooms = new List<ReadingRoom>();
        for (var i = 0; i < roomCount; i++)
        {
            var d = districts[i % districts.Length];
            var unit = grassroots.Where(g => District(g.Path) == d.Code).Skip(i / districts.Length).FirstOrDefault()
                ?? (districtUnits.TryGetValue(d.Code, out var du) ? du : units[0]);
            var (lat, lng) = Centre(d.Code);
            var room = ReadingRoom.Create($"{unit.Name.Replace("工会", "")}职工书屋", unit.Id, unit.Path, d.Code, $"{d.Name}职工书屋{i + 1}号",
                lat + (rng.NextDouble() - 0.5) * 0.06, lng + (rng.NextDouble() - 0.5) * 0.08, 1500 + rng.Next(8000), 40 + rng.Next(200),
                new TimeOnly(9, 0), new TimeOnly(i % 3 == 0 ? 21 : 17, 0), i % 4 == 0 ? OpenDays.All : OpenDays.Weekdays, at);
            rooms.Add(room);
            rows.Add((room, "demo"));
            if (i % 3 == 0 && room.Books >= 3000 && room.AreaSqm >= 60 && room.WeeklyHours >= 20)
            {
                var s = RoomSelection.Apply(room, DemoLevel.Beijing, 2019, at.AddYears(-1), "demo");
                s.Step(SelectionStatus.Named, new DateOnly(2019, 6, 30), new DateOnly(2019, 6, 20), null, at.AddYears(-1).AddDays(60));
                room.Named(DemoLevel.Beijing, at);
                rows.Add((s, "demo"));
                rows.Add((RoomCheck.Of(s.Id, 2020, CheckVerdict.Pass, null, at.AddMonths(7), "demo"), "demo"));
                if (i % 9 == 0 && room.Books >= 5000 && room.AreaSqm >= 100 && room.WeeklyHours >= 30)
                {
                    var n = RoomSelection.Apply(room, DemoLevel.National, 2020, at, "demo");
                    n.Step(SelectionStatus.Named, new DateOnly(2020, 9, 30), new DateOnly(2020, 9, 20), null, at.AddDays(150));
                    room.Named(DemoLevel.National, at);
                    rows.Add((n, "demo"));
                }
            }
            else if (i % 7 == 1 && room.Books >= 3000 && room.AreaSqm >= 60 && room.WeeklyHours >= 20)
                rows.Add((RoomSelection.Apply(room, DemoLevel.Beijing, today.Year, now.AddDays(-3), "demo"), "demo"));
        }

        // The 2020 speech contest: entries from the grassroots unions, five judges per round from district unions.
        var contest = SpeechContest.Create("2020年“八小时约定”主题演讲比赛", 2020, Math.Max(6, (int)(24 * Math.Sqrt(scale * 4))), 4, 2,
            JudgingCorrection.ZScore, JudgingTieRule.JudgementFirst, at);
        rows.Add((contest, "demo"));
        var entryCount = Math.Max(10, (int)(60 * scale));
        if (contest.SemiFinalists >= entryCount) entryCount = contest.SemiFinalists + 4;
        var entries = new List<SpeechEntry>();
        foreach (var m in attendees.GroupBy(m => m.UnionId).SelectMany(g => g.Take(contest.EntriesPerUnit)).Take(entryCount))
        {
            var u = byId[m.UnionId];
            var e = SpeechEntry.Enter(contest.Id, m.Id, m.Name, $"我的八小时:{Occupations[entries.Count % Occupations.Length]}的一天", u.Id, u.Path, m.UnionId, m.EnterpriseId, at, "demo");
            entries.Add(e);
            rows.Add((e, "demo"));
        }
        var judgeUnits = units.Where(u => u.Kind is OrgUnitKind.DistrictUnion or OrgUnitKind.IndustryUnion).Take(15).ToList();
        if (judgeUnits.Count == 0) judgeUnits = units.Take(1).ToList();
        var judges = new Dictionary<ContestRound, List<SpeechJudge>>();
        foreach (var round in Enum.GetValues<ContestRound>())
        {
            judges[round] = Enumerable.Range(0, 5).Select(j => SpeechJudge.Of(contest.Id, round, $"评委{(int)round * 5 + j + 1}", judgeUnits[((int)round * 5 + j) % judgeUnits.Count].Id, null)).ToList();
            rows.AddRange(judges[round].Select(j => ((object)j, "demo")));
        }
        await RowWriter.InsertAsync(db, rows, new DateTimeOffset(2020, 12, 31, 8, 0, 0, TimeSpan.Zero), ct);

        // Score and close each round through the contest's own handler: the places, the cut and the prizes come from the same code as the API's.
        var contests = sp.GetRequiredService<ContestService>();
        var merit = entries.Select((e, i) => (e.Id, i)).ToDictionary(x => x.Id, x => (Merit: rng.Next(3), Index: x.i));
        foreach (var round in Enum.GetValues<ContestRound>())
        {
            var inRound = await db.Set<SpeechEntry>().AsNoTracking().Where(e => e.ContestId == contest.Id && e.Reached >= round).Select(e => e.Id).ToListAsync(ct);
            var scores = new List<object>();
            foreach (var j in judges[round])
                foreach (var e in inRound)
                    for (var c = 0; c < ContestRules.Criteria.Count; c++)
                    {
                        var b = Math.Min(2, merit[e].Merit + (c + merit[e].Index) % 2);
                        scores.Add(SpeechScore.Of(contest.Id, round, j.Id, e, c, (b + (rng.Next(3) == 0 ? 1 : 0)) * 100));
                    }
            foreach (var chunk in scores.Chunk(1000)) { db.AddRange(chunk); await db.SaveChangesAsync(ct); db.ChangeTracker.Clear(); }
            var closed = await contests.CloseRoundAsync(contest.Id, ct);
            db.ChangeTracker.Clear();
            if (!closed.IsOk) break;
        }
    }

    /// <summary>Rough WGS-84 centres of Beijing's districts (for the demo rooms' positions).</summary>
    private static (double Lat, double Lng) Centre(string code) => code switch
    {
        "110101" => (39.928, 116.416), "110102" => (39.912, 116.366), "110105" => (39.921, 116.486), "110106" => (39.858, 116.286),
        "110107" => (39.906, 116.195), "110108" => (39.959, 116.298), "110109" => (39.940, 116.106), "110111" => (39.735, 116.139),
        "110112" => (39.902, 116.657), "110113" => (40.130, 116.654), "110114" => (40.220, 116.231), "110115" => (39.726, 116.341),
        "110116" => (40.316, 116.632), "110117" => (40.141, 117.121), "110118" => (40.377, 116.843), "110119" => (40.465, 115.985),
        _ => (39.904, 116.407),
    };
}
