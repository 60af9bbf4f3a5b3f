using Gonghui.Modules.ModelWorkers.Register;
using Gonghui.Modules.ModelWorkers.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Calendars;
using Gonghui.Platform.Data;
using Gonghui.Platform.Geo;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.ModelWorkers.ReadingRooms;

public sealed record RoomRequest(string? Name, Guid? UnitId, string? Address, double? Lat, double? Lng, int? Books, int? AreaSqm, TimeOnly? OpensAt,
    TimeOnly? ClosesAt, int? Days);
public sealed record ApplyRequest(DemoLevel? Level);
public sealed record SelectionStepRequest(SelectionAction? Action, string? Reason);
public sealed record CheckRequest(int? Year, CheckVerdict? Result, string? Note);

public sealed record RoomView(Guid Id, string Name, Guid UnitId, string? DistrictCode, string Address, double Lat, double Lng, int Books, int AreaSqm,
    TimeOnly OpensAt, TimeOnly ClosesAt, OpenDays Days, int WeeklyHours, DemoLevel? NamedLevel);
public sealed record SelectionView(Guid Id, Guid RoomId, string RoomName, DemoLevel Level, int Year, SelectionStatus Status, DateOnly? PublicityEndsOn,
    int? NamedYear, string? Reason, DateTimeOffset AppliedAt, string AppliedBy);
public sealed record CheckView(Guid Id, Guid SelectionId, int Year, CheckVerdict Result, string? Note, DateTimeOffset At, string By);
public sealed record RoomDetail(RoomView Room, IReadOnlyList<SelectionView> Selections, IReadOnlyList<CheckView> Checks);
/// <summary>A reading room on the public map list: where, how far, when open (no unit, no staff data).</summary>
public sealed record NearbyRoom(Guid Id, string Name, string Address, double Lat, double Lng, int DistanceMeters, string Hours, int Books, DemoLevel? NamedLevel);

/// <summary>Reading rooms (职工书屋): the registry, the public nearest-first list, the demonstration-point selection and the yearly check.</summary>
internal sealed class ReadingRoomService(GonghuiDb db, CurrentUser me, TimeProvider clock, CalendarService calendars, RegisterService register)
{
    private static readonly SemaphoreSlim SqliteGate = new(1, 1);

    public DateOnly Today => BeijingTime.Today(clock);

    public async Task<IQueryable<ReadingRoom>> VisibleAsync(CancellationToken ct) =>
        me.IsStaff ? db.Set<ReadingRoom>().AsNoTracking().InScope(await me.ScopePathAsync(ct), r => r.ScopePath)
                   : db.Set<ReadingRoom>().AsNoTracking().Where(r => false);

    private static RoomView ToView(ReadingRoom r) => new(r.Id, r.Name, r.UnitId, r.DistrictCode, r.Address, r.Lat, r.Lng, r.Books, r.AreaSqm, r.OpensAt,
        r.ClosesAt, r.Days, r.WeeklyHours, r.NamedLevel);

    public async Task<Slice<RoomView>> ListAsync(DemoLevel? named, string? q, KeysetRequest request, CancellationToken ct)
    {
        var rooms = await VisibleAsync(ct);
        if (named is { } n) rooms = rooms.Where(r => r.NamedLevel == n);
        if (!string.IsNullOrWhiteSpace(q)) rooms = rooms.Where(r => r.Name.Contains(q) || r.Address.Contains(q));
        return (await rooms.SliceAsync(request, r => r.Name, r => r.Id, descending: false, x => x, r => r.Name, r => r.Id, ct)).Map(ToView);
    }

