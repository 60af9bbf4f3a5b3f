using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Printing;
using Gonghui.Platform.Security;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Culture.Quiz;

public sealed record BankDto(Guid Id, string Name, int Questions, DateTimeOffset CreatedAt);
public sealed record QuizDto(Guid Id, string Title, Guid BankId, int QuestionCount, int TimeLimitSeconds, int AttemptsPerMember, DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt);

/// <summary>The reading quiz's API: banks and their import (staff), quizzes, attempts and answers (participants), rankings (staff).</summary>
internal static class QuizEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/banks", Banks).RequireAuthorization(Permissions.CultureRead);
        g.MapPost("/banks", CreateBank).RequireAuthorization(Permissions.CultureManage);
        g.MapGet("/banks/{id:guid}", Bank).RequireAuthorization(Permissions.CultureRead);
        g.MapPost("/banks/{id:guid}/import", Import).RequireAuthorization(Permissions.CultureManage).RequireAntiforgeryForCookieCallers()
            .Accepts<IFormFile>("multipart/form-data");
        g.MapGet("/banks/template.csv", Template).RequireAuthorization(Permissions.CultureRead);
        g.MapGet("/quizzes", Quizzes).RequireAuthorization(Permissions.CultureRead);
        g.MapPost("/quizzes", CreateQuiz).RequireAuthorization(Permissions.CultureManage);
        g.MapGet("/quizzes/open", OpenQuizzes).RequireAuthorization(Permissions.CultureTake);
        g.MapGet("/quizzes/{id:guid}/ranking", Ranking).RequireAuthorization(Permissions.CultureRead);
        g.MapPost("/quizzes/{id:guid}/attempts", Start).RequireAuthorization(Permissions.CultureTake);
        g.MapGet("/attempts/mine", Mine).RequireAuthorization(Permissions.CultureTake);
        g.MapGet("/attempts/{id:guid}", Attempt).RequireAuthorization(Permissions.CultureTake);
        g.MapPut("/attempts/{id:guid}/answers/{questionId:guid}", Answer).RequireAuthorization(Permissions.CultureTake);
        g.MapPost("/attempts/{id:guid}/submit", Submit).RequireAuthorization(Permissions.CultureTake);
        // Certificates of passed attempts: the participant's own, and staff's of attempts counted in their subtree.
        g.MapGet("/attempts/{id:guid}/certificate.pdf", (Guid id, QuizCertificates c, PdfPrinter p, CancellationToken ct) => c.PdfAsync(id, true, p, ct))
            .RequireAuthorization(Permissions.CultureTake);
        g.MapGet("/staff/attempts/{id:guid}/certificate.pdf", (Guid id, QuizCertificates c, PdfPrinter p, CancellationToken ct) => c.PdfAsync(id, false, p, ct))
            .RequireAuthorization(Permissions.CultureRead);
        g.MapGet("/quizzes/{id:guid}/passed", Passed).RequireAuthorization(Permissions.CultureRead);
    }

    internal static BankDto ToDto(QuestionBank b) => new(b.Id, b.Name, b.Questions, b.CreatedAt);
    internal static QuizDto ToDto(ReadingQuiz q) => new(q.Id, q.Title, q.BankId, q.QuestionCount, q.TimeLimitSeconds, q.AttemptsPerMember, q.OpensAt, q.ClosesAt);

    private static async Task<IResult> Banks(BankHandlers h, CancellationToken ct) => TypedResults.Ok((await h.ListAsync(ct)).Select(ToDto).ToList());

    private static async Task<IResult> CreateBank(CreateBankRequest body, BankHandlers h, IStringLocalizer<CultureText> t, CancellationToken ct) =>
        (await h.CreateAsync(body, ct)).ToHttpResult(b => TypedResults.Created($"/api/v1/culture/banks/{b.Id}", ToDto(b)), t);

    private static async Task<IResult> Bank(Guid id, BankHandlers h, CancellationToken ct) =>
        await h.FindAsync(id, ct) is { } b
            ? TypedResults.Ok(new { Bank = ToDto(b), Questions = await h.QuestionsAsync(id, 500, ct) })
            : TypedResults.NotFound();

    private static async Task<IResult> Import(Guid id, HttpRequest request, BankHandlers h, IStringLocalizer<CultureText> t, CancellationToken ct)
    {
        if (!request.HasFormContentType) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [t["bank.file"]] });
        var form = await request.ReadFormAsync(ct);
        if (form.Files.GetFile("file") is not { } file) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [t["bank.file"]] });
        await using var stream = file.OpenReadStream();
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy, ct);
        copy.Position = 0;
        return (await h.ImportAsync(id, copy, file.FileName, ct)).ToHttpResult(t);
    }

    private static IResult Template() => TypedResults.File(Csv.Template(BankHandlers.TemplateHeaders), "text/csv", "question-bank.csv");

    private static async Task<IResult> Quizzes(QuizHandlers h, CancellationToken ct) => TypedResults.Ok((await h.ListAsync(ct)).Select(ToDto).ToList());

    private static async Task<IResult> OpenQuizzes(QuizHandlers h, CancellationToken ct) => TypedResults.Ok((await h.OpenAsync(ct)).Select(ToDto).ToList());

    private static async Task<IResult> CreateQuiz(CreateQuizRequest body, QuizHandlers h, IStringLocalizer<CultureText> t, CancellationToken ct) =>
        (await h.CreateAsync(body, ct)).ToHttpResult(q => TypedResults.Created($"/api/v1/culture/quizzes/{q.Id}", ToDto(q)), t);

    private static async Task<IResult> Ranking(Guid id, RankingLevel? level, int? top, QuizRanking h, IStringLocalizer<CultureText> t, CancellationToken ct) =>
        (await h.RankAsync(id, level ?? RankingLevel.District, top ?? 100, ct)).ToHttpResult(t);

    private static async Task<IResult> Start(Guid id, Attempts h, IStringLocalizer<CultureText> t, CancellationToken ct) =>
        (await h.StartAsync(id, ct)).ToCreatedResult(a => $"/api/v1/culture/attempts/{a.Id}", a => a, t);

    private static async Task<IResult> Mine(Guid? quizId, Attempts h, CancellationToken ct) => TypedResults.Ok(await h.MineAsync(quizId, ct));

    private static async Task<IResult> Attempt(Guid id, Attempts h, IStringLocalizer<CultureText> t, CancellationToken ct) =>
        (await h.GetAsync(id, ct)).ToHttpResult(t);

    private static async Task<IResult> Answer(Guid id, Guid questionId, AnswerRequest body, Attempts h, IStringLocalizer<CultureText> t, CancellationToken ct) =>
        (await h.SaveAnswerAsync(id, questionId, body, ct)).ToHttpResult(_ => TypedResults.NoContent(), t);

    private static async Task<IResult> Passed(Guid id, int? limit, string? after, string? before, QuizCertificates h, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        return TypedResults.Ok(await h.PassedAsync(id, request, ct));
    }

    private static async Task<IResult> Submit(Guid id, Attempts h, IStringLocalizer<CultureText> t, CancellationToken ct) =>
        (await h.SubmitAsync(id, ct)).ToHttpResult(t);
}
