using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gonghui.Modules.Organizations.Importing;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Cli;
using Gonghui.Platform.Data;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Security;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static Gonghui.Tests.Organizations.ImportFixtures;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Tests.Organizations;

/// <summary>Member import (API, importer service, CLI verb) and export; run on SQLite and on PostgreSQL.</summary>
public abstract class MemberImportTests<TApp>(TApp app) where TApp : GonghuiApp
{
    public sealed record RowErr(int Row, string Column, string Reason);
    public sealed record FieldDto(string Field, string? Old, string? New);
    public sealed record ChangeDto(int Row, string Who, List<FieldDto> Fields);
    public sealed record PreviewDto(long New, long Changed, long Unchanged, long ErrorRows, List<ChangeDto> Changes);
    public sealed record Status(Guid Id, string State, string Phase, long Rows, int Created, int Updated, int Rejected, int ErrorCount,
        List<RowErr> Errors, string? ErrorReportUrl, string? Message, PreviewDto? Preview = null, string? ConfirmUrl = null, Guid? ConfirmedAs = null);

    private static async Task<Status> WaitAsync(HttpClient client, string url)
    {
        for (var i = 0; i < 600; i++)
        {
            var s = (await client.GetJsonAsync<Status>(url))!;
            if (s.State != "Running") return s;
            await Task.Delay(100);
        }
        throw new TimeoutException("import did not finish");
    }

