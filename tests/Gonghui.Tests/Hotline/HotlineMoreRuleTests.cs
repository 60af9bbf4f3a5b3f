using System.IO.Compression;
using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Modules.Hotline.Topics;

namespace Gonghui.Tests.Hotline;

/// <summary>A clock the test moves by hand (TimeProvider), so deadline enforcement is tested without waiting.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
    public void Set(DateTimeOffset at) => _now = at;
}

/// <summary>Attachments by content, merge rules, legal-aid numbers, monthly-topic months and the update (progress) deadline.</summary>
public sealed class HotlineMoreRuleTests
{
    // ------------------------------------------------------------ files

    public static byte[] Jpeg => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8.ToArray(), 0, 1, 2, 3];
    public static byte[] Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. "IHDR"u8.ToArray()];
    public static byte[] Pdf => "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF"u8.ToArray();
    public static byte[] Mp3Id3 => [.. "ID3"u8.ToArray(), 4, 0, 0, 0, 0, 0, 0];
    public static byte[] Mp3Frame => [0xFF, 0xFB, 0x90, 0x64, 0, 0, 0];
    public static byte[] M4a => [0, 0, 0, 0x20, .. "ftypM4A "u8.ToArray(), 0, 0, 0, 0];
    public static byte[] Exe => [.. "MZ"u8.ToArray(), 0x90, 0, 3, 0, 0, 0];
    public static byte[] Gif => "GIF89a\x01\x00\x01\x00"u8.ToArray();

    public static byte[] Zip(params string[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var e in entries)
            {
                using var w = new StreamWriter(zip.CreateEntry(e).Open());
                w.Write("<x/>");
            }
        return ms.ToArray();
    }

    public static byte[] Docx => Zip("[Content_Types].xml", "word/document.xml");
    public static byte[] Xlsx => Zip("[Content_Types].xml", "xl/workbook.xml");

    private static readonly AttachmentLimits Limits = new();

    public static TheoryData<string, string, string?> Files() => new()
    {
        { "photo.jpg", nameof(Jpeg), null },
        { "PHOTO.JPEG", nameof(Jpeg), null },
        { "scan.png", nameof(Png), null },
        { "合同.pdf", nameof(Pdf), null },
        { "call.mp3", nameof(Mp3Id3), null },
        { "raw.mp3", nameof(Mp3Frame), null },
        { "voice.m4a", nameof(M4a), null },
        { "letter.docx", nameof(Docx), null },
        { "wages.xlsx", nameof(Xlsx), null },
        // the name lies about the content
        { "virus.pdf", nameof(Exe), AttachmentRules.ContentMismatch },
        { "photo.jpg", nameof(Png), AttachmentRules.ContentMismatch },
        { "photo.png", nameof(Jpeg), AttachmentRules.ContentMismatch },
        { "wages.docx", nameof(Xlsx), AttachmentRules.ContentMismatch },
        { "letter.xlsx", nameof(Docx), AttachmentRules.ContentMismatch },
        { "notes.docx", "Zip", AttachmentRules.ContentMismatch },
        { "voice.m4a", nameof(Mp3Id3), AttachmentRules.ContentMismatch },
        { "call.mp3", nameof(Pdf), AttachmentRules.ContentMismatch },
        // types not on the list, or no type at all
        { "virus.exe", nameof(Exe), AttachmentRules.TypeNotAllowed },
        { "anim.gif", nameof(Gif), AttachmentRules.TypeNotAllowed },
        { "README", nameof(Pdf), AttachmentRules.TypeNotAllowed },
        { "archive.zip", "Zip", AttachmentRules.TypeNotAllowed },
        // names
        { "", nameof(Pdf), AttachmentRules.BadName },
        { ".pdf", nameof(Pdf), AttachmentRules.BadName },
        { "../../etc/passwd.pdf", nameof(Pdf), null },
        { "C:\\Users\\wang\\工资条.pdf", nameof(Pdf), null },
        { "empty.pdf", "Empty", AttachmentRules.Empty },
    };

    private static byte[] Bytes(string name) => name switch
    {
        nameof(Jpeg) => Jpeg, nameof(Png) => Png, nameof(Pdf) => Pdf, nameof(Mp3Id3) => Mp3Id3, nameof(Mp3Frame) => Mp3Frame, nameof(M4a) => M4a,
        nameof(Exe) => Exe, nameof(Gif) => Gif, nameof(Docx) => Docx, nameof(Xlsx) => Xlsx, "Zip" => Zip("a.txt"), "Empty" => [],
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void A_file_is_accepted_only_when_its_content_matches_an_allowed_extension(string fileName, string content, string? expected)
    {
        var (ok, errors) = AttachmentRules.Check([new OfferedFile(fileName, Bytes(content))], 0, Limits);
        if (expected is null)
        {
            Assert.Empty(errors);
            var f = Assert.Single(ok);
            Assert.DoesNotContain('/', f.FileName);
            Assert.DoesNotContain('\\', f.FileName);
            Assert.Equal(AttachmentRules.ContentTypes[f.Kind], f.ContentType);
        }
        else
        {
            Assert.Empty(ok);
            Assert.Equal(expected, Assert.Single(errors).Code);
        }
    }

    [Fact]
    public void A_path_in_the_name_is_dropped()
    {
        Assert.Equal("passwd.pdf", AttachmentRules.CleanName("../../etc/passwd.pdf"));
        Assert.Equal("工资条.pdf", AttachmentRules.CleanName("C:\\Users\\wang\\工资条.pdf"));
        Assert.Equal("ab.pdf", AttachmentRules.CleanName("a\u0000b.pdf"));
        Assert.Null(AttachmentRules.CleanName("   "));
        Assert.Equal(120, AttachmentRules.CleanName(new string('长', 300) + ".pdf")!.Length);
    }

    [Fact]
    public void Too_large_is_refused_and_exactly_the_limit_passes()
    {
        var limits = new AttachmentLimits { MaxBytes = 100 };
        var atLimit = Pdf.Concat(new byte[100 - Pdf.Length]).ToArray();
        Assert.Empty(AttachmentRules.Check([new OfferedFile("a.pdf", atLimit)], 0, limits).Errors);
        var over = atLimit.Append((byte)0).ToArray();
        Assert.Equal(AttachmentRules.TooLarge, Assert.Single(AttachmentRules.Check([new OfferedFile("a.pdf", over)], 0, limits).Errors).Code);
    }

    [Theory]
    [InlineData(5, 0, true)]
    [InlineData(6, 0, false)]
    [InlineData(1, 4, true)]
    [InlineData(1, 5, false)]
    [InlineData(3, 3, false)]
    public void At_most_five_files_per_request_counting_those_already_attached(int offered, int already, bool ok)
    {
        var files = Enumerable.Range(0, offered).Select(i => new OfferedFile($"p{i}.pdf", Pdf)).ToList();
        var (passed, errors) = AttachmentRules.Check(files, already, Limits);
        Assert.Equal(ok, errors.Count == 0);
        Assert.Equal(ok ? offered : 0, passed.Count);
        if (!ok) Assert.Contains(errors, e => e.Code == AttachmentRules.TooMany);
    }

    [Fact]
    public void One_bad_file_refuses_the_whole_set()
    {
        var (ok, errors) = AttachmentRules.Check([new("a.pdf", Pdf), new("b.exe", Exe), new("c.png", Png)], 0, Limits);
        Assert.Empty(ok);
        var e = Assert.Single(errors);
        Assert.Equal((1, "b.exe"), (e.Index, e.FileName));
    }

    [Fact]
    public void Configured_types_replace_the_default_list()
    {
        var pdfOnly = new AttachmentLimits { Types = ["pdf"] };
        Assert.Empty(AttachmentRules.Check([new("a.pdf", Pdf)], 0, pdfOnly).Errors);
        Assert.Equal(AttachmentRules.TypeNotAllowed, Assert.Single(AttachmentRules.Check([new("a.png", Png)], 0, pdfOnly).Errors).Code);
        Assert.Equal(["jpg", "png", "pdf", "docx", "xlsx", "mp3", "m4a"], new AttachmentLimits().AllowedTypes);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF }, "jpg")]
    [InlineData(new byte[] { 0xFF, 0xF3, 0x40 }, "mp3")]
    [InlineData(new byte[] { 0xFF, 0xFB, 0xF0 }, null)] // bad bitrate index
    [InlineData(new byte[] { 0xFF, 0xE9, 0x10 }, null)] // reserved MPEG version
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 }, "zip")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44 }, null)] // "%PD" is not yet a PDF
    [InlineData(new byte[0], null)]
    public void Sniffing_reads_the_first_bytes(byte[] head, string? kind) => Assert.Equal(kind, AttachmentRules.Sniff(head));

    // ------------------------------------------------------------ merge

    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), Ent = Guid.NewGuid();

    private static MergeSide Side(Guid id, RequestState s = RequestState.Received, Guid? into = null, int merged = 0, string? phone = "h1", Guid? ent = null, string cat = "labor-dispute") =>
        new(id, s, into, merged, phone, ent, cat);

    public static TheoryData<string, MergeSide, MergeSide, string?> Merges() => new()
    {
        { "same caller", Side(A), Side(B, RequestState.Accepted, cat: "other"), null },
        { "same enterprise", Side(A, phone: null, ent: Ent, cat: "other"), Side(B, phone: "h2", ent: Ent), null },
        { "same category", Side(A, phone: "h1"), Side(B, phone: "h2"), null },
        { "into a resolved primary", Side(A), Side(B, RequestState.Resolved), null },
        { "into a visited-back primary", Side(A), Side(B, RequestState.VisitedBack), null },
        { "into an escalated primary", Side(A, RequestState.Escalated), Side(B, RequestState.Dispatched), null },
        { "into a primary with merged ones", Side(A), Side(B, merged: 3), null },
        { "into itself", Side(A), Side(A), MergeRules.IntoItself },
        { "into a closed primary", Side(A), Side(B, RequestState.Closed), MergeRules.PrimaryClosed },
        { "into a merged primary", Side(A), Side(B, RequestState.Closed, into: Guid.NewGuid()), MergeRules.PrimaryMerged },
        { "a merged duplicate again", Side(A, RequestState.Closed, into: B), Side(B), MergeRules.DuplicateMerged },
        { "a resolved duplicate", Side(A, RequestState.Resolved), Side(B), MergeRules.DuplicateFinished },
        { "a closed duplicate", Side(A, RequestState.Closed), Side(B), MergeRules.DuplicateFinished },
        { "a visited-back duplicate", Side(A, RequestState.VisitedBack), Side(B), MergeRules.DuplicateFinished },
        { "a primary as a duplicate (no chains)", Side(A, merged: 1), Side(B), MergeRules.DuplicateIsPrimary },
        { "unrelated", Side(A, phone: "h1", ent: Ent, cat: "other"), Side(B, phone: "h2", ent: Guid.NewGuid(), cat: "labor-dispute"), MergeRules.Unrelated },
        { "unrelated, no phones", Side(A, phone: null, cat: "other"), Side(B, phone: null), MergeRules.Unrelated },
    };

    [Theory]
    [MemberData(nameof(Merges))]
    public void Merge_rules(string why, MergeSide duplicate, MergeSide primary, string? expected)
    {
        Assert.False(string.IsNullOrEmpty(why));
        Assert.Equal(expected, MergeRules.Check(duplicate, primary));
        // Every refusal is worded in both languages by the hotline's texts (the code is the key).
        if (expected is not null)
            foreach (var culture in new[] { "zh-CN", "en" })
                Assert.False(string.IsNullOrEmpty(new System.Resources.ResourceManager("Gonghui.Modules.Hotline.HotlineText", typeof(Gonghui.Modules.Hotline.HotlineText).Assembly)
                    .GetString(expected, System.Globalization.CultureInfo.GetCultureInfo(culture))), $"{expected} has no {culture} words");
    }

    // ------------------------------------------------------------ links

    [Theory]
    [InlineData("(2020)京朝法援民字第123号", "(2020)京朝法援民字第123号")]
    [InlineData("（2020）京朝法援民字第123号", "(2020)京朝法援民字第123号")]
    [InlineData(" (2019)京东法援字第1号 ", "(2019)京东法援字第1号")]
    [InlineData("〔2021〕京海淀法援刑字第004567号", "(2021)京海淀法援刑字第004567号")]
    [InlineData("(2020)沪朝法援民字第123号", null)]
    [InlineData("(20)京朝法援民字第123号", null)]
    [InlineData("(2020)京朝法援民字第号", null)]
    [InlineData("(2020)京朝法援民字第1234567号", null)]
    [InlineData("2020京朝法援民字第123号", null)]
    [InlineData("FY-2020-123", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Legal_aid_case_numbers_are_checked_by_format(string? input, string? normalised) =>
        Assert.Equal(normalised, LinkRules.NormaliseLegalAid(input));

    // ------------------------------------------------------------ topics

    [Theory]
    [InlineData("2026-11", 2026, 11)]
    [InlineData("2020-01", 2020, 1)]
    [InlineData(" 2099-12 ", 2099, 12)]
    [InlineData("2026-13", 0, 0)]
    [InlineData("2026-1", 0, 0)]
    [InlineData("1999-12", 0, 0)]
    [InlineData("2100-01", 0, 0)]
    [InlineData("11/2026", 0, 0)]
    [InlineData("", 0, 0)]
    [InlineData(null, 0, 0)]
    public void Topic_months_are_yyyy_MM(string? input, int year, int month)
    {
        var m = TopicRules.ParseMonth(input);
        if (year == 0) Assert.Null(m);
        else Assert.Equal((year, month), m);
    }

    [Fact]
    public void Promoting_needs_month_title_target_and_lead_unit()
    {
        Assert.Empty(TopicRules.Validate("2026-11", "某公司欠薪", "三个月内清欠", Guid.NewGuid()));
        var fields = TopicRules.Validate("2026/11", " ", null, null).Select(e => e.Field).ToArray();
        Assert.Equal(["month", "title", "target", "leadUnitId"], fields);
        Assert.Equal("title", Assert.Single(TopicRules.Validate("2026-11", new string('题', 201), "t", Guid.NewGuid())).Field);
    }

    [Fact]
    public void An_alert_is_promoted_once_and_a_topic_closes_once()
    {
        var alert = new HotlineAlert { Key = "enterprise:" + Ent, Label = "某公司", Category = "labor-dispute", ScopePath = "/BJ/DC/", From = DateTimeOffset.UtcNow.AddDays(-3), Status = AlertStatus.Open };
        var t = HotlineTopic.Promote(alert, 2026, 11, " 某公司欠薪 ", "清欠", Guid.NewGuid(), "/BJ/DC/", "dongcheng", DateTimeOffset.UtcNow);
        Assert.Equal((AlertStatus.Topic, "某公司欠薪", Ent), (alert.Status, t.Title, t.EnterpriseId!.Value));
        Assert.Throws<InvalidOperationException>(() => HotlineTopic.Promote(alert, 2026, 11, "again", "t", Guid.NewGuid(), "/BJ/", "x", DateTimeOffset.UtcNow));
        t.Close("已清欠", "dongcheng", DateTimeOffset.UtcNow);
        Assert.Equal(TopicStatus.Closed, t.Status);
        Assert.Throws<InvalidOperationException>(() => t.Close("again", "x", DateTimeOffset.UtcNow));
        Assert.Null(HotlineTopic.EnterpriseOf("place:东城"));
    }

    // ------------------------------------------------------------ update (progress) deadline, on a hand-moved clock

    private static readonly DeadlinePolicy Policy = DeadlinePolicy.Shipped();
    private static readonly TimeSpan Bj = TimeSpan.FromHours(8);
    private static DateTimeOffset L(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, Bj);

    private static HotlineRequest Handled(ManualClock clock, string category = "other", Urgency urgency = Urgency.Normal)
    {
        var at = clock.GetUtcNow();
        var r = HotlineRequest.File(Channel.Phone, category, null, urgency, "欠薪", at, "/BJ/", Policy.All(category, urgency, at), "GHTEST00001");
        r.Dispatch(Guid.NewGuid(), "/BJ/DC/", clock.GetUtcNow());
        r.Accept(clock.GetUtcNow());
        return r;
    }

    [Fact]
    public void The_update_falls_due_after_the_tier_and_a_progress_update_moves_it_on()
    {
        var clock = new ManualClock(L(2020, 3, 2, 10)); // Monday
        var r = Handled(clock);
        Assert.Equal(L(2020, 3, 5, 17, 30), r.UpdateDueAt); // three working days
        clock.Set(L(2020, 3, 5, 17, 0));
        Assert.False(r.IsUpdateOverdueAt(clock.GetUtcNow()));
        clock.Set(L(2020, 3, 5, 18, 0));
        Assert.True(r.IsUpdateOverdueAt(clock.GetUtcNow()));
        Assert.True(r.IsOverdueAt(clock.GetUtcNow()));
        r.Progress(Policy, clock.GetUtcNow()); // Thursday after hours → counts as Friday's; three working days after Friday
        Assert.Equal(L(2020, 3, 11, 17, 30), r.UpdateDueAt);
        Assert.False(r.IsUpdateOverdueAt(clock.GetUtcNow()));
        Assert.Equal(RequestState.Accepted, r.State);
        clock.Advance(TimeSpan.FromDays(5)); // Tuesday evening: still in time
        Assert.False(r.IsUpdateOverdueAt(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromDays(1)); // Wednesday 18:00: half an hour late
        Assert.True(r.IsUpdateOverdueAt(clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(Urgency.Normal, 2020, 1, 20, 10, 2020, 1, 23, 17, 30)]   // Monday → Thursday
    [InlineData(Urgency.Urgent, 2020, 1, 20, 10, 2020, 1, 21, 17, 30)]   // one working day
    [InlineData(Urgency.Collective, 2020, 1, 23, 10, 2020, 2, 3, 17, 30)] // over the extended Spring Festival
    [InlineData(Urgency.Normal, 2020, 1, 17, 10, 2020, 1, 21, 17, 30)]   // the 调休 Sunday 19 January is a working day
    [InlineData(Urgency.Normal, 2020, 3, 6, 19, 2020, 3, 12, 17, 30)]    // Friday evening counts from Monday
    public void Update_tiers_follow_the_calendar(Urgency urgency, int y, int m, int d, int h, int dy, int dm, int dd, int dh, int dmin)
    {
        var clock = new ManualClock(L(y, m, d, h));
        var r = Handled(clock, urgency: urgency);
        Assert.Equal(L(dy, dm, dd, dh, dmin), r.UpdateDueAt);
    }

    [Fact]
    public void Waiting_on_the_worker_stops_the_update_clock_and_is_not_overdue()
    {
        var clock = new ManualClock(L(2020, 3, 2, 10));
        var r = Handled(clock);
        r.Contact(clock.GetUtcNow());
        clock.Set(L(2020, 3, 3, 9));
        r.Pause(clock.GetUtcNow());
        clock.Set(L(2020, 3, 9, 9));
        Assert.False(r.IsUpdateOverdueAt(clock.GetUtcNow()));
        r.Resume(Policy, clock.GetUtcNow());
        // four working days paused (3, 4, 5, 6 March) move the update deadline from 5 to 11 March
        Assert.Equal(L(2020, 3, 11, 17, 30), r.UpdateDueAt);
        r.Progress(Policy, L(2020, 3, 10, 10));
        r.Recompute(Policy, L(2020, 3, 10, 11)); // a later recompute keeps the update counted from the last progress
        Assert.Equal(L(2020, 3, 13, 17, 30), r.UpdateDueAt);
    }

    [Fact]
    public void A_resolved_or_merged_request_owes_no_update()
    {
        var clock = new ManualClock(L(2020, 3, 2, 10));
        var r = Handled(clock);
        r.Contact(clock.GetUtcNow());
        r.Resolve("答复", clock.GetUtcNow());
        Assert.False(r.IsUpdateOverdueAt(L(2020, 4, 1)));
        var d = Handled(clock);
        d.MergeInto(Guid.NewGuid(), clock.GetUtcNow());
        Assert.Equal(RequestState.Closed, d.State);
        Assert.False(d.IsUpdateOverdueAt(L(2020, 4, 1)));
        Assert.Throws<IllegalTransitionException>(() => d.Progress(Policy, L(2020, 4, 1)));
    }
}
