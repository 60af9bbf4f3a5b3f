using Gonghui.Modules.Culture.Quiz;
using Gonghui.Modules.Culture.Rules;

namespace Gonghui.Tests.Culture;

/// <summary>The pure rules of the culture module: sheet rows, choices and scoring, the draw, the burst rules, media sniffing.</summary>
public sealed class CultureRuleTests
{
    [Theory]
    [InlineData("单选", QuestionKind.Single)]
    [InlineData("多选题", QuestionKind.Multiple)]
    [InlineData("判断", QuestionKind.TrueFalse)]
    [InlineData("TrueFalse", QuestionKind.TrueFalse)]
    public void Kinds_are_read_in_Chinese_or_English(string text, QuestionKind kind) => Assert.Equal(kind, QuestionRules.ParseKind(text));

    [Theory]
    [InlineData(QuestionKind.Single, 4, "b", "B")]
    [InlineData(QuestionKind.Single, 4, "AB", null)]
    [InlineData(QuestionKind.Single, 4, "E", null)]
    [InlineData(QuestionKind.Multiple, 4, "ca", "AC")]
    [InlineData(QuestionKind.Multiple, 4, "A,C、D", "ACD")]
    [InlineData(QuestionKind.Multiple, 4, "AA", null)]
    [InlineData(QuestionKind.Multiple, 3, "AD", null)]
    [InlineData(QuestionKind.TrueFalse, 0, "对", "T")]
    [InlineData(QuestionKind.TrueFalse, 0, "错误", "F")]
    [InlineData(QuestionKind.TrueFalse, 0, "A", null)]
    [InlineData(QuestionKind.Single, 4, " ", null)]
    public void A_choice_has_one_written_form(QuestionKind kind, int options, string given, string? expected) =>
        Assert.Equal(expected, QuestionRules.Normalize(kind, options, given));

    [Fact]
    public void A_row_names_each_problem_by_column()
    {
        var (draft, problems) = QuestionRules.ReadRow("单选", "", ["甲", "", "丙"], "D");
        Assert.Null(draft);
        Assert.Contains(("text", "bank.row.text"), problems);
        Assert.Contains(("B", "bank.row.option"), problems);
        Assert.Contains(("answer", "bank.row.answer"), problems);
        var (ok, none) = QuestionRules.ReadRow("多选", "哪些是四大名著？", ["红楼梦", "西游记", "儒林外史", "", "", ""], "ba");
        Assert.Empty(none);
        Assert.Equal("AB", ok!.Answer);
        Assert.Equal(3, ok.Options.Count);
        Assert.Contains(("answer", "bank.row.multipleNeedsTwo"), QuestionRules.ReadRow("多选", "x", ["a", "b"], "A").Problems);
        Assert.Contains(("A", "bank.row.optionsForTrueFalse"), QuestionRules.ReadRow("判断", "x", ["a"], "对").Problems);
        Assert.Contains(("kind", "bank.row.kind"), QuestionRules.ReadRow("填空", "x", [], "x").Problems);
    }

    [Fact]
    public void Scoring_counts_only_whole_answers()
    {
        var (correct, score) = QuizScoring.Score([("AC", "AC"), ("AC", "A"), ("T", "T"), ("B", null)]);
        Assert.Equal(2, correct);
        Assert.Equal(50, score);
        Assert.Equal((0, 0), QuizScoring.Score([]));
    }

    [Fact]
    public void The_deadline_has_a_few_seconds_of_grace_and_no_more()
    {
        var deadline = new DateTimeOffset(2020, 5, 1, 2, 0, 0, TimeSpan.Zero);
        Assert.False(QuizScoring.TooLate(deadline, deadline.AddSeconds(5)));
        Assert.True(QuizScoring.TooLate(deadline, deadline.AddSeconds(6)));
    }

    [Fact]
    public void A_draw_is_distinct_and_varies()
    {
        var pool = Enumerable.Range(0, 50).ToList();
        var rng = new Random(7);
        var a = QuizScoring.Draw(pool, 20, rng);
        var b = QuizScoring.Draw(pool, 20, rng);
        Assert.Equal(20, a.Distinct().Count());
        Assert.NotEqual(a, b);
        Assert.Equal(50, QuizScoring.Draw(pool, 80, rng).Count);
    }