    private async Task<Status> UploadAsync(HttpClient client, byte[] content, string fileName, bool skipInvalid = false, bool update = false,
        bool preview = false)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        form.Add(file, "file", fileName);
        if (skipInvalid) form.Add(new StringContent("true"), "skipInvalid");
        if (update) form.Add(new StringContent("update"), "mode");
        if (preview) form.Add(new StringContent("preview"), "mode");
        var res = await client.PostAsync("/api/v1/members/import", form);
        Assert.Equal(HttpStatusCode.Accepted, res.StatusCode);
        var started = await res.ReadJsonAsync<JsonElement>();
        return await WaitAsync(client, started.GetProperty("statusUrl").GetString()!);
    }

    [Fact]
    public async Task A_preview_lists_new_changed_and_unchanged_rows_writes_nothing_and_imports_once_confirmed()
    {
        var (unionId, union) = await NewUnionAsync(app, "DC");
        var (otherId, other) = await NewUnionAsync(app, "DC");
        var (changedId, keptId, newId) = (NewId(), NewId(), NewId());
        Assert.True((await ImportAsync(Utf8(Csv(Row("王芳", changedId, union, phone: "13900001111"), Row("李强", keptId, union)), false), "first.csv")).Written);
        var dongcheng = await app.ClientAsync("dongcheng");
        var file = Utf8(Csv(Row("王芳芳", changedId, other, phone: "13900001111"), Row("李强", keptId, union), Row("新人", newId, union)), false);

        var preview = await UploadAsync(dongcheng, file, "preview.csv", preview: true);

        Assert.Equal("Succeeded", preview.State);
        Assert.Equal((1L, 1L, 1L, 0L), (preview.Preview!.New, preview.Preview.Changed, preview.Preview.Unchanged, preview.Preview.ErrorRows));
        var change = Assert.Single(preview.Preview.Changes);
        Assert.Equal(2, change.Row);
        Assert.StartsWith("王芳（", change.Who);
        Assert.DoesNotContain(changedId, change.Who); // the ID number is masked
        Assert.Contains(new FieldDto("姓名", "王芳", "王芳芳"), change.Fields);
        var unionChange = Assert.Single(change.Fields, f => f.Field == "工会代码");
        Assert.Contains(union, unionChange.Old);
        Assert.Contains(other, unionChange.New);
        Assert.Equal(2, change.Fields.Count); // the phone, type, dates and card are the same
        // Nothing is written by a preview.
        Assert.Equal(["李强", "王芳"], (await MembersOfAsync(app, unionId)).Select(m => m.Name));
        Assert.Empty(await MembersOfAsync(app, otherId));
        Assert.NotNull(preview.ConfirmUrl);

        // Someone else can't confirm it; its owner can, once.
        var xicheng = await app.ClientAsync("xicheng");
        Assert.Equal(HttpStatusCode.NotFound, (await xicheng.PostAsync(preview.ConfirmUrl, null)).StatusCode);
        var res = await dongcheng.PostAsync(preview.ConfirmUrl, null);
        Assert.Equal(HttpStatusCode.Accepted, res.StatusCode);
        var done = await WaitAsync(dongcheng, (await res.ReadJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!);
        Assert.Equal(("Succeeded", 1, 2), (done.State, done.Created, done.Updated));
        Assert.Equal(["新人", "李强"], (await MembersOfAsync(app, unionId)).Select(m => m.Name));
        Assert.Equal("王芳芳", Assert.Single(await MembersOfAsync(app, otherId)).Name);

        var again = await dongcheng.PostAsync(preview.ConfirmUrl, null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("import.preview.notConfirmable", (await again.ReadJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(done.Id, (await dongcheng.GetJsonAsync<Status>($"/api/v1/imports/{preview.Id}"))!.ConfirmedAs);
    }

    [Fact]
    public async Task A_preview_with_errors_cannot_be_confirmed_unless_invalid_rows_are_skipped()
    {
        var (unionId, union) = await NewUnionAsync(app, "DC");
        var dongcheng = await app.ClientAsync("dongcheng");
        var file = Utf8(Csv(Row("好人", NewId(), union), Row("错号", "110101199001011235", union)), false);

        var refused = await UploadAsync(dongcheng, file, "bad.csv", preview: true);
        Assert.Equal("Rejected", refused.State);
        Assert.Equal((1L, 1L), (refused.Preview!.New, refused.Preview.ErrorRows));
        Assert.Contains(refused.Errors, e => e.Row == 3);
        Assert.Null(refused.ConfirmUrl);
        Assert.Equal(HttpStatusCode.Conflict, (await dongcheng.PostAsync($"/api/v1/imports/{refused.Id}/confirm", null)).StatusCode);
        Assert.Empty(await MembersOfAsync(app, unionId));

        var skipping = await UploadAsync(dongcheng, file, "bad.csv", skipInvalid: true, preview: true);
        Assert.Equal("Succeeded", skipping.State);
        var res = await dongcheng.PostAsync(skipping.ConfirmUrl, null);
        var done = await WaitAsync(dongcheng, (await res.ReadJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!);
        Assert.Equal(("Succeeded", 1, 1), (done.State, done.Created, done.Rejected));
        Assert.Equal("好人", Assert.Single(await MembersOfAsync(app, unionId)).Name);
    }

    [Fact]
    public async Task The_cli_previews_without_writing_and_updates_with_the_update_flag()
    {
        var (unionId, union) = await NewUnionAsync(app, "DC");
        var id = NewId();
        Assert.True((await ImportAsync(Utf8(Csv(Row("赵六", id, union)), false), "first.csv")).Written);
        var dir = Directory.CreateTempSubdirectory("gonghui-import-").FullName;
        var file = Path.Combine(dir, "rename.csv");
        await File.WriteAllBytesAsync(file, Utf8(Csv(Row("赵六六", id, union)), bom: false));
        var stdout = new StringWriter();

        var code = -1;
        await app.WithScopeAsync(async sp => code = await MemberImportCli.RunAsync(sp, CommandLine.Parse(["import", "members", file, "--preview"]), stdout, TextWriter.Null));
        Assert.Equal(0, code);
        Assert.Contains("0 new, 1 changed", stdout.ToString());
        Assert.Contains("row 2", stdout.ToString());
        Assert.Contains("姓名: 赵六 -> 赵六六", stdout.ToString());
        Assert.Equal("赵六", Assert.Single(await MembersOfAsync(app, unionId)).Name);

        // Without --update the registered person is refused; with it (an option of ours, not the web host's) the name changes.
        await app.WithScopeAsync(async sp => code = await MemberImportCli.RunAsync(sp, CommandLine.Parse(["import", "members", file]), stdout, TextWriter.Null));
        Assert.Equal(1, code);
        await app.WithScopeAsync(async sp => code = await MemberImportCli.RunAsync(sp, CommandLine.Parse(["import", "members", file, "--update"]), stdout, TextWriter.Null));
        Assert.Equal(0, code);
        Assert.Equal("赵六六", Assert.Single(await MembersOfAsync(app, unionId)).Name);
        Directory.Delete(dir, recursive: true);
    }

    private Task<MemberImportResult> ImportAsync(byte[] content, string fileName, bool skipInvalid = false, string scope = "/",
        Action<ImportProgress>? progress = null, string? report = null, CancellationToken ct = default, bool bulk = false) =>
        app.WithDbAsync(async db =>
        {
            var importer = new MemberImporter(db, app.Services.GetRequiredService<PersonalDataProtector>(), TimeProvider.System,
                app.Services.GetRequiredService<ImportLocalizer>());
            // bulk: treat even a small file as large (fresh mode when none of its ID numbers is registered yet).
            var options = new MemberImportOptions(scope, "test", skipInvalid, report, bulk ? 0 : MemberImportOptions.DefaultFreshBulkFromBytes);
            return await importer.ImportAsync(new MemoryStream(content), fileName, options, progress, ct);
        });

    private Task<List<string>> MemberIndexesAsync() => app.WithDbAsync(db => (db.IsNpgsql()
            ? db.Database.SqlQueryRaw<string>("SELECT indexname AS \"Value\" FROM pg_indexes WHERE tablename = 'members'")
            : db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'members'"))
        .OrderBy(n => n).ToListAsync());

    [Fact]
    public async Task A_large_first_load_writes_straight_into_the_table_and_rebuilds_the_indexes_then_a_reimport_updates()
    {
        var (unionId, union) = await NewUnionAsync(app, "DC");
        var indexes = await MemberIndexesAsync();
        Assert.Contains(indexes, n => n.Contains("id_number_hash", StringComparison.OrdinalIgnoreCase));
        var ids = Enumerable.Range(0, 1500).Select(_ => NewId()).ToArray();
        var csv = Utf8(Csv(ids.Select((id, i) => Row("首批" + i, id, union, phone: "1391234" + i.ToString("D4"), card: "F" + i)).ToArray()), false);

        var fresh = await ImportAsync(csv, "first.csv", bulk: true);

        Assert.True(fresh.Written, string.Join("; ", fresh.Errors));
        Assert.Equal((1500, 0, 1500), (fresh.Created, fresh.Updated, fresh.FreshRows));
        Assert.Equal(indexes, await MemberIndexesAsync()); // every index is back, by name
        var members = await MembersOfAsync(app, unionId);
        Assert.Equal(1500, members.Count);
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        var m7 = members.Single(m => m.Name == "首批7");
        Assert.Equal(ids[7], protector.Decrypt(m7.IdNumberCipher));
        Assert.Equal(protector.Hash(ids[7]), m7.IdNumberHash);
        Assert.Equal("13912340007", protector.Decrypt(m7.PhoneCipher!));
        Assert.Equal(protector.Hash("13912340007"), m7.PhoneHash);
        Assert.Equal((MemberStatus.Active, "F7", new DateOnly(2023, 5, 4)), (m7.Status, m7.CardNumber, m7.JoinedOn));
        // Look-ups by keyed hash work through the rebuilt indexes (search by exact ID number).
        var client = await app.ClientAsync("dongcheng");
        var found = await client.GetJsonAsync<JsonElement>($"/api/v1/members?q={ids[7]}");
        Assert.Equal(1, found.GetProperty("totalEstimate").GetInt32());

        // The same file again: its first rows are registered, so it takes the upsert path; same members, same ids.
        var again = await ImportAsync(csv, "first.csv", bulk: true);
        Assert.Equal((0, 1500, 0), (again.Created, again.Updated, again.FreshRows));
        var after = await MembersOfAsync(app, unionId);
        Assert.Equal(members.Select(m => m.Id).Order(), after.Select(m => m.Id).Order());
        Assert.Equal(indexes, await MemberIndexesAsync());
    }

    [Fact]
    public async Task A_registered_member_further_down_a_fresh_file_switches_to_upsert_and_respects_scope()
    {
        var (dcId, dc) = await NewUnionAsync(app, "DC");
        var (xcId, xc) = await NewUnionAsync(app, "XC");
        var dcMember = NewId();
        var xcMember = NewId();
        Assert.True((await ImportAsync(Utf8(Csv(Row("老会员", dcMember, dc), Row("西城老会员", xcMember, xc)), false), "old.csv")).Written);
        var oldId = (await MembersOfAsync(app, dcId)).Single().Id;
        var indexes = await MemberIndexesAsync();
        // 1,200 new members with, past the first batch of 1,000 rows, one of dongcheng's and one of xicheng's registered members.
        var rows = Enumerable.Range(0, 1200).Select(i => Row("新会员" + i, NewId(), dc)).ToList();
        rows[1100] = Row("老会员改名", dcMember, dc, type: "灵活就业");
        rows[1150] = Row("抢人", xcMember, dc);

        var result = await ImportAsync(Utf8(Csv(rows.ToArray()), false), "mixed.csv", skipInvalid: true, scope: await DongchengScopeAsync(), bulk: true);

        Assert.True(result.Written);
        Assert.Equal((1198, 1, 1), (result.Created, result.Updated, result.Rejected));
        Assert.Equal(1100, result.FreshRows); // rows before the first registered member went straight in
        Assert.Contains(result.Errors, e => e is { Row: 1152, Reason: "import.member.outOfScope" });
        var dcMembers = await MembersOfAsync(app, dcId);
        Assert.Equal(1199, dcMembers.Count);
        var renamed = dcMembers.Single(m => m.Id == oldId);
        Assert.Equal(("老会员改名", EmploymentType.FlexibleWorker), (renamed.Name, renamed.EmploymentType));
        Assert.Equal("西城老会员", Assert.Single(await MembersOfAsync(app, xcId)).Name);
        Assert.Equal(indexes, await MemberIndexesAsync());
    }

    [Fact]
    public async Task Fresh_mode_refuses_duplicates_inside_the_file_and_a_refused_or_killed_import_keeps_the_indexes()
    {
        var (unionId, union) = await NewUnionAsync(app, "DC");
        var indexes = await MemberIndexesAsync();
        var ids = Enumerable.Range(0, 1300).Select(_ => NewId()).ToArray();
        ids[1250] = ids[1200]; // a duplicate inside the file, past the first batch
        var csv = Utf8(Csv(ids.Select((id, i) => Row("批" + i, id, union)).ToArray()), false);

        var refused = await ImportAsync(csv, "dup.csv", bulk: true);
        Assert.False(refused.Written);
        Assert.Contains(refused.Errors, e => e is { Row: 1252, Reason: "import.duplicate|1202" });
        Assert.Empty(await MembersOfAsync(app, unionId));
        Assert.Equal(indexes, await MemberIndexesAsync()); // the dropped indexes came back with the rollback

        // Killed after every row was written into the index-less table, before the rebuild.
        await Assert.ThrowsAsync<InvalidOperationException>(() => ImportAsync(csv, "killed.csv", bulk: true, skipInvalid: true,
            progress: p => { if (p.Phase == "saving") throw new InvalidOperationException("killed"); }));
        Assert.Empty(await MembersOfAsync(app, unionId));
        Assert.Equal(indexes, await MemberIndexesAsync());

        var skipped = await ImportAsync(csv, "dup.csv", bulk: true, skipInvalid: true);
        Assert.Equal((1299, 0, 1, 1299), (skipped.Created, skipped.Updated, skipped.Rejected, skipped.FreshRows));
        Assert.Equal(1299, (await MembersOfAsync(app, unionId)).Count);
        Assert.Equal(indexes, await MemberIndexesAsync());
    }

    private Task<string> DongchengScopeAsync() =>
        app.WithDbAsync(db => db.Set<Gonghui.Modules.Organizations.Units.OrgUnit>().Where(u => u.Code == "DC").Select(u => u.Path).SingleAsync());

    [Fact]
    public async Task An_upload_never_silently_overwrites_a_registered_person_unless_the_update_mode_is_chosen()
    {
        var (unionId, union) = await NewUnionAsync(app, "DC");
        var known = NewId();
        var client = await app.ClientAsync("dongcheng");
        Assert.Equal("Succeeded", (await UploadAsync(client, Utf8(Csv(Row("原名", known, union)), false), "first.csv")).State);

        // The same person under another name, between two new people: refused with the row number, nothing written.
        var file = Utf8(Csv(Row("新人甲", NewId(), union), Row("改名", known, union), Row("新人乙", NewId(), union)), false);
        var refused = await UploadAsync(client, file, "again.csv");
        Assert.Equal("Rejected", refused.State);
        Assert.Equal((0, 0, 1), (refused.Created, refused.Updated, refused.Rejected));
        var error = Assert.Single(refused.Errors);
        Assert.Equal((3, "身份证号"), (error.Row, error.Column));
        Assert.Contains("已经登记", error.Reason);
        Assert.Equal(["原名"], (await MembersOfAsync(app, unionId)).Select(m => m.Name));

        // Skipping invalid rows adds the new people and still leaves the registered one alone.
        var skipped = await UploadAsync(client, file, "again.csv", skipInvalid: true);
        Assert.Equal((2, 0, 1), (skipped.Created, skipped.Updated, skipped.Rejected));
        Assert.Contains("原名", (await MembersOfAsync(app, unionId)).Select(m => m.Name));

        // Chosen explicitly, the update mode overwrites.
        var updated = await UploadAsync(client, Utf8(Csv(Row("改名", known, union)), false), "update.csv", update: true);
        Assert.Equal(("Succeeded", 0, 1), (updated.State, updated.Created, updated.Updated));
        Assert.Contains("改名", (await MembersOfAsync(app, unionId)).Select(m => m.Name));
        Assert.DoesNotContain("原名", (await MembersOfAsync(app, unionId)).Select(m => m.Name));
    }

    [Fact]
    public async Task Good_csv_over_the_api_creates_members_with_protected_personal_data()
    {
        var (unionId, union) = await NewUnionAsync(app, "DC");
        var credit = await NewEnterpriseAsync(app, unionId);
        var ids = new[] { NewId(), NewId(), NewId() };
        var csv = Csv(Row("王芳", ids[0], union, credit: credit, card: "C-001"), Row("李强", ids[1], union, type: "劳务派遣", phone: "+86 139-1234-5678"),
            Row("赵敏", ids[2], union, type: "灵活就业", phone: ""));
        var client = await app.ClientAsync("dongcheng");

        var status = await UploadAsync(client, Utf8(csv, bom: false), "members.csv");

        Assert.Equal("Succeeded", status.State);
        Assert.Equal((3, 0, 0), (status.Created, status.Updated, status.Rejected));
        var members = await MembersOfAsync(app, unionId);
        Assert.Equal(["李强", "王芳", "赵敏"], members.Select(m => m.Name));
        var wang = members.Single(m => m.Name == "王芳");
        Assert.NotNull(wang.EnterpriseId);
        Assert.Equal("C-001", wang.CardNumber);
        Assert.Equal(new DateOnly(2023, 5, 4), wang.JoinedOn);
        Assert.DoesNotContain(ids[0], wang.IdNumberCipher);
        Assert.Equal(ids[0][..6] + "********" + ids[0][14..], wang.IdNumberMasked);
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        Assert.Equal(ids[0], protector.Decrypt(wang.IdNumberCipher));
        Assert.Equal(protector.Hash(ids[0]), wang.IdNumberHash);
        var li = members.Single(m => m.Name == "李强");
        Assert.Equal(EmploymentType.DispatchWorker, li.EmploymentType);
        Assert.Equal("139****5678", li.PhoneMasked);
        Assert.Null(members.Single(m => m.Name == "赵敏").PhoneCipher);

        // One audit entry for the whole import, naming the file and the counts.
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "MemberImport").OrderByDescending(a => a.Seq).FirstAsync());
        Assert.Equal("import", audit.Action);
        Assert.Equal("dongcheng", audit.Actor);
        Assert.Contains("\"created\":3", audit.After);
        Assert.Contains("members.csv", audit.After);
        Assert.True((await app.WithDbAsync(db => AuditTrail.VerifyAsync(db))).Intact);
    }

    [Fact]
    public async Task File_with_bad_rows_writes_nothing_and_reports_row_column_and_reason()
    {
        var (unionId, union) = await NewUnionAsync(app, "DC");
        var good = NewId();
        var badCheck = NewId();
        badCheck = badCheck[..17] + (badCheck[17] == '0' ? '1' : '0');
        var dup = NewId();
        var csv = Csv(
            Row("好人", good, union),
            Row("坏校验", badCheck, union),
            Row("", NewId(), union),
            Row("坏手机", NewId(), union, phone: "12345"),
            Row("坏工会", NewId(), "NO-SUCH-UNION"),
            Row("重复甲", dup, union),
            Row("重复乙", dup, union),
            Row("坏日期", NewId(), union, joined: "2023-13-45"));
        var client = await app.ClientAsync("dongcheng");

        var status = await UploadAsync(client, Utf8(csv, bom: true), "bad.csv");

        Assert.Equal("Rejected", status.State);
        Assert.Equal((0, 0), (status.Created, status.Updated));
        Assert.Equal(6, status.Rejected);
        Assert.Empty(await MembersOfAsync(app, unionId));
        Assert.Contains(status.Errors, e => e is { Row: 3, Column: "身份证号" } && e.Reason.Contains("校验位"));
        Assert.Contains(status.Errors, e => e is { Row: 4, Column: "姓名" } && e.Reason.Contains("姓名"));
        Assert.Contains(status.Errors, e => e is { Row: 5, Column: "手机号" });
        Assert.Contains(status.Errors, e => e is { Row: 6, Column: "工会代码" } && e.Reason.Contains("管辖范围"));
        Assert.Contains(status.Errors, e => e is { Row: 8, Column: "身份证号" } && e.Reason.Contains("第 7 行"));
        Assert.Contains(status.Errors, e => e is { Row: 9, Column: "入会日期" });
        Assert.DoesNotContain(status.Errors, e => e.Row == 2 || e.Row == 7);

        // The full report downloads as CSV with a BOM, in the uploader's language.
        var report = await client.GetByteArrayAsync(status.ErrorReportUrl!);
        Assert.Equal(Encoding.UTF8.GetPreamble(), report[..3]);
        var text = Encoding.UTF8.GetString(report[3..]);
        Assert.StartsWith("行号,列,原因", text);
        Assert.Contains("6,工会代码,", text);
    }

    [Fact]
    public async Task Skip_invalid_through_the_cli_writes_good_rows_and_saves_the_error_file()
    {
        var (unionId, union) = await NewUnionAsync(app, "DC");
        var dir = Directory.CreateTempSubdirectory("gonghui-import-").FullName;
        var file = Path.Combine(dir, "partial.csv");
        await File.WriteAllBytesAsync(file, Utf8(Csv(Row("甲", NewId(), union), Row("乙", "110101199901011234", union), Row("丙", NewId(), union)), bom: false));
        var errorsFile = Path.Combine(dir, "out", "errors.csv");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = 0;
        await app.WithScopeAsync(async sp => code = await MemberImportCli.RunAsync(sp,
            CommandLine.Parse(["import", "members", file, "--skip-invalid", "--errors", errorsFile]), stdout, stderr));

        Assert.Equal(0, code);
        Assert.Contains("2 created", stdout.ToString());
        Assert.Contains("1 rejected", stdout.ToString());
        Assert.Equal(["丙", "甲"], (await MembersOfAsync(app, unionId)).Select(m => m.Name));
        var report = await File.ReadAllTextAsync(errorsFile);
        Assert.Contains("3,身份证号,", report);
        Assert.Contains("row 3, 身份证号", stderr.ToString());
        Assert.Contains("rows", stderr.ToString()); // the progress bar's last line

        // Without --skip-invalid the same kind of file is refused with exit code 1, and the report lands next to it by default.
        var file2 = Path.Combine(dir, "refused.csv");
        await File.WriteAllBytesAsync(file2, Utf8(Csv(Row("丁", NewId(), union), Row("戊", "123", union)), bom: false));
        await app.WithScopeAsync(async sp => code = await MemberImportCli.RunAsync(sp, CommandLine.Parse(["import", "members", file2]), stdout, stderr));
        Assert.Equal(1, code);
        Assert.True(File.Exists(Path.Combine(dir, "refused.errors.csv")));
        Assert.Equal(2, (await MembersOfAsync(app, unionId)).Count);
    }

    [Fact]
    public async Task Cli_verb_reports_argument_errors()
    {
        await app.WithScopeAsync(async sp =>
        {
            var none = await Assert.ThrowsAsync<CliException>(() => MemberImportCli.RunAsync(sp, CommandLine.Parse(["import", "members"]), TextWriter.Null, TextWriter.Null));
            Assert.Contains("FILE is required", none.Message);
            var missing = await Assert.ThrowsAsync<CliException>(() => MemberImportCli.RunAsync(sp, CommandLine.Parse(["import", "members", "/no/such/file.csv"]), TextWriter.Null, TextWriter.Null));
            Assert.Contains("not found", missing.Message);
            var pdf = Path.Combine(Directory.CreateTempSubdirectory().FullName, "members.pdf");
            await File.WriteAllTextAsync(pdf, "x");
            var type = await Assert.ThrowsAsync<CliException>(() => MemberImportCli.RunAsync(sp, CommandLine.Parse(["import", "members", pdf]), TextWriter.Null, TextWriter.Null));
            Assert.Contains(".csv or .xlsx", type.Message);
            var two = await Assert.ThrowsAsync<CliException>(() => MemberImportCli.RunAsync(sp, CommandLine.Parse(["import", "members", pdf, pdf]), TextWriter.Null, TextWriter.Null));
            Assert.Contains("one FILE only", two.Message);
        });
    }

    [Fact]
    public async Task Gb18030_file_imports_chinese_names_correctly()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var (unionId, union) = await NewUnionAsync(app, "DC");
        var csv = Csv(Row("欧阳䶮", NewId(), union, type: "劳务派遣"), Row("司马懿", NewId(), union), Row("诸葛亮", NewId(), union));
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(csv);

        var result = await ImportAsync(bytes, "gbk.csv");

        Assert.True(result.Written, string.Join("; ", result.Errors));
        Assert.Equal(3, result.Created);
        var names = (await MembersOfAsync(app, unionId)).Select(m => m.Name).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "欧阳䶮", "司马懿", "诸葛亮" }.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task Utf8_with_bom_and_english_headers_import()
    {
        var (unionId, union) = await NewUnionAsync(app, "DC");
        var csv = "name,idNumber,phone,employmentType,unionCode,joinedOn\r\n"
                  + $"张伟,{NewId()},13912345678,flexible,{union},2020/1/2\r\n"
                  + $"\"刘, 洋\",{NewId().ToLowerInvariant()},,regular,{union},\r\n";

        var result = await ImportAsync(Utf8(csv, bom: true), "bom.csv");

        Assert.True(result.Written, string.Join("; ", result.Errors));
        var members = await MembersOfAsync(app, unionId);
        Assert.Equal(["刘, 洋", "张伟"], members.Select(m => m.Name).Order());
        Assert.Equal(new DateOnly(2020, 1, 2), members.Single(m => m.Name == "张伟").JoinedOn);
        Assert.Equal(EmploymentType.FlexibleWorker, members.Single(m => m.Name == "张伟").EmploymentType);
    }

    [Fact]
    public async Task Xlsx_upload_imports_members()
    {
        var (unionId, union) = await NewUnionAsync(app, "DC");
        var rows = new[]
        {
            new Dictionary<string, object?> { ["姓名"] = "陈静", ["身份证号"] = NewId(), ["手机号"] = "13700001111", ["用工类型"] = "正式职工", ["工会代码"] = union, ["入会日期"] = new DateTime(2021, 6, 30) },
            new Dictionary<string, object?> { ["姓名"] = "杨帆", ["身份证号"] = NewId(), ["手机号"] = null, ["用工类型"] = "灵活就业", ["工会代码"] = union, ["入会日期"] = null },
        };
        var ms = new MemoryStream();
        await ms.SaveAsAsync(rows);
        var client = await app.ClientAsync("dongcheng");

        var status = await UploadAsync(client, ms.ToArray(), "members.xlsx");

        Assert.Equal("Succeeded", status.State);
        Assert.Equal(2, status.Created);
        var members = await MembersOfAsync(app, unionId);
        Assert.Equal(new DateOnly(2021, 6, 30), members.Single(m => m.Name == "陈静").JoinedOn);
        Assert.Equal(EmploymentType.FlexibleWorker, members.Single(m => m.Name == "杨帆").EmploymentType);
    }

    [Fact]
    public async Task Reimporting_the_same_file_updates_and_never_duplicates()
    {
        var (unionId, union) = await NewUnionAsync(app, "DC");
        var ids = Enumerable.Range(0, 5).Select(_ => NewId()).ToArray();
        var first = Csv(ids.Select((id, i) => Row("会员" + i, id, union)).ToArray());
        var r1 = await ImportAsync(Utf8(first, false), "same.csv");
        Assert.Equal((5, 0), (r1.Created, r1.Updated));
        var before = await MembersOfAsync(app, unionId);

        var again = await ImportAsync(Utf8(first, false), "same.csv");
        Assert.Equal((0, 5), (again.Created, again.Updated));

        var changed = Csv(ids.Select((id, i) => Row("会员" + i, id, union, phone: "1390000000" + i, type: "劳务派遣")).ToArray());
        var r3 = await ImportAsync(Utf8(changed, false), "same.csv");
        Assert.Equal((0, 5), (r3.Created, r3.Updated));

        var after = await MembersOfAsync(app, unionId);
        Assert.Equal(5, after.Count);
        Assert.Equal(before.Select(m => m.Id).Order(), after.Select(m => m.Id).Order()); // same members, same ids
        Assert.All(after, m => Assert.Equal(EmploymentType.DispatchWorker, m.EmploymentType));
        Assert.Equal("139****0003", after.Single(m => m.Name == "会员3").PhoneMasked);
    }

    [Fact]
    public async Task An_import_killed_part_way_leaves_nothing_written()
    {
        var (unionId, union) = await NewUnionAsync(app, "DC");
        var rows = Enumerable.Range(0, 5000).Select(i => Row("批量" + i, NewId(), union)).ToArray();
        var bytes = Utf8(Csv(rows), false);

        // The process "dies" after 2,000 rows: the progress callback throws mid-stream.
        await Assert.ThrowsAsync<InvalidOperationException>(() => ImportAsync(bytes, "killed.csv",
            progress: p => { if (p.Rows >= 2000 && p.Phase == "reading") throw new InvalidOperationException("killed"); }));
        Assert.Empty(await MembersOfAsync(app, unionId));

        // Cancelled after 4,000 rows (Ctrl+C, shutdown): likewise nothing.
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImportAsync(bytes, "cancelled.csv",
            progress: p => { if (p.Rows >= 4000) cts.Cancel(); }, ct: cts.Token));
        Assert.Empty(await MembersOfAsync(app, unionId));

        // The connection is healthy afterwards and the whole file still imports.
        var ok = await ImportAsync(bytes, "whole.csv");
        Assert.Equal(5000, ok.Created);
        Assert.Equal(5000, (await MembersOfAsync(app, unionId)).Count);
    }

    [Fact]
    public async Task Dongcheng_cannot_import_into_xicheng_nor_overwrite_a_xicheng_member()
    {
        var (dcId, dc) = await NewUnionAsync(app, "DC");
        var (xcId, xc) = await NewUnionAsync(app, "XC");
        var xicheng = await app.ClientAsync("xicheng");
        var xcMember = NewId();
        Assert.Equal("Succeeded", (await UploadAsync(xicheng, Utf8(Csv(Row("西城会员", xcMember, xc)), false), "xc.csv")).State);

        var dongcheng = await app.ClientAsync("dongcheng");
        var status = await UploadAsync(dongcheng, Utf8(Csv(Row("东城会员", NewId(), dc), Row("越界", NewId(), xc), Row("抢人", xcMember, dc)), false), "dc.csv", skipInvalid: true, update: true);

        Assert.Equal("Succeeded", status.State);
        Assert.Equal((1, 0, 2), (status.Created, status.Updated, status.Rejected));
        Assert.Contains(status.Errors, e => e is { Row: 3, Column: "工会代码" });
        Assert.Contains(status.Errors, e => e is { Row: 4, Column: "身份证号" } && e.Reason.Contains("管辖范围以外"));
        var xcMembers = await MembersOfAsync(app, xcId);
        Assert.Equal("西城会员", Assert.Single(xcMembers).Name);
        Assert.Equal("东城会员", Assert.Single(await MembersOfAsync(app, dcId)).Name);

        // Another user's job is not found.
        Assert.Equal(HttpStatusCode.NotFound, (await xicheng.GetAsync($"/api/v1/imports/{status.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xicheng.GetAsync($"/api/v1/imports/{status.Id}/errors.csv")).StatusCode);
    }

    [Fact]
    public async Task Export_is_scope_limited_masked_and_audited()
    {
        var (dcId, dc) = await NewUnionAsync(app, "DC");
        var (_, xc) = await NewUnionAsync(app, "XC");
        var dcIdNumber = NewId();
        await ImportAsync(Utf8(Csv(Row("东城导出", dcIdNumber, dc, phone: "13812345678"), Row("西城导出", NewId(), xc)), false), "both.csv");
        var dongcheng = await app.ClientAsync("dongcheng");

        var res = await dongcheng.GetAsync("/api/v1/members/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var bytes = await res.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("姓名,身份证号,性别", csv);
        Assert.Contains("东城导出", csv);
        Assert.DoesNotContain("西城导出", csv);
        Assert.DoesNotContain(dcIdNumber, csv);
        Assert.Contains(dcIdNumber[..6] + "********" + dcIdNumber[14..], csv);
        Assert.Contains("138****5678", csv);
        Assert.DoesNotContain("13812345678", csv);

        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "MemberExport").OrderByDescending(a => a.Seq).FirstAsync());
        Assert.Equal("dongcheng", audit.Actor);
        Assert.Contains("\"format\":\"csv\"", audit.After);

        // XLSX, filtered to one union, in English.
        var req = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/members/export?format=xlsx&unionId={dcId}&employmentType=regular&status=Active");
        req.Headers.AcceptLanguage.ParseAdd("en-US");
        var xlsx = await dongcheng.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var rows = MiniExcel.Query(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal("东城导出", row["Name"]);
        Assert.Equal(dcIdNumber[..6] + "********" + dcIdNumber[14..], row["ID number"]);
        Assert.Equal(dc, row["Union code"]);

        // A xicheng union asked for by dongcheng is not found; bad filters are named.
        var xicheng = await app.WithDbAsync(db => db.Set<Gonghui.Modules.Organizations.Units.OrgUnit>().Where(u => u.Code == xc).Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await dongcheng.GetAsync($"/api/v1/members/export?unionId={xicheng}")).StatusCode);
        var bad = await dongcheng.GetAsync("/api/v1/members/export?format=pdf&status=gone");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.ReadJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("format", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _));
    }

    [Fact]
    public async Task Upload_refuses_wrong_file_types_and_the_template_has_chinese_headers()
    {
        var client = await app.ClientAsync("dongcheng");
        using var form = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.7 ..."u8.ToArray()), "file", "members.pdf" } };
        var res = await client.PostAsync("/api/v1/members/import", form);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var problem = await res.ReadJsonAsync<JsonElement>();
        Assert.Contains("CSV", problem.GetProperty("errors").GetProperty("file")[0].GetString());

        using var fake = new MultipartFormDataContent { { new ByteArrayContent("not a zip"u8.ToArray()), "file", "members.xlsx" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/v1/members/import", fake)).StatusCode);

        var template = await client.GetByteArrayAsync("/api/v1/members/import/template.csv");
        Assert.Equal(Encoding.UTF8.GetPreamble(), template[..3]);
        Assert.StartsWith("姓名,身份证号,手机号,用工类型,工会代码,统一社会信用代码,入会日期,会员卡号", Encoding.UTF8.GetString(template[3..]));

        var worker = await app.ClientAsync("worker");
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/members/export")).StatusCode);
    }

    [Fact]
    public async Task A_file_missing_a_required_column_is_refused_before_any_row()
    {
        var result = await ImportAsync(Utf8("姓名,手机号\r\n张三,13800138000\r\n", false), "cols.csv", skipInvalid: true);
        Assert.False(result.Written);
        Assert.Contains(result.Errors, e => e is { Row: 1, Column: "身份证号", Reason: "import.column.missing" });
        Assert.Contains(result.Errors, e => e is { Row: 1, Column: "工会代码" });
    }
}

public sealed class MemberImportTests_Sqlite(SqliteApp app) : MemberImportTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class MemberImportTests_Postgres(PostgresApp app) : MemberImportTests<PostgresApp>(app), IClassFixture<PostgresApp>;
