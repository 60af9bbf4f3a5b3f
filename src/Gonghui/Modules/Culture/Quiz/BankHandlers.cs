using Gonghui.Modules.Culture.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Importing;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Culture.Quiz;

public sealed record CreateBankRequest(string? Name);
public sealed record BankImportResult(Guid BankId, int Imported, int Questions);
public sealed record QuestionView(Guid Id, int Position, QuestionKind Kind, string Text, IReadOnlyList<string> Options, string Answer);

/// <summary>Question banks: create one, import questions from a sheet (all rows or none; errors name the line and column), read one.</summary>
public sealed class BankHandlers(GonghuiDb db, CurrentUser me, TimeProvider clock)
{
    public const int MaxRows = 20_000;

    private static readonly (string Key, string[] Names, bool Required)[] Columns =
    [
        ("kind", ["题型", "kind", "type"], true),
        ("text", ["题目", "question", "text"], true),
        ("A", ["A", "选项A", "option A"], false), ("B", ["B", "选项B", "option B"], false), ("C", ["C", "选项C", "option C"], false),
        ("D", ["D", "选项D", "option D"], false), ("E", ["E", "选项E", "option E"], false), ("F", ["F", "选项F", "option F"], false),
        ("answer", ["答案", "answer"], true),
    ];

    /// <summary>The sheet's header row, for the template download.</summary>
    public static readonly string[] TemplateHeaders = ["题型", "题目", "A", "B", "C", "D", "E", "F", "答案"];

    public Task<List<QuestionBank>> ListAsync(CancellationToken ct) =>
        db.Set<QuestionBank>().AsNoTracking().OrderByDescending(b => b.Id).Take(200).ToListAsync(ct);

    public Task<QuestionBank?> FindAsync(Guid id, CancellationToken ct) => db.Set<QuestionBank>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);

    public async Task<List<QuestionView>> QuestionsAsync(Guid bankId, int limit, CancellationToken ct) =>
        (await db.Set<BankQuestion>().AsNoTracking().Where(q => q.BankId == bankId).OrderBy(q => q.Position).Take(limit).ToListAsync(ct))
        .Select(q => new QuestionView(q.Id, q.Position, q.Kind, q.Text, q.OptionList, q.Answer)).ToList();

    public async Task<Outcome<QuestionBank>> CreateAsync(CreateBankRequest r, CancellationToken ct)
    {
        var name = r.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200) return Outcome<QuestionBank>.Invalid("name", "bank.name");
        var bank = QuestionBank.Create(name, me.Name, clock.GetUtcNow());
        db.Add(bank);
        await db.SaveChangesAsync(ct);
        return Outcome<QuestionBank>.Ok(bank);
    }

    /// <summary>
    /// Reads every row first; any row error refuses the whole file (400, fields <c>rows[line].column</c>, line as the sheet shows it,
    /// header = 1), and nothing is written. A clean file is added in one transaction after the bank's existing questions.
    /// </summary>
    public async Task<Outcome<BankImportResult>> ImportAsync(Guid bankId, Stream content, string fileName, CancellationToken ct)
    {
        var bank = await db.Set<QuestionBank>().FirstOrDefaultAsync(b => b.Id == bankId, ct);
        if (bank is null) return Outcome<BankImportResult>.NotFound();
        using var file = TabularFile.Open(content, fileName);
        var headerErrors = new List<RowError>();
        var map = new ColumnMap(file.Headers, Columns, headerErrors);
        if (headerErrors.Count > 0) return Outcome<BankImportResult>.Invalid(headerErrors.Select(e => ("file", "bank.headers")).Take(1));
        var optionColumns = QuestionRules.OptionColumns.Select(map.IndexOf).ToArray();
        int kindCol = map.IndexOf("kind"), textCol = map.IndexOf("text"), answerCol = map.IndexOf("answer");

        var drafts = new List<QuestionDraft>();
        var problems = new List<(string Field, string Code)>();
        foreach (var row in file.Rows())
        {
            if (row.Values.All(string.IsNullOrWhiteSpace)) continue;
            if (drafts.Count + 1 > MaxRows) return Outcome<BankImportResult>.Invalid("file", "bank.tooManyRows", MaxRows);
            var (draft, rowProblems) = QuestionRules.ReadRow(ColumnMap.Get(row, kindCol), ColumnMap.Get(row, textCol),
                optionColumns.Select(c => ColumnMap.Get(row, c)).ToList(), ColumnMap.Get(row, answerCol));
            if (draft is not null) drafts.Add(draft);
            foreach (var (column, code) in rowProblems)
                if (problems.Count < 200) problems.Add(($"rows[{row.RowNumber}].{column}", code));
        }
        if (problems.Count > 0) return Outcome<BankImportResult>.Invalid(problems);
        if (drafts.Count == 0) return Outcome<BankImportResult>.Invalid("file", "bank.noRows");

        var start = await db.Set<BankQuestion>().Where(q => q.BankId == bankId).Select(q => (int?)q.Position).MaxAsync(ct) ?? 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = new Platform.Ids.UuidV7Batch(clock);
        for (var i = 0; i < drafts.Count; i++) db.Add(BankQuestion.From(ids.Next(), bankId, start + i + 1, drafts[i]));
        bank.Added(drafts.Count);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return Outcome<BankImportResult>.Ok(new BankImportResult(bankId, drafts.Count, bank.Questions));
    }
}
