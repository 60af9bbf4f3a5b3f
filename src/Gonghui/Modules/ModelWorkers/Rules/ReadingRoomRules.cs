namespace Gonghui.Modules.ModelWorkers.Rules;

/// <summary>The demonstration point a reading room is selected as: Beijing (北京市职工书屋示范点) or national (全国职工书屋示范点).</summary>
public enum DemoLevel { Beijing = 0, National = 1 }

/// <summary>A selection's life: application → review (district) → publicity (5 working days) → named; or rejected; a named point that fails its yearly check is revoked.</summary>
public enum SelectionStatus { Applied = 0, Reviewed = 1, InPublicity = 2, Named = 3, Rejected = 4, Revoked = 5 }

public enum SelectionAction { Review = 0, Approve = 1, Name = 2, Reject = 3 }

/// <summary>The outcome of a yearly check (年度复核).</summary>
public enum CheckVerdict { Pass = 0, Fail = 1 }

/// <summary>Opening days as bits, Monday = 1 … Sunday = 64.</summary>
[Flags]
public enum OpenDays { None = 0, Mon = 1, Tue = 2, Wed = 4, Thu = 8, Fri = 16, Sat = 32, Sun = 64, Weekdays = 31, All = 127 }

/// <summary>The reading rooms' rules: the registry entry, the demonstration-point selection, the yearly check. Pure.</summary>
public static class ReadingRoomRules
{
    public const int NameMax = 100, AddressMax = 200, ReasonMax = 500;
    public const int PublicityWorkingDays = 5;

    /// <summary>The fewest books and square metres a demonstration point of each level keeps (the federation's selection criteria).</summary>
    public static (int Books, int AreaSqm, int WeeklyHours) Minimum(DemoLevel level) => level == DemoLevel.National ? (5000, 100, 30) : (3000, 60, 20);

    public static List<(string Field, string Code)> CheckRoom(string? name, string? address, double? lat, double? lng, int? books, int? areaSqm,
        TimeOnly? opens, TimeOnly? closes, int? days)
    {
        var e = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > NameMax) e.Add(("name", "room.name"));
        if (string.IsNullOrWhiteSpace(address) || address.Trim().Length > AddressMax) e.Add(("address", "room.address"));
        // Beijing and its surroundings only: the map is Beijing's.
        if (lat is null || lng is null || lat < 39.4 || lat > 41.1 || lng < 115.4 || lng > 117.6) e.Add(("lat", "room.location"));
        if (books is null or < 0 or > 10_000_000) e.Add(("books", "room.books"));
        if (areaSqm is null or < 1 or > 100_000) e.Add(("areaSqm", "room.area"));
        if (opens is null || closes is null || closes <= opens) e.Add(("closesAt", "room.hours"));
        if (days is null or <= 0 or > (int)OpenDays.All) e.Add(("days", "room.days"));
        return e;
    }

    /// <summary>Opening hours a week, in whole hours (rounded down).</summary>
    public static int WeeklyHours(TimeOnly opens, TimeOnly closes, OpenDays days) =>
        (int)((closes - opens).TotalMinutes * System.Numerics.BitOperations.PopCount((uint)days) / 60);

    /// <summary>
    /// Why a room may not apply at a level, or null: it must meet the level's minimum books, area and weekly hours, a national
    /// application needs the room to be a named Beijing point already, and a level already named or in selection is not applied twice.
    /// </summary>
    public static string? ApplyRefusal(DemoLevel level, int books, int areaSqm, int weeklyHours, bool namedBeijing, bool openAtLevel)
    {
        var (minBooks, minArea, minHours) = Minimum(level);
        if (openAtLevel) return "selection.exists";
        if (level == DemoLevel.National && !namedBeijing) return "selection.needsBeijing";
        if (books < minBooks) return "selection.books";
        if (areaSqm < minArea) return "selection.area";
        if (weeklyHours < minHours) return "selection.hours";
        return null;
    }

    /// <summary>The state a step leads to, or the code of why not. Naming needs the publicity to be over; rejecting needs a reason.</summary>
    public static (SelectionStatus? To, string? Error) Step(SelectionAction action, SelectionStatus from, DateOnly today, DateOnly? publicityEndsOn, string? reason) => action switch
    {
        SelectionAction.Review => from == SelectionStatus.Applied ? (SelectionStatus.Reviewed, null) : (null, "selection.notApplied"),
        SelectionAction.Approve => from == SelectionStatus.Reviewed ? (SelectionStatus.InPublicity, null) : (null, "selection.notReviewed"),
        SelectionAction.Name => from != SelectionStatus.InPublicity ? (null, "selection.notInPublicity")
            : publicityEndsOn is { } end && today <= end ? (null, "selection.publicityRunning") : (SelectionStatus.Named, null),
        SelectionAction.Reject => string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > ReasonMax ? (null, "selection.reasonRequired")
            : from is SelectionStatus.Applied or SelectionStatus.Reviewed or SelectionStatus.InPublicity ? (SelectionStatus.Rejected, null)
            : (null, "selection.closed"),
        _ => (null, "selection.action"),
    };

    /// <summary>Whether a selection is still open (blocks a second application at the same level).</summary>
    public static bool IsOpen(SelectionStatus s) => s is SelectionStatus.Applied or SelectionStatus.Reviewed or SelectionStatus.InPublicity or SelectionStatus.Named;

    /// <summary>
    /// A yearly check: one per point and year, for a year the point was named in or after and not after this year. A fail revokes the title.
    /// </summary>
    public static string? CheckRefusal(int year, int namedYear, int thisYear, SelectionStatus status) =>
        status != SelectionStatus.Named ? "check.notNamed"
        : year < namedYear || year > thisYear ? "check.year"
        : null;

    /// <summary>"周一至周五", "周一、周三、周六", "每天".</summary>
    public static string DaysZh(OpenDays d)
    {
        if (d == OpenDays.All) return "每天";
        if (d == OpenDays.Weekdays) return "周一至周五";
        string[] names = ["一", "二", "三", "四", "五", "六", "日"];
        return "周" + string.Join("、", Enumerable.Range(0, 7).Where(i => ((int)d & (1 << i)) != 0).Select(i => names[i]));
    }
}
