using System.Net;
using System.Text;
using System.Text.Json;
using Gonghui.Modules.Culture.Quiz;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Culture;

/// <summary>
/// The reading quiz over HTTP on each provider: a bank imported from a sheet (row errors by line, nothing written), a quiz drawing
/// questions per attempt, answers saved one by one (and read back), submit once (a second gives the same result), time limits,
/// attempts per member, eligibility, and the per-unit ranking within the caller's scope.
/// </summary>
public abstract class QuizApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Base = "/api/v1/culture";

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    private static async Task<string> ConflictCodeAsync(HttpResponseMessage r)
    {
        Assert.True(r.StatusCode == HttpStatusCode.Conflict, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return (await BodyAsync(r)).GetProperty("code").GetString()!;
    }

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage r)
    {
        Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return (await BodyAsync(r)).GetProperty("errors");
    }

    private static MultipartFormDataContent Sheet(string csv, string name = "bank.csv") =>
        new() { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", name } };

    public static string CleanSheet(int questions)
    {
        var sb = new StringBuilder("题型,题目,A,B,C,D,答案\n");
        for (var i = 0; i < questions; i++)
            sb.Append((i % 3) switch
            {
                0 => $"单选,单选题{i},甲,乙,丙,丁,{(char)('A' + i % 4)}\n",
                1 => $"多选,多选题{i},甲,乙,丙,,AC\n",
                _ => $"判断,判断题{i},,,,,{(i % 2 == 0 ? "对" : "错")}\n",
            });
        return sb.ToString();
    }

    private async Task<(HttpClient Admin, Guid Bank, Dictionary<Guid, string> Answers)> BankAsync(int questions)
    {
        var admin = await app.ClientAsync("admin");
        var b = await admin.PostJsonAsync($"{Base}/banks", new { name = "测试题库" + Guid.NewGuid().ToString("N")[..6] });
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        var bank = (await b.ReadJsonAsync<BankDto>())!;
        var imported = await admin.PostAsync($"{Base}/banks/{bank.Id}/import", Sheet(CleanSheet(questions)));
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        var detail = await BodyAsync(await admin.GetAsync($"{Base}/banks/{bank.Id}"));
        var answers = detail.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("id").GetGuid(), q => q.GetProperty("answer").GetString()!);
        Assert.Equal(questions, answers.Count);
        return (admin, bank.Id, answers);
    }

    private async Task<QuizDto> QuizAsync(HttpClient admin, Guid bank, int questions, int attempts = 2, int seconds = 600)
    {
        var r = await admin.PostJsonAsync($"{Base}/quizzes", new
        {
            title = "测试竞赛", bankId = bank, questionCount = questions, timeLimitSeconds = seconds, attemptsPerMember = attempts,
            opensAt = DateTimeOffset.UtcNow.AddDays(-1), closesAt = DateTimeOffset.UtcNow.AddDays(1),
        });
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        return (await r.ReadJsonAsync<QuizDto>())!;
    }

    private static string Wrong(string answer) => answer switch { "T" => "F", "F" => "T", "A" => "B", _ => "A" };

    [Fact]
    public async Task A_sheet_with_row_errors_is_refused_naming_line_and_column_and_nothing_is_written()
    {
        var admin = await app.ClientAsync("admin");
        var bank = (await (await admin.PostJsonAsync($"{Base}/banks", new { name = "导入测试" })).ReadJsonAsync<BankDto>())!;
        var bad = "题型,题目,A,B,C,D,答案\n单选,第一题,甲,乙,丙,丁,A\n单选,第二题,甲,乙,,,E\n填空,第三题,,,,,x\n判断,第四题,,,,,对\n";
        var errors = await ErrorsAsync(await admin.PostAsync($"{Base}/banks/{bank.Id}/import", Sheet(bad)));
        Assert.True(errors.TryGetProperty("rows[3].answer", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("rows[4].kind", out _), errors.ToString());
        Assert.False(errors.TryGetProperty("rows[2].answer", out _));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<BankQuestion>().CountAsync(q => q.BankId == bank.Id)));

        var noHeader = await ErrorsAsync(await admin.PostAsync($"{Base}/banks/{bank.Id}/import", Sheet("问题,选项\nx,y\n")));
        Assert.True(noHeader.TryGetProperty("file", out _));
        Assert.True((await ErrorsAsync(await admin.PostAsync($"{Base}/banks/{bank.Id}/import", Sheet("%PDF-1.7 not a sheet")))).TryGetProperty("file", out _));

        var ok = await admin.PostAsync($"{Base}/banks/{bank.Id}/import", Sheet(CleanSheet(9)));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(9, (await BodyAsync(ok)).GetProperty("imported").GetInt32());
        Assert.Equal(9, await app.WithDbAsync(db => db.Set<BankQuestion>().CountAsync(q => q.BankId == bank.Id)));
        // Staff without the manage permission read banks but do not import.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("auditor")).PostAsync($"{Base}/banks/{bank.Id}/import", Sheet(CleanSheet(3)))).StatusCode);
    }

    [Fact]
    public async Task A_member_takes_the_quiz_answer_by_answer_and_submits_once()
    {
        var (admin, bank, key) = await BankAsync(12);
        var quiz = await QuizAsync(admin, bank, 5);
        var workers = await CultureTestData.MembersWithAccountsAsync(app, "/BJ/DC/", 2);
        var w = await app.ClientAsync(workers[0].UserName);

        var started = await w.PostAsync($"{Base}/quizzes/{quiz.Id}/attempts", null);
        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var attempt = (await started.ReadJsonAsync<AttemptView>())!;
        Assert.Equal(5, attempt.Questions.Count);
        Assert.Equal(5, attempt.Questions.Select(q => q.Id).Distinct().Count());
        Assert.All(attempt.Questions, q => Assert.Contains(q.Id, key.Keys));
        // Starting again while it runs resumes the same attempt.
        var again = await w.PostAsync($"{Base}/quizzes/{quiz.Id}/attempts", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(attempt.Id, (await again.ReadJsonAsync<AttemptView>())!.Id);

        // Three right, one wrong (first given right, then changed: the last one counts), one unanswered.
        var qs = attempt.Questions;
        foreach (var q in qs.Take(3)) Assert.Equal(HttpStatusCode.NoContent, (await w.PutAsync($"{Base}/attempts/{attempt.Id}/answers/{q.Id}", Json(key[q.Id]))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await w.PutAsync($"{Base}/attempts/{attempt.Id}/answers/{qs[3].Id}", Json(key[qs[3].Id]))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await w.PutAsync($"{Base}/attempts/{attempt.Id}/answers/{qs[3].Id}", Json(Wrong(key[qs[3].Id])))).StatusCode);

        // Bad answers: a question not drawn, a choice that is no option, someone else's attempt.
        var notDrawn = key.Keys.First(k => qs.All(q => q.Id != k));
        Assert.True((await ErrorsAsync(await w.PutAsync($"{Base}/attempts/{attempt.Id}/answers/{notDrawn}", Json("A")))).TryGetProperty("questionId", out _));
        Assert.True((await ErrorsAsync(await w.PutAsync($"{Base}/attempts/{attempt.Id}/answers/{qs[0].Id}", Json("Z")))).TryGetProperty("choice", out _));
        var other = await app.ClientAsync(workers[1].UserName);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Base}/attempts/{attempt.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsync($"{Base}/attempts/{attempt.Id}/answers/{qs[4].Id}", Json("A"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"{Base}/attempts/{attempt.Id}/submit", null)).StatusCode);

        // A dropped connection loses nothing: the attempt read back holds every saved choice.
        var reread = (await (await w.GetAsync($"{Base}/attempts/{attempt.Id}")).ReadJsonAsync<AttemptView>())!;
        Assert.Equal(4, reread.Questions.Count(q => q.Choice is not null));
        Assert.Equal(Wrong(key[qs[3].Id]), reread.Questions.Single(q => q.Id == qs[3].Id).Choice);

        var submitted = await w.PostAsync($"{Base}/attempts/{attempt.Id}/submit", null);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var result = (await submitted.ReadJsonAsync<AttemptResult>())!;
        Assert.Equal((3, 5, 60), (result.Correct, result.Total, result.Score));
        var second = (await (await w.PostAsync($"{Base}/attempts/{attempt.Id}/submit", null)).ReadJsonAsync<AttemptResult>())!;
        Assert.Equal(result, second);
        Assert.Equal("quiz.submitted", await ConflictCodeAsync(await w.PutAsync($"{Base}/attempts/{attempt.Id}/answers/{qs[4].Id}", Json(key[qs[4].Id]))));
        Assert.Equal(60, await app.WithDbAsync(db => db.Set<QuizAttempt>().Where(a => a.Id == attempt.Id).Select(a => a.Score).SingleAsync()));

        // The ranking: the union has one participant with 60, within 东城's scope and not 西城's.
        var byUnit = await BodyAsync(await admin.GetAsync($"{Base}/quizzes/{quiz.Id}/ranking?level=Unit"));
        var row = byUnit.EnumerateArray().Single(r => r.GetProperty("key").GetString() == workers[0].UnitId.ToString());
        Assert.Equal(1, row.GetProperty("participants").GetInt32());
        Assert.Equal(60.0, row.GetProperty("averageScore").GetDouble());
        var dc = await BodyAsync(await (await app.ClientAsync("dongcheng")).GetAsync($"{Base}/quizzes/{quiz.Id}/ranking"));
        Assert.Equal("/BJ/DC/", dc.EnumerateArray().Single().GetProperty("key").GetString());
        var xc = await BodyAsync(await (await app.ClientAsync("xicheng")).GetAsync($"{Base}/quizzes/{quiz.Id}/ranking"));
        Assert.Empty(xc.EnumerateArray());
    }

    [Fact]
    public async Task A_passed_attempt_has_a_certificate_for_its_participant_and_the_staff_of_its_unit_and_nobody_else()
    {
        var (admin, bank, key) = await BankAsync(10);
        var quiz = await QuizAsync(admin, bank, 5, attempts: 2);
        var workers = await CultureTestData.MembersWithAccountsAsync(app, "/BJ/DC/", 2);
        var w = await app.ClientAsync(workers[0].UserName);

        // First attempt: two of five right (40): below the pass mark, no certificate (409, named), and not in the staff's list.
        var first = (await (await w.PostAsync($"{Base}/quizzes/{quiz.Id}/attempts", null)).ReadJsonAsync<AttemptView>())!;
        foreach (var q in first.Questions.Take(2)) await w.PutAsync($"{Base}/attempts/{first.Id}/answers/{q.Id}", Json(key[q.Id]));
        Assert.Equal(40, (await (await w.PostAsync($"{Base}/attempts/{first.Id}/submit", null)).ReadJsonAsync<AttemptResult>())!.Score);
        Assert.Equal("certificate.notEarned", await ConflictCodeAsync(await w.GetAsync($"{Base}/attempts/{first.Id}/certificate.pdf")));

        // Second attempt: four of five (80), but not yet submitted: still none.
        var second = (await (await w.PostAsync($"{Base}/quizzes/{quiz.Id}/attempts", null)).ReadJsonAsync<AttemptView>())!;
        foreach (var q in second.Questions.Take(4)) await w.PutAsync($"{Base}/attempts/{second.Id}/answers/{q.Id}", Json(key[q.Id]));
        Assert.Equal("certificate.notEarned", await ConflictCodeAsync(await w.GetAsync($"{Base}/attempts/{second.Id}/certificate.pdf")));
        Assert.Equal(80, (await (await w.PostAsync($"{Base}/attempts/{second.Id}/submit", null)).ReadJsonAsync<AttemptResult>())!.Score);

        var pdf = await w.GetAsync($"{Base}/attempts/{second.Id}/certificate.pdf");
        Assert.True(pdf.StatusCode == HttpStatusCode.OK, await pdf.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", Encoding.Latin1.GetString(await pdf.Content.ReadAsByteArrayAsync()));

        // The staff of 东城 list it (with its number) and print it; 西城's staff do not see it; the worker may not use the staff's path,
        // another worker has no such attempt of their own, anonymous callers are turned away, an unknown attempt is 404.
        var dc = await app.ClientAsync("dongcheng");
        var listed = await BodyAsync(await dc.GetAsync($"{Base}/quizzes/{quiz.Id}/passed"));
        var item = listed.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(second.Id, item.GetProperty("attemptId").GetGuid());
        Assert.Equal(80, item.GetProperty("score").GetInt32());
        Assert.Matches("^YD20[0-9]{2}[0-9A-F]{16}$", item.GetProperty("certificateNumber").GetString());
        var staffPdf = await dc.GetAsync($"{Base}/staff/attempts/{second.Id}/certificate.pdf");
        Assert.True(staffPdf.StatusCode == HttpStatusCode.OK, await staffPdf.Content.ReadAsStringAsync());
        Assert.StartsWith("%PDF-", Encoding.Latin1.GetString(await staffPdf.Content.ReadAsByteArrayAsync()));
        var xc = await app.ClientAsync("xicheng");
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"{Base}/staff/attempts/{second.Id}/certificate.pdf")).StatusCode);
        Assert.Empty((await BodyAsync(await xc.GetAsync($"{Base}/quizzes/{quiz.Id}/passed"))).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await w.GetAsync($"{Base}/staff/attempts/{second.Id}/certificate.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dc.GetAsync($"{Base}/attempts/{second.Id}/certificate.pdf")).StatusCode);
        var other = await app.ClientAsync(workers[1].UserName);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Base}/attempts/{second.Id}/certificate.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"{Base}/attempts/{second.Id}/certificate.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Base}/staff/attempts/{Guid.NewGuid()}/certificate.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await dc.GetAsync($"{Base}/quizzes/{quiz.Id}/passed?after=nonsense")).StatusCode);

        // The number and code are the platform's: the code printed is the HMAC of number and holder, and a changed name does not match.
        var codes = app.Services.GetRequiredService<Gonghui.Platform.Printing.CertificateCodes>();
        var number = item.GetProperty("certificateNumber").GetString()!;
        var holder = item.GetProperty("holder").GetString()!;
        Assert.True(codes.Matches(number, holder, codes.CodeOf(number, holder)));
        Assert.False(codes.Matches(number, holder + "甲", codes.CodeOf(number, holder)));

        // The public check (/api/v1/certificates/verify) knows YD numbers: valid with the masked holder; a wrong code or number is not valid.
        var anon = app.CreateClient();
        var check = await anon.GetAsync($"/api/v1/certificates/verify?number={number}&code={codes.CodeOf(number, holder)}");
        Assert.True(check.StatusCode == HttpStatusCode.OK, await check.Content.ReadAsStringAsync());
        var valid = await BodyAsync(check);
        Assert.True(valid.GetProperty("valid").GetBoolean());
        Assert.Equal(number, valid.GetProperty("number").GetString());
        Assert.DoesNotContain(holder[1..], valid.GetProperty("holder").GetString()!);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/api/v1/certificates/verify?number={number}&code={codes.CodeOf(number, holder + "甲")}")).StatusCode);
        var failedNumber = QuizScoringNumber(first.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/api/v1/certificates/verify?number={failedNumber}&code={codes.CodeOf(failedNumber, holder)}")).StatusCode);
    }

    private static string QuizScoringNumber(Guid attempt) => Gonghui.Modules.Culture.Rules.QuizScoring.CertificateNumber(attempt, DateTime.UtcNow.Year);

    [Fact]
    public async Task An_answer_after_the_time_limit_is_refused_and_the_attempt_scores_what_came_in_time()
    {
        var (admin, bank, key) = await BankAsync(6);
        var quiz = await QuizAsync(admin, bank, 3, seconds: 60);
        var worker = (await CultureTestData.MembersWithAccountsAsync(app, "/BJ/XC/", 1))[0];
        var w = await app.ClientAsync(worker.UserName);
        var attempt = (await (await w.PostAsync($"{Base}/quizzes/{quiz.Id}/attempts", null)).ReadJsonAsync<AttemptView>())!;
        var q = attempt.Questions;
        Assert.Equal(HttpStatusCode.NoContent, (await w.PutAsync($"{Base}/attempts/{attempt.Id}/answers/{q[0].Id}", Json(key[q[0].Id]))).StatusCode);
        var past = DateTimeOffset.UtcNow.AddMinutes(-1);
        await app.WithDbAsync(db => db.Set<QuizAttempt>().Where(a => a.Id == attempt.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.DeadlineAt, past)));
        Assert.Equal("quiz.timeUp", await ConflictCodeAsync(await w.PutAsync($"{Base}/attempts/{attempt.Id}/answers/{q[1].Id}", Json(key[q[1].Id]))));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<QuizAnswer>().CountAsync(a => a.AttemptId == attempt.Id)));
        var result = (await (await w.PostAsync($"{Base}/attempts/{attempt.Id}/submit", null)).ReadJsonAsync<AttemptResult>())!;
        Assert.Equal(1, result.Correct);
        Assert.Equal(33, result.Score);
    }

    [Fact]
    public async Task Only_members_or_verified_phones_take_part_and_attempts_are_limited()
    {
        var (admin, bank, _) = await BankAsync(6);
        var quiz = await QuizAsync(admin, bank, 2, attempts: 2);
        var unit = (await CultureTestData.MembersWithAccountsAsync(app, "/BJ/DC/", 1))[0].UnitId;
        var nobody = await app.ClientAsync((await CultureTestData.AccountAsync(app, unit, null, phoneConfirmed: false)).UserName);
        Assert.Equal("culture.notEligible", await ConflictCodeAsync(await nobody.PostAsync($"{Base}/quizzes/{quiz.Id}/attempts", null)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<QuizAttempt>().CountAsync(a => a.QuizId == quiz.Id)));

        var phone = await app.ClientAsync((await CultureTestData.AccountAsync(app, unit, null, phoneConfirmed: true)).UserName);
        for (var i = 1; i <= 2; i++)
        {
            var a = await phone.PostAsync($"{Base}/quizzes/{quiz.Id}/attempts", null);
            Assert.True(a.StatusCode == HttpStatusCode.Created, await a.Content.ReadAsStringAsync());
            var view = (await a.ReadJsonAsync<AttemptView>())!;
            Assert.Equal(i, view.Number);
            Assert.Equal(HttpStatusCode.OK, (await phone.PostAsync($"{Base}/attempts/{view.Id}/submit", null)).StatusCode);
        }
        Assert.Equal("quiz.noAttemptsLeft", await ConflictCodeAsync(await phone.PostAsync($"{Base}/quizzes/{quiz.Id}/attempts", null)));
        // Staff do not take quizzes; workers do not manage them.
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync($"{Base}/quizzes/{quiz.Id}/attempts", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await phone.PostJsonAsync($"{Base}/banks", new { name = "x" })).StatusCode);
    }

    [Fact]
    public async Task Concurrent_submits_score_once_and_concurrent_saves_keep_one_answer()
    {
        var (admin, bank, key) = await BankAsync(6);
        var quiz = await QuizAsync(admin, bank, 4);
        var worker = (await CultureTestData.MembersWithAccountsAsync(app, "/BJ/DC/", 1))[0];
        var w = await app.ClientAsync(worker.UserName);
        var attempt = (await (await w.PostAsync($"{Base}/quizzes/{quiz.Id}/attempts", null)).ReadJsonAsync<AttemptView>())!;
        var q = attempt.Questions[0];
        var saves = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => w.PutAsync($"{Base}/attempts/{attempt.Id}/answers/{q.Id}", Json(i % 2 == 0 ? key[q.Id] : Wrong(key[q.Id])))));
        Assert.All(saves, s => Assert.Equal(HttpStatusCode.NoContent, s.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<QuizAnswer>().CountAsync(a => a.AttemptId == attempt.Id)));

        var submits = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => w.PostAsync($"{Base}/attempts/{attempt.Id}/submit", null)));
        Assert.All(submits, s => Assert.Equal(HttpStatusCode.OK, s.StatusCode));
        var results = await Task.WhenAll(submits.Select(s => s.ReadJsonAsync<AttemptResult>()));
        Assert.Single(results.Select(r => (r!.Score, r.SubmittedAt.ToUnixTimeMilliseconds())).Distinct());
    }

    [Fact]
    public async Task Saves_racing_a_submit_are_either_scored_or_refused_and_stored_when_answered()
    {
        var (admin, bank, key) = await BankAsync(24);
        var quiz = await QuizAsync(admin, bank, 20);
        var worker = (await CultureTestData.MembersWithAccountsAsync(app, "/BJ/XC/", 1))[0];
        var w = await app.ClientAsync(worker.UserName);
        var attempt = (await (await w.PostAsync($"{Base}/quizzes/{quiz.Id}/attempts", null)).ReadJsonAsync<AttemptView>())!;

        // Twenty right answers go out at once with a submit among them (after the first few). Each save answered 204 is in the
        // database the moment it is answered (a fresh read right after finds it), and is scored; each refused is 409 quiz.submitted
        // and not stored: the score is exactly the number of saves answered 204.
        var saves = attempt.Questions.Select((q, i) => Task.Run(async () =>
        {
            var r = await w.PutAsync($"{Base}/attempts/{attempt.Id}/answers/{q.Id}", Json(key[q.Id]));
            var stored = await app.WithDbAsync(db => db.Set<QuizAnswer>().CountAsync(a => a.AttemptId == attempt.Id && a.QuestionId == q.Id));
            return (Question: q.Id, Status: r.StatusCode, Body: await r.Content.ReadAsStringAsync(), Stored: stored);
        })).ToList();
        await Task.WhenAny(Task.WhenAll(saves.Take(3)), Task.Delay(2000));
        var submit = await w.PostAsync($"{Base}/attempts/{attempt.Id}/submit", null);
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        var result = (await submit.ReadJsonAsync<AttemptResult>())!;
        var answered = await Task.WhenAll(saves);
        Assert.All(answered, a => Assert.True(a.Status is HttpStatusCode.NoContent or HttpStatusCode.Conflict, $"{(int)a.Status}: {a.Body}"));
        Assert.All(answered.Where(a => a.Status == HttpStatusCode.NoContent), a => Assert.Equal(1, a.Stored));
        Assert.All(answered.Where(a => a.Status == HttpStatusCode.Conflict), a => Assert.Contains("quiz.submitted", a.Body));
        var accepted = answered.Count(a => a.Status == HttpStatusCode.NoContent);
        Assert.Equal(accepted, await app.WithDbAsync(db => db.Set<QuizAnswer>().CountAsync(a => a.AttemptId == attempt.Id)));
        Assert.Equal(accepted, result.Correct);
        // After the submit every save is refused, and nothing more is stored.
        Assert.Equal("quiz.submitted", await ConflictCodeAsync(await w.PutAsync($"{Base}/attempts/{attempt.Id}/answers/{attempt.Questions[0].Id}", Json(key[attempt.Questions[0].Id]))));
        Assert.Equal(accepted, await app.WithDbAsync(db => db.Set<QuizAnswer>().CountAsync(a => a.AttemptId == attempt.Id)));
    }

    private static StringContent Json(string choice) => new(JsonSerializer.Serialize(new { choice }), Encoding.UTF8, "application/json");
}

public sealed class QuizApiTests_Sqlite(SqliteApp app) : QuizApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class QuizApiTests_Postgres(PostgresApp app) : QuizApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