    [Fact]
    public void Drawn_questions_round_trip_and_are_found_by_id()
    {
        var drawn = new List<DrawnQuestion> { new(Guid.NewGuid(), QuestionKind.Multiple, 5), new(Guid.NewGuid(), QuestionKind.TrueFalse, 0) };
        var text = QuizAttempt.EncodeDrawn(drawn);
        Assert.Equal(drawn, QuizAttempt.DecodeDrawn(text));
        Assert.Equal((QuestionKind.Multiple, 5), QuizAttempt.FindDrawn(text, drawn[0].Id));
        Assert.Null(QuizAttempt.FindDrawn(text, Guid.NewGuid()));
    }

    private static readonly DateTimeOffset T0 = new(2020, 6, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Many_likes_from_one_address_within_the_window_are_flagged_and_a_slow_trickle_is_not()
    {
        var rules = new LikeRules { IpWindowMinutes = 10, IpMaxLikes = 3 };
        var burst = Enumerable.Range(0, 5).Select(i => new LikeFact(Guid.NewGuid(), Guid.NewGuid(), "ip1", T0.AddMinutes(i), null)).ToList();
        var slow = Enumerable.Range(0, 5).Select(i => new LikeFact(Guid.NewGuid(), Guid.NewGuid(), "ip2", T0.AddMinutes(i * 11), null)).ToList();
        var flags = LikeBursts.Flag([.. burst, .. slow], rules);
        Assert.Equal(5, flags.Count);
        Assert.All(burst, l => Assert.Equal(LikeFlags.Ip, flags[l.Id]));
        Assert.All(slow, l => Assert.False(flags.ContainsKey(l.Id)));
    }

    [Fact]
    public void A_burst_of_new_accounts_on_one_item_is_flagged_but_old_accounts_are_not()
    {
        var rules = new LikeRules { NewAccountMinutes = 60, NewAccountWindowMinutes = 10, NewAccountBurst = 3, IpMaxLikes = 1000 };
        var item = Guid.NewGuid();
        var fresh = Enumerable.Range(0, 3).Select(i => new LikeFact(Guid.NewGuid(), item, "ip" + i, T0.AddMinutes(i), T0.AddMinutes(-5))).ToList();
        var old = Enumerable.Range(0, 5).Select(i => new LikeFact(Guid.NewGuid(), item, "old" + i, T0.AddMinutes(i), T0.AddDays(-30))).ToList();
        var lone = new LikeFact(Guid.NewGuid(), Guid.NewGuid(), "x", T0, T0.AddMinutes(-1));
        var flags = LikeBursts.Flag([.. fresh, .. old, lone], rules);
        Assert.All(fresh, l => Assert.Equal(LikeFlags.NewAccounts, flags[l.Id]));
        Assert.All(old, l => Assert.False(flags.ContainsKey(l.Id)));
        Assert.False(flags.ContainsKey(lone.Id));
    }

    [Theory]
    [InlineData(new byte[] { 0x49, 0x44, 0x33, 4, 0 }, "audio/mpeg")]
    [InlineData(new byte[] { 0xFF, 0xFB, 0x90, 0 }, "audio/mpeg")]
    [InlineData(new byte[] { 0xFF, 0xF1, 0x50, 0 }, "audio/aac")]
    [InlineData(new byte[] { 0x4F, 0x67, 0x67, 0x53, 0 }, "audio/ogg")]
    [InlineData(new byte[] { 0x1A, 0x45, 0xDF, 0xA3, 0 }, "video/webm")]
    [InlineData(new byte[] { 0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x4D, 0x34, 0x41, 0x20 }, "audio/mp4")]
    [InlineData(new byte[] { 0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6F, 0x6D }, "video/mp4")]
    public void Media_is_known_by_its_first_bytes(byte[] head, string type) => Assert.Equal(type, MediaRules.Sniff(head)?.ContentType);

    [Fact]
    public void Anything_else_is_not_media()
    {
        Assert.Null(MediaRules.Sniff("%PDF-1.7"u8));
        Assert.Null(MediaRules.Sniff("<html>"u8));
        Assert.Null(MediaRules.Sniff([]));
    }
}
