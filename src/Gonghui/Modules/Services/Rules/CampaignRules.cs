namespace Gonghui.Modules.Services.Rules;

/// <summary>The seasonal campaigns: 夏送清凉 (summer cool), 冬送温暖 (winter warmth), 秋送助学 (autumn school grants).</summary>
public enum CampaignKind { SummerCool = 2, AutumnSchool = 3, WinterWarmth = 4 }

/// <summary>Who a campaign's target list holds, in priority order: a person in several groups is listed once, in the first.</summary>
public enum RecipientGroup { ArchivedNeedy = 1, Needy = 2, FrontLine = 3 }

public enum GiftKind { InKind = 1, Money = 2 }

/// <summary>Who signed for a gift: the recipient, or the unit on their behalf (a front-line crew signs as a unit).</summary>
public enum SignOffBy { Recipient = 1, Unit = 2 }

public enum RecipientStatus { Listed = 1, Gifted = 2, SignedOff = 3 }

/// <summary>A person a target rule found: the member, their grassroots union and the group the rule puts them in.</summary>
public readonly record struct Candidate(Guid MemberId, Guid UnitId, RecipientGroup Group);

/// <summary>What a unit planned to reach in a group.</summary>
public sealed record PlanLine(Guid UnitId, RecipientGroup Group, int Planned);

/// <summary>A unit's recipients in a group as they stand: listed, gifted, signed off.</summary>
public sealed record RecipientCount(Guid UnitId, RecipientGroup Group, int Listed, int Gifted, int SignedOff, long MoneyFen);

/// <summary>One line of the results per unit against the plan.</summary>
public sealed record CampaignResult(Guid UnitId, RecipientGroup Group, int Planned, int Listed, int Gifted, int SignedOff, long MoneyFen, int? ReachBp);

/// <summary>The campaign rules: target lists, gifts, sign-off, publicity and results. Pure functions.</summary>
public static class CampaignRules
{
    /// <summary>The most one person receives from one campaign in money: 5,000 yuan.</summary>
    public const long MaxGiftFen = 500_000;

    /// <summary>Days a money campaign's list is publicised (公示) before money is paid.</summary>
    public const int PublicityDays = 5;

    /// <summary>
    /// The target list from the rules' candidates: each person once (a campaign gives once per person), in the group of highest
    /// priority they qualify for (archived needy before needy before front-line), leaving out those already listed; in a stable order
    /// (group, unit, member) so that a rebuilt list adds the same people in the same order.
    /// </summary>
    public static List<Candidate> BuildTargets(IEnumerable<Candidate> candidates, IReadOnlySet<Guid> alreadyListed)
    {
        var best = new Dictionary<Guid, Candidate>();
        foreach (var c in candidates)
        {
            if (alreadyListed.Contains(c.MemberId)) continue;
            if (!Enum.IsDefined(c.Group)) continue;
            if (!best.TryGetValue(c.MemberId, out var seen) || c.Group < seen.Group) best[c.MemberId] = c;
        }
        return best.Values.OrderBy(c => c.Group).ThenBy(c => c.UnitId).ThenBy(c => c.MemberId).ToList();
    }

    /// <summary>Whether a campaign's list must be publicised before its gifts are paid: every money campaign, and every 秋送助学 (grants).</summary>
    public static bool PublicityRequired(CampaignKind kind, GiftKind gift) => gift == GiftKind.Money || kind == CampaignKind.AutumnSchool;

    /// <summary>The first day gifts may be handed over: the day after the publicity ends; null when no publicity is required.</summary>
    public static DateOnly? GiftsFrom(bool publicityRequired, DateOnly? publicityStartsOn) =>
        !publicityRequired ? null : publicityStartsOn?.AddDays(PublicityDays);

    /// <summary>
    /// Why a gift may not be given to a recipient now (a code), or null: once per person, money within the cap and only after the
    /// publicity, an in-kind gift with what it is.
    /// </summary>
    public static string? CheckGift(RecipientStatus status, GiftKind kind, long? amountFen, string? item, bool publicityRequired,
        DateOnly? publicityStartsOn, DateOnly today)
    {
        if (status != RecipientStatus.Listed) return "campaign.alreadyGifted";
        if (publicityRequired)
        {
            if (publicityStartsOn is null) return "campaign.publicityMissing";
            if (today < GiftsFrom(true, publicityStartsOn)) return "campaign.publicityRunning";
        }
        if (kind == GiftKind.Money)
        {
            if (amountFen is not { } fen || fen <= 0) return "campaign.amountRequired";
            if (fen > MaxGiftFen) return "campaign.amountOverCap";
        }
        else if (string.IsNullOrWhiteSpace(item)) return "campaign.itemRequired";
        return null;
    }

    /// <summary>Why a gift may not be signed for (a code), or null: only a gift handed over, once; a unit signs only for front-line crews.</summary>
    public static string? CheckSignOff(RecipientStatus status, RecipientGroup group, SignOffBy by)
    {
        if (status == RecipientStatus.Listed) return "campaign.notGifted";
        if (status == RecipientStatus.SignedOff) return "campaign.alreadySignedOff";
        if (by == SignOffBy.Unit && group != RecipientGroup.FrontLine) return "campaign.unitSignsFrontLineOnly";
        return null;
    }

    /// <summary>The results per unit and group against the plan: every planned line and every line with recipients; reach = signed off / planned.</summary>
    public static List<CampaignResult> Results(IEnumerable<PlanLine> plan, IEnumerable<RecipientCount> counts)
    {
        var planned = plan.GroupBy(p => (p.UnitId, p.Group)).ToDictionary(g => g.Key, g => g.Sum(p => p.Planned));
        var actual = counts.GroupBy(c => (c.UnitId, c.Group)).ToDictionary(g => g.Key,
            g => new RecipientCount(g.Key.UnitId, g.Key.Group, g.Sum(c => c.Listed), g.Sum(c => c.Gifted), g.Sum(c => c.SignedOff), g.Sum(c => c.MoneyFen)));
        return planned.Keys.Union(actual.Keys)
            .Select(k =>
            {
                var p = planned.GetValueOrDefault(k);
                var a = actual.GetValueOrDefault(k) ?? new RecipientCount(k.UnitId, k.Group, 0, 0, 0, 0);
                return new CampaignResult(k.UnitId, k.Group, p, a.Listed, a.Gifted, a.SignedOff, a.MoneyFen, p > 0 ? (int)((long)a.SignedOff * 10_000 / p) : null);
            })
            .OrderBy(r => r.UnitId).ThenBy(r => r.Group).ToList();
    }
}
