using Gonghui.Modules.ModelWorkers.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.ModelWorkers.ReadingRooms;

/// <summary>A workers' reading room (职工书屋) of a union unit: where it is (WGS-84), its books, area and opening hours.</summary>
public sealed class ReadingRoom : IAudited
{
    private ReadingRoom() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public Guid UnitId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string? DistrictCode { get; private set; }
    public string Address { get; private set; } = "";
    public double Lat { get; private set; }
    public double Lng { get; private set; }
    public int Books { get; private set; }
    public int AreaSqm { get; private set; }
    public TimeOnly OpensAt { get; private set; }
    public TimeOnly ClosesAt { get; private set; }
    public OpenDays Days { get; private set; }
    /// <summary>The highest demonstration level it is named at (null: none), kept with the selection that names or revokes it.</summary>
    public DemoLevel? NamedLevel { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static ReadingRoom Create(string name, Guid unitId, string scopePath, string? district, string address, double lat, double lng, int books, int area,
        TimeOnly opens, TimeOnly closes, OpenDays days, DateTimeOffset at, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(), Name = name.Trim(), UnitId = unitId, ScopePath = scopePath, DistrictCode = district, Address = address.Trim(),
        Lat = lat, Lng = lng, Books = books, AreaSqm = area, OpensAt = opens, ClosesAt = closes, Days = days, CreatedAt = at, UpdatedAt = at,
    };

    public void Update(string name, string address, double lat, double lng, int books, int area, TimeOnly opens, TimeOnly closes, OpenDays days, DateTimeOffset at)
    {
        Name = name.Trim(); Address = address.Trim(); Lat = lat; Lng = lng; Books = books; AreaSqm = area; OpensAt = opens; ClosesAt = closes; Days = days; UpdatedAt = at;
    }

    public void Named(DemoLevel? level, DateTimeOffset at) { NamedLevel = level; UpdatedAt = at; }

    public int WeeklyHours => ReadingRoomRules.WeeklyHours(OpensAt, ClosesAt, Days);
}

/// <summary>A reading room's application to be a demonstration point at one level, through review and publicity to named (or rejected, or revoked).</summary>
public sealed class RoomSelection : IAudited
{
    private RoomSelection() { }

    public Guid Id { get; private set; }
    public Guid RoomId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public DemoLevel Level { get; private set; }
    public int Year { get; private set; }
    public SelectionStatus Status { get; private set; }
    public DateOnly? PublicityEndsOn { get; private set; }
    public int? NamedYear { get; private set; }
    public string? Reason { get; private set; }
    public DateTimeOffset AppliedAt { get; private set; }
    public string AppliedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    /// <summary>"{room}:{level}" while the selection is open (unique: one open selection per room and level), null once rejected or revoked.</summary>
    public string? OpenKey { get; private set; }

    public static RoomSelection Apply(ReadingRoom room, DemoLevel level, int year, DateTimeOffset at, string by, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(), RoomId = room.Id, ScopePath = room.ScopePath, Level = level, Year = year, Status = SelectionStatus.Applied,
        AppliedAt = at, AppliedBy = by, UpdatedAt = at, OpenKey = $"{room.Id:N}:{level}",
    };

    public void Step(SelectionStatus to, DateOnly today, DateOnly? publicityEndsOn, string? reason, DateTimeOffset at)
    {
        Status = to; UpdatedAt = at;
        if (publicityEndsOn is not null) PublicityEndsOn = publicityEndsOn;
        if (to == SelectionStatus.Named) NamedYear = today.Year;
        if (!string.IsNullOrWhiteSpace(reason)) Reason = reason.Trim();
        if (!ReadingRoomRules.IsOpen(to)) OpenKey = null;
    }
}

/// <summary>The yearly check (年度复核) of a named demonstration point; a fail revokes it.</summary>
public sealed class RoomCheck : IAudited
{
    private RoomCheck() { }
    public Guid Id { get; private set; }
    public Guid SelectionId { get; private set; }
    public int Year { get; private set; }
    public CheckVerdict Result { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string By { get; private set; } = "";

    public static RoomCheck Of(Guid selectionId, int year, CheckVerdict result, string? note, DateTimeOffset at, string by) =>
        new() { Id = Guid.CreateVersion7(), SelectionId = selectionId, Year = year, Result = result, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), At = at, By = by };
}