    /// <summary>
    /// The public map list: the reading rooms nearest a point (WGS-84, or GCJ-02 / BD-09 converted at the edge), nearest first,
    /// by great-circle distance over the rooms' coordinates (a city holds a few thousand: one narrow read, sorted here).
    /// </summary>
    public async Task<List<NearbyRoom>> NearbyAsync(double lat, double lng, Crs crs, int limit, CancellationToken ct)
    {
        var p = ChinaCoordinates.ToWgs84(new LatLng(lat, lng), crs);
        var rows = await db.Set<ReadingRoom>().AsNoTracking()
            .Select(r => new { r.Id, r.Name, r.Address, r.Lat, r.Lng, r.OpensAt, r.ClosesAt, r.Days, r.Books, r.NamedLevel }).ToListAsync(ct);
        return rows.Select(r => (r, d: GreatCircle.DistanceMeters(p.Lat, p.Lng, r.Lat, r.Lng))).OrderBy(x => x.d).ThenBy(x => x.r.Id).Take(limit)
            .Select(x =>
            {
                var at = ChinaCoordinates.FromWgs84(new LatLng(x.r.Lat, x.r.Lng), crs);
                return new NearbyRoom(x.r.Id, x.r.Name, x.r.Address, at.Lat, at.Lng, (int)Math.Round(x.d),
                    $"{ReadingRoomRules.DaysZh(x.r.Days)} {x.r.OpensAt:HH\\:mm}–{x.r.ClosesAt:HH\\:mm}", x.r.Books, x.r.NamedLevel);
            }).ToList();
    }

    /// <summary>
    /// The units a new reading room may belong to (the form's unit picker): the open units of the caller's subtree, and
    /// <paramref name="including"/> (a room's own unit, shown on its edit form) even if it has been closed since.
    /// </summary>
    public async Task<List<UnitRow>> UnitChoicesAsync(Guid? including, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var units = await db.UnitChoicesAsync(scope, ct);
        if (including is { } id && units.All(u => u.Id != id)
            && await db.UnitRows().InScope(scope, u => u.Path).FirstOrDefaultAsync(u => u.Id == id, ct) is { } own) units.Insert(0, own);
        return units;
    }

    public async Task<Outcome<RoomView>> CreateAsync(RoomRequest r, CancellationToken ct)
    {
        var errors = ReadingRoomRules.CheckRoom(r.Name, r.Address, r.Lat, r.Lng, r.Books, r.AreaSqm, r.OpensAt, r.ClosesAt, r.Days);
        var unitId = r.UnitId ?? me.OrgUnitId;
        var unit = unitId is { } uid ? await db.UnitRows().InScope(await me.ScopePathAsync(ct), u => u.Path).Where(u => u.Id == uid && !u.IsClosed).FirstOrDefaultAsync(ct) : null;
        if (unit is null) errors.Add(("unitId", "room.unit"));
        if (errors.Count > 0) return Outcome<RoomView>.Invalid(errors);
        var room = ReadingRoom.Create(r.Name!, unit!.Id, unit.Path, unit.DistrictCode ?? await register.DistrictOfAsync(unit.Path, ct), r.Address!, r.Lat!.Value, r.Lng!.Value,
            r.Books!.Value, r.AreaSqm!.Value, r.OpensAt!.Value, r.ClosesAt!.Value, (OpenDays)r.Days!.Value, clock.GetUtcNow());
        db.Add(room);
        await db.SaveChangesAsync(ct);
        return Outcome<RoomView>.Ok(ToView(room));
    }

    public async Task<Outcome<RoomView>> UpdateAsync(Guid id, RoomRequest r, CancellationToken ct)
    {
        if (!await (await VisibleAsync(ct)).AnyAsync(x => x.Id == id, ct)) return Outcome<RoomView>.NotFound();
        var errors = ReadingRoomRules.CheckRoom(r.Name, r.Address, r.Lat, r.Lng, r.Books, r.AreaSqm, r.OpensAt, r.ClosesAt, r.Days);
        if (errors.Count > 0) return Outcome<RoomView>.Invalid(errors);
        var room = await db.Set<ReadingRoom>().FirstAsync(x => x.Id == id, ct);
        room.Update(r.Name!, r.Address!, r.Lat!.Value, r.Lng!.Value, r.Books!.Value, r.AreaSqm!.Value, r.OpensAt!.Value, r.ClosesAt!.Value, (OpenDays)r.Days!.Value, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Outcome<RoomView>.Ok(ToView(room));
    }

    public async Task<Outcome<RoomDetail>> DetailAsync(Guid id, CancellationToken ct)
    {
        var room = await (await VisibleAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (room is null) return Outcome<RoomDetail>.NotFound();
        var selections = await Selections(db.Set<RoomSelection>().AsNoTracking().Where(s => s.RoomId == id).OrderByDescending(s => s.AppliedAt)).ToListAsync(ct);
        var ids = selections.Select(s => s.Id).ToList();
        var checks = await db.Set<RoomCheck>().AsNoTracking().Where(c => ids.Contains(c.SelectionId)).OrderByDescending(c => c.Year)
            .Select(c => new CheckView(c.Id, c.SelectionId, c.Year, c.Result, c.Note, c.At, c.By)).ToListAsync(ct);
        return Outcome<RoomDetail>.Ok(new RoomDetail(ToView(room), selections, checks));
    }

    private IQueryable<SelectionView> Selections(IQueryable<RoomSelection> q) =>
        from s in q
        join r in db.Set<ReadingRoom>() on s.RoomId equals r.Id
        select new SelectionView(s.Id, s.RoomId, r.Name, s.Level, s.Year, s.Status, s.PublicityEndsOn, s.NamedYear, s.Reason, s.AppliedAt, s.AppliedBy);

    /// <summary>The selections in scope waiting for a step or in publicity (the federation's work list), oldest first.</summary>
    public async Task<List<SelectionView>> OpenSelectionsAsync(CancellationToken ct)
    {
        var q = db.Set<RoomSelection>().AsNoTracking().InScope(await me.ScopePathAsync(ct), s => s.ScopePath)
            .Where(s => s.Status == SelectionStatus.Applied || s.Status == SelectionStatus.Reviewed || s.Status == SelectionStatus.InPublicity);
        return await Selections(q.OrderBy(s => s.AppliedAt).Take(200)).ToListAsync(ct);
    }

    /// <summary>A room applies to be a demonstration point at a level (meets the level's minimum; national only for a named Beijing point).</summary>
    public async Task<Outcome<SelectionView>> ApplyAsync(Guid roomId, ApplyRequest r, CancellationToken ct)
    {
        var room = await (await VisibleAsync(ct)).FirstOrDefaultAsync(x => x.Id == roomId, ct);
        if (room is null) return Outcome<SelectionView>.NotFound();
        if (r.Level is not { } level || !Enum.IsDefined(level)) return Outcome<SelectionView>.Invalid("level", "selection.level");
        var namedBeijing = await db.Set<RoomSelection>().AnyAsync(s => s.RoomId == roomId && s.Level == DemoLevel.Beijing && s.Status == SelectionStatus.Named, ct);
        var open = await db.Set<RoomSelection>().AnyAsync(s => s.RoomId == roomId && s.Level == level && s.OpenKey != null, ct);
        if (ReadingRoomRules.ApplyRefusal(level, room.Books, room.AreaSqm, room.WeeklyHours, namedBeijing, open) is { } refusal)
        {
            var (books, area, hours) = ReadingRoomRules.Minimum(level);
            return Outcome<SelectionView>.Conflict(refusal, null, books, area, hours);
        }
        var s = RoomSelection.Apply(room, level, Today.Year, clock.GetUtcNow(), me.Name);
        db.Add(s);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.Entry(s).State = EntityState.Detached; return Outcome<SelectionView>.Conflict("selection.exists"); }
        return Outcome<SelectionView>.Ok(await Selections(db.Set<RoomSelection>().AsNoTracking().Where(x => x.Id == s.Id)).FirstAsync(ct));
    }

    /// <summary>One step of a selection (review, approve into publicity of 5 working days, name, reject), serialised per selection.</summary>
    public async Task<Outcome<SelectionView>> StepAsync(Guid selectionId, SelectionStepRequest r, CancellationToken ct)
    {
        var visible = db.Set<RoomSelection>().AsNoTracking().InScope(await me.ScopePathAsync(ct), s => s.ScopePath);
        if (!await visible.AnyAsync(s => s.Id == selectionId, ct)) return Outcome<SelectionView>.NotFound();
        if (r.Action is not { } action || !Enum.IsDefined(action)) return Outcome<SelectionView>.Invalid("action", "selection.action");
        return await SerialAsync(async () =>
        {
            var s = await db.Set<RoomSelection>().FirstAsync(x => x.Id == selectionId, ct);
            var today = Today;
            var (to, error) = ReadingRoomRules.Step(action, s.Status, today, s.PublicityEndsOn, r.Reason);
            if (to is null)
                return error == "selection.reasonRequired" ? Outcome<SelectionView>.Invalid("reason", error)
                    : Outcome<SelectionView>.Conflict(error!, null, s.PublicityEndsOn?.ToString("yyyy-MM-dd"));
            var end = action == SelectionAction.Approve ? calendars.Current.AddWorkingDays(today, ReadingRoomRules.PublicityWorkingDays) : (DateOnly?)null;
            var at = clock.GetUtcNow();
            s.Step(to.Value, today, end, r.Reason, at);
            if (to == SelectionStatus.Named)
            {
                var room = await db.Set<ReadingRoom>().FirstAsync(x => x.Id == s.RoomId, ct);
                if (room.NamedLevel is null || room.NamedLevel < s.Level) room.Named(s.Level, at);
            }
            await db.SaveChangesAsync(ct);
            return Outcome<SelectionView>.Ok(await Selections(db.Set<RoomSelection>().AsNoTracking().Where(x => x.Id == selectionId)).FirstAsync(ct));
        }, ct);
    }

    /// <summary>Records the yearly check of a named point (one per year); a fail revokes the title and the room's level falls back.</summary>
    public async Task<Outcome<CheckView>> CheckAsync(Guid selectionId, CheckRequest r, CancellationToken ct)
    {
        var visible = db.Set<RoomSelection>().AsNoTracking().InScope(await me.ScopePathAsync(ct), s => s.ScopePath);
        if (!await visible.AnyAsync(s => s.Id == selectionId, ct)) return Outcome<CheckView>.NotFound();
        if (r.Result is not { } result || !Enum.IsDefined(result)) return Outcome<CheckView>.Invalid("result", "check.result");
        if (r.Year is null) return Outcome<CheckView>.Invalid("year", "check.year");
        if (r.Note?.Trim().Length > 500) return Outcome<CheckView>.Invalid("note", "check.note");
        return await SerialAsync(async () =>
        {
            var s = await db.Set<RoomSelection>().FirstAsync(x => x.Id == selectionId, ct);
            if (ReadingRoomRules.CheckRefusal(r.Year.Value, s.NamedYear ?? int.MaxValue, Today.Year, s.Status) is { } refusal)
                return refusal == "check.year" ? Outcome<CheckView>.Invalid("year", refusal) : Outcome<CheckView>.Conflict(refusal);
            if (await db.Set<RoomCheck>().AnyAsync(c => c.SelectionId == selectionId && c.Year == r.Year, ct)) return Outcome<CheckView>.Conflict("check.exists", null, r.Year);
            var at = clock.GetUtcNow();
            var c = RoomCheck.Of(selectionId, r.Year.Value, result, r.Note, at, me.Name);
            db.Add(c);
            if (result == CheckVerdict.Fail)
            {
                s.Step(SelectionStatus.Revoked, Today, null, r.Note, at);
                var room = await db.Set<ReadingRoom>().FirstAsync(x => x.Id == s.RoomId, ct);
                var other = await db.Set<RoomSelection>().Where(x => x.RoomId == s.RoomId && x.Id != s.Id && x.Status == SelectionStatus.Named)
                    .Select(x => (DemoLevel?)x.Level).OrderByDescending(x => x).FirstOrDefaultAsync(ct);
                room.Named(other, at);
            }
            await db.SaveChangesAsync(ct);
            return Outcome<CheckView>.Ok(new CheckView(c.Id, c.SelectionId, c.Year, c.Result, c.Note, c.At, c.By));
        }, ct);
    }

    /// <summary>Selection steps and checks change a selection and its room together: one at a time (PostgreSQL: in a transaction).</summary>
    private async Task<Outcome<T>> SerialAsync<T>(Func<Task<Outcome<T>>> body, CancellationToken ct)
    {
        await SqliteGate.WaitAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await body();
            if (result.IsOk) await tx.CommitAsync(ct);
            return result;
        }
        finally { SqliteGate.Release(); }
    }
}
